/** A generated statement and the query parameters it expects. */
export interface Statement {
  readonly sql: string;
  /** Named query parameters (`@name` in the SQL); empty when values are rendered as literals. */
  readonly params: Readonly<Record<string, string | number>>;
}

/**
 * How values reach the SQL. `parameters` binds them as named query parameters (every query the runner
 * sends). `literals` renders them into the text, for `CREATE MODEL`, which also runs as a Pulumi
 * `gcp.bigquery.Job` whose query configuration has no parameters; only values checked here (digits) are
 * ever rendered, never user text.
 */
export type ValueMode = 'parameters' | 'literals';

const PARAM_NAME = /^[a-z][a-z0-9_]*$/;
const SOURCE_DAY = /^\d{8}$/;

/** Collects the values of one statement as parameters or safe literals. */
export class SqlValues {
  private readonly bound: Record<string, string | number> = {};

  constructor(readonly mode: ValueMode) {}

  /** A source-table day string (`YYYYMMDD`, see `sourceDate`). */
  day(name: string, value: string): string {
    if (!SOURCE_DAY.test(value)) throw new Error(`internal: day value "${value}" is not YYYYMMDD`);
    return this.bind(name, value, `'${value}'`);
  }

  /** A non-negative whole number. */
  count(name: string, value: number): string {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`internal: count value ${value} is not a whole number`);
    return this.bind(name, value, String(value));
  }

  /** The statement with the parameters collected so far. */
  statement(sql: string): Statement {
    return { sql, params: { ...this.bound } };
  }

  private bind(name: string, value: string | number, literal: string): string {
    if (!PARAM_NAME.test(name)) throw new Error(`internal: parameter name "${name}"`);
    if (this.mode === 'literals') return literal;
    this.bound[name] = value;
    return `@${name}`;
  }
}
