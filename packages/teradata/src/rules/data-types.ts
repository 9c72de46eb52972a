import type { AstNode } from '../ast';

/** A BigQuery column or cast type, as GoogleSQL text (`NUMERIC(5, 2)`), plus why it is lossy. */
export interface MappedType {
  readonly sql: string;
  /** Set when the BigQuery type does not keep the Teradata type's meaning. */
  readonly warning?: string;
}

/**
 * Maps a Teradata data type (a polyglot `DataType` struct) to its BigQuery equivalent, after
 * Google's translation guide: every integer type → INT64, DECIMAL/NUMBER with scale ≤ 9 →
 * NUMERIC else BIGNUMERIC, character types → STRING, byte types → BYTES, TIMESTAMP [WITH TIME
 * ZONE] → TIMESTAMP, TIME WITH TIME ZONE → TIME, ST_GEOMETRY → GEOGRAPHY.
 */
export function mapDataType(type: AstNode): MappedType {
  const kind = String(type.data_type);
  switch (kind) {
    case 'int':
    case 'big_int':
    case 'small_int':
    case 'tiny_int':
    case 'integer':
    case 'bigint':
    case 'smallint':
    case 'tinyint':
      return { sql: 'INT64' };
    case 'decimal':
    case 'numeric':
      return decimal(asNumber(type.precision), asNumber(type.scale));
    case 'float':
    case 'double':
    case 'real':
    case 'double_precision':
      return { sql: 'FLOAT64' };
    case 'char':
    case 'var_char':
    case 'varchar':
    case 'character':
    case 'n_char':
    case 'n_var_char':
    case 'string':
    case 'text':
    case 'clob':
      return { sql: 'STRING' };
    case 'binary':
    case 'var_binary':
    case 'varbinary':
    case 'blob':
    case 'bytes':
      return { sql: 'BYTES' };
    case 'boolean':
      return { sql: 'BOOL' };
    case 'date':
      return { sql: 'DATE' };
    case 'time':
      return type.timezone ? { sql: 'TIME', warning: 'TIME WITH TIME ZONE became TIME: BigQuery TIME has no time zone' } : { sql: 'TIME' };
    case 'timestamp':
      return { sql: 'TIMESTAMP' };
    case 'geometry':
    case 'geography':
      return { sql: 'GEOGRAPHY', warning: 'ST_GEOMETRY became GEOGRAPHY: BigQuery geography is spherical, not planar' };
    case 'json':
      return { sql: 'JSON' };
    case 'interval':
      return { sql: 'INTERVAL' };
    case 'custom':
      return mapNamedType(String(type.name));
    default:
      return { sql: kind.toUpperCase(), warning: `type ${kind.toUpperCase()} has no known BigQuery equivalent; kept as is` };
  }
}

/** Built-in types as Teradata names them when qualified with its SYSUDTLIB database (`SYSUDTLIB.INT`). */
const SYSUDTLIB_TYPES: Readonly<Record<string, string>> = {
  INT: 'INT64',
  INTEGER: 'INT64',
  SMALLINT: 'INT64',
  BIGINT: 'INT64',
  BYTEINT: 'INT64',
  FLOAT: 'FLOAT64',
  REAL: 'FLOAT64',
  DATE: 'DATE',
  TIMESTAMP: 'TIMESTAMP',
  VARCHAR: 'STRING',
  CHAR: 'STRING',
};

function mapNamedType(name: string): MappedType {
  const match = /^\s*([A-Z_][A-Z0-9_.]*(?:\s+[A-Z_][A-Z0-9_]*)*)\s*(?:\(([^)]*)\))?/i.exec(name);
  const base = (match?.[1] ?? name).toUpperCase().replace(/\s+/g, ' ');
  const params = (match?.[2] ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  switch (base) {
    case 'BYTEINT':
    case 'INT64':
      return { sql: 'INT64' };
    case 'NUMBER': {
      if (params.length === 0 || params[0] === '*') return { sql: 'BIGNUMERIC' };
      return decimal(Number(params[0]), params[1] === undefined ? 0 : Number(params[1]));
    }
    case 'BYTE':
    case 'VARBYTE':
    case 'BYTES':
      return { sql: 'BYTES' };
    case 'CLOB':
    case 'LONG VARCHAR':
    case 'VARGRAPHIC':
    case 'GRAPHIC':
    case 'STRING':
      return { sql: 'STRING' };
    case 'XML':
      return { sql: 'STRING', warning: 'XML became STRING: BigQuery has no XML type' };
    case 'FLOAT64':
    case 'DOUBLE PRECISION':
      return { sql: 'FLOAT64' };
    case 'ST_GEOMETRY':
    case 'MBR':
      return { sql: 'GEOGRAPHY', warning: 'ST_GEOMETRY became GEOGRAPHY: BigQuery geography is spherical, not planar' };
    case 'TD_ANYTYPE':
      return { sql: 'STRING', warning: 'TD_ANYTYPE became STRING: BigQuery has no type-generic parameters' };
    case 'BIGNUMERIC':
    case 'DATETIME':
    case 'GEOGRAPHY':
    case 'TIMESTAMP':
      return { sql: name.toUpperCase() };
    default:
      if (base.startsWith('PERIOD')) return { sql: 'STRUCT<begin_value DATE, end_value DATE>', warning: periodWarning(name) };
      if (base.startsWith('INTERVAL')) return { sql: 'INTERVAL' };
      if (base.startsWith('SYSUDTLIB.')) {
        const builtIn = SYSUDTLIB_TYPES[base.slice('SYSUDTLIB.'.length)];
        if (builtIn) return { sql: builtIn };
      }
      return {
        sql: 'STRING',
        warning: `type ${name} (a user-defined or unknown type) became STRING, as the guide maps UDTs; check its values`,
      };
  }
}

function periodWarning(name: string): string {
  return `${name} has no BigQuery equivalent: use two columns (begin and end) instead`;
}

function decimal(precision: number | undefined, scale: number | undefined): MappedType {
  if (precision === undefined) return { sql: 'NUMERIC' };
  const s = scale ?? 0;
  const params = scale === undefined ? `${precision}` : `${precision}, ${s}`;
  if (s <= 9 && precision - s <= 29) return { sql: `NUMERIC(${params})` };
  return { sql: `BIGNUMERIC(${params})` };
}

function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/** The polyglot `DataType` struct that prints exactly `sql` (polyglot's own BigQuery type names are not all GoogleSQL). */
export function bigQueryTypeNode(sql: string): AstNode {
  return { data_type: 'custom', name: sql };
}

/** True when a Teradata type is one of the DATE types (for date arithmetic). */
export function isDateType(type: AstNode): boolean {
  return type.data_type === 'date';
}

/** True when a Teradata type is TIMESTAMP (for interval arithmetic). */
export function isTimestampType(type: AstNode): boolean {
  return type.data_type === 'timestamp';
}
