import { BaseImage, GoServiceProject } from "@gosynth/core";

// The smallest image: scratch with only the binary, CA certificates, zoneinfo
// and a passwd entry for UID 10001; no test stage, no comments.
const project = new GoServiceProject({
  name: "tiny",
  modulePath: "example.com/acme/tiny",
  baseImage: BaseImage.SCRATCH,
  dockerTestStage: false,
  explainComments: false,
});

project.synth();
