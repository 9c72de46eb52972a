import { buildSync } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Options of {@link bundleEntry}. */
export interface BundleOptions {
  /** Major Node.js version the bundle runs on (esbuild's target). @default 24 (Lambda's `nodejs24.x`) */
  readonly nodeMajor?: number;
}

/** Build directories of this process, removed when it exits (CDK has staged them into `cdk.out` by then). */
const buildDirectories: string[] = [];

/**
 * Bundles a TypeScript entry file from `packages/` into one minified CommonJS file and returns a new
 * directory holding it as `index.js` (for `lambda.Code.fromAsset(dir)` or an S3 asset of `dir/index.js`).
 *
 * Every call gets its own private directory: `mkdtemp` creates it exclusively under an unpredictable name
 * with mode 0700, and `index.js` is created with `O_EXCL`, so nothing another local user planted (a
 * pre-created directory, a symlink) is used, followed or written through, and nobody else can swap the
 * bundle before CDK stages it. Asset hashes come from the content, so assets stay stable between synths.
 */
export function bundleEntry(entryFile: string, options: BundleOptions = {}): string {
  const result = buildSync({
    entryPoints: [entryFile],
    bundle: true,
    platform: 'node',
    target: `node${options.nodeMajor ?? 24}`,
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents;
  if (!code) throw new Error(`esbuild produced no output for ${entryFile}`);
  const dir = mkdtempSync(join(tmpdir(), 'labs-bundle-'));
  if (buildDirectories.push(dir) === 1) process.once('exit', removeBuildDirectories);
  // 0644: Lambda's runtime user must read the file; the 0700 directory keeps other local users out.
  writeFileSync(join(dir, 'index.js'), code, { flag: 'wx', mode: 0o644 });
  return dir;
}

function removeBuildDirectories(): void {
  for (const dir of buildDirectories.splice(0)) rmSync(dir, { recursive: true, force: true });
}
