import { GoServiceProject } from "@gosynth/core";

// The defaults: distroless static, Go 1.26, port 8080, linux/amd64 + linux/arm64.
const project = new GoServiceProject({
  name: "hello",
  modulePath: "example.com/acme/hello",
});

project.synth();
