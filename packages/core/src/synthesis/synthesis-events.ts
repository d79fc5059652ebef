import type { Project } from "projen/lib/project";

type Listener = (project: Project) => void;
const listeners = new Set<Listener>();

/**
 * Tells tools (the gosynth CLI) that a gosynth project started to synthesize,
 * and which: the supported way to observe a run of .projenrc.ts instead of
 * patching projen. Returns the function that stops listening.
 */
export function onSynthesisStart(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Called by GoServiceProject.synth() before anything is written. */
export function notifySynthesisStart(project: Project): void {
  for (const listener of listeners) listener(project);
}
