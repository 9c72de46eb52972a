import type { AstNode } from '../ast';
import { RESERVED } from './keywords';
import { TokenKind, type Tokens } from './scanner';

/** Type names polyglot maps to a dedicated data type that this module does not build: the fast path bails on them. */
const OTHER_KNOWN_TYPES = new Set(
  (
    'TEXT STRING JSON JSONB UUID BINARY VARBINARY BOOLEAN BOOL TINYINT MEDIUMINT INT1 INT2 INT4 INT8 INT16 INT32 INT64 ' +
    'INT128 INT256 UINT8 UINT16 UINT32 UINT64 FLOAT4 FLOAT8 FLOAT32 FLOAT64 DOUBLE DEC MONEY SMALLMONEY SERIAL ' +
    'BIGSERIAL SMALLSERIAL DATETIME2 DATETIMEOFFSET SMALLDATETIME TIMESTAMPTZ TIMESTAMP_NTZ TIMESTAMP_LTZ TIMESTAMP_TZ ' +
    'TIMETZ INTERVAL ARRAY MAP STRUCT VARIANT OBJECT GEOGRAPHY GEOMETRY BIT VARBIT NCHAR NVARCHAR NTEXT IMAGE LONG ' +
    'LONGTEXT MEDIUMTEXT TINYTEXT LONGBLOB MEDIUMBLOB TINYBLOB CHARACTER VARYING YEAR ENUM INET CIDR HSTORE SUPER ' +
    'BIGNUMERIC BIGDECIMAL UNSIGNED SIGNED NATIONAL LIST TUPLE NESTED LOWCARDINALITY NULLABLE FIXEDSTRING DATE32 ' +
    'DATETIME64 DECIMAL32 DECIMAL64 DECIMAL128 DECIMAL256 IPV4 IPV6 ROWVERSION UNIQUEIDENTIFIER SQL_VARIANT ' +
    'HIERARCHYID XMLTYPE VECTOR RANGE UNION DYNAMIC TSVECTOR TSQUERY NAME OID REGCLASS POINT LINE POLYGON ' +
    'MULTIPOLYGON RING LSEG BOX PATH CIRCLE MACADDR MACADDR8 USERDEFINED NULL AGGREGATEFUNCTION ANY BOTH COLLECT ' +
    'CURSOR EQ GE GT LE LT LEADING MOD NE NVARCHAR2 RAW RECORD ROW SET TABLE TIMESTAMPLTZ TIMESTAMPNTZ TRAILING ' +
    'UBIGINT USING VARCHAR2'
  ).split(' '),
);

/** Types with no parameters: upper-cased name → the node polyglot builds. */
const SIMPLE_TYPES: Readonly<Record<string, AstNode>> = {
  INTEGER: { data_type: 'int', integer_spelling: true },
  INT: { data_type: 'int' },
  SMALLINT: { data_type: 'small_int' },
  BIGINT: { data_type: 'big_int' },
  FLOAT: { data_type: 'float' },
  REAL: { data_type: 'float', real_spelling: true },
  DATE: { data_type: 'date' },
  BLOB: { data_type: 'blob' },
};

/** Types polyglot keeps as `custom` with their text, optionally followed by `(n)`. */
const CUSTOM_WITH_LENGTH = new Set(['BYTE', 'VARBYTE', 'GRAPHIC', 'VARGRAPHIC']);

/**
 * The data type starting at token `start` (`INTEGER`, `DECIMAL(15,2)`, `VARCHAR(10)`,
 * `TIMESTAMP(6) WITH TIME ZONE`, user-defined names…) as polyglot's node, with the index of the
 * token after it; undefined for a type this module does not build.
 */
export function dataTypeNode(tokens: Tokens, start: number): { node: AstNode; end: number } | undefined {
  const { kinds, texts, uppers } = tokens;
  if (kinds[start] !== TokenKind.Word) return undefined;
  const text = texts[start] as string;
  const upper = uppers[start] as string;
  let i = start + 1;
  const symbolAt = (at: number): string => (kinds[at] === TokenKind.Symbol ? (texts[at] as string) : '');
  const wordAt = (at: number): string => (kinds[at] === TokenKind.Word ? (uppers[at] as string) : '');
  /** `(n)` or `(n, m)` at i: the numbers, advancing i; [] when there is no parenthesis; undefined when malformed. */
  const parameters = (max: number): number[] | undefined => {
    if (symbolAt(i) !== '(') return [];
    const values: number[] = [];
    let at = i + 1;
    for (;;) {
      const value = texts[at] as string;
      if (kinds[at] !== TokenKind.Number || !/^\d{1,9}$/.test(value)) return undefined;
      values.push(Number(value));
      at++;
      if (symbolAt(at) === ')') break;
      if (symbolAt(at) !== ',' || values.length >= max) return undefined;
      at++;
    }
    i = at + 1;
    return values;
  };
  const simple = SIMPLE_TYPES[upper];
  if (simple) return symbolAt(i) === '(' ? undefined : { node: { ...simple }, end: i };
  switch (upper) {
    case 'DECIMAL':
    case 'NUMERIC': {
      const params = parameters(2);
      if (!params) return undefined;
      const node: AstNode = { data_type: 'decimal' };
      if (params.length > 0) node.precision = params[0];
      if (params.length > 1) node.scale = params[1];
      return { node, end: i };
    }
    case 'CHAR':
    case 'CHARACTER':
    case 'VARCHAR': {
      if (upper === 'CHARACTER' && (wordAt(i) === 'VARYING' || wordAt(i) === 'SET')) return undefined;
      const params = parameters(1);
      if (!params) return undefined;
      const node: AstNode = { data_type: upper === 'VARCHAR' ? 'var_char' : 'char' };
      if (params.length) node.length = params[0];
      else if (upper === 'VARCHAR') return undefined;
      return { node, end: i };
    }
    case 'DOUBLE':
      return wordAt(i) === 'PRECISION' ? { node: { data_type: 'double' }, end: i + 1 } : undefined;
    case 'TIMESTAMP':
    case 'TIME': {
      const params = parameters(1);
      if (!params) return undefined;
      const node: AstNode = { data_type: upper.toLowerCase() };
      if (params.length) node.precision = params[0];
      let timezone = false;
      if (wordAt(i) === 'WITH') {
        if (wordAt(i + 1) !== 'TIME' || wordAt(i + 2) !== 'ZONE') return undefined;
        timezone = true;
        i += 3;
      }
      node.timezone = timezone;
      return { node, end: i };
    }
    case 'ST_GEOMETRY': {
      const params = parameters(1);
      if (!params || params.length !== 1) return undefined;
      return { node: { data_type: 'geometry', srid: params[0] }, end: i };
    }
    case 'NUMBER': {
      const params = parameters(2);
      if (!params) return undefined;
      return { node: { data_type: 'custom', name: params.length ? `NUMBER(${params.join(', ')})` : 'NUMBER' }, end: i };
    }
    case 'CLOB':
    case 'BYTEINT':
    case 'XML':
      return symbolAt(i) === '(' ? undefined : { node: { data_type: 'custom', name: upper }, end: i };
  }
  if (CUSTOM_WITH_LENGTH.has(upper)) {
    const params = parameters(1);
    if (!params) return undefined;
    return { node: { data_type: 'custom', name: params.length ? `${text}(${params[0]})` : text }, end: i };
  }
  if (OTHER_KNOWN_TYPES.has(upper) || RESERVED.has(upper) || symbolAt(i) === '(' || wordAt(i) === 'WITH') return undefined;
  if (symbolAt(i) === '.') {
    if (kinds[i + 1] !== TokenKind.Word || symbolAt(i + 2) === '.' || symbolAt(i + 2) === '(') return undefined;
    return { node: { data_type: 'custom', name: `${text}.${texts[i + 1]}` }, end: i + 2 };
  }
  return { node: { data_type: 'custom', name: text }, end: i };
}
