// Kubernetes resource quantities, parsed far enough to compare a request with
// its limit: CPU in millicores ("500m", "1", "1.5"), memory in bytes ("128Mi",
// "1Gi", "500M", "1e9"). Anything else is refused rather than guessed.

const CPU = /^([0-9]+(\.[0-9]+)?)(m)?$/;
const MEMORY = /^([0-9]+(\.[0-9]+)?)(e[0-9]+|Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/;
const MEMORY_UNITS: { [suffix: string]: number } = {
  "": 1,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

/** Millicores of a CPU quantity, or undefined when it is not one. */
export function parseCpu(value: string): number | undefined {
  const m = CPU.exec(value);
  if (!m) return undefined;
  return m[3] ? Number(m[1]) : Number(m[1]) * 1000;
}

/** Bytes of a memory quantity, or undefined when it is not one. */
export function parseMemory(value: string): number | undefined {
  const m = MEMORY.exec(value);
  if (!m) return undefined;
  const suffix = m[3] ?? "";
  const factor = suffix.startsWith("e") ? 10 ** Number(suffix.slice(1)) : MEMORY_UNITS[suffix];
  return Number(m[1]) * factor;
}
