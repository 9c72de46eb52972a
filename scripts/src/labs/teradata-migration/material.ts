import { LabsError } from '@labs/config';
import {
  buildSchemaFile,
  namedQueries,
  terminatedStatements,
  TeradataTranslator,
  type SchemaFile,
  type SchemaFileTable,
} from '@labs/teradata';

/** One lab query, translated. */
export interface TranslatedQuery {
  readonly name: string;
  /** The Teradata statement as written. */
  readonly teradata: string;
  /** BigQuery SQL, or null when the translation failed. */
  readonly bigquery: string | null;
  readonly warnings: string[];
  /** Why the translation failed, with line and column; null on success. */
  readonly error: string | null;
}

/** A table of the schema file, as `labs local --json` reports it. */
export interface TableSummary {
  readonly name: string;
  readonly columns: { readonly name: string; readonly type: string }[];
  /** The PARTITIONING column, or null. */
  readonly partitioning: string | null;
  /** The CLUSTERING columns, in order. */
  readonly clustering: string[];
}

/** What the lab makes of the source DDL and the queries. */
export interface MigrationMaterial {
  readonly schema: SchemaFile;
  readonly tables: TableSummary[];
  readonly queries: TranslatedQuery[];
}

/**
 * Reads the source DDL and the queries into the transfer's custom schema file and the translated queries.
 * Refuses, with the file and position, a DDL script without CREATE TABLE, a CREATE TABLE that does not
 * translate, and an unterminated statement in either file; a query that does not translate is reported
 * in its result (the others still run).
 */
export async function prepareMaterial(
  ddl: { readonly text: string; readonly source: string },
  queries: { readonly text: string; readonly source: string },
): Promise<MigrationMaterial> {
  terminatedStatements(ddl.text, ddl.source);
  const translator = await TeradataTranslator.create();
  const failedTable = translator
    .translateScript(ddl.text)
    .find((result) => result.error !== null && /^\s*(--[^\n]*\n\s*)*CREATE\b/i.test(result.input));
  if (failedTable) throw new LabsError(`${ddl.source}: CREATE TABLE does not translate: ${failedTable.error}`);
  const schema = await buildSchemaFile(ddl.text);
  const tables = schema.databases.flatMap((database) => database.tables.map(summarise));
  if (tables.length === 0) {
    throw new LabsError(`${ddl.source} holds no CREATE TABLE statement; pass the source's Teradata DDL (CREATE TABLE …;)`);
  }
  // The queries are translated after the DDL, in one script, so the column types it declares inform them.
  const offset = ddl.text.split('\n').length;
  const results = translator.translateScript(`${ddl.text}\n${queries.text}`);
  const translated = namedQueries(queries.text, queries.source).map((query): TranslatedQuery => {
    const result = results.find((r) => r.line - offset === query.line)!;
    const error = result.error?.replace(/^line (\d+)/, (_, line: string) => `${queries.source} line ${Number(line) - offset}`) ?? null;
    return { name: query.name, teradata: query.sql, bigquery: result.output, warnings: result.warnings, error };
  });
  return { schema, tables, queries: translated };
}

function summarise(table: SchemaFileTable): TableSummary {
  return {
    name: table.name,
    columns: table.columns.map((column) => ({ name: column.name, type: column.type })),
    partitioning: table.columns.find((column) => column.usageType.includes('PARTITIONING'))?.name ?? null,
    clustering: table.columns.filter((column) => column.usageType.includes('CLUSTERING')).map((column) => column.name),
  };
}

/** The translated queries as one BigQuery script: each named, warnings and failures as comments. */
export function queriesScript(queries: readonly TranslatedQuery[]): string {
  return `${queries
    .map((query) => {
      const lines = [`-- name: ${query.name}`, ...query.warnings.map((warning) => `-- warning: ${warning}`)];
      if (query.bigquery === null)
        lines.push(`-- error: ${query.error ?? 'not translated'}`, ...query.teradata.split('\n').map((l) => `-- ${l}`));
      else lines.push(`${query.bigquery.replace(/^\/\* name: \w+ \*\/\s*/, '')};`);
      return lines.join('\n');
    })
    .join('\n\n')}\n`;
}
