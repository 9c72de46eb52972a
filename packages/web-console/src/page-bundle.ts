import { join } from 'node:path';
import { build } from 'esbuild';

/** The console page, bundled: one script and one style sheet, nothing fetched from elsewhere. */
export interface PageBundle {
  readonly js: string;
  readonly css: string;
}

/** Folder of the page's sources. */
export const PAGE_DIR = join(__dirname, '..', 'page');

/** Bundles the page (Preact, uPlot and the views) with esbuild, in memory: a fresh clone needs no build step. */
export async function buildPage(): Promise<PageBundle> {
  const result = await build({
    entryPoints: [join(PAGE_DIR, 'main.tsx')],
    bundle: true,
    write: false,
    outdir: 'out',
    format: 'esm',
    target: 'es2022',
    minify: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'silent',
    absWorkingDir: PAGE_DIR,
  });
  const file = (ext: string): string => result.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? '';
  return { js: file('.js'), css: file('.css') };
}
