import { Component } from "projen";
import { DockerfileStage, GoServiceProject, Instruction } from "@gosynth/core";

/** Options of the migrations construct. */
export interface MigrationsOptions {
  /** Directory of the SQL migrations. @default "migrations" */
  readonly dir?: string;
  /** Main package of the migrate command. @default "./cmd/migrate" */
  readonly mainPackage?: string;
}

/**
 * Database migrations for a gosynth service: a Dockerfile stage that builds the
 * migrate command, the command and the SQL files in the runtime image, a
 * `make migrate` target and a CI job. Reads everything else from project.config.
 */
export class Migrations extends Component {
  constructor(project: GoServiceProject, options: MigrationsOptions = {}) {
    super(project);
    const dir = options.dir ?? "migrations";
    const main = options.mainPackage ?? "./cmd/migrate";
    const owner = `${project.config.runtime.user.uid}:${project.config.runtime.user.gid}`;

    project.dockerfile.addStage(
      new DockerfileStage("migrations", Instruction.from("build", "migrations")).add(
        Instruction.run([`CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -trimpath -o /out/migrate ${main}`], {
          id: "migrations.build",
          mounts: ["type=cache,target=/go/pkg/mod", "type=cache,target=/root/.cache/go-build", "type=bind,target=/src"],
          comment: "The migrate command, built like the service.",
        }),
      ),
    );
    project.dockerfile.runtimeStage.insertAfter(
      "runtime.binary",
      Instruction.copy(["/out/migrate"], "/usr/local/bin/migrate", { from: "migrations", chown: owner, id: "runtime.migrate" }),
      Instruction.copy([dir], `/${dir}`, { chown: owner, id: "runtime.migrations" }),
    );
    project.makefile.addTarget("migrate", {
      description: "Apply the database migrations",
      recipe: [`$(GO) run ${main} -dir ${dir} up`],
    });
    project.workflows?.ci.addJob("migrations", {
      name: "Migrations compile",
      runsOn: ["ubuntu-latest"],
      permissions: { contents: "read" as never },
      steps: [
        { name: "Checkout", uses: project.config.tools.actions.checkout, with: { "persist-credentials": false } },
        { name: "Set up Go", uses: project.config.tools.actions.setupGo, with: { "go-version-file": "go.mod" } },
        { name: "Build migrate", run: `go build ${main}` },
      ],
    });
  }
}
