import { Component, Project } from "projen";

/**
 * projen's tasks run the Makefile's targets, the one definition of how the
 * service is built, tested and linted: `npx projen build` = synthesize,
 * compile (make build), test (make test), lint (make lint).
 */
export class GoTasks extends Component {
  public constructor(project: Project) {
    super(project);
    project.compileTask.exec("make build");
    project.testTask.exec("make test");
    const lint = project.addTask("lint", { description: "golangci-lint (make lint)" });
    lint.exec("make lint");
    project.testTask.spawn(lint);
  }
}
