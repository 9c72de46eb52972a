import { runCli } from '@labs/testing';

describe('labs CLI: bad input fails fast with one clear line', () => {
  it.each([
    [
      ['up', 'nosuchlab', '--env', 'alice'],
      /unknown lab "nosuchlab": expected one of kinesis-data, kinesis-video, bqml-classification, teradata-migration, automl-vision/,
    ],
    [['up', 'kinesis-data', '--env', 'Bad Name'], /invalid environment name "Bad Name": use 3-24 lowercase letters, digits and hyphens/],
    [['up', 'kinesis-data', '--env', 'alice', '--ttl', '9y'], /invalid TTL "9y": .*unit m, h or d/],
    [['up', 'kinesis-data', '--env', 'alice', '--ttl', '-1h'], /invalid TTL "-1h": .*unit m, h or d/],
    [['up', 'kinesis-data', '--env', 'alice', '--ttl', '8d'], /invalid TTL "8d": the maximum is 7d/],
    [['down', 'kinesis-data', '--env', 'x'], /invalid environment name "x"/],
    [['run', 'nosuchlab'], /unknown lab "nosuchlab"/],
    [['synth'], /name a lab or use --all/],
    [['synth', 'kinesis-video', '--sink', 'bigquery'], /lab "kinesis-video" has no sink: --sink bigquery is for kinesis-data/],
    [['synth', 'kinesis-data', '--sink', 'redshift'], /unknown sink "redshift": the only sink is bigquery/],
  ])('labs %j', async (args, message) => {
    // PATH without cdk/pulumi: any attempt to reach a cloud tool would fail differently.
    const result = await runCli(args, { env: { PATH: '/usr/bin:/bin', AWS_ENDPOINT_URL_CLOUDFORMATION: 'http://127.0.0.1:9' } });
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: /);
    expect(lines[0]).toMatch(message);
  });

  it('lists all five labs offline as one JSON document', async () => {
    const result = await runCli(['list', '--json'], { env: { AWS_ACCESS_KEY_ID: '', AWS_PROFILE: 'does-not-exist' } });
    expect(result.code).toBe(0);
    const labs = JSON.parse(result.stdout) as { id: string; cloud: string; stack: string }[];
    expect(labs.map((lab) => lab.id)).toEqual([
      'kinesis-data',
      'kinesis-video',
      'bqml-classification',
      'teradata-migration',
      'automl-vision',
    ]);
    expect(labs.find((lab) => lab.id === 'bqml-classification')).toMatchObject({ cloud: 'gcp', stack: 'labs-bqml-classification-<env>' });
  });

  it.each(['list', 'bootstrap', 'synth', 'up', 'down', 'status', 'extend', 'reap', 'bench'])('has --help on %s', async (command) => {
    const result = await runCli([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`Usage: labs ${command}`));
  });
});
