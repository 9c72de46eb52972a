/**
 * Writes exactly one JSON document to stdout (the only thing `--json` commands print there), with the
 * project's JSON convention applied ({@link withConventionNames}), so every command follows it.
 */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(withConventionNames(value), null, 2)}\n`);
}

/** A field name in camelCase: lower-case words joined by capitalised ones (`expiresAt`, `requiredConfig`). */
const CAMEL_CASE = /^[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+$/;

/** `expiresAt` → `expires_at`. */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/**
 * The JSON convention of every `--json` document: field names in snake_case. A camelCase field that
 * other tools already read (`requiredConfig`, `expiresAt`) stays, and its snake_case name is added beside
 * it with the same value; nested objects and arrays get the same treatment. Only names that are camelCase
 * identifiers are touched, so data used as keys (`shardId-000000000000`, trace names) is left alone.
 * {@link printJson} applies it to every document.
 */
export function withConventionNames<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => withConventionNames(item)) as T;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    out[key] = withConventionNames(field);
    if (CAMEL_CASE.test(key)) {
      const snake = snakeCase(key);
      if (!(snake in value)) out[snake] = out[key];
    }
  }
  return out as T;
}

/** Writes human-readable output (tables, results) to stdout. */
export function print(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** Progress and logs: always stderr, so stdout stays clean for `--json` and pipes. */
export function log(line = ''): void {
  process.stderr.write(`${line}\n`);
}

/** Formats rows as an aligned text table. */
export function table(headers: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const cells = [headers, ...rows].map((row) => row.map((cell) => String(cell ?? '')));
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => row[i]?.length ?? 0)));
  return cells
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
