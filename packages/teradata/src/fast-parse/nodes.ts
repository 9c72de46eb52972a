import type { AstNode } from '../ast';

/**
 * Builders for the pruned polyglot nodes the fast parser emits: each carries exactly the
 * fields polyglot's Teradata parser sets (null fields left out, as `pruneTree` leaves them).
 */

/** A table reference without alias, `[schema.]name` (also the shape of a CREATE target's name). */
export function tableNode(name: AstNode, schema?: AstNode): AstNode {
  const body: AstNode = { name };
  if (schema) body.schema = schema;
  body.alias_explicit_as = false;
  body.column_aliases = [];
  body.only = false;
  body.final_ = false;
  body.hints = [];
  return { table: body };
}

/** A binary operator node with `left`/`right` operands (`eq`, `add`, `and`, …). */
export function binaryNode(kind: string, left: AstNode, right: AstNode): AstNode {
  return { [kind]: { left, right } };
}

/** A parenthesised subquery (in FROM, or as a scalar / quantified operand); `asKeyword` is the AS before its alias as written. */
export function subqueryNode(query: AstNode, alias: AstNode | undefined, asKeyword: string | undefined): AstNode {
  const body: AstNode = { this: query };
  if (alias) body.alias = alias;
  body.column_aliases = [];
  body.alias_explicit_as = asKeyword !== undefined;
  if (alias && asKeyword !== undefined) body.alias_keyword = asKeyword;
  body.lateral = false;
  body.modifiers_inside = false;
  return { subquery: body };
}

/** A `select` node body with polyglot's always-present fields. */
export function selectBody(): AstNode {
  return { expressions: [], joins: [], lateral_views: [], distinct: false, locks: [] };
}

/** A set operation (`union`, `except`, `intersect`). */
export function setOperationNode(kind: string, left: AstNode, right: AstNode, all: boolean): AstNode {
  return { [kind]: { left, right, all, distinct: false, by_name: false, corresponding: false, strict: false } };
}

/** One ORDER BY item. */
export function orderedNode(expression: AstNode, desc: boolean, explicitAsc: boolean, nullsFirst: boolean | undefined): AstNode {
  const body: AstNode = { this: expression, desc };
  if (nullsFirst !== undefined) body.nulls_first = nullsFirst;
  body.explicit_asc = explicitAsc;
  return body;
}
