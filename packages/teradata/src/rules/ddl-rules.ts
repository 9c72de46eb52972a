import { type AstNode, bodyOf, cloneTree, kindOf, renameIdentifiers, statementTemplate } from '../ast';
import type { RewriteContext } from './context';
import { bigQueryTypeNode, mapDataType } from './data-types';

const T = {
  description: statementTemplate("CREATE TABLE t (c STRING OPTIONS (description = 'x'))"),
  createLike: statementTemplate('CREATE TABLE __new LIKE __old'),
  limitZero: statementTemplate('SELECT 1 FROM t LIMIT 0'),
};

/** Teradata-only column attributes that BigQuery has no use for (display, storage, character set). */
const DROPPED_COLUMN_FIELDS = ['format', 'title', 'inline_length', 'compress', 'character_set'] as const;

/**
 * `CREATE [SET|MULTISET] [VOLATILE|GLOBAL TEMPORARY] TABLE …` → BigQuery `CREATE [TEMP] TABLE`:
 * types mapped, PRIMARY INDEX / INDEX / PARTITION BY / journaling and block options / FORMAT /
 * COMPRESS / TITLE / CHARACTER SET dropped, `AS (…) WITH NO DATA` → `LIMIT 0`, `AS t WITH NO
 * DATA` → `LIKE t`, PERIOD columns split into begin and end columns.
 */
export function rewriteCreateTable(statement: AstNode, ctx: RewriteContext): AstNode {
  const b = statement.create_table as AstNode;
  const modifier = String(b.table_modifier ?? '').toUpperCase();
  if (modifier.includes('VOLATILE')) b.temporary = true;
  if (modifier.includes('GLOBAL TEMPORARY'))
    ctx.warn('GLOBAL TEMPORARY table became a permanent table: BigQuery has no global temporary tables');
  if (/(^|\s)SET(\s|$)/.test(modifier)) ctx.warn('SET table: BigQuery does not reject duplicate rows; deduplicate on load if needed');
  b.table_modifier = null;
  b.teradata_post_name_options = [];
  b.teradata_indexes = [];
  b.on_commit = null;
  const properties = (b.properties as AstNode[] | undefined) ?? [];
  if (properties.some((p) => kindOf(p) === 'partitioned_by_property')) {
    ctx.warn('PARTITION BY dropped from the DDL: the schema file (--schema-file, --partition-column) sets BigQuery partitioning');
  }
  b.properties = properties.filter((p) => kindOf(p) !== 'index' && kindOf(p) !== 'partitioned_by_property');
  b.columns = ((b.columns as AstNode[] | undefined) ?? []).flatMap((column) => rewriteColumn(column, ctx));
  const constraints = (b.constraints as AstNode[] | undefined) ?? [];
  if (constraints.length) {
    ctx.warn(`table constraints dropped (${constraints.map((c) => kindOf(c)).join(', ')}): BigQuery does not enforce them`);
    b.constraints = [];
  }
  const asSelect = b.as_select as AstNode | null;
  if (asSelect) {
    b.as_select_parenthesized = false;
    if (b.with_data === false) {
      b.with_data = null;
      if (kindOf(asSelect) === 'table') return createLike(b.name as AstNode, asSelect.table as AstNode);
      const select = bodyOf(asSelect, 'select');
      if (select) select.limit = (T.limitZero().select as AstNode).limit;
      else ctx.warn('WITH NO DATA on a set operation is not translated');
    }
    b.with_data = null;
  }
  return statement;
}

function createLike(name: AstNode, source: AstNode): AstNode {
  const statement = T.createLike();
  const body = statement.create_table as AstNode;
  body.name = name;
  const sourceName = source.name as AstNode;
  const schema = source.schema as AstNode | null;
  const qualified = schema ? `${String(schema.name)}.${String(sourceName.name)}` : String(sourceName.name);
  return renameIdentifiers(statement, { __old: qualified });
}

function rewriteColumn(column: AstNode, ctx: RewriteContext): AstNode[] {
  if (typeof column.title === 'string') column.options = description(column.title);
  for (const field of DROPPED_COLUMN_FIELDS) column[field] = null;
  if (column.casespecific === false) {
    ctx.warn(`column ${columnName(column)} is NOT CASESPECIFIC: BigQuery compares case-sensitively (use COLLATE 'und:ci')`);
  }
  column.casespecific = null;
  column.uppercase = false;
  if (column.primary_key || column.unique) {
    ctx.warn(`PRIMARY KEY / UNIQUE on ${columnName(column)} dropped: BigQuery does not enforce them`);
    column.primary_key = false;
    column.unique = false;
  }
  const constraints = (column.constraints as AstNode[] | undefined) ?? [];
  if (constraints.length) {
    ctx.warn(`${constraints.map((c) => kindOf(c)).join(', ')} on ${columnName(column)} dropped: BigQuery has no such column constraint`);
    column.constraints = [];
  }
  column.constraint_order = ((column.constraint_order as string[] | undefined) ?? []).filter(
    (c) => c === 'NotNull' || c === 'Null' || c === 'Default',
  );
  const type = column.data_type as AstNode;
  const period = periodElement(type);
  if (period) {
    ctx.warn(`PERIOD column ${columnName(column)} split into ${columnName(column)}_begin and ${columnName(column)}_end`);
    const element = mapDataType(period).sql;
    return ['begin', 'end'].map((suffix) => {
      const part = cloneTree(column);
      (part.name as AstNode).name = `${columnName(column)}_${suffix}`;
      part.data_type = bigQueryTypeNode(element);
      return part;
    });
  }
  if (type.data_type === 'interval' && !type.to) {
    ctx.warn(
      `INTERVAL ${String(type.unit)} column ${columnName(column)} became INT64: it holds a count of ${String(type.unit).toLowerCase()}s`,
    );
    column.data_type = bigQueryTypeNode('INT64');
    return [column];
  }
  const mapped = mapDataType(type);
  if (mapped.warning) ctx.warn(mapped.warning);
  column.data_type = bigQueryTypeNode(mapped.sql);
  return [column];
}

/** Teradata's column `TITLE 'x'` as BigQuery's `OPTIONS (description = 'x')` (the guide's mapping). */
function description(title: string): AstNode[] {
  const column = ((T.description().create_table as AstNode).columns as AstNode[])[0]!;
  const options = column.options as AstNode[];
  (bodyOf(options[0], 'eq')!.right as AstNode) = { literal: { literal_type: 'string', value: title } };
  return options;
}

function columnName(column: AstNode): string {
  return String((column.name as AstNode).name);
}

/** The element type of a PERIOD(…) column type, or undefined for any other type. */
export function periodElement(type: AstNode): AstNode | undefined {
  if (type.data_type !== 'custom') return undefined;
  const match = /^PERIOD\s*\(\s*(DATE|TIMESTAMP|TIME)/i.exec(String(type.name));
  if (!match) return undefined;
  return { data_type: match[1]!.toLowerCase() };
}
