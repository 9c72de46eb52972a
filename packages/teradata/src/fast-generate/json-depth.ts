/**
 * The deepest nesting of arrays and objects polyglot accepts: it reads the trees as JSON with
 * serde_json's recursion limit, and rejects a statement list nested 128 levels deep (measured).
 */
export const POLYGLOT_MAX_JSON_DEPTH = 127;

/**
 * Whether `value`, written as JSON, nests arrays and objects at most `levels` deep (the value
 * itself counts as one level when it is an array or object).
 */
export function fitsJsonDepth(value: unknown, levels: number): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (levels === 0) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!fitsJsonDepth(item, levels - 1)) return false;
    return true;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) if (!fitsJsonDepth(record[key], levels - 1)) return false;
  return true;
}
