import { GoServiceProject } from "@gosynth/core";
import { Migrations } from "./migrations";

// A user-defined construct (./migrations, shareable as its own npm package)
// that adds a Dockerfile stage, a Makefile target and a CI job.
const project = new GoServiceProject({
  name: "orders",
  modulePath: "example.com/acme/orders",
});
new Migrations(project, { dir: "migrations" });

project.synth();
