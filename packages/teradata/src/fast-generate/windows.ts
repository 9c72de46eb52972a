import { bail, checkFields, flag, knownFields, list, tagOf } from './bail';
import { expression, expressionList } from './expressions';

const ORDERED_FIELDS = knownFields('this', 'desc', 'nulls_first', 'explicit_asc');

/** One ORDER BY item: `x`, `x ASC` (when written), `x DESC`, then NULLS FIRST or NULLS LAST when written. */
function ordered(value: unknown): string {
  const node = checkFields(value, ORDERED_FIELDS);
  const desc = flag(node.desc);
  const explicitAsc = flag(node.explicit_asc);
  if (desc && explicitAsc) bail();
  const sql = expression(node.this) + (desc ? ' DESC' : explicitAsc ? ' ASC' : '');
  if (node.nulls_first == null) return sql;
  return sql + (flag(node.nulls_first) ? ' NULLS FIRST' : ' NULLS LAST');
}

/** Comma-separated ORDER BY items. */
export function orderedList(value: unknown): string {
  const items = list(value);
  if (items.length === 0) bail();
  let out = '';
  for (let i = 0; i < items.length; i++) out += (i === 0 ? '' : ', ') + ordered(items[i]);
  return out;
}

const WINDOW_FUNCTION_FIELDS = knownFields('this', 'over');
const OVER_FIELDS = knownFields('partition_by', 'order_by', 'frame');

/** `f(…) OVER (PARTITION BY … ORDER BY … frame)`. */
export function windowFunction(body: unknown): string {
  const node = checkFields(body, WINDOW_FUNCTION_FIELDS);
  const over = checkFields(node.over, OVER_FIELDS);
  const parts: string[] = [];
  const partition = list(over.partition_by);
  if (partition.length !== 0) parts.push(`PARTITION BY ${expressionList(partition)}`);
  const order = list(over.order_by);
  if (order.length !== 0) parts.push(`ORDER BY ${orderedList(order)}`);
  if (over.frame != null) {
    if (order.length === 0) bail();
    parts.push(frame(over.frame));
  }
  return `${expression(node.this)} OVER (${parts.join(' ')})`;
}

const FRAME_FIELDS = knownFields('kind', 'start', 'end', 'kind_text', 'start_side_text', 'end_side_text');
const FRAME_KINDS: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, {
  Rows: 'ROWS',
  Range: 'RANGE',
});

/** `ROWS bound` or `ROWS BETWEEN bound AND bound` (or RANGE). */
function frame(value: unknown): string {
  const node = checkFields(value, FRAME_FIELDS);
  const kind = typeof node.kind === 'string' ? FRAME_KINDS[node.kind] : undefined;
  if (kind === undefined || node.kind_text !== kind) bail();
  const start = frameBound(node.start, node.start_side_text);
  if (node.end == null) {
    if (node.end_side_text != null) bail();
    return `${kind} ${start}`;
  }
  return `${kind} BETWEEN ${start} AND ${frameBound(node.end, node.end_side_text)}`;
}

const OFFSET_BOUND_FIELDS = knownFields('Preceding', 'Following');

/** One frame bound; the side text polyglot keeps must agree with the bound (or be absent where it has no side). */
function frameBound(bound: unknown, sideText: unknown): string {
  if (bound === 'CurrentRow') {
    if (sideText != null) bail();
    return 'CURRENT ROW';
  }
  if (bound === 'UnboundedPreceding' || bound === 'UnboundedFollowing') {
    const side = bound === 'UnboundedPreceding' ? 'PRECEDING' : 'FOLLOWING';
    if (sideText !== side) bail();
    return `UNBOUNDED ${side}`;
  }
  const node = checkFields(bound, OFFSET_BOUND_FIELDS);
  const side = node.Preceding != null ? 'PRECEDING' : 'FOLLOWING';
  const offset = node.Preceding ?? node.Following;
  if (sideText !== side || (node.Preceding != null && node.Following != null)) bail();
  const offsetKind = tagOf(offset);
  if (offsetKind !== 'var' && offsetKind !== 'literal') bail();
  return `${expression(offset)} ${side}`;
}
