import { buildSync } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root. */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/** IAM service prefix of each AWS SDK v3 client package. */
const SERVICE_OF_CLIENT: Record<string, string> = {
  'client-kinesis': 'kinesis',
  'client-cloudwatch': 'cloudwatch',
  'client-kinesis-video': 'kinesisvideo',
  'client-kinesis-video-archived-media': 'kinesisvideo',
  'client-cloudformation': 'cloudformation',
  'client-sts': 'sts',
};

/**
 * Calls that are not AWS SDK commands, found by the module that makes them: the video producer signs its
 * own PutMedia requests (no AWS JS SDK offers PutMedia).
 */
const SIGNED_CALLS: Record<string, string> = { 'put-media/': 'kinesisvideo:PutMedia' };

/**
 * The IAM actions a runtime entry point can call: esbuild bundles it as the stack does; each
 * `new <Name>Command(` left in the bundle is an SDK call, and the repository source that makes it says which
 * client package (so which service) the command comes from.
 */
export function runtimeActions(entry: string): string[] {
  const result = buildSync({
    entryPoints: [join(REPO_ROOT, entry)],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    write: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: REPO_ROOT,
  });
  // Only files that put code into the bundle: a module imported for one export does not send the rest.
  const output = Object.values(result.metafile.outputs)[0];
  const sources = Object.entries(output?.inputs ?? {})
    .filter(([input, { bytesInOutput }]) => input.startsWith('packages/') && input.endsWith('.ts') && bytesInOutput > 0)
    .map(([input]) => input);
  // The bundle keeps a call only if it is reachable; sources say which client each command comes from.
  const bundled = new Set([...(result.outputFiles[0]?.text ?? '').matchAll(/new (?:[\w$]+\.)?(\w+)Command\(/g)].map((match) => match[1]));
  const actions = new Set<string>();
  for (const source of sources) {
    const text = readFileSync(join(REPO_ROOT, source), 'utf8');
    const clientOf = new Map<string, string>();
    for (const match of text.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'@aws-sdk\/([\w-]+)'/g)) {
      for (const name of (match[1] ?? '').split(',').map(
        (part) =>
          part
            .trim()
            .split(/\s+as\s+/)[0]
            ?.trim() ?? '',
      ))
        if (name) clientOf.set(name, match[2] ?? '');
    }
    for (const match of text.matchAll(/new (\w+)Command\(/g)) {
      const client = clientOf.get(`${match[1]}Command`);
      const service = client && SERVICE_OF_CLIENT[client];
      if (!service) throw new Error(`${source}: ${match[1]}Command comes from ${client ?? 'an unknown module'}; add its service prefix`);
      if (bundled.has(match[1])) actions.add(`${service}:${match[1]}`);
    }
    for (const [marker, action] of Object.entries(SIGNED_CALLS)) if (source.includes(marker)) actions.add(action);
  }
  return [...actions].sort();
}
