/**
 * Freezes a value and everything it reaches. The resolved config is shared by
 * every construct: a push into one of its arrays would change the others'
 * facts after validation, so nothing in it may change.
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  for (const key of Object.keys(value as object)) deepFreeze((value as Record<string, unknown>)[key]);
  return Object.freeze(value);
}
