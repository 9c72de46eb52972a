import { DeliveryTally } from '../src/delivery-tally';

const reading = (sensorId: string, seq: number, timestamp = '2026-01-01T00:00:00.000Z') => ({
  iotName: 'DemoSensor',
  iotValue: 12,
  sensorId,
  seq,
  timestamp,
});
const T0 = Date.parse('2026-01-01T00:00:00.000Z');

describe('DeliveryTally', () => {
  it('counts distinct readings, duplicates, reordering and gaps per sensor', () => {
    const tally = new DeliveryTally();
    for (const [sensor, seq] of [
      ['a', 0],
      ['a', 1],
      ['a', 1],
      ['b', 0],
      ['a', 3],
      ['a', 2],
      ['b', 2],
    ] as const) {
      tally.add(reading(sensor, seq), T0 + 100);
    }
    expect(tally.summary()).toMatchObject({ delivered: 6, duplicates: 1, outOfOrder: 1, gaps: 1 });
  });

  it('measures lag from the reading timestamp to the read time', () => {
    const tally = new DeliveryTally();
    tally.add(reading('a', 0), T0 + 900);
    tally.add(reading('a', 1), T0 + 250);
    expect(tally.summary()).toMatchObject({ maxLagMs: 900, lastLagMs: 250 });
  });
});
