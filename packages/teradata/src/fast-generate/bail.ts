import type { AstNode } from '../ast';

/** Thrown (never returned) when a tree holds something the fast generator does not implement. */
class BailOut {
  private constructor() {}
  /** The one instance; the entry point catches it and answers undefined. */
  static readonly instance = new BailOut();
}

/** Gives up on the whole tree list: the caller falls back to polyglot. */
export function bail(): never {
  throw BailOut.instance;
}

/** The fields a node kind may carry; any other field with a value makes the generator bail out. */
export type KnownFields = Readonly<Record<string, true>>;

/** A lookup of known field names that ignores `Object.prototype` names such as `constructor`. */
export function knownFields(...names: string[]): KnownFields {
  const fields = Object.create(null) as Record<string, true>;
  for (const name of names) fields[name] = true;
  return fields;
}

/**
 * Bails out when `body` is not a plain object or has a field outside `known` holding a value
 * (undefined and null count as absent: polyglot receives the tree as JSON, where a pruned
 * field is missing and a missing optional field reads as null).
 */
export function checkFields(body: unknown, known: KnownFields): AstNode {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) bail();
  const node = body as AstNode;
  for (const key in node) {
    const value = node[key];
    if (value !== undefined && value !== null && known[key] !== true) bail();
  }
  return node;
}

/** What a node kind may carry: the fields the generator reads, and the fields whose only allowed value is false or empty. */
export interface NodeShape {
  /** Every field the node may carry: those read and those below. */
  readonly known: KnownFields;
  /** Flags that must be present and false. */
  readonly falseFlags: readonly string[];
  /** Lists that must be present and empty. */
  readonly emptyLists: readonly string[];
  /** Lists that must be absent or empty (comment lists the pruning removed). */
  readonly emptyOrAbsent: readonly string[];
}

/** A node kind's shape; every name given is a known field. */
export function nodeShape(spec: {
  readonly reads?: readonly string[];
  readonly falseFlags?: readonly string[];
  readonly emptyLists?: readonly string[];
  readonly emptyOrAbsent?: readonly string[];
}): NodeShape {
  const { reads = [], falseFlags = [], emptyLists = [], emptyOrAbsent = [] } = spec;
  return { known: knownFields(...reads, ...falseFlags, ...emptyLists, ...emptyOrAbsent), falseFlags, emptyLists, emptyOrAbsent };
}

/** `checkFields(body, shape.known)`, then bails out unless every flag and list holds its one allowed value. */
export function checkShape(body: unknown, shape: NodeShape): AstNode {
  const node = checkFields(body, shape.known);
  for (const key of shape.falseFlags) requireFalse(node[key]);
  for (const key of shape.emptyLists) {
    const value = node[key];
    if (!Array.isArray(value) || value.length !== 0) bail();
  }
  for (const key of shape.emptyOrAbsent) {
    const value = node[key];
    if (value !== undefined && value !== null && (!Array.isArray(value) || value.length !== 0)) bail();
  }
  return node;
}

/** Bails out unless the flag is present and false. */
export function requireFalse(value: unknown): void {
  if (value !== false) bail();
}

/** The flag's value; bails out when it is not a boolean. */
export function flag(value: unknown): boolean {
  if (value !== true && value !== false) bail();
  return value;
}

/** The list; bails out when the value is not an array. */
export function list(value: unknown): readonly unknown[] {
  if (!Array.isArray(value)) bail();
  return value;
}

/** The string; bails out when the value is not a string. */
export function text(value: unknown): string {
  if (typeof value !== 'string') bail();
  return value;
}

/** The one-key tagged node's kind and body; bails out on anything else. */
export function tagOf(node: unknown): string {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) bail();
  let kind: string | undefined;
  for (const key in node as AstNode) {
    if (kind !== undefined) bail();
    kind = key;
  }
  if (kind === undefined) bail();
  return kind;
}
