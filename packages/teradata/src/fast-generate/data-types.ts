import { bail, checkFields, knownFields, text } from './bail';

const CUSTOM_FIELDS = knownFields('data_type', 'name');

/** Built-in types without parameters the rules use, as polyglot writes them. */
const BUILT_IN_TYPES: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, {
  string: 'STRING',
  date: 'DATE',
});

/**
 * A data type node. A `custom` type (`{ data_type: "custom", name: "INT64" }`, as the rules write
 * BigQuery types) is written verbatim; of the built-in types only parameterless STRING and DATE
 * are implemented.
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
  if (name.length === 0) bail();
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) < 32) bail();
  return name;
}
