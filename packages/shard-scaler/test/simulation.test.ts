import {
  aasSampleBaseline,
  defaultPolicy,
  DAY_MINUTES,
  goSampleBaseline,
  oracleShardHours,
  ownPolicy,
  simulate,
  standardTraces,
  type SimulatedPolicy,
  type TrafficTrace,
} from '../src';

/** A day at a constant load of `shards` shards' worth of records. */
function flat(shards: number, initialShards = 1): TrafficTrace {
  const records = Math.round(shards * 60_000);
  return {
    name: 'flat',
    description: 'flat',
    initialShards,
    minutes: Array.from({ length: DAY_MINUTES }, () => ({ records, bytes: records * 100 })),
  };
}

/** A policy that asks for `script[minute]` shards at the given minutes. */
function scripted(script: Record<number, number>): SimulatedPolicy {
  const start = Date.UTC(2026, 0, 1);
  return { name: 'scripted', description: 'scripted', decide: ({ now }) => script[(now - start) / 60_000] };
}

describe('synthetic days', () => {
  it('are five deterministic 24 h traces', () => {
    const [a, b] = [standardTraces(), standardTraces()];
    expect(a.map((t) => t.name)).toEqual(['step-up', 'steady-70', 'sawtooth', 'spike', 'slow-decay']);
    expect(a.every((t) => t.minutes.length === DAY_MINUTES)).toBe(true);
    expect(a).toEqual(b);
  });
});

describe('simulate', () => {
  it('counts throttled minutes and reports only accepted load', () => {
    const never: SimulatedPolicy = { name: 'never', description: 'never', decide: () => undefined };
    const result = simulate(flat(1.5), never);
    expect(result).toMatchObject({ throttledMinutes: DAY_MINUTES, scalings: 0, shardHours: 24, timeToScaleOutMinutes: DAY_MINUTES });
  });

  it('shows the policy only published metrics, capped at capacity, after the metric delay', () => {
    const seen: number[] = [];
    const spy: SimulatedPolicy = {
      name: 'spy',
      description: 'spy',
      decide: ({ samples }) => {
        seen.push(samples.length);
        const last = samples.at(-1);
        if (last) seen.push(last.incomingRecords);
        return undefined;
      },
    };
    simulate({ ...flat(2), minutes: flat(2).minutes.slice(0, 3) }, spy, { metricDelayMinutes: 1 });
    expect(seen).toEqual([0, 0, 1, 60_000]);
  });

  it('applies a reshard after its duration and counts the larger shard count meanwhile', () => {
    const result = simulate(flat(0.1), scripted({ 0: 2 }), { reshardMinutes: 2 });
    expect(result.calls).toEqual([{ minute: 0, from: 1, to: 2, accepted: true }]);
    expect(result.shardHours).toBe(48);
  });

  it('lets Kinesis refuse the 11th call of the day and targets beyond 2x', () => {
    const script: Record<number, number> = {};
    for (let i = 0; i < 11; i += 1) script[i * 10] = i % 2 === 0 ? 2 : 1;
    const result = simulate(flat(0.1), scripted(script));
    expect(result.scalings).toBe(10);
    expect(result.calls.at(-1)).toEqual({ minute: 100, from: 1, to: 2, accepted: false });
    expect(simulate(flat(0.1), scripted({ 0: 3 })).calls).toEqual([{ minute: 0, from: 1, to: 3, accepted: false }]);
  });

  it('counts a scale-out within an hour of a scale-in as a flap', () => {
    const result = simulate(flat(0.1, 2), scripted({ 0: 1, 59: 2, 200: 1, 261: 2 }));
    expect(result.flaps).toBe(1);
  });

  it('prices the oracle at ceil(load) shards a minute, at least one', () => {
    expect(oracleShardHours(flat(2.5))).toBe(72);
    expect(oracleShardHours(flat(0))).toBe(24);
  });
});

describe('policies over the synthetic days', () => {
  it('ours never flaps and stays within 10 calls a day on every trace', () => {
    for (const trace of standardTraces()) {
      const result = simulate(trace, ownPolicy('ours', defaultPolicy));
      expect({ trace: trace.name, flaps: result.flaps, withinBudget: result.scalings <= 10, rejected: result.rejectedCalls }).toEqual({
        trace: trace.name,
        flaps: 0,
        withinBudget: true,
        rejected: 0,
      });
    }
  });

  it('ours reacts to throttling within minutes and holds 1 shard through a sawtooth that never throttles', () => {
    const [stepUp, , sawtooth] = standardTraces();
    const step = simulate(stepUp!, ownPolicy('ours', defaultPolicy));
    expect(step.calls[0]).toMatchObject({ minute: 362, from: 1, to: 2 });
    expect(step.timeToScaleOutMinutes).toBeLessThanOrEqual(10);
    expect(simulate(sawtooth!, ownPolicy('ours', defaultPolicy))).toMatchObject({ scalings: 0, throttledMinutes: 0, shardHours: 24 });
  });

  it('the AAS sample scales out on its first minute above 1,000 records, by one shard', () => {
    expect(simulate(flat(0.3), aasSampleBaseline()).calls[0]).toEqual({ minute: 2, from: 1, to: 2, accepted: true });
  });

  it('the Go sample doubles after five 5-minute periods at or above 75 %', () => {
    const first = simulate(flat(0.9), goSampleBaseline()).calls[0];
    expect(first).toMatchObject({ from: 1, to: 2, accepted: true });
    expect(first?.minute).toBeGreaterThanOrEqual(25);
  });
});
