import { runClass, type ClassWorkOutcome } from '../src/cloud/class-run';

/** Work whose completion the test controls: each call waits until `finish(env, outcome)`. */
function controlledWork() {
  const pending = new Map<string, (outcome: ClassWorkOutcome) => void>();
  const started: string[] = [];
  let running = 0;
  let peak = 0;
  return {
    started,
    get running() {
      return running;
    },
    get peak() {
      return peak;
    },
    work: (env: string) =>
      new Promise<ClassWorkOutcome>((resolve) => {
        started.push(env);
        running += 1;
        peak = Math.max(peak, running);
        pending.set(env, (outcome) => {
          running -= 1;
          pending.delete(env);
          resolve(outcome);
        });
      }),
    finish(env: string, outcome: ClassWorkOutcome = { ok: true, message: `${env} deployed` }) {
      const resolve = pending.get(env);
      if (!resolve) throw new Error(`${env} is not running`);
      resolve(outcome);
    },
    runningEnvs: () => [...pending.keys()],
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
const envs = (n: number) => Array.from({ length: n }, (_, i) => `stu-${String(i + 1).padStart(2, '0')}`);

describe('runClass', () => {
  it('never runs more than --parallel environments at once, and starts the next as soon as one ends', async () => {
    const control = controlledWork();
    const run = runClass({ envs: envs(7), parallel: 3, work: control.work });
    await tick();
    expect(control.runningEnvs()).toEqual(['stu-01', 'stu-02', 'stu-03']);
    control.finish('stu-02');
    await tick();
    expect(control.runningEnvs()).toEqual(['stu-01', 'stu-03', 'stu-04']);
    while (control.runningEnvs().length) {
      for (const env of control.runningEnvs()) control.finish(env);
      await tick();
    }
    const result = await run;
    expect(control.peak).toBe(3);
    expect(result.map((item) => item.state)).toEqual(Array(7).fill('done'));
    expect(control.started).toEqual(envs(7));
  });

  it('keeps going past a failure and reports it in its place', async () => {
    const result = await runClass({
      envs: envs(3),
      parallel: 2,
      work: async (env) => (env === 'stu-02' ? { ok: false, message: 'AccessDenied' } : { ok: true, message: 'deployed' }),
    });
    expect(result.map((item) => [item.env, item.state, item.message])).toEqual([
      ['stu-01', 'done', 'deployed'],
      ['stu-02', 'failed', 'AccessDenied'],
      ['stu-03', 'done', 'deployed'],
    ]);
  });

  it('turns a thrown error into a failed environment', async () => {
    const [item] = await runClass({
      envs: ['stu-01'],
      parallel: 1,
      work: () => Promise.reject(new Error('could not run cdk')),
    });
    expect(item).toMatchObject({ state: 'failed', message: 'could not run cdk', attempts: 1 });
  });

  it('retries a throttled environment after a pause, up to maxAttempts, and never a plain failure', async () => {
    const answers: Record<string, ClassWorkOutcome[]> = {
      'stu-01': [
        { ok: false, message: 'Rate exceeded', throttled: true },
        { ok: false, message: 'Rate exceeded', throttled: true },
        { ok: true, message: 'deployed' },
      ],
      'stu-02': Array(5).fill({ ok: false, message: 'Rate exceeded', throttled: true }),
      'stu-03': [
        { ok: false, message: 'AccessDenied' },
        { ok: true, message: 'deployed' },
      ],
    };
    const pauses: number[] = [];
    const result = await runClass({
      envs: envs(3),
      parallel: 3,
      maxAttempts: 4,
      retryDelayMs: (retry) => retry * 1000,
      sleep: async (ms) => void pauses.push(ms),
      work: async (env) => answers[env]?.shift() ?? { ok: false, message: 'no answer' },
    });
    expect(result.map((item) => [item.state, item.attempts])).toEqual([
      ['done', 3],
      ['failed', 4],
      ['failed', 1],
    ]);
    expect(result[1]?.message).toBe('Rate exceeded');
    expect(pauses.sort()).toEqual([1000, 1000, 2000, 2000, 3000]);
  });

  it('skips environments that are already done (resumption) without running their work', async () => {
    const ran: string[] = [];
    const result = await runClass({
      envs: envs(3),
      parallel: 2,
      alreadyDone: async (env) => (env === 'stu-02' ? 'already up until 2026-12-05T03:00:00Z' : undefined),
      work: async (env) => {
        ran.push(env);
        return { ok: true, message: 'deployed' };
      },
    });
    expect(ran).toEqual(['stu-01', 'stu-03']);
    expect(result[1]).toMatchObject({ state: 'skipped', message: 'already up until 2026-12-05T03:00:00Z', attempts: 0 });
  });

  it('on abort (Ctrl-C) starts nothing new, lets the running ones finish, and reports the rest as not started', async () => {
    const control = controlledWork();
    const abort = new AbortController();
    const run = runClass({ envs: envs(6), parallel: 2, work: control.work, signal: abort.signal });
    await tick();
    control.finish('stu-01');
    await tick();
    expect(control.runningEnvs()).toEqual(['stu-02', 'stu-03']);
    abort.abort();
    control.finish('stu-03', { ok: false, message: 'rolled back' });
    await tick();
    expect(control.runningEnvs()).toEqual(['stu-02']);
    control.finish('stu-02');
    const result = await run;
    expect(result.map((item) => item.state)).toEqual(['done', 'done', 'failed', 'not started', 'not started', 'not started']);
    expect(control.started).toEqual(['stu-01', 'stu-02', 'stu-03']);
  });

  it('stops retrying a throttled environment once aborted', async () => {
    const abort = new AbortController();
    let attempts = 0;
    const [item] = await runClass({
      envs: ['stu-01'],
      parallel: 1,
      signal: abort.signal,
      sleep: async () => abort.abort(),
      work: async () => {
        attempts += 1;
        return { ok: false, message: 'Rate exceeded', throttled: true };
      },
    });
    expect(attempts).toBe(2);
    expect(item).toMatchObject({ state: 'failed', message: 'Rate exceeded' });
  });

  it('measures each environment from its first attempt with the injected clock', async () => {
    let clock = 1_000;
    const [item] = await runClass({
      envs: ['stu-01'],
      parallel: 1,
      now: () => clock,
      work: async () => {
        clock += 90_000;
        return { ok: true, message: 'deployed' };
      },
    });
    expect(item?.elapsedMs).toBe(90_000);
  });

  it('refuses a parallelism below 1', async () => {
    await expect(runClass({ envs: ['a'], parallel: 0, work: async () => ({ ok: true, message: '' }) })).rejects.toThrow(
      'parallel must be a positive integer, got 0',
    );
  });
});
