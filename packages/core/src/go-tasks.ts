import type { IConstruct } from "constructs";
import { Component } from "projen/lib/component";

/**
 * projen's tasks run the Makefile's targets, the one definition of how the
 * service is built, tested and linted: `npx projen build` = synthesize,
 * compile (make build), test (make test), lint (make lint).
 */
export class GoTasks extends Component {
  public constructor(scope: IConstruct, id: string) {
    super(scope, id);
    const project = this.project;
    project.compileTask.exec("make build");
    project.testTask.exec("make test");
    const lint = project.addTask("lint", { description: "golangci-lint (make lint)" });
    lint.exec("make lint");
    project.testTask.spawn(lint);
    // The pins refresh (network): newest Go patch, tools, action commits, projen; then synthesis and npm install.
    const upgrade = project.addTask("upgrade", {
      description: "Move the pins in gosynth.pins.json to the newest releases, then re-synthesize",
      receiveArgs: true,
    });
    upgrade.exec("node node_modules/@gosynth/core/lib/upgrade/run-upgrade.js", { receiveArgs: true });
    if (project.defaultTask) upgrade.spawn(project.defaultTask);
    upgrade.exec("npm install --no-audit --no-fund");
  }
}
