import { readFileSync } from 'node:fs';
import { LabsError, validateEnvName, type Cloud } from '@labs/config';
import { runClass, type ClassItemStatus, type ClassRunOptions } from '../cloud/class-run';
import { classCounts, ClassLiveView } from '../cloud/class-view';
import { log } from '../output';
import { withStopSignals } from '../stop-signals';

/** How many environments a class command works on at once, by cloud, unless `--parallel` says otherwise. */
export const DEFAULT_PARALLEL: Readonly<Record<Cloud, number>> = { aws: 15, gcp: 15 };

/** `--parallel` help: the default per cloud and why. */
export const PARALLEL_HELP =
  'environments at once (default 15 on both clouds: a class of 30 in two waves. AWS: each deploy is one CloudFormation stack operation, polled by one cdk process; throttled calls are retried. GCP: each pulumi up is one process of about 0.4 GB, and concurrent writes of the project IAM policy conflict and are retried)';

/** The environment-selection flags of `up`, `down` and `extend`. */
export interface EnvSelection {
  readonly env?: string;
  readonly envs?: string;
  readonly class?: string;
}

/** The env names of `--env`, `--envs a,b,c` or `--class FILE` (one per line, `#` comments), validated. */
export function envNames(options: EnvSelection): string[] {
  const given = [options.env, options.envs, options.class].filter((value) => value !== undefined).length;
  if (given !== 1) throw new LabsError('give exactly one of --env NAME, --envs a,b,c or --class FILE');
  let names: string[];
  if (options.class !== undefined) {
    let text: string;
    try {
      text = readFileSync(options.class, 'utf8');
    } catch {
      throw new LabsError(`cannot read class file "${options.class}": give a file with one environment name per line`);
    }
    names = text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
  } else {
    names = (options.envs ?? options.env ?? '').split(',').map((name) => name.trim());
  }
  if (!names.length) throw new LabsError('no environment names given');
  const duplicates = names.filter((name, index) => names.indexOf(name) !== index);
  if (duplicates.length) throw new LabsError(`duplicate environment name "${duplicates[0]}"`);
  return names.map(validateEnvName);
}

/** Parses `--parallel N`, defaulting to the cloud's own bound. */
export function parallelism(value: string | undefined, cloud: Cloud): number {
  if (value === undefined) return DEFAULT_PARALLEL[cloud];
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new LabsError(`invalid --parallel "${value}": use a whole number from 1 to 100`);
  return n;
}

/**
 * Runs a class command: the live table on stderr, Ctrl-C stops starting new environments (running
 * deployments finish or roll back) and the summary says where each one stands.
 */
export async function runClassCommand(
  what: string,
  options: Pick<ClassRunOptions, 'envs' | 'parallel' | 'work' | 'alreadyDone'>,
): Promise<ClassItemStatus[]> {
  const view = new ClassLiveView();
  log(`${what}: ${options.envs.length} environment(s), ${options.parallel} at once (Ctrl-C stops starting new ones)`);
  try {
    const items = await withStopSignals(['SIGINT', 'SIGTERM'], (signal) => {
      signal.addEventListener('abort', () => log('stopping: no new environment starts; running ones finish or roll back …'), {
        once: true,
      });
      return runClass({ ...options, signal, onChange: view.update });
    });
    log(classCounts(items));
    return items;
  } finally {
    view.stop();
  }
}

/** Where one environment of a command stands at the end. */
export interface EnvResult {
  readonly env: string;
  readonly ok: boolean;
  readonly message: string;
}

/**
 * Runs a command's work on one environment directly, or on several as a class ({@link runClassCommand});
 * an environment skipped as already done counts as ok.
 */
export async function runOnEnvs(
  what: string,
  options: Pick<ClassRunOptions, 'envs' | 'parallel' | 'work' | 'alreadyDone'>,
): Promise<EnvResult[]> {
  const [only] = options.envs;
  if (options.envs.length === 1 && only !== undefined) {
    const { ok, message } = await options.work(only);
    return [{ env: only, ok, message }];
  }
  return (await runClassCommand(what, options)).map((item) => ({
    env: item.env,
    ok: item.state === 'done' || item.state === 'skipped',
    message: item.message,
  }));
}
