import {
  type AstNode,
  type NodeRewrite,
  bodyOf,
  expressionTemplate,
  isNumberLiteral,
  kindOf,
  literalText,
  renameIdentifiers,
  statementTemplate,
  stringLiteral,
} from '../ast';
import type { RewriteContext } from './context';

const T = {
  whereTrue: statementTemplate('SELECT 1 FROM t WHERE TRUE'),
  randomOrder: statementTemplate('SELECT 1 FROM t ORDER BY RAND() LIMIT 1'),
  randBelow: expressionTemplate('RAND() < __0'),
  and: expressionTemplate('__0 AND __1'),
};

/** A fresh `WHERE TRUE` clause (BigQuery requires a WHERE on every UPDATE and DELETE). */
function whereTrue(): AstNode {
  return (T.whereTrue().select as AstNode).where_clause as AstNode;
}

/** The rules for Teradata query and DML clauses, keyed by polyglot node kind. */
export function statementRules(ctx: RewriteContext): Record<string, NodeRewrite> {
  return {
    select: (b) => rewriteSelect(b, ctx),
    update: (b) => rewriteUpdate(b),
    delete: (b) => {
      b.where_clause ??= whereTrue();
      return undefined;
    },
    union: (b) => distinctSetOperation(b),
    intersect: (b) => distinctSetOperation(b),
    except: (b) => distinctSetOperation(b),
    create_view: (b) => {
      b.locking_mode = null;
      b.locking_access = null;
      return undefined;
    },
    table: (b) => {
      const schema = String((b.schema as AstNode | undefined)?.name ?? '').toUpperCase();
      if (schema === 'DBC')
        ctx.warn(`DBC.${String((b.name as AstNode).name)} is a Teradata system view: query the INFORMATION_SCHEMA views instead`);
      if (schema === 'SYS_CALENDAR') {
        ctx.warn('SYS_CALENDAR views are not in BigQuery: use EXTRACT, DATE_TRUNC and GENERATE_DATE_ARRAY instead');
      }
      return undefined;
    },
    locking_statement: (b) => {
      const lock = bodyOf(b.this, 'locking_property');
      const type = String(bodyOf(lock?.lock_type, 'var')?.this ?? '').toUpperCase();
      if (type && type !== 'ACCESS' && type !== 'READ' && type !== 'SHARE') {
        ctx.warn(`LOCKING … FOR ${type} dropped: BigQuery uses snapshot isolation and has no explicit locks`);
      }
      return b.expression as AstNode;
    },
  };
}

/** BigQuery requires `UNION|INTERSECT|EXCEPT DISTINCT` where Teradata's bare form means DISTINCT. */
function distinctSetOperation(b: AstNode): undefined {
  if (!b.all) b.distinct = true;
  return undefined;
}

function rewriteSelect(b: AstNode, ctx: RewriteContext): undefined {
  const top = b.top as AstNode | null;
  if (top && (top.percent || top.with_ties)) {
    ctx.warn(
      `TOP n ${top.percent ? 'PERCENT' : 'WITH TIES'} became LIMIT n: BigQuery has no ${top.percent ? 'percentage limit' : 'ties in LIMIT'}`,
    );
    top.percent = false;
    top.with_ties = false;
  }
  if (b.qualify && !b.where_clause && !b.group_by && !b.having) b.where_clause = whereTrue();
  const selectSample = b.sample as AstNode | null | undefined;
  if (selectSample?.use_sample_keyword) {
    b.sample = null;
    applySample(b, selectSample.size as AstNode, ctx);
  }
  const from = b.from as AstNode | null;
  for (const source of (from?.expressions as AstNode[] | undefined) ?? []) {
    const table = bodyOf(source, 'table');
    const sample = table?.table_sample as AstNode | null | undefined;
    if (!table || !sample || !sample.use_sample_keyword) continue;
    table.table_sample = null;
    applySample(b, sample.size as AstNode, ctx);
  }
  warnAliasReferences(b, ctx);
  for (const join of (b.joins as AstNode[] | undefined) ?? []) {
    if (join.on && hasSubquery(join.on)) {
      ctx.warn('subquery in a JOIN condition: BigQuery may reject it; join the subquery as a table and compare with its columns');
      break;
    }
  }
  return undefined;
}

/** Whether a condition holds a subquery (a nested SELECT). */
function hasSubquery(tree: unknown): boolean {
  if (!tree || typeof tree !== 'object') return false;
  if (Array.isArray(tree)) return tree.some(hasSubquery);
  for (const key in tree as AstNode) {
    if (key === 'select' || hasSubquery((tree as AstNode)[key])) return true;
  }
  return false;
}

/**
 * Teradata lets a select item or the WHERE clause use the alias of an earlier select item
 * (`SELECT (…) AS flag, CASE WHEN flag = 1 …`); BigQuery reads such a name as a column of the FROM
 * tables. The guide's advice, move the aliased expression into a WITH clause, needs the query
 * rewritten, so the statement gets a warning naming the alias.
 */
function warnAliasReferences(select: AstNode, ctx: RewriteContext): void {
  const expressions = select.expressions as AstNode[] | undefined;
  if (!expressions) return;
  let aliases: Set<string> | undefined;
  const used = new Set<string>();
  for (const expression of expressions) {
    const alias = (expression as { alias?: AstNode }).alias;
    if (aliases) collectAliasUses(alias ? alias.this : expression, aliases, used);
    if (alias && !isOwnName(alias)) (aliases ??= new Set()).add(String((alias.alias as AstNode).name).toLowerCase());
  }
  if (!aliases) return;
  if (select.where_clause) collectAliasUses(select.where_clause, aliases, used);
  for (const name of used) {
    ctx.warn(
      `${name} refers to a select-list alias, which BigQuery does not see in the same SELECT or its WHERE: ` +
        'move the aliased expression into a WITH clause',
    );
  }
}

/** `a AS a`: an alias that names the column it aliases, which reads the same either way. */
function isOwnName(alias: AstNode): boolean {
  const column = bodyOf(alias.this, 'column');
  return !!column && String((column.name as AstNode).name).toLowerCase() === String((alias.alias as AstNode).name).toLowerCase();
}

/** Adds to `used` the unqualified column names of `tree` that are in `aliases` (subqueries have their own scope). */
function collectAliasUses(tree: unknown, aliases: ReadonlySet<string>, used: Set<string>): void {
  if (Array.isArray(tree)) {
    for (const item of tree) collectAliasUses(item, aliases, used);
    return;
  }
  if (!tree || typeof tree !== 'object') return;
  for (const key in tree as AstNode) {
    const child = (tree as AstNode)[key];
    if (key === 'column') {
      const column = child as AstNode;
      if (!column.table) {
        const name = String((column.name as AstNode).name).toLowerCase();
        if (aliases.has(name)) used.add(name);
      }
    } else if (key !== 'subquery' && key !== 'select' && key !== 'exists' && child && typeof child === 'object') {
      collectAliasUses(child, aliases, used);
    }
  }
}

/**
 * Teradata `SAMPLE n` (n rows) → `ORDER BY RAND() LIMIT n`; `SAMPLE 0.1` (a fraction) →
 * `WHERE RAND() < 0.1`. Several sample sets keep the first, with a warning.
 */
function applySample(select: AstNode, size: AstNode, ctx: RewriteContext): void {
  let first = size;
  const list = bodyOf(size, 'tuple')?.expressions as AstNode[] | undefined;
  if (list) {
    ctx.warn('SAMPLE with several sample sets: only the first is translated (BigQuery has no SAMPLEID)');
    first = list[0]!;
  }
  const text = literalText(first);
  if (!isNumberLiteral(first) || text === undefined) {
    ctx.warn('SAMPLE with a non-literal size is not translated');
    return;
  }
  if (Number(text) >= 1 && !text.includes('.')) {
    if (select.order_by || select.limit) {
      ctx.warn('SAMPLE on a query that already has ORDER BY or LIMIT is not translated');
      return;
    }
    const template = T.randomOrder().select as AstNode;
    select.order_by = template.order_by;
    select.limit = template.limit;
    ((select.limit as AstNode).this as AstNode) = first;
    return;
  }
  ctx.warn('SAMPLE fraction became WHERE RAND() < fraction: the row count varies from run to run');
  const condition = T.randBelow(first);
  const where = select.where_clause as AstNode | null;
  if (where) where.this = T.and(where.this as AstNode, condition);
  else {
    const clause = whereTrue();
    clause.this = condition;
    select.where_clause = clause;
  }
}

/**
 * Teradata `UPDATE a FROM t AS a, s SET … WHERE …` → BigQuery `UPDATE t AS a SET … FROM s WHERE …`
 * (the FROM entry aliased as the target becomes the target); `UPDATE t FROM s SET …` and `UPDATE t
 * FROM t, s SET …` → `UPDATE t SET … FROM s`; a missing WHERE becomes `WHERE TRUE`.
 */
function rewriteUpdate(b: AstNode): undefined {
  b.where_clause ??= whereTrue();
  const from = b.from_clause as AstNode | null;
  if (!b.from_before_set || !from) return undefined;
  const target = bodyOf(b.table, 'table') ?? (b.table as AstNode);
  const targetName = String((target.name as AstNode | undefined)?.name ?? '').toLowerCase();
  const sources = from.expressions as AstNode[];
  const index = sources.findIndex((source) => {
    const table = bodyOf(source, 'table');
    const alias = table?.alias as AstNode | null | undefined;
    return !!table && !!alias && String(alias.name).toLowerCase() === targetName;
  });
  const same = index >= 0 ? -1 : sources.findIndex((source) => sameTable(bodyOf(source, 'table'), target));
  if (index >= 0) {
    const [source] = sources.splice(index, 1);
    b.table = bodyOf(source, 'table');
  } else if (same >= 0) sources.splice(same, 1);
  if (sources.length === 0) b.from_clause = null;
  b.from_before_set = false;
  return undefined;
}

/** Whether a FROM entry is the UPDATE target itself, named alike and without an alias of its own. */
function sameTable(table: AstNode | undefined, target: AstNode): boolean {
  if (!table || table.alias) return false;
  const name = (node: AstNode, field: string): string => String((node[field] as AstNode | undefined)?.name ?? '').toLowerCase();
  return name(table, 'name') === name(target, 'name') && name(table, 'schema') === name(target, 'schema');
}

/** Statement-level translations that replace the whole statement; undefined keeps it. */
export function rewriteWholeStatement(statement: AstNode, ctx: RewriteContext): AstNode | null | undefined {
  const kind = kindOf(statement);
  const body = kind ? (statement[kind] as AstNode) : undefined;
  if (!kind || !body) return undefined;
  switch (kind) {
    case 'column': {
      const name = String((body.name as AstNode).name).toUpperCase();
      if (name === 'BT') return S.begin();
      if (name === 'ET') return S.commit();
      if (name === 'ABORT' || name === 'ROLLBACK') return S.rollback();
      return undefined;
    }
    case 'command':
      return rewriteCommand(String(body.this), ctx);
    case 'show':
      ctx.warn(`SHOW ${String(body.this)} dropped: read the DDL from INFORMATION_SCHEMA.TABLES (column ddl) instead`);
      return null;
    case 'grant':
    case 'revoke':
      throw new UntranslatableStatement(
        `${kind.toUpperCase()} is not translated: BigQuery grants IAM roles (GRANT \`roles/…\` ON TABLE … TO "user:…")`,
      );
    case 'execute':
      throw new UntranslatableStatement('EXEC of a Teradata macro: rewrite the macro as a BigQuery procedure and CALL it');
    case 'use': {
      const name = String((body.this as AstNode).name);
      const set = S.setDataset();
      (bodyOf(set, 'set_statement')!.items as AstNode[])[0]!.value = stringLiteral(name);
      return set;
    }
    case 'query_band': {
      ctx.warn('SET QUERY_BAND became SET @@query_label: labels are job metadata, not session state');
      const value = literalText(body.this);
      const set = S.setLabel();
      const labels = (value ?? '')
        .split(';')
        .filter(Boolean)
        .map((pair) => pair.replace('=', ':'))
        .join(',');
      (bodyOf(set, 'set_statement')!.items as AstNode[])[0]!.value = stringLiteral(labels);
      return set;
    }
    default:
      return undefined;
  }
}

const S = {
  begin: statementTemplate('BEGIN TRANSACTION'),
  commit: statementTemplate('COMMIT TRANSACTION'),
  rollback: statementTemplate('ROLLBACK TRANSACTION'),
  setDataset: statementTemplate("SET @@dataset_id = 'x'"),
  setLabel: statementTemplate("SET @@query_label = 'x'"),
  renameTable: statementTemplate('ALTER TABLE __from RENAME TO __to'),
  columnsOf: statementTemplate(
    "SELECT * EXCEPT (is_generated, generation_expression, is_stored, is_updatable) FROM t WHERE table_name = 'x'",
  ),
};

/**
 * `HELP TABLE [db.]t` / `HELP VIEW [db.]v` → the guide's `SELECT * EXCEPT (is_generated, …) FROM
 * [db.]INFORMATION_SCHEMA.COLUMNS WHERE table_name = 't'`.
 */
function helpColumns(qualifiedName: string): AstNode {
  const [dataset, name] = qualifiedName.includes('.') ? qualifiedName.split('.', 2) : [undefined, qualifiedName];
  const statement = S.columnsOf();
  const select = statement.select as AstNode;
  const table = bodyOf((select.from as AstNode).expressions && ((select.from as AstNode).expressions as AstNode[])[0], 'table')!;
  table.name = { name: 'COLUMNS', quoted: false };
  table.schema = { name: 'INFORMATION_SCHEMA', quoted: false };
  if (dataset) table.catalog = { name: dataset, quoted: false };
  const condition = bodyOf((select.where_clause as AstNode).this, 'eq')!;
  condition.right = stringLiteral(name!);
  return statement;
}

/** Thrown for statements that have no BigQuery translation at all. */
export class UntranslatableStatement extends Error {}

/** A command kept as written, replaced (a tree), dropped (null) or refused (thrown). */
function rewriteCommand(text: string, ctx: RewriteContext): AstNode | null | undefined {
  const words = text.trim().split(/\s+/);
  const head = `${words[0] ?? ''} ${words[1] ?? ''}`.toUpperCase();
  if (words[0]?.toUpperCase() === 'CALL' || head === 'EXECUTE IMMEDIATE') return undefined;
  if ((head === 'HELP TABLE' || head === 'HELP VIEW') && words.length === 3) return helpColumns(words[2]!);
  if (head === 'RENAME TABLE' && words.length === 5 && words[3]?.toUpperCase() === 'TO') {
    return renameIdentifiers(S.renameTable(), { __from: words[2]!, __to: words[4]! });
  }
  if (/^(COLLECT (STATISTICS|STATS|STAT)|DROP STAT|HELP STAT)/.test(head)) {
    ctx.warn(`${head.trim()} dropped: BigQuery keeps statistics itself`);
    return null;
  }
  if (/^HELP /.test(head)) {
    ctx.warn(`${head.trim()} dropped: query the INFORMATION_SCHEMA views instead`);
    return null;
  }
  throw new UntranslatableStatement(`unsupported statement: ${words.slice(0, 2).join(' ')}`);
}
