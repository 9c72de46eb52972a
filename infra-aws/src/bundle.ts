import { buildSync } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Bundles a TypeScript entry file from `packages/` into one minified CommonJS file for Node 20 and returns
 * the directory holding it as `index.js` (for `lambda.Code.fromAsset(dir)` or an S3 asset of
 * `dir/index.js`). The directory name is the content hash, so assets stay stable between synths.
 */
export function bundleEntry(entryFile: string): string {
  const result = buildSync({
    entryPoints: [entryFile],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents;
  if (!code) throw new Error(`esbuild produced no output for ${entryFile}`);
  const dir = join(tmpdir(), 'labs-bundles', createHash('sha256').update(code).digest('hex').slice(0, 16));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'index.js');
  try {
    if (Buffer.compare(readFileSync(file), code) === 0) return dir;
  } catch {
    // not bundled yet
  }
  writeFileSync(file, code);
  return dir;
}
