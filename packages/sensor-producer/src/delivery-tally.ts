import type { SensorReading } from './sensor-reading';

/** What a consumer has seen of a producer's readings. */
export interface DeliverySummary {
  /** Distinct readings (sensor id + seq) read back. */
  readonly delivered: number;
  /** Readings seen more than once (each extra copy counts one). */
  readonly duplicates: number;
  /** Readings that arrived after a later reading of the same sensor. */
  readonly outOfOrder: number;
  /** Missing seq numbers between the lowest and highest seen of each sensor. */
  readonly gaps: number;
  /** Largest time from a reading's timestamp to when it was read (ms). */
  readonly maxLagMs: number;
  /** Time from timestamp to read of the latest reading (ms). */
  readonly lastLagMs: number;
}

/**
 * Counts readings as a consumer reads them back: distinct, duplicates, order per sensor, lag.
 * Pure bookkeeping; feed it decoded readings with the time they were read.
 */
export class DeliveryTally {
  private readonly seen = new Map<string, { seqs: Set<number>; max: number; min: number }>();
  private delivered = 0;
  private duplicates = 0;
  private outOfOrder = 0;
  private maxLagMs = 0;
  private lastLagMs = 0;

  /** Records one reading read at `readAtMs` (epoch ms). */
  add(reading: SensorReading, readAtMs: number): void {
    let sensor = this.seen.get(reading.sensorId);
    if (!sensor) {
      sensor = { seqs: new Set(), max: -1, min: reading.seq };
      this.seen.set(reading.sensorId, sensor);
    }
    if (sensor.seqs.has(reading.seq)) {
      this.duplicates++;
      return;
    }
    sensor.seqs.add(reading.seq);
    this.delivered++;
    if (reading.seq < sensor.min) sensor.min = reading.seq;
    if (reading.seq < sensor.max) this.outOfOrder++;
    else sensor.max = reading.seq;
    const lag = Math.max(0, readAtMs - Date.parse(reading.timestamp));
    this.lastLagMs = lag;
    if (lag > this.maxLagMs) this.maxLagMs = lag;
  }

  private gaps(): number {
    let missing = 0;
    for (const sensor of this.seen.values()) {
      missing += sensor.max - sensor.min + 1 - sensor.seqs.size;
    }
    return missing;
  }

  /** The counts so far. */
  summary(): DeliverySummary {
    return {
      delivered: this.delivered,
      duplicates: this.duplicates,
      outOfOrder: this.outOfOrder,
      gaps: this.gaps(),
      maxLagMs: this.maxLagMs,
      lastLagMs: this.lastLagMs,
    };
  }
}
