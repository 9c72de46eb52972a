import { sleep, systemClock, type Clock } from '@labs/config';
import type { KinesisProducer } from './producer';
import type { RateSchedule } from './rate-schedule';
import { encodeReading, type SensorReading } from './sensor-reading';
import type { SensorSimulator } from './simulator';

/** Options of `runSensorLoop`. */
export interface SensorLoopOptions {
  readonly simulator: SensorSimulator;
  readonly producer: Pick<KinesisProducer, 'put'>;
  /** Readings per second over time. */
  readonly rate: RateSchedule;
  /** Stops the loop (SIGTERM, end of a run). */
  readonly signal: AbortSignal;
  /** Pacing interval (ms). @default 10 */
  readonly tickMs?: number;
  /** Called for each reading the producer accepted. */
  readonly onReading?: (reading: SensorReading) => void;
  /** The clock that paces the loop. @default systemClock */
  readonly clock?: Clock;
}

/** Most readings owed after a stall (seconds of the current rate): a blocked source slows down rather than bursting. */
const MAX_BACKLOG_SECONDS = 0.2;

/**
 * Generates readings at the scheduled rate and hands each to the producer, awaiting it (back-pressure:
 * when the producer's buffer is full the loop slows down). Resolves with the number of readings accepted
 * once `signal` aborts; rejects if the producer gives a record up (`BufferFullError`).
 */
export async function runSensorLoop(options: SensorLoopOptions): Promise<number> {
  const clock = options.clock ?? systemClock;
  const now = (): number => clock.now();
  const tickMs = options.tickMs ?? 10;
  const started = now();
  let last = started;
  let owed = 0;
  let accepted = 0;
  while (!options.signal.aborted) {
    const at = now();
    const rate = Math.max(0, options.rate(at - started));
    owed = Math.min(owed + (rate * (at - last)) / 1000, Math.max(1, rate * MAX_BACKLOG_SECONDS));
    last = at;
    while (owed >= 1 && !options.signal.aborted) {
      const reading = options.simulator.read();
      await options.producer.put(encodeReading(reading), reading.sensorId);
      owed--;
      accepted++;
      options.onReading?.(reading);
    }
    await sleep(clock, tickMs, options.signal);
  }
  return accepted;
}
