import type { Ec2ProducerConfig } from './ec2-config';
import { BufferFullError, KinesisProducer, type PutRecordsClient } from './producer';
import { describeDropped, type ProducerStats } from './producer-stats';
import { constantRate } from './rate-schedule';
import { runSensorLoop } from './sensor-loop';
import { SensorSimulator } from './simulator';

/** What the service needs from its surroundings. */
export interface ProducerServiceDeps {
  readonly client: PutRecordsClient;
  /** Aborted on SIGTERM/SIGINT: stop generating, flush, report. */
  readonly signal: AbortSignal;
  /** One line of log (JSON), e.g. to stdout for journald. */
  readonly log: (line: string) => void;
}

/** How the service ended. */
export interface ProducerServiceResult {
  /** 0 when every accepted reading was delivered; 1 when any was dropped or still buffered. */
  readonly exitCode: number;
  readonly stats: ProducerStats;
}

/**
 * The EC2 producer service: simulated sensors at a constant rate into the stream until `signal` aborts,
 * then a flush bounded by `flushTimeoutMs`. It ends with one JSON line of counts; any record not
 * delivered (dropped, or still buffered when the flush timed out) is named with its count and the exit
 * code is 1. A full buffer also ends the run (and systemd restarts it).
 */
export async function runProducerService(config: Ec2ProducerConfig, deps: ProducerServiceDeps): Promise<ProducerServiceResult> {
  const producer = new KinesisProducer(deps.client, {
    streamName: config.streamName,
    maxBufferedRecords: config.maxBufferedRecords,
    maxBlockMs: config.maxBlockMs,
    maxAttempts: config.maxAttempts,
  });
  const emit = (event: string, extra: Record<string, unknown> = {}): void =>
    deps.log(JSON.stringify({ event, at: new Date().toISOString(), ...extra }));
  emit('started', { stream: config.streamName, region: config.region, rate: config.rate, sensors: config.sensors });
  const ticker = setInterval(() => emit('stats', { ...producer.getStats() }), config.statsEveryMs);
  try {
    await runSensorLoop({
      simulator: new SensorSimulator({ sensors: config.sensors }),
      producer,
      rate: constantRate(config.rate),
      signal: deps.signal,
    });
  } catch (error) {
    if (!(error instanceof BufferFullError)) throw error;
    emit('buffer-full', { message: error.message });
  } finally {
    clearInterval(ticker);
  }
  const flushed = await withTimeout(producer.flush(), config.flushTimeoutMs);
  const stats = producer.getStats();
  const problem = describeDropped(stats, flushed ? undefined : config.flushTimeoutMs);
  const exitCode = problem === undefined ? 0 : 1;
  emit('stopped', { ...stats, ...(problem ? { error: problem } : {}) });
  return { exitCode, stats };
}

function withTimeout(work: Promise<void>, ms: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(false), ms);
    work.then(
      () => {
        clearTimeout(timer);
        resolve(true);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
