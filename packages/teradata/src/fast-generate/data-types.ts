import { bail, checkFields, knownFields, text } from './bail';
import { digitsFrom, isDottedWord } from './lexical';

const CUSTOM_FIELDS = knownFields('data_type', 'name');

/** Built-in types without parameters the rules use, as polyglot writes them. */
const BUILT_IN_TYPES: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, {
  string: 'STRING',
  date: 'DATE',
});

/**
 * Custom type names polyglot rewrites (any case: `NVARCHAR` → STRING, `datetime` → DATETIME).
 * Found by generating every word in polyglot's WebAssembly strings as a custom type; every other
 * name came back verbatim.
 */
const REWRITTEN_TYPE_NAMES = new Set([
  'BIT',
  'DATETIME',
  'DATETIME2',
  'DATETIMEOFFSET',
  'LONGBLOB',
  'LONGTEXT',
  'LONGVARCHAR',
  'MEDIUMBLOB',
  'MEDIUMTEXT',
  'NCHAR',
  'NVARCHAR',
  'NVARCHAR2',
  'SMALLDATETIME',
  'TINYBLOB',
  'TINYTEXT',
  'UNIQUEIDENTIFIER',
  'VARCHAR2',
]);

/** BigQuery types whose parameters (`NUMERIC(9, 2)`, `STRING(10)`) polyglot keeps as written. */
const PARAMETERISED_TYPES = new Set(['NUMERIC', 'BIGNUMERIC', 'STRING', 'BYTES']);

/**
 * A data type node. A `custom` type (`{ data_type: "custom", name: "INT64" }`, as the rules write
 * BigQuery types) is written verbatim when its name is a word or dotted words polyglot does not
 * rewrite, or NUMERIC/BIGNUMERIC/STRING/BYTES with digit parameters; of the built-in types only
 * parameterless STRING and DATE are implemented.
 */
export function dataType(node: unknown): string {
  const body = checkFields(node, CUSTOM_FIELDS);
  const kind = text(body.data_type);
  if (kind !== 'custom') {
    const name = BUILT_IN_TYPES[kind];
    if (name === undefined || body.name != null) bail();
    return name;
  }
  const name = text(body.name);
  const open = name.indexOf('(');
  const base = open < 0 ? name : name.slice(0, open);
  if (!isDottedWord(base) || REWRITTEN_TYPE_NAMES.has(base.toUpperCase())) bail();
  if (open >= 0 && (!PARAMETERISED_TYPES.has(base) || !isDigitParameters(name, open + 1))) bail();
  return name;
}

/** `digits)` or `digits, digits)` from `start` to the end of `name`. */
function isDigitParameters(name: string, start: number): boolean {
  let i = digitsFrom(name, start);
  if (i === start) return false;
  if (name.charCodeAt(i) === 44 /* , */ && name.charCodeAt(i + 1) === 32) {
    const second = i + 2;
    i = digitsFrom(name, second);
    if (i === second) return false;
  }
  return i === name.length - 1 && name.charCodeAt(i) === 41; /* ) */
}
