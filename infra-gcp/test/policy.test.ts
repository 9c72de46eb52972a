import type { InventoryEntry } from '../src/inventory';
import { checkInventory } from '../src/policy';

const labels = { 'labs-lab': 'bqml-classification', 'labs-env': 'alice', 'labs-owner': 'alice', 'labs-expires-at': '20261129t0300z' };
const bucket = (inputs: Record<string, unknown>): InventoryEntry => ({ type: 'gcp:storage/bucket:Bucket', name: 'b', inputs });
const instance = (inputs: Record<string, unknown>): InventoryEntry => ({ type: 'gcp:compute/instance:Instance', name: 'vm', inputs });
const good = { uniformBucketLevelAccess: true, publicAccessPrevention: 'enforced', labels };

describe('GCP policy check', () => {
  it('accepts a compliant inventory', () => {
    expect(checkInventory([bucket(good)])).toEqual([]);
  });

  it('requires uniform access and public-access prevention on buckets', () => {
    expect(
      checkInventory([bucket({ ...good, uniformBucketLevelAccess: false, publicAccessPrevention: 'inherited' })]).map((f) => f.rule),
    ).toEqual(['bucket-uniform-access', 'bucket-public-access-prevention']);
  });

  it('requires every label, expiry included, except on the foundation', () => {
    const { 'labs-expires-at': _expiry, ...withoutExpiry } = labels;
    expect(checkInventory([bucket({ ...good, labels: withoutExpiry })])).toEqual([
      expect.objectContaining({ rule: 'labels', message: 'missing labels labs-expires-at' }),
    ]);
    expect(checkInventory([bucket({ ...good, labels: { 'labs-lab': 'foundation' } })], [], { expiring: false })).toEqual([]);
  });

  it('rejects the default compute service account and external IPs unless acknowledged', () => {
    const vm = instance({
      labels,
      serviceAccount: { email: '123-compute@developer.gserviceaccount.com' },
      networkInterfaces: [{ accessConfigs: [{}] }],
    });
    expect(checkInventory([vm]).map((f) => f.rule)).toEqual(['no-default-compute-service-account', 'no-external-ip']);
    expect(
      checkInventory([vm], [{ rule: 'no-external-ip', resource: 'vm', reason: 'source VM reached by the agent' }]).map((f) => f.rule),
    ).toEqual(['no-default-compute-service-account']);
  });

  it('rejects primitive roles and raw encryption keys', () => {
    expect(
      checkInventory([{ type: 'gcp:projects/iAMMember:IAMMember', name: 'm', inputs: { role: 'roles/editor' } }]).map((f) => f.rule),
    ).toEqual(['no-primitive-roles']);
    expect(
      checkInventory([{ type: 'gcp:compute/disk:Disk', name: 'd', inputs: { labels, diskEncryptionKey: { rawKey: 'x' } } }]).map(
        (f) => f.rule,
      ),
    ).toEqual(['encryption-no-raw-keys']);
  });
});
