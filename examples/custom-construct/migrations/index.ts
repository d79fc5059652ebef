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
 * migrate command exactly like the service (the project's shared GoBuild: cgo,
 * tags, ldflags, the compile step's mounts and cross-compile env), the command
 * and the SQL files in the runtime image, a `make migrate` target and a CI job.
 * It states no build flag of its own.
 */
export class Migrations extends Component {
  constructor(project: GoServiceProject, options: MigrationsOptions = {}) {
    super(project);
    const dir = options.dir ?? "migrations";
    const main = options.mainPackage ?? "./cmd/migrate";
    // cmd/migrate declares main.version too.
    const migrate = project.goBuild.withBinary("migrate", main, { versionVariable: "main.version" });
    const { uid, gid } = project.config.image.runtime.user;
    const owner = `${uid}:${gid}`;
    // The service's compile step: the same cache/source mounts and GOOS/GOARCH/CGO_ENABLED.
    const compile = project.dockerfile.instruction("build.compile");

    project.dockerfile.addStage(
      new DockerfileStage("migrations", Instruction.from("build", "migrations")).add(
        Instruction.run([migrate.command({ version: "${VERSION}" }, "/out/migrate")], {
          id: "migrations.build",
          mounts: compile.mounts,
          env: compile.variables,
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
      recipe: [`CGO_ENABLED=$(CGO_ENABLED) $(GO) run $(GO_BUILD_FLAGS) ${main} -dir ${dir} up`],
    });
    const { actions } = project.config.tools;
    project.workflows?.ci.addJob("migrations", {
      name: "Migrations compile",
      runsOn: ["ubuntu-latest"],
      permissions: { contents: "read" as never },
      steps: [
        { name: "Checkout", uses: actions.checkout, with: { "persist-credentials": false } },
        { name: "Set up Go", uses: actions.setupGo, with: { "go-version-file": "go.mod" } },
        { name: "Build migrate", run: `CGO_ENABLED=${migrate.cgoEnabled} go build ${migrate.flags.join(" ")} ${main}` },
      ],
    });
  }
}
