import type { AstNode } from '../ast';
import { bail, checkFields, flag, knownFields, list, requireEmpty, requireEmptyList, requireFalse, tagOf } from './bail';
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

const INSERT_FIELDS = knownFields(
  'table',
  'columns',
  'values',
  'query',
  'overwrite',
  'partition',
  'returning',
  'if_exists',
  'ignore',
  'alias_explicit_as',
  'default_values',
  'by_name',
  'is_replace',
);

const INSERT_FLAGS = ['overwrite', 'if_exists', 'ignore', 'alias_explicit_as', 'default_values', 'by_name', 'is_replace'];

function insert(body: unknown): string {
  const node = checkFields(body, INSERT_FIELDS);
  for (const key of INSERT_FLAGS) requireFalse(node[key]);
  requireEmptyList(node.partition);
  requireEmptyList(node.returning);
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

const UPDATE_FIELDS = knownFields(
  'table',
  'extra_tables',
  'table_joins',
  'set',
  'from_clause',
  'from_joins',
  'where_clause',
  'returning',
  'from_before_set',
);

function update(body: unknown): string {
  const node = checkFields(body, UPDATE_FIELDS);
  requireEmptyList(node.extra_tables);
  requireEmptyList(node.table_joins);
  requireEmptyList(node.from_joins);
  requireEmptyList(node.returning);
  requireFalse(node.from_before_set);
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

const DELETE_FIELDS = knownFields(
  'table',
  'alias_explicit_as',
  'using',
  'where_clause',
  'returning',
  'tables',
  'tables_from_using',
  'joins',
  'no_from',
);

function deleteStatement(body: unknown): string {
  const node = checkFields(body, DELETE_FIELDS);
  requireFalse(node.alias_explicit_as);
  requireEmptyList(node.using);
  requireEmptyList(node.returning);
  requireEmptyList(node.tables);
  requireFalse(node.tables_from_using);
  requireEmptyList(node.joins);
  requireFalse(node.no_from);
  const sql = 'DELETE FROM ' + tableName(node.table);
  return node.where_clause == null ? sql : `${sql} WHERE ${clause(node.where_clause)}`;
}

const CREATE_TABLE_FIELDS = knownFields(
  'name',
  'columns',
  'constraints',
  'if_not_exists',
  'temporary',
  'or_replace',
  'as_select',
  'as_select_parenthesized',
  'is_copy',
  'shallow_clone',
  'deep_clone',
  'with_properties',
  'teradata_post_name_options',
  'teradata_indexes',
  'properties',
  'post_table_properties',
  'mysql_table_options',
  'copy_grants',
  'leading_comments',
);

const CREATE_TABLE_FLAGS = [
  'if_not_exists',
  'or_replace',
  'as_select_parenthesized',
  'is_copy',
  'shallow_clone',
  'deep_clone',
  'copy_grants',
];
const CREATE_TABLE_LISTS = [
  'with_properties',
  'teradata_post_name_options',
  'teradata_indexes',
  'properties',
  'post_table_properties',
  'mysql_table_options',
];

function createTable(body: unknown): string {
  const node = checkFields(body, CREATE_TABLE_FIELDS);
  for (const key of CREATE_TABLE_FLAGS) requireFalse(node[key]);
  for (const key of CREATE_TABLE_LISTS) requireEmptyList(node[key]);
  requireEmpty(node.leading_comments);
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

const LIKE_FIELDS = knownFields('source', 'options');

function likeSource(node: unknown): string {
  if (tagOf(node) !== 'Like') bail();
  const like = checkFields((node as AstNode).Like, LIKE_FIELDS);
  requireEmptyList(like.options);
  return tableName(like.source);
}

const COLUMN_DEFINITION_FIELDS = knownFields(
  'name',
  'data_type',
  'nullable',
  'default',
  'primary_key',
  'unique',
  'unique_nulls_not_distinct',
  'auto_increment',
  'constraints',
  'constraint_order',
  'uppercase',
  'unsigned',
  'zerofill',
  'no_type',
  'not_for_replication',
);

const COLUMN_DEFINITION_FLAGS = [
  'primary_key',
  'unique',
  'unique_nulls_not_distinct',
  'auto_increment',
  'uppercase',
  'unsigned',
  'zerofill',
  'no_type',
  'not_for_replication',
];

/** `name TYPE`, then NOT NULL and DEFAULT x in the order written. */
function columnDefinition(value: unknown): string {
  const node = checkFields(value, COLUMN_DEFINITION_FIELDS);
  for (const key of COLUMN_DEFINITION_FLAGS) requireFalse(node[key]);
  requireEmptyList(node.constraints);
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

const CREATE_VIEW_FIELDS = knownFields(
  'name',
  'columns',
  'query',
  'or_replace',
  'if_not_exists',
  'materialized',
  'temporary',
  'secure',
  'security_sql_style',
  'security_after_name',
  'query_parenthesized',
  'copy_grants',
  'tags',
  'options',
  'no_schema_binding',
);

const CREATE_VIEW_FLAGS = [
  'if_not_exists',
  'materialized',
  'temporary',
  'secure',
  'security_sql_style',
  'security_after_name',
  'copy_grants',
  'no_schema_binding',
];
const VIEW_COLUMN_FIELDS = knownFields('name');

function createView(body: unknown): string {
  const node = checkFields(body, CREATE_VIEW_FIELDS);
  for (const key of CREATE_VIEW_FLAGS) requireFalse(node[key]);
  requireEmptyList(node.tags);
  requireEmptyList(node.options);
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

const ALTER_TABLE_FIELDS = knownFields('name', 'actions', 'if_exists');

/** `ALTER TABLE a RENAME TO b`, the one action implemented. */
function alterTable(body: unknown): string {
  const node = checkFields(body, ALTER_TABLE_FIELDS);
  requireFalse(node.if_exists);
  const actions = list(node.actions);
  if (actions.length !== 1 || tagOf(actions[0]) !== 'RenameTable') bail();
  return `ALTER TABLE ${tableName(node.name)} RENAME TO ${tableName((actions[0] as AstNode).RenameTable)}`;
}

const SET_STATEMENT_FIELDS = knownFields('items');
const SET_ITEM_FIELDS = knownFields('name', 'value');
const SYSTEM_VARIABLE_FIELDS = knownFields('name', 'quoted');

/** `SET @@name = value` for system variables. */
function setStatement(body: unknown): string {
  const items = list(checkFields(body, SET_STATEMENT_FIELDS).items);
  if (items.length !== 1) bail();
  const item = checkFields(items[0], SET_ITEM_FIELDS);
  if (tagOf(item.name) !== 'identifier') bail();
  const variable = checkFields((item.name as AstNode).identifier, SYSTEM_VARIABLE_FIELDS);
  requireFalse(variable.quoted);
  const name = String(variable.name);
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

const DROP_TABLE_FIELDS = knownFields('names', 'if_exists', 'cascade', 'cascade_constraints', 'purge', 'sync', 'iceberg', 'restrict');
const DROP_TABLE_FLAGS = ['if_exists', 'cascade', 'cascade_constraints', 'purge', 'sync', 'iceberg', 'restrict'];

/** `DROP TABLE t` (one table, no options). */
function dropTable(body: unknown): string {
  const node = checkFields(body, DROP_TABLE_FIELDS);
  for (const key of DROP_TABLE_FLAGS) requireFalse(node[key]);
  const names = list(node.names);
  if (names.length !== 1) bail();
  return `DROP TABLE ${tableName(names[0])}`;
}

const TRANSACTION_FIELDS = knownFields('mark');
const COMMIT_FIELDS = knownFields('this');

/** Whether the node is the bare keyword TRANSACTION that BEGIN and COMMIT carry. */
function isTransactionKeyword(node: unknown): boolean {
  if (tagOf(node) !== 'identifier') return false;
  const word = checkFields((node as AstNode).identifier, SYSTEM_VARIABLE_FIELDS);
  return word.name === 'TRANSACTION' && word.quoted === false;
}

const ROLLBACK_FIELDS = knownFields('this');

/** `ROLLBACK` or `ROLLBACK TRANSACTION`. */
function rollback(body: unknown): string {
  const node = checkFields(body, ROLLBACK_FIELDS);
  if (node.this == null) return 'ROLLBACK';
  if (!isTransactionKeyword(node.this)) bail();
  return 'ROLLBACK TRANSACTION';
}

const DROP_VIEW_FIELDS = knownFields('name', 'if_exists', 'materialized');

/** `DROP VIEW v` (no options). */
function dropView(body: unknown): string {
  const node = checkFields(body, DROP_VIEW_FIELDS);
  requireFalse(node.if_exists);
  requireFalse(node.materialized);
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
