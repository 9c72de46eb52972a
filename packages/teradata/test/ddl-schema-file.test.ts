import { type SchemaFile, TeradataTranslator, TPCH_TABLES, buildSchemaFile } from '../src';
import { TPCH_TERADATA_DDL } from './tpch-ddl';

let translator: TeradataTranslator;

beforeAll(async () => {
  translator = await TeradataTranslator.create();
});

describe('TPC-H DDL → BigQuery DDL', () => {
  it('translates all eight tables with BigQuery types and no Teradata options', () => {
    const results = translator.translateScript(TPCH_TERADATA_DDL);
    const tables = results.filter((r) => r.input.startsWith('CREATE'));
    expect(tables).toHaveLength(8);
    expect(results.every((r) => r.error === null)).toBe(true);
    expect(results[0]!.output).toBe("SET @@dataset_id = 'tpch'");
    expect(tables[0]!.output).toBe('CREATE TABLE tpch.region (r_regionkey INT64 NOT NULL, r_name STRING NOT NULL, r_comment STRING)');
    expect(tables[6]!.output).toBe(
      'CREATE TABLE tpch.orders (o_orderkey INT64 NOT NULL, o_custkey INT64 NOT NULL, o_orderstatus STRING NOT NULL, ' +
        'o_totalprice NUMERIC(15, 2) NOT NULL, o_orderdate DATE NOT NULL, o_orderpriority STRING NOT NULL, ' +
        'o_clerk STRING NOT NULL, o_shippriority INT64 NOT NULL, o_comment STRING NOT NULL)',
    );
    for (const table of tables)
      expect(table.output).not.toMatch(/PRIMARY INDEX|MULTISET|FALLBACK|CHARACTER SET|CASESPECIFIC|FORMAT|RANGE_N/);
    expect(tables[6]!.warnings.join()).toContain('PARTITION BY dropped');
  });
});

describe('TPC-H DDL → transfer service custom schema file', () => {
  let schema: SchemaFile;
  let database: SchemaFile['databases'][number];

  beforeAll(async () => {
    schema = await buildSchemaFile(TPCH_TERADATA_DDL);
    database = schema.databases[0]!;
  });
  const usage = (table: string): Record<string, string[]> =>
    Object.fromEntries(
      database.tables
        .find((t) => t.name === table)!
        .columns.filter((c) => c.usageType[0] !== 'DEFAULT')
        .map((c) => [c.name, c.usageType]),
    );

  it('has the eight tables under the dump database', () => {
    expect(schema.databases.map((d) => d.name)).toEqual(['tpch']);
    expect(database.tables.map((t) => t.name)).toEqual(TPCH_TABLES);
  });

  it('marks the primary index columns CLUSTERING and the RANGE_N date column PARTITIONING', () => {
    expect(usage('partsupp')).toEqual({ ps_partkey: ['CLUSTERING'], ps_suppkey: ['CLUSTERING'] });
    expect(usage('orders')).toEqual({ o_orderkey: ['CLUSTERING'], o_orderdate: ['PARTITIONING'] });
    expect(usage('lineitem')).toEqual({ l_orderkey: ['CLUSTERING'] });
  });

  it('maps types and keeps the Teradata ones', () => {
    const orders = database.tables.find((t) => t.name === 'orders')!;
    expect(orders.columns.slice(0, 5)).toEqual([
      {
        name: 'o_orderkey',
        originalName: 'o_orderkey',
        type: 'INT64',
        originalType: 'BIGINT',
        usageType: ['CLUSTERING'],
        isRequired: true,
      },
      { name: 'o_custkey', originalName: 'o_custkey', type: 'INT64', originalType: 'INTEGER', usageType: ['DEFAULT'], isRequired: true },
      {
        name: 'o_orderstatus',
        originalName: 'o_orderstatus',
        type: 'STRING',
        originalType: 'CHAR(1)',
        usageType: ['DEFAULT'],
        isRequired: true,
      },
      {
        name: 'o_totalprice',
        originalName: 'o_totalprice',
        type: 'NUMERIC',
        originalType: 'DECIMAL(15,2)',
        usageType: ['DEFAULT'],
        isRequired: true,
      },
      {
        name: 'o_orderdate',
        originalName: 'o_orderdate',
        type: 'DATE',
        originalType: 'DATE',
        usageType: ['PARTITIONING'],
        isRequired: true,
      },
    ]);
  });

  it('partitions by a chosen DATE column in every table that has one', async () => {
    const chosen = (await buildSchemaFile(TPCH_TERADATA_DDL, { partitionColumn: 'l_shipdate' })).databases[0]!;
    const lineitem = chosen.tables.find((t) => t.name === 'lineitem')!;
    expect(lineitem.columns.find((c) => c.name === 'l_shipdate')!.usageType).toEqual(['PARTITIONING']);
    expect(chosen.tables.find((t) => t.name === 'orders')!.columns.every((c) => !c.usageType.includes('PARTITIONING'))).toBe(true);
  });

  it('ignores a chosen partition column that is not a DATE', async () => {
    const chosen = (await buildSchemaFile(TPCH_TERADATA_DDL, { partitionColumn: 'l_comment' })).databases[0]!;
    expect(chosen.tables.flatMap((t) => t.columns).some((c) => c.usageType.includes('PARTITIONING'))).toBe(false);
  });

  it('clusters by at most four primary index columns and splits PERIOD columns', async () => {
    const file = await buildSchemaFile(
      'CREATE TABLE w (a INTEGER, b INTEGER, c INTEGER, d INTEGER, e INTEGER, p PERIOD(DATE)) PRIMARY INDEX (a, b, c, d, e)',
      {
        defaultDatabase: 'sales',
      },
    );
    const table = file.databases[0]!.tables[0]!;
    expect(file.databases[0]!.name).toBe('sales');
    expect(table.columns.filter((c) => c.usageType.includes('CLUSTERING')).map((c) => c.name)).toEqual(['a', 'b', 'c', 'd']);
    expect(table.columns.slice(5).map((c) => [c.name, c.type, c.originalType])).toEqual([
      ['p_begin', 'DATE', 'PERIOD(DATE)'],
      ['p_end', 'DATE', 'PERIOD(DATE)'],
    ]);
  });
});
