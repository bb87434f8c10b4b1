/** Per-company module overrides on top of the plan's modules. */

/** Draft overrides: module -> forced on/off; a missing key follows the plan. */
export type Overrides = Record<string, boolean>;

export function effectiveEnabled(key: string, planModules: readonly string[], overrides: Overrides): boolean {
  return key in overrides ? overrides[key]! : planModules.includes(key);
}

/**
 * PATCH payload: every override in the draft, plus `null` for each override
 * that was removed (null = back to the plan default). Sending the whole map
 * works whether the API merges or replaces it.
 */
export function overridesPatch(original: Overrides, draft: Overrides): Record<string, boolean | null> {
  const patch: Record<string, boolean | null> = { ...draft };
  for (const key of Object.keys(original)) {
    if (!(key in draft)) patch[key] = null;
  }
  return patch;
}

export function sameOverrides(a: Overrides, b: Overrides): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => key in b && a[key] === b[key]);
}
