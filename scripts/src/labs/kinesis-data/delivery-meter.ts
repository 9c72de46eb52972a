import type { ShardDelivery } from '@labs/sensor-producer';
import type { StreamSample } from '@labs/shard-scaler';

/** Length of a metrics period, as CloudWatch's basic Kinesis metrics (s). */
export const PERIOD_SECONDS = 60;

/**
 * Measures what the stream accepted, from the producer's PutRecords results, as CloudWatch would:
 * `IncomingRecords`/`IncomingBytes` summed per minute (periods aligned to `startedAt`), plus a short
 * moving rate for the live view. Pure bookkeeping with the clock passed in.
 */
export class DeliveryMeter {
  private readonly periods = new Map<number, { records: number; bytes: number }>();
  private readonly recent: { at: number; records: number }[] = [];

  constructor(private readonly startedAt: number) {}

  /** Adds one PutRecords response's acknowledgements, at time `at` (epoch ms). */
  add(deliveries: readonly ShardDelivery[], at: number): void {
    const start = this.periodStart(at);
    const period = this.periods.get(start) ?? { records: 0, bytes: 0 };
    let records = 0;
    for (const delivery of deliveries) {
      period.records += delivery.records;
      period.bytes += delivery.bytes;
      records += delivery.records;
    }
    this.periods.set(start, period);
    this.recent.push({ at, records });
  }

  /** Complete periods only (those that ended by `now`), oldest first: the scaler's input. */
  samples(now: number): StreamSample[] {
    const complete: StreamSample[] = [];
    for (let start = this.startedAt; start + PERIOD_SECONDS * 1000 <= now; start += PERIOD_SECONDS * 1000) {
      const period = this.periods.get(start) ?? { records: 0, bytes: 0 };
      complete.push({ timestamp: start, periodSeconds: PERIOD_SECONDS, incomingRecords: period.records, incomingBytes: period.bytes });
    }
    return complete;
  }

  /** Records accepted so far in the current (incomplete) period. */
  currentPeriodRecords(now: number): number {
    return this.periods.get(this.periodStart(now))?.records ?? 0;
  }

  /** Records per second accepted over the last `windowMs` before `now`. */
  rate(now: number, windowMs = 5_000): number {
    while (this.recent.length > 0 && (this.recent[0] as { at: number }).at < now - windowMs) this.recent.shift();
    const records = this.recent.reduce((sum, r) => sum + r.records, 0);
    return records / (Math.min(windowMs, Math.max(1, now - this.startedAt)) / 1000);
  }

  private periodStart(at: number): number {
    const period = PERIOD_SECONDS * 1000;
    return this.startedAt + Math.floor((at - this.startedAt) / period) * period;
  }
}
