/**
 * One sensor reading. The JSON keeps the lab's `sensorstream.py` shape (`iotName`, `iotValue`) so the
 * lab's consumers still read it, and adds what a consumer needs to see gaps and duplicates.
 */
export interface SensorReading {
  /** Device family name, as in the lab (`DemoSensor`). */
  readonly iotName: string;
  /** Measured value: 10–20 normally, 100–120 for an anomaly. */
  readonly iotValue: number;
  /** Which sensor sent it; also the partition key, so sensors spread over shards. */
  readonly sensorId: string;
  /** Per-sensor sequence number, starting at 0 and increasing by one per reading. */
  readonly seq: number;
  /** When the reading was taken (ISO 8601). */
  readonly timestamp: string;
}

/** Serialises a reading as the UTF-8 JSON record body. */
export function encodeReading(reading: SensorReading): Uint8Array {
  return Buffer.from(JSON.stringify(reading), 'utf8');
}

/** Parses a record body back into a reading; throws when the body is not a reading. */
export function decodeReading(data: Uint8Array): SensorReading {
  const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
  const value: unknown = JSON.parse(text);
  if (!isSensorReading(value)) throw new Error(`record is not a sensor reading: ${text.slice(0, 200)}`);
  return value;
}

function isSensorReading(value: unknown): value is SensorReading {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return (
    typeof r.iotName === 'string' &&
    typeof r.iotValue === 'number' &&
    typeof r.sensorId === 'string' &&
    typeof r.seq === 'number' &&
    Number.isInteger(r.seq) &&
    typeof r.timestamp === 'string'
  );
}
