import { GoServiceProject } from "@gosynth/core";

// Private modules: GOPRIVATE for the download step and a BuildKit secret
// (docker build --secret id=netrc,src=$HOME/.netrc .) that never lands in a layer.
const project = new GoServiceProject({
  name: "internal-svc",
  modulePath: "github.com/acme/internal-svc",
  goPrivate: ["github.com/acme/*"],
});

project.synth();
