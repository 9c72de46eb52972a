import { runningCostsByEnv } from '../src/cloud/billing-now';

describe('what an environment bills by the hour beyond its stack (labs status)', () => {
  it('sums the deployed endpoints of each environment, and names nothing for an environment without one', () => {
    const costs = runningCostsByEnv([
      { endpoint: 'projects/p/locations/us-central1/endpoints/1', env: 'alice', nodes: 1, usdPerHour: 1.375 },
      { endpoint: 'projects/p/locations/us-central1/endpoints/2', env: 'alice', nodes: 2, usdPerHour: 2.75 },
      { endpoint: 'projects/p/locations/us-central1/endpoints/3', env: 'bob', nodes: 1, usdPerHour: 1.375 },
    ]);
    expect(costs.get('alice')).toEqual({
      deployedEndpoints: [
        { endpoint: 'projects/p/locations/us-central1/endpoints/1', nodes: 1, usdPerHour: 1.375 },
        { endpoint: 'projects/p/locations/us-central1/endpoints/2', nodes: 2, usdPerHour: 2.75 },
      ],
      usdPerHour: 4.125,
    });
    expect(costs.get('bob')?.usdPerHour).toBe(1.375);
    expect(costs.get('carol')).toBeUndefined();
  });
});
