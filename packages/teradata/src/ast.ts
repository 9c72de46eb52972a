import { type AstNode, parseBigQuery } from './polyglot';

export type { AstNode };

/** The kind of a tagged node (`{ "select": … }` → `"select"`), or undefined for plain structs. */
export function kindOf(node: unknown): string | undefined {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return undefined;
  let kind: string | undefined;
  for (const key in node) {
    if (kind !== undefined) return undefined;
    kind = key;
  }
  return kind;
}

/** The body of a tagged node of the given kind, or undefined when the node is of another kind. */
export function bodyOf(node: unknown, kind: string): AstNode | undefined {
  if (kindOf(node) !== kind) return undefined;
  return (node as Record<string, AstNode>)[kind];
}

/** Rewrites one node; returns its replacement, or undefined to keep it. */
export type NodeRewrite = (body: AstNode, node: AstNode) => AstNode | undefined;

/**
 * Rewrites a tree bottom-up: children first, then the node itself with the rule registered for
 * its kind. A replacement is not rewritten again by the same rule. Source spans, null fields and
 * empty comment lists are removed on the way: the generator reads a missing field as null, and a smaller tree
 * generates markedly faster.
 */
export function rewriteTree(value: unknown, rules: Readonly<Record<string, NodeRewrite>>): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = rewriteTree(value[i], rules);
    return value;
  }
  if (!value || typeof value !== 'object') return value;
  const node = value as AstNode;
  let keys = 0;
  let last = '';
  for (const key in node) {
    keys++;
    last = key;
    const child = node[key];
    if (child === null || key === 'span' || (isEmptyArray(child) && key.endsWith('comments'))) node[key] = undefined;
    else if (child !== undefined && typeof child === 'object') node[key] = rewriteTree(child, rules);
  }
  if (keys === 1 && node[last] === undefined) node[last] = null;
  if (keys !== 1) return node;
  const rule = rules[last];
  if (!rule) return node;
  return rule(node[last] as AstNode, node) ?? node;
}

function isEmptyArray(value: unknown): boolean {
  return Array.isArray(value) && value.length === 0;
}

/** Visits every tagged node of a tree, parents before children. */
export function visitTree(value: unknown, visit: (kind: string, body: AstNode) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) visitTree(item, visit);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const kind = kindOf(value);
  if (kind !== undefined) visit(kind, (value as Record<string, AstNode>)[kind] as AstNode);
  for (const key in value as AstNode) visitTree((value as AstNode)[key], visit);
}

const PLACEHOLDER = /^__(\d+)$/;

/**
 * A BigQuery expression template: `expressionTemplate('MOD(__0, __1)')(a, b)` builds the
 * syntax tree of `MOD(a, b)` with the given subtrees in place of `__0` and `__1`. Templates
 * are parsed once, by polyglot's BigQuery parser, so every node carries all its fields, and
 * pruned once as {@link rewriteTree} prunes the input (no spans, null fields or empty comment
 * lists), so each use copies and later generates a small tree.
 */
export function expressionTemplate(sql: string): (...args: AstNode[]) => AstNode {
  let json: string | undefined;
  return (...args) => {
    json ??= JSON.stringify(pruneTree(selectList(sql)[0]));
    return fill(JSON.parse(json), args) as AstNode;
  };
}

/** Like {@link expressionTemplate} for a whole statement. */
export function statementTemplate(sql: string): (...args: AstNode[]) => AstNode {
  let json: string | undefined;
  return (...args) => {
    if (json === undefined) {
      const parsed = parseBigQuery(sql);
      if (!parsed.ok) throw new Error(`bad statement template ${sql}: ${parsed.message}`);
      json = JSON.stringify(pruneTree(parsed.statements[0]));
    }
    return fill(JSON.parse(json), args) as AstNode;
  };
}

const NO_RULES: Readonly<Record<string, NodeRewrite>> = {};

/** Removes spans, null fields and empty comment lists from a tree, as {@link rewriteTree} does, and rewrites nothing. */
export function pruneTree(tree: unknown): unknown {
  return rewriteTree(tree, NO_RULES);
}

function selectList(sql: string): AstNode[] {
  const parsed = parseBigQuery(`SELECT ${sql}`);
  const select = parsed.ok ? bodyOf(parsed.statements[0], 'select') : undefined;
  if (!select) throw new Error(`bad expression template ${sql}: ${parsed.ok ? 'not a SELECT' : parsed.message}`);
  return select.expressions as AstNode[];
}

function fill(value: unknown, args: readonly AstNode[]): unknown {
  if (Array.isArray(value)) return value.map((item) => fill(item, args));
  if (!value || typeof value !== 'object') return value;
  const column = bodyOf(value, 'column');
  if (column && !column.table) {
    const match = PLACEHOLDER.exec(String((column.name as AstNode).name));
    if (match) return args[Number(match[1])];
  }
  const node = value as AstNode;
  for (const key in node) node[key] = fill(node[key], args);
  return node;
}

/**
 * Renames identifiers in a tree built from a template: every `{ name: "<placeholder>" }` whose
 * placeholder is a key of `names` gets the mapped name (for statement templates whose
 * placeholders are table names rather than expressions).
 */
export function renameIdentifiers<T>(tree: T, names: Readonly<Record<string, string>>): T {
  const visit = (value: unknown): void => {
    if (!value || typeof value !== 'object') return;
    const record = value as AstNode;
    if (typeof record.name === 'string' && Object.hasOwn(names, record.name)) record.name = names[record.name];
    for (const key in record) visit(record[key]);
  };
  visit(tree);
  return tree;
}

/** A literal of the given polyglot literal type (`number`, `string`, `date`, `hex_string`, …). */
export const literalNode = (literalType: string, value: string): AstNode => ({ literal: { literal_type: literalType, value } });

/** An identifier (a name, or a column's or table's name part). */
export const identifier = (name: string, quoted: boolean): AstNode => ({ name, quoted });

/** A column reference, optionally qualified by a table. */
export function columnNode(name: AstNode, table?: AstNode): AstNode {
  return table ? { column: { name, table, join_mark: false } } : { column: { name, join_mark: false } };
}

/** A plain function call `name(args…)` (`noParens` for a bare keyword call such as CURRENT_DATE). */
export function functionNode(name: string, args: AstNode[], noParens: boolean): AstNode {
  return { function: { name, args, distinct: false, use_bracket_syntax: false, no_parens: noParens, quoted: false } };
}

/** A string literal node. */
export const stringLiteral = (value: string): AstNode => literalNode('string', value);

/** A number literal node. */
export const numberLiteral = (value: string | number): AstNode => literalNode('number', String(value));

/** The text of a literal node (string or number), or undefined for any other node. */
export function literalText(node: unknown): string | undefined {
  const literal = bodyOf(node, 'literal');
  return literal ? String(literal.value) : undefined;
}

/** True for a string literal node. */
export function isStringLiteral(node: unknown): boolean {
  return bodyOf(node, 'literal')?.literal_type === 'string';
}

/** True for a number literal node. */
export function isNumberLiteral(node: unknown): boolean {
  return bodyOf(node, 'literal')?.literal_type === 'number';
}

/** Upper-cased function name of a `function` / `aggregate_function` node, or undefined. */
export function functionName(node: unknown): string | undefined {
  const body = bodyOf(node, 'function') ?? bodyOf(node, 'aggregate_function');
  return body ? String(body.name).toUpperCase() : undefined;
}

/** Arguments of a `function` / `aggregate_function` node. */
export function functionArgs(node: AstNode): AstNode[] {
  const body = bodyOf(node, 'function') ?? bodyOf(node, 'aggregate_function');
  return (body?.args as AstNode[] | undefined) ?? [];
}

/** Deep copy of a subtree (for rewrites that use one operand twice). */
export function cloneTree<T>(node: T): T {
  return JSON.parse(JSON.stringify(node)) as T;
}
