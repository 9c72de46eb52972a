import { environment, parseStackName, resourceName, stackName, validateEnvName, LabsError, LAB_IDS } from '../src';

describe('environment names', () => {
  it.each(['abc', 'alice', 'class-2026-01', 'a'.repeat(24)])('accepts %s', (name) => {
    expect(validateEnvName(name)).toBe(name);
  });

  it.each(['ab', 'Bad Name', 'UPPER', 'a_b', 'a'.repeat(25), '-abc', 'abc-', ''])('rejects %j with the bad value quoted', (name) => {
    expect(() => validateEnvName(name)).toThrow(LabsError);
    expect(() => validateEnvName(name)).toThrow(`"${name}"`);
  });

  it('gives deterministic stack and resource names', () => {
    const env = environment('kinesis-data', 'alice');
    expect(stackName(env)).toBe('labs-kinesis-data-alice');
    expect(resourceName(env, 'RawStreamData')).toBe('RawStreamData-alice');
  });

  it('parses stack names back, including env names with hyphens', () => {
    for (const lab of LAB_IDS) {
      expect(parseStackName(stackName(environment(lab, 'team-a-01')))).toEqual({ lab, env: 'team-a-01' });
    }
    expect(parseStackName('labs-foundation')).toBeUndefined();
    expect(parseStackName('other-stack')).toBeUndefined();
  });

  it('rejects an unknown lab naming the allowed ids', () => {
    expect(() => environment('nosuchlab', 'alice')).toThrow(/unknown lab "nosuchlab": expected one of kinesis-data, kinesis-video/);
  });
});
