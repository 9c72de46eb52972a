import { seededRandom } from '@labs/config';
import { KINESIS_SHARD_CAPACITY } from '../policy';

/** Offered load of one minute (what producers try to write, before throttling). */
export interface OfferedMinute {
  /** Records producers send in the minute. */
  records: number;
  /** Bytes producers send in the minute. */
  bytes: number;
}

/** A synthetic day of traffic. */
export interface TrafficTrace {
  /** Short name, used as a key in the bench output. */
  name: string;
  /** What the trace models. */
  description: string;
  /** Shards the stream has when the day starts. */
  initialShards: number;
  /** One entry per minute. */
  minutes: OfferedMinute[];
}

/** Minutes in the simulated day. */
export const DAY_MINUTES = 24 * 60;

/** Average record size of the synthetic traffic (records, not bytes, are the binding limit). */
export const TRACE_RECORD_BYTES = 500;

const RECORDS_PER_SHARD_MINUTE = (KINESIS_SHARD_CAPACITY.records * 60) / KINESIS_SHARD_CAPACITY.perSeconds;

/** A day whose load, in shards' worth of records, is `shardsAt(minute)` with ±`noise` relative jitter. */
function trace(
  name: string,
  description: string,
  initialShards: number,
  seed: number,
  shardsAt: (minute: number) => number,
  noise = 0.03,
): TrafficTrace {
  const random = seededRandom(seed);
  const minutes = Array.from({ length: DAY_MINUTES }, (_, minute) => {
    const load = Math.max(0, shardsAt(minute) * (1 + noise * (2 * random() - 1)));
    const records = Math.round(load * RECORDS_PER_SHARD_MINUTE);
    return { records, bytes: records * TRACE_RECORD_BYTES };
  });
  return { name, description, initialShards, minutes };
}

/** The five days the scaler bench replays. */
export function standardTraces(): TrafficTrace[] {
  return [
    trace('step-up', "30 % of one shard, stepping to 2.5 shards' worth at 06:00", 1, 1, (m) => (m < 360 ? 0.3 : 2.5)),
    trace('steady-70', 'steady at 70 % of one shard all day', 1, 2, () => 0.7),
    trace(
      'sawtooth',
      '30-minute ramps from 55 % to 95 % of one shard, around the scale-out thresholds',
      1,
      3,
      (m) => 0.55 + 0.4 * ((m % 30) / 29),
    ),
    trace('spike', "30 % of one shard with a 30-minute spike to 3 shards' worth at 12:00", 1, 4, (m) => (m >= 720 && m < 750 ? 3 : 0.3)),
    trace('slow-decay', "5 shards' worth on 8 shards, decaying to 0.2 over the day", 8, 5, (m) => 0.2 + 4.8 * Math.exp(-m / 300)),
  ];
}
