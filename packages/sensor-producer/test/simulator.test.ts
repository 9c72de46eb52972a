import { SensorSimulator, sensorId } from '../src/simulator';
import { decodeReading, encodeReading } from '../src/sensor-reading';

describe('SensorSimulator', () => {
  it('visits sensors round-robin with per-sensor seq numbers', () => {
    const simulator = new SensorSimulator({ sensors: 3, now: () => 0 });
    const readings = Array.from({ length: 7 }, () => simulator.read());
    expect(readings.map((r) => `${r.sensorId}#${r.seq}`)).toEqual([
      'sensor-0001#0',
      'sensor-0002#0',
      'sensor-0003#0',
      'sensor-0001#1',
      'sensor-0002#1',
      'sensor-0003#1',
      'sensor-0001#2',
    ]);
    expect(readings[0]).toMatchObject({ iotName: 'DemoSensor', timestamp: '1970-01-01T00:00:00.000Z' });
  });

  it('reproduces the lab distribution: 10–20, about 1% anomalies at 100–120', () => {
    let state = 42;
    const random = (): number => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const simulator = new SensorSimulator({ sensors: 10, random });
    const values = Array.from({ length: 100_000 }, () => simulator.read().iotValue);
    const normal = values.filter((v) => v >= 10 && v <= 20);
    const anomalies = values.filter((v) => v >= 100 && v <= 120);
    expect(normal.length + anomalies.length).toBe(values.length);
    expect(anomalies.length / values.length).toBeGreaterThan(0.008);
    expect(anomalies.length / values.length).toBeLessThan(0.012);
    expect(new Set(normal)).toEqual(new Set([10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]));
    expect(Math.min(...anomalies)).toBe(100);
    expect(Math.max(...anomalies)).toBe(120);
  });

  it('uses the id prefix it is given', () => {
    expect(sensorId(11, 'run-ab12')).toBe('run-ab12-0012');
  });

  it('rejects a sensor count below one', () => {
    expect(() => new SensorSimulator({ sensors: 0 })).toThrow('sensors must be a whole number ≥ 1, got 0');
  });
});

describe('reading encoding', () => {
  it('keeps the lab shape (iotName, iotValue) and round-trips', () => {
    const reading = { iotName: 'DemoSensor', iotValue: 15, sensorId: 'sensor-0001', seq: 3, timestamp: '2026-01-01T00:00:00.000Z' };
    const data = encodeReading(reading);
    expect(JSON.parse(Buffer.from(data).toString())).toEqual(reading);
    expect(decodeReading(data)).toEqual(reading);
  });

  it('rejects a record that is not a reading', () => {
    expect(() => decodeReading(Buffer.from('{"iotName":"DemoSensor","iotValue":12}'))).toThrow('record is not a sensor reading');
  });
});
