import { bail, checkFields, checkShape, knownFields, nodeShape, tagOf } from './bail';
import { expression } from './expressions';
import { functionName } from './functions';

/** Date parts as polyglot writes them, keyed by the spelling in `extract.field` and `last_day.unit`. */
const DATE_PARTS: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, {
  Year: 'YEAR',
  Quarter: 'QUARTER',
  Month: 'MONTH',
  Week: 'WEEK',
  Day: 'DAY',
  Hour: 'HOUR',
  Minute: 'MINUTE',
  Second: 'SECOND',
});

function datePart(value: unknown): string {
  const part = typeof value === 'string' ? DATE_PARTS[value] : undefined;
  if (part === undefined) bail();
  return part;
}

const CUSTOM_PART_FIELDS = knownFields('Custom');
const EXTRACT_FIELDS = knownFields('this', 'field');

/** `EXTRACT(PART FROM x)`. */
export function extract(body: unknown): string {
  const node = checkFields(body, EXTRACT_FIELDS);
  let field: string;
  if (typeof node.field === 'string') field = datePart(node.field);
  else {
    field = functionName(checkFields(node.field, CUSTOM_PART_FIELDS).Custom);
  }
  return `EXTRACT(${field} FROM ${expression(node.this)})`;
}

const LAST_DAY_FIELDS = knownFields('this', 'unit');

/** `LAST_DAY(d[, PART])`. */
export function lastDay(body: unknown): string {
  const node = checkFields(body, LAST_DAY_FIELDS);
  if (node.unit == null) return `LAST_DAY(${expression(node.this)})`;
  return `LAST_DAY(${expression(node.this)}, ${datePart(node.unit)})`;
}

const INTERVAL_FIELDS = knownFields('this', 'unit');
const INTERVAL_UNIT_SHAPE = nodeShape({ reads: ['type', 'unit'], falseFlags: ['use_plural'] });

/** `INTERVAL n PART`. */
export function interval(body: unknown): string {
  const node = checkFields(body, INTERVAL_FIELDS);
  const unit = checkShape(node.unit, INTERVAL_UNIT_SHAPE);
  if (unit.type !== 'simple') bail();
  const kind = tagOf(node.this);
  if (kind !== 'var' && kind !== 'literal' && kind !== 'neg') bail();
  return `INTERVAL ${expression(node.this)} ${datePart(unit.unit)}`;
}
