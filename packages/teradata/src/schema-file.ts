import { type AstNode, bodyOf, kindOf, visitTree } from './ast';
import { loadPolyglot, parseTeradata } from './polyglot';
import { mapDataType } from './rules/data-types';
import { periodElement } from './rules/ddl-rules';
import { splitStatements } from './split-statements';

/** How a column is used by the BigQuery table the transfer service creates. */
export type UsageType = 'DEFAULT' | 'CLUSTERING' | 'PARTITIONING';

/** One column of the transfer service's custom schema file. */
export interface SchemaFileColumn {
  readonly name: string;
  readonly originalName: string;
  readonly type: string;
  readonly originalType: string;
  readonly usageType: UsageType[];
  readonly isRequired: boolean;
}

/** One table of the custom schema file. */
export interface SchemaFileTable {
  readonly name: string;
  readonly originalName: string;
  readonly columns: SchemaFileColumn[];
}

/** The BigQuery Data Transfer Service's custom schema file for a Teradata migration. */
export interface SchemaFile {
  readonly databases: { readonly name: string; readonly originalName: string; readonly tables: SchemaFileTable[] }[];
}

/** Choices for the schema file. */
export interface SchemaFileOptions {
  /** A DATE (or TIMESTAMP) column to partition by, in every table that has it. */
  readonly partitionColumn?: string;
  /** Database for unqualified tables when the script has no `DATABASE x;` statement. */
  readonly defaultDatabase?: string;
}

/** BigQuery clusters by at most four columns. */
const MAX_CLUSTERING_COLUMNS = 4;

/**
 * Builds the custom schema file from the CREATE TABLE statements of a Teradata script (a whole
 * database dump): BigQuery types after the translation guide, the PRIMARY INDEX columns (first
 * four) as CLUSTERING, and as PARTITIONING the chosen column, or else a DATE column the table is
 * partitioned on with RANGE_N. Statements that do not parse or are not CREATE TABLE are skipped.
 */
export async function buildSchemaFile(script: string, options: SchemaFileOptions = {}): Promise<SchemaFile> {
  await loadPolyglot();
  const databases = new Map<string, SchemaFileTable[]>();
  let currentDatabase = options.defaultDatabase ?? 'default';
  for (const statement of splitStatements(script)) {
    const parsed = parseTeradata(statement.text);
    if (!parsed.ok) continue;
    for (const tree of parsed.statements) {
      const use = bodyOf(tree, 'use');
      if (use) currentDatabase = String((use.this as AstNode).name);
      const create = bodyOf(tree, 'create_table');
      if (!create || !Array.isArray(create.columns) || create.columns.length === 0) continue;
      const name = create.name as AstNode;
      const database = name.schema ? String((name.schema as AstNode).name) : currentDatabase;
      const tables = databases.get(database) ?? [];
      tables.push(describeTable(create, options));
      databases.set(database, tables);
    }
  }
  return { databases: [...databases].map(([name, tables]) => ({ name, originalName: name, tables })) };
}

function describeTable(create: AstNode, options: SchemaFileOptions): SchemaFileTable {
  const tableName = String(((create.name as AstNode).name as AstNode).name);
  const clustering = primaryIndexColumns(create)
    .slice(0, MAX_CLUSTERING_COLUMNS)
    .map((c) => c.toLowerCase());
  const columns = (create.columns as AstNode[]).flatMap((column) => describeColumn(column));
  const partition = choosePartitionColumn(create, columns, options);
  return {
    name: tableName,
    originalName: tableName,
    columns: columns.map((column) => {
      const usage: UsageType[] = [];
      if (clustering.includes(column.originalName.toLowerCase())) usage.push('CLUSTERING');
      if (partition && column.name.toLowerCase() === partition) usage.push('PARTITIONING');
      return { ...column, usageType: usage.length ? usage : ['DEFAULT'] };
    }),
  };
}

function describeColumn(column: AstNode): SchemaFileColumn[] {
  const name = String((column.name as AstNode).name);
  const type = column.data_type as AstNode;
  const isRequired = ((column.constraint_order as string[] | undefined) ?? []).includes('NotNull') || column.nullable === false;
  const originalType = teradataTypeText(type);
  const period = periodElement(type);
  if (period) {
    const element = mapDataType(period).sql;
    return ['begin', 'end'].map((suffix) => ({
      name: `${name}_${suffix}`,
      originalName: name,
      type: element,
      originalType,
      usageType: ['DEFAULT'],
      isRequired,
    }));
  }
  return [{ name, originalName: name, type: baseType(mapDataType(type).sql), originalType, usageType: ['DEFAULT'], isRequired }];
}

/** The schema file names types without parameters (`NUMERIC`, not `NUMERIC(5, 2)`). */
function baseType(sql: string): string {
  return sql.replace(/\(.*\)$/, '');
}

function primaryIndexColumns(create: AstNode): string[] {
  const fromIndexes = ((create.teradata_indexes as AstNode[] | undefined) ?? [])
    .filter((index) => index.kind === 'Primary')
    .flatMap((index) => (index.columns as string[]).map(String));
  if (fromIndexes.length) return fromIndexes;
  for (const property of (create.properties as AstNode[] | undefined) ?? []) {
    const index = bodyOf(property, 'index');
    if (!index || !bodyOf(index.primary, 'boolean')?.value) continue;
    return ((index.params as AstNode[] | undefined) ?? [])
      .map((param) => bodyOf(param, 'column'))
      .filter((column): column is AstNode => !!column)
      .map((column) => String((column.name as AstNode).name));
  }
  return [];
}

function choosePartitionColumn(create: AstNode, columns: readonly SchemaFileColumn[], options: SchemaFileOptions): string | undefined {
  const isTimeColumn = (name: string): boolean =>
    columns.some((c) => c.name.toLowerCase() === name && (c.type === 'DATE' || c.type === 'TIMESTAMP'));
  const chosen = options.partitionColumn?.toLowerCase();
  if (chosen && isTimeColumn(chosen)) return chosen;
  if (chosen) return undefined;
  let fromRangeN: string | undefined;
  for (const property of (create.properties as AstNode[] | undefined) ?? []) {
    if (kindOf(property) !== 'partitioned_by_property') continue;
    visitTree(property, (kind, body) => {
      if (kind !== 'range_n' || fromRangeN) return;
      const column = bodyOf(body.this, 'column');
      if (column) fromRangeN = String((column.name as AstNode).name).toLowerCase();
    });
  }
  return fromRangeN && isTimeColumn(fromRangeN) ? fromRangeN : undefined;
}

/** The Teradata spelling of a column type, for `originalType`. */
function teradataTypeText(type: AstNode): string {
  if (type.data_type === 'custom') return String(type.name);
  const base = String(type.data_type).replace(/_/g, '').toUpperCase();
  const spelled = TYPE_SPELLING[base] ?? base;
  if (typeof type.precision === 'number') {
    return typeof type.scale === 'number' ? `${spelled}(${type.precision},${type.scale})` : `${spelled}(${type.precision})`;
  }
  if (typeof type.length === 'number') return `${spelled}(${type.length})`;
  return spelled;
}

const TYPE_SPELLING: Readonly<Record<string, string>> = { INT: 'INTEGER', VARCHAR: 'VARCHAR', DOUBLE: 'FLOAT' };
