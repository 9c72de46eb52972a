import { acceptsConnections, externalIpv4, isLoopbackAddress, listeningAddresses, ZetaSql } from '../src';

describe('ZetaSQL validator', () => {
  let zeta: ZetaSql;
  beforeAll(async () => {
    zeta = await ZetaSql.start();
  }, 60_000);
  afterAll(() => zeta?.stop());

  it('accepts BigQuery SQL and BQML', async () => {
    expect(await zeta.check('SELECT MOD(a, 2) FROM t QUALIFY ROW_NUMBER() OVER (ORDER BY a) = 1')).toEqual({ ok: true });
    expect(await zeta.check("CREATE OR REPLACE MODEL d.m OPTIONS(model_type='logistic_reg') AS SELECT 1 AS x")).toEqual({ ok: true });
    expect(await zeta.check('SELECT * FROM ML.EVALUATE(MODEL d.m)')).toEqual({ ok: true });
  });

  it.each(['SELECT a % b FROM t', 'SELECT TOP 10 a FROM t', 'CREATE TABLE t (a INT64) PRIMARY INDEX (a)'])(
    'rejects Teradata-only syntax: %s',
    async (sql) => {
      const result = await zeta.check(sql);
      expect(result.ok).toBe(false);
    },
  );
});

describe('ZetaSQL server binding', () => {
  let zeta: ZetaSql;
  beforeAll(async () => {
    zeta = await ZetaSql.start();
  }, 60_000);
  afterAll(() => zeta?.stop());

  it('listens on loopback only', async () => {
    const addresses = listeningAddresses(zeta.port);
    expect(addresses.length).toBeGreaterThan(0);
    expect(addresses.filter((address) => !isLoopbackAddress(address))).toEqual([]);
    const external = externalIpv4();
    if (external) expect(await acceptsConnections(external, zeta.port)).toBe(false);
    expect(await acceptsConnections('127.0.0.1', zeta.port)).toBe(true);
  });
});
