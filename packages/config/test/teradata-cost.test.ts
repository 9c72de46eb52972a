import { hourlyCost, parseProjectConfig, totalPerHour } from '../src';

describe('cost of a teradata-migration environment, before consent', () => {
  it('shows the VM (machine type, disk), the NAT and the transfer per hour, from the price table', () => {
    const prices = parseProjectConfig({}).prices;
    const lines = hourlyCost('teradata-migration', prices);
    expect(lines.map((line) => line.item)).toEqual([
      'Compute Engine n2-standard-4 source VM (nested virtualization)',
      'source VM boot disk, 100 GB pd-balanced',
      'Cloud NAT gateway (1 VM)',
      'transfer: BigQuery Data Transfer Service, Teradata migration (no charge)',
      'staging bucket and migrated tables (~1 GB TPC-H SF 0.1 + 5 GB Teradata downloads)',
      'Secret Manager secret (1 version)',
    ]);
    expect(lines[0]!.usdPerHour).toBe(0.1942);
    expect(lines[1]!.usdPerHour).toBeCloseTo((100 * 0.1) / 730, 6);
    expect(totalPerHour(lines)).toBeCloseTo(0.2095, 4);
  });

  it('follows prices set in labs.config.json', () => {
    const prices = parseProjectConfig({ prices: { gceN2Standard4Hour: 0.25, gcePdBalancedGbMonth: 0.073 } }).prices;
    const [vm, disk] = hourlyCost('teradata-migration', prices);
    expect(vm!.usdPerHour).toBe(0.25);
    expect(disk!.usdPerHour).toBeCloseTo(7.3 / 730, 6);
  });
});
