import { Project } from "projen";
import { BaseImage, GoServiceProject, GoServiceProjectOptions, LintPreset } from "@gosynth/core";

// One repository, several services (projen subprojects), shared settings.
const root = new Project({ name: "platform" });
const shared: Partial<GoServiceProjectOptions> = {
  goVersion: "1.27",
  lintPreset: LintPreset.STRICT,
  platforms: ["linux/amd64", "linux/arm64"],
  ci: false, // one repository, one workflow set: add it at the root if you need it
};
new GoServiceProject({ ...shared, parent: root, outdir: "services/api", name: "api", modulePath: "example.com/acme/platform/api", port: 8080 });
new GoServiceProject({ ...shared, parent: root, outdir: "services/worker", name: "worker", modulePath: "example.com/acme/platform/worker", port: 9090, baseImage: BaseImage.SCRATCH });

root.synth();
