import type { AstNode } from '../ast';
import { bail, checkFields, checkShape, flag, knownFields, list, nodeShape, tagOf } from './bail';
import { dataType } from './data-types';
import { expression, expressionList } from './expressions';
import { QUERIES, clause, fromClause, query, table, tableName } from './queries';
import { identifier } from './lexical';

/** Generates one statement node; bails out on any kind, field or value not implemented here. */
export function statement(node: unknown): string {
  const kind = tagOf(node);
  const generate = STATEMENTS[kind];
  return generate === undefined ? expression(node) : generate((node as AstNode)[kind]);
}

const INSERT_SHAPE = nodeShape({
  reads: ['table', 'columns', 'values', 'query'],
  falseFlags: ['overwrite', 'if_exists', 'ignore', 'alias_explicit_as', 'default_values', 'by_name', 'is_replace'],
  emptyLists: ['partition', 'returning'],
});

function insert(body: unknown): string {
  const node = checkShape(body, INSERT_SHAPE);
  let sql = 'INSERT INTO ' + tableName(node.table);
  const columns = list(node.columns);
  if (columns.length !== 0) sql += ` (${identifierList(columns)})`;
  const rows = list(node.values);
  if (node.query != null) {
    if (rows.length !== 0) bail();
    return `${sql} ${query(node.query)}`;
  }
  if (rows.length === 0) bail();
  sql += ' VALUES ';
  for (let i = 0; i < rows.length; i++) sql += `${i === 0 ? '' : ', '}(${expressionList(rows[i])})`;
  return sql;
}

function identifierList(items: readonly unknown[]): string {
  let out = '';
  for (let i = 0; i < items.length; i++) out += (i === 0 ? '' : ', ') + identifier(items[i]);
  return out;
}

const UPDATE_SHAPE = nodeShape({
  reads: ['table', 'set', 'from_clause', 'where_clause'],
  falseFlags: ['from_before_set'],
  emptyLists: ['extra_tables', 'table_joins', 'from_joins', 'returning'],
});

function update(body: unknown): string {
  const node = checkShape(body, UPDATE_SHAPE);
  const assignments = list(node.set);
  if (assignments.length === 0) bail();
  let sql = `UPDATE ${table(node.table, true)} SET `;
  for (let i = 0; i < assignments.length; i++) {
    const pair = list(assignments[i]);
    if (pair.length !== 2) bail();
    sql += `${i === 0 ? '' : ', '}${identifier(pair[0])} = ${expression(pair[1])}`;
  }
  // An UPDATE's FROM list keeps its commas (a SELECT's becomes CROSS JOINs).
  if (node.from_clause != null) sql += fromClause(node.from_clause, ', ');
  if (node.where_clause != null) sql += ' WHERE ' + clause(node.where_clause);
  return sql;
}

const DELETE_SHAPE = nodeShape({
  reads: ['table', 'where_clause'],
  falseFlags: ['alias_explicit_as', 'tables_from_using', 'no_from'],
  emptyLists: ['using', 'returning', 'tables', 'joins'],
});

function deleteStatement(body: unknown): string {
  const node = checkShape(body, DELETE_SHAPE);
  const sql = 'DELETE FROM ' + tableName(node.table);
  return node.where_clause == null ? sql : `${sql} WHERE ${clause(node.where_clause)}`;
}

const CREATE_TABLE_SHAPE = nodeShape({
  reads: ['name', 'columns', 'constraints', 'temporary', 'as_select'],
  falseFlags: ['if_not_exists', 'or_replace', 'as_select_parenthesized', 'is_copy', 'shallow_clone', 'deep_clone', 'copy_grants'],
  emptyLists: [
    'with_properties',
    'teradata_post_name_options',
    'teradata_indexes',
    'properties',
    'post_table_properties',
    'mysql_table_options',
  ],
  emptyOrAbsent: ['leading_comments'],
});

function createTable(body: unknown): string {
  const node = checkShape(body, CREATE_TABLE_SHAPE);
  let sql = (flag(node.temporary) ? 'CREATE TEMPORARY TABLE ' : 'CREATE TABLE ') + tableName(node.name);
  const columns = list(node.columns);
  const constraints = list(node.constraints);
  if (constraints.length !== 0) {
    if (constraints.length !== 1 || columns.length !== 0 || node.as_select != null) bail();
    return `${sql} LIKE ${likeSource(constraints[0])}`;
  }
  if (columns.length !== 0) {
    sql += ' (';
    for (let i = 0; i < columns.length; i++) sql += (i === 0 ? '' : ', ') + columnDefinition(columns[i]);
    sql += ')';
  }
  return node.as_select == null ? sql : `${sql} AS ${query(node.as_select)}`;
}

const LIKE_SHAPE = nodeShape({ reads: ['source'], emptyLists: ['options'] });

function likeSource(node: unknown): string {
  if (tagOf(node) !== 'Like') bail();
  const like = checkShape((node as AstNode).Like, LIKE_SHAPE);
  return tableName(like.source);
}

const COLUMN_DEFINITION_SHAPE = nodeShape({
  reads: ['name', 'data_type', 'nullable', 'default', 'constraint_order'],
  falseFlags: [
    'primary_key',
    'unique',
    'unique_nulls_not_distinct',
    'auto_increment',
    'uppercase',
    'unsigned',
    'zerofill',
    'no_type',
    'not_for_replication',
  ],
  emptyLists: ['constraints'],
});

/** `name TYPE`, then NOT NULL and DEFAULT x in the order written. */
function columnDefinition(value: unknown): string {
  const node = checkShape(value, COLUMN_DEFINITION_SHAPE);
  let sql = `${identifier(node.name)} ${dataType(node.data_type)}`;
  let notNull = false;
  let hasDefault = false;
  for (const constraint of list(node.constraint_order)) {
    if (constraint === 'NotNull' && !notNull) {
      if (node.nullable !== false) bail();
      notNull = true;
      sql += ' NOT NULL';
    } else if (constraint === 'Default' && !hasDefault) {
      if (node.default == null) bail();
      hasDefault = true;
      sql += ` DEFAULT ${expression(node.default)}`;
    } else bail();
  }
  if ((node.nullable != null && !notNull) || (node.default != null && !hasDefault)) bail();
  return sql;
}

const CREATE_VIEW_SHAPE = nodeShape({
  reads: ['name', 'columns', 'query', 'or_replace', 'query_parenthesized'],
  falseFlags: [
    'if_not_exists',
    'materialized',
    'temporary',
    'secure',
    'security_sql_style',
    'security_after_name',
    'copy_grants',
    'no_schema_binding',
  ],
  emptyLists: ['tags', 'options'],
});
const VIEW_COLUMN_FIELDS = knownFields('name');

function createView(body: unknown): string {
  const node = checkShape(body, CREATE_VIEW_SHAPE);
  let sql = (flag(node.or_replace) ? 'CREATE OR REPLACE VIEW ' : 'CREATE VIEW ') + tableName(node.name);
  const columns = list(node.columns);
  if (columns.length !== 0) {
    sql += ' (';
    for (let i = 0; i < columns.length; i++) sql += (i === 0 ? '' : ', ') + identifier(checkFields(columns[i], VIEW_COLUMN_FIELDS).name);
    sql += ')';
  }
  const body_ = query(node.query);
  return flag(node.query_parenthesized) ? `${sql} AS (${body_})` : `${sql} AS ${body_}`;
}

const ALTER_TABLE_SHAPE = nodeShape({ reads: ['name', 'actions'], falseFlags: ['if_exists'] });

/** `ALTER TABLE a RENAME TO b`, the one action implemented. */
function alterTable(body: unknown): string {
  const node = checkShape(body, ALTER_TABLE_SHAPE);
  const actions = list(node.actions);
  if (actions.length !== 1 || tagOf(actions[0]) !== 'RenameTable') bail();
  return `ALTER TABLE ${tableName(node.name)} RENAME TO ${tableName((actions[0] as AstNode).RenameTable)}`;
}

const SET_STATEMENT_FIELDS = knownFields('items');
const SET_ITEM_FIELDS = knownFields('name', 'value');
/** An unquoted name: a system variable, or the keyword TRANSACTION. */
const UNQUOTED_NAME_SHAPE = nodeShape({ reads: ['name'], falseFlags: ['quoted'] });

/** `SET @@name = value` for system variables. */
function setStatement(body: unknown): string {
  const items = list(checkFields(body, SET_STATEMENT_FIELDS).items);
  if (items.length !== 1) bail();
  const item = checkFields(items[0], SET_ITEM_FIELDS);
  if (tagOf(item.name) !== 'identifier') bail();
  const name = String(checkShape((item.name as AstNode).identifier, UNQUOTED_NAME_SHAPE).name);
  if (!isSystemVariable(name)) bail();
  return `SET ${name} = ${expression(item.value)}`;
}

/** `@@` followed by lower-case letters, digits and underscores. */
function isSystemVariable(name: string): boolean {
  if (!name.startsWith('@@') || name.length === 2) return false;
  for (let i = 2; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (!((code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 95)) return false;
  }
  return true;
}

const DROP_TABLE_SHAPE = nodeShape({
  reads: ['names'],
  falseFlags: ['if_exists', 'cascade', 'cascade_constraints', 'purge', 'sync', 'iceberg', 'restrict'],
});

/** `DROP TABLE t` (one table, no options). */
function dropTable(body: unknown): string {
  const node = checkShape(body, DROP_TABLE_SHAPE);
  const names = list(node.names);
  if (names.length !== 1) bail();
  return `DROP TABLE ${tableName(names[0])}`;
}

const TRANSACTION_FIELDS = knownFields('mark');
const COMMIT_FIELDS = knownFields('this');

/** Whether the node is the bare keyword TRANSACTION that BEGIN and COMMIT carry (bails out on a quoted name). */
function isTransactionKeyword(node: unknown): boolean {
  if (tagOf(node) !== 'identifier') return false;
  return checkShape((node as AstNode).identifier, UNQUOTED_NAME_SHAPE).name === 'TRANSACTION';
}

const ROLLBACK_FIELDS = knownFields('this');

/** `ROLLBACK` or `ROLLBACK TRANSACTION`. */
function rollback(body: unknown): string {
  const node = checkFields(body, ROLLBACK_FIELDS);
  if (node.this == null) return 'ROLLBACK';
  if (!isTransactionKeyword(node.this)) bail();
  return 'ROLLBACK TRANSACTION';
}

const DROP_VIEW_SHAPE = nodeShape({ reads: ['name'], falseFlags: ['if_exists', 'materialized'] });

/** `DROP VIEW v` (no options). */
function dropView(body: unknown): string {
  const node = checkShape(body, DROP_VIEW_SHAPE);
  return `DROP VIEW ${tableName(node.name)}`;
}

function transaction(body: unknown): string {
  if (!isTransactionKeyword(checkFields(body, TRANSACTION_FIELDS).mark)) bail();
  return 'BEGIN TRANSACTION';
}

function commit(body: unknown): string {
  if (!isTransactionKeyword(checkFields(body, COMMIT_FIELDS).this)) bail();
  return 'COMMIT TRANSACTION';
}

const STATEMENTS: Readonly<Record<string, (body: unknown) => string>> = Object.assign(
  Object.create(null) as Record<string, (body: unknown) => string>,
  {
    ...QUERIES,
    insert,
    update,
    delete: deleteStatement,
    create_table: createTable,
    create_view: createView,
    alter_table: alterTable,
    drop_table: dropTable,
    drop_view: dropView,
    rollback,
    set_statement: setStatement,
    transaction,
    commit,
  },
);
