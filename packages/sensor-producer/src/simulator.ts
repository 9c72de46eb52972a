import type { SensorReading } from './sensor-reading';

/** Options of a `SensorSimulator`. */
export interface SensorSimulatorOptions {
  /** Number of simulated sensors (each its own partition key). */
  readonly sensors: number;
  /** Sensor id prefix: `sensor` gives `sensor-0001`. Give each run its own to tell runs apart in one stream. @default 'sensor' */
  readonly idPrefix?: string;
  /** `iotName` of every reading. @default 'DemoSensor' (the lab's name) */
  readonly iotName?: string;
  /** Share of readings that are anomalies (100–120). @default 0.01 (the lab's ~1%) */
  readonly anomalyRate?: number;
  /** Uniform random numbers in [0, 1). @default Math.random */
  readonly random?: () => number;
  /** Clock for the reading timestamps. @default Date.now */
  readonly now?: () => number;
}

/** Width of the zero-padded sensor number in a sensor id (`sensor-0001`). */
const SENSOR_ID_DIGITS = 4;

/** The sensor id of sensor number `index` (0-based): `sensor-0001`, `sensor-0002`, … */
export function sensorId(index: number, prefix = 'sensor'): string {
  return `${prefix}-${String(index + 1).padStart(SENSOR_ID_DIGITS, '0')}`;
}

/**
 * Reproduces the lab's `sensorstream.py` distribution (integers 10–20, about 1% anomalies at 100–120)
 * across N sensors, visited round-robin so every sensor's `seq` advances evenly.
 */
export class SensorSimulator {
  private readonly ids: readonly string[];
  private readonly seqs: number[];
  private next = 0;
  private readonly iotName: string;
  private readonly anomalyRate: number;
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(options: SensorSimulatorOptions) {
    if (!Number.isInteger(options.sensors) || options.sensors < 1) {
      throw new RangeError(`sensors must be a whole number ≥ 1, got ${options.sensors}`);
    }
    this.ids = Array.from({ length: options.sensors }, (_, i) => sensorId(i, options.idPrefix));
    this.seqs = new Array<number>(options.sensors).fill(0);
    this.iotName = options.iotName ?? 'DemoSensor';
    this.anomalyRate = options.anomalyRate ?? 0.01;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  /** The next reading (from the next sensor in turn). */
  read(): SensorReading {
    const index = this.next;
    this.next = (index + 1) % this.ids.length;
    const seq = this.seqs[index] ?? 0;
    this.seqs[index] = seq + 1;
    const anomaly = this.random() < this.anomalyRate;
    const iotValue = anomaly ? randomInt(100, 120, this.random) : randomInt(10, 20, this.random);
    return {
      iotName: this.iotName,
      iotValue,
      sensorId: this.ids[index] as string,
      seq,
      timestamp: new Date(this.now()).toISOString(),
    };
  }
}

/** A uniform integer in [min, max] (both inclusive, like Python's `random.randint`). */
function randomInt(min: number, max: number, random: () => number): number {
  return min + Math.floor(random() * (max - min + 1));
}
