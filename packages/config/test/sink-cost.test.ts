import { KINESIS_DATA_PRODUCER_RATE, parseProjectConfig, sinkHourlyCost } from '../src';

describe('the BigQuery sink’s hourly cost', () => {
  const prices = parseProjectConfig({}).prices;

  it('bills every reading the deployed producer sends as a 1 KB streaming insert', () => {
    const [inserts] = sinkHourlyCost(prices);
    expect(inserts?.item).toBe(`BigQuery streaming inserts (~${KINESIS_DATA_PRODUCER_RATE} readings/s, each billed as 1 KB)`);
    // 1,100 readings/s × 3,600 s × 1 KB = 3.78 GB an hour at $0.05/GB
    expect(inserts?.usdPerHour).toBeCloseTo(0.1888, 4);
  });

  it('counts one 256 MB, one-second invocation per 500 readings', () => {
    const [, lambda] = sinkHourlyCost(prices);
    expect(lambda).toEqual({ item: 'Lambda sensor sink (~7920 invocations/h)', usdPerHour: expect.closeTo(0.033, 4) });
  });
});
