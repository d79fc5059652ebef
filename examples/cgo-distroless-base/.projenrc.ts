import { BaseImage, GoServiceProject } from "@gosynth/core";

// cgo on: the binary links glibc, so it runs on distroless base (static and
// scratch would be refused), and make build-all uses Debian's cross compilers.
const project = new GoServiceProject({
  name: "cgo-svc",
  modulePath: "example.com/acme/cgo-svc",
  cgo: true,
  baseImage: BaseImage.DISTROLESS_BASE,
});

project.synth();
