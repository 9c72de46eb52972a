import { runCli } from '@labs/testing';

jest.setTimeout(120_000);

describe('the CLI reads the lab contract', () => {
  it("labs list --json shows each lab's pieces, absent ones with their reason, and the convention's names beside the old ones", async () => {
    const result = await runCli(['list', '--json']);
    expect(result.code).toBe(0);
    const labs = JSON.parse(result.stdout) as Record<string, unknown>[];
    const lab = (id: string) => labs.find((entry) => entry.id === id) as Record<string, unknown>;
    expect(Object.keys(lab('kinesis-data'))).toEqual(['id', 'cloud', 'title', 'stack', 'requiredConfig', 'required_config', 'pieces']);
    expect(lab('kinesis-data').required_config).toEqual(lab('kinesis-data').requiredConfig);
    expect(lab('kinesis-data').pieces).toMatchObject({
      infrastructure: { tool: 'cdk', name: 'KinesisDataStack' },
      runtime_entries: [
        { file: 'packages/sensor-producer/src/ec2-main.ts' },
        { file: 'packages/shard-scaler/src/lambda.ts', export: 'handler' },
        { file: 'packages/shard-scaler/src/stream-resource-lambda.ts', export: 'handler' },
        { file: 'packages/sensor-sink/src/lambda.ts', export: 'handler' },
      ],
      run: { command: 'labs run kinesis-data' },
      local: { command: 'labs local kinesis-data' },
      bench: { command: 'labs bench kinesis-data', aliases: ['producer', 'scaler', 'sink'] },
      teardown: { missing: expect.stringContaining('nothing to do before destroy') },
    });
    expect(lab('bqml-classification').pieces).toMatchObject({
      infrastructure: { tool: 'pulumi', name: 'BqmlClassification' },
      runtime_entries: { missing: expect.stringContaining('BigQuery jobs') },
      bench: { aliases: ['bqml'] },
    });
    expect(lab('teradata-migration').pieces).toMatchObject({
      infrastructure: { tool: 'pulumi', name: 'TeradataMigration' },
      runtime_entries: { missing: expect.stringContaining('migration agent') },
      local: { command: 'labs local teradata-migration' },
      bench: { command: 'labs bench teradata-migration', aliases: ['translate'] },
    });
    for (const entry of labs) {
      const cost = (entry.pieces as { cost: { item: string; usd_per_hour: number }[] }).cost;
      expect(cost.length).toBeGreaterThan(0);
    }
  });

  it.each([
    [['bench', 'automl-vision'], /^error: lab "automl-vision" has no benchmark: what costs time and money here is Vertex AI training/],
    [
      ['bench', 'nope'],
      /^error: unknown benchmark "nope": expected one of kinesis-data, kinesis-video, bqml-classification, teradata-migration, producer, scaler, sink, video, bqml, translate, synth, class$/,
    ],
  ])('labs %j says which piece is missing and why, in one line', async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
  });

  it('labs bench bqml-classification --json: analysis throughput and every lab statement checked with ZetaSQL', async () => {
    const result = await runCli(['bench', 'bqml-classification', '--json', '--rows', '5000']);
    expect(result.code).toBe(0);
    const figures = JSON.parse(result.stdout) as {
      analysis: Record<string, number>;
      sql: { statements: number; zetasql_ok: number; failures: unknown[] };
    };
    expect(figures.analysis).toMatchObject({ rows: 5000 });
    for (const key of ['parse_rows_per_s', 'analyse_rows_per_s']) expect(figures.analysis[key]).toBeGreaterThan(0);
    expect(figures.analysis.roc_auc).toBeGreaterThan(0.5);
    expect(figures.sql).toEqual({ statements: 9, zetasql_ok: 9, failures: [], zetasql_ms_per_statement: expect.any(Number) });
  });

  it('labs bench sink --json: every reading stored once, a redelivered batch not again, throttled requests retried', async () => {
    const result = await runCli(['bench', 'sink', '--records', '2000', '--json']);
    expect(result.code).toBe(0);
    type Phase = Record<string, number>;
    const figures = JSON.parse(result.stdout) as { records: number; clean: Phase; redelivered: Phase; throttled: Phase };
    expect(figures.records).toBe(2000);
    for (const phase of [figures.clean, figures.redelivered, figures.throttled]) {
      expect(phase).toMatchObject({ rows_stored: 2000, duplicates_stored: 0, failed_records: 0 });
      expect(phase.records_per_s).toBeGreaterThan(0);
    }
    expect(figures.clean).toMatchObject({ records_delivered: 2000, requests: 4, retried_requests: 0 });
    expect(figures.redelivered).toMatchObject({ records_delivered: 2500, requests: 5 }); // batch 0 of 4 delivered twice
    expect(figures.throttled).toMatchObject({ requests: 5, retried_requests: 1 }); // batch 0's first request got a 429
  });

  it('labs bench with a bad argument fails in one line', async () => {
    const result = await runCli(['bench', 'bqml', '--rows', 'many']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('error: invalid --rows "many": use a whole number of at least 1');
  });
});
