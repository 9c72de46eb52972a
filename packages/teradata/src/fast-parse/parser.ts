import type { AstNode } from '../ast';
import { callNode } from './functions';
import { NOT_TABLE_ALIAS, RESERVED } from './keywords';
import {
  binaryNode,
  columnNode,
  functionNode,
  identifier,
  literalNode,
  orderedNode,
  selectBody,
  setOperationNode,
  subqueryNode,
  tableNode,
} from './nodes';
import { TokenKind, type Tokens } from './scanner';
import { dataTypeNode } from './data-types';

/** Thrown to abandon the fast path; caught once at the entry point. */
const BAIL = new Error('fast parser bail-out');

const bail = (): never => {
  throw BAIL;
};

const COMPARISONS: Readonly<Record<string, string>> = {
  '=': 'eq',
  EQ: 'eq',
  '<>': 'neq',
  '!=': 'neq',
  '^=': 'neq',
  NE: 'neq',
  '<': 'lt',
  LT: 'lt',
  '<=': 'lte',
  LE: 'lte',
  '>': 'gt',
  GT: 'gt',
  '>=': 'gte',
  GE: 'gte',
};

const QUANTIFIER_OPS: Readonly<Record<string, string>> = { eq: 'Eq', neq: 'Neq', lt: 'Lt', lte: 'Lte', gt: 'Gt', gte: 'Gte' };

const INTERVAL_UNITS: Readonly<Record<string, string>> = {
  YEAR: 'Year',
  MONTH: 'Month',
  DAY: 'Day',
  HOUR: 'Hour',
  MINUTE: 'Minute',
  SECOND: 'Second',
};

const EXTRACT_FIELDS: Readonly<Record<string, string>> = {
  ...INTERVAL_UNITS,
  WEEK: 'Week',
  QUARTER: 'Quarter',
  TIMEZONE_HOUR: 'TimezoneHour',
};

const INTERVAL_FOLLOWERS = new Set(['MOD', 'LIKE', 'IN', 'BETWEEN', 'IS', 'NOT']);

const TYPED_LITERALS: Readonly<Record<string, string>> = { DATE: 'date', TIME: 'time', TIMESTAMP: 'timestamp' };

const JOIN_KINDS: Readonly<Record<string, string>> = { LEFT: 'Left', RIGHT: 'Right', FULL: 'Full' };

/** The CREATE TABLE options (upper-cased words, `N` for an integer) whose text is known to match polyglot's. */
const TABLE_OPTION_SHAPES: readonly RegExp[] = [
  /^(NO )?FALLBACK( PROTECTION)?$/,
  /^(NO )?LOG$/,
  /^((NO|DUAL|LOCAL|NOT LOCAL) )?((BEFORE|AFTER) )?JOURNAL$/,
  /^WITH JOURNAL TABLE = \w+( \. \w+){0,2}$/,
  /^CHECKSUM = (ON|OFF|DEFAULT)$/,
  /^((NO|DEFAULT) )?MERGEBLOCKRATIO$/,
  /^MERGEBLOCKRATIO = N( PERCENT)?$/,
  /^BLOCKCOMPRESSION = (ALWAYS|NEVER|DEFAULT|AUTOTEMP\(\))$/,
  /^FREESPACE = N( PERCENT)?$/,
  /^(DEFAULT|MINIMUM|MAXIMUM) DATABLOCKSIZE$/,
  /^DATABLOCKSIZE = N( (BYTES|KBYTES|KILOBYTES))?$/,
  /^WITH (NO )?(CONCURRENT )?ISOLATED LOADING( FOR (ALL|INSERT|NONE))?$/,
];

const LOCK_KINDS = new Set(['TABLE', 'DATABASE', 'VIEW']);
const LOCK_TYPES = new Set(['ACCESS', 'READ', 'WRITE', 'EXCLUSIVE', 'SHARE']);

/** Recursive-descent parser over one statement's tokens, producing polyglot's pruned trees. */
export class TeradataParser {
  private pos = 0;
  private readonly kinds: TokenKind[];
  private readonly texts: string[];
  private readonly uppers: string[];

  constructor(private readonly tokens: Tokens) {
    this.kinds = tokens.kinds;
    this.texts = tokens.texts;
    this.uppers = tokens.uppers;
  }

  /** Parses the whole input as one statement (throws {@link BAIL} on anything unsupported). */
  statement(): AstNode {
    const node = this.statementBody();
    if (this.kinds[this.pos] !== TokenKind.End) bail();
    const comments = this.tokens.leadingComments;
    if (comments.length) {
      // polyglot's placement of leading comments is only mirrored for statements opening with SELECT
      const first = this.uppers[0];
      const select = first === 'SELECT' || first === 'SEL' ? bodyOfSelect(node) ?? bail() : bail();
      select.leading_comments = comments;
    }
    return node;
  }

  // ---------------------------------------------------------------- token helpers

  private word(offset = 0): string {
    return this.kinds[this.pos + offset] === TokenKind.Word ? (this.uppers[this.pos + offset] as string) : '';
  }

  private symbol(offset = 0): string {
    return this.kinds[this.pos + offset] === TokenKind.Symbol ? (this.texts[this.pos + offset] as string) : '';
  }

  private acceptWord(upper: string): boolean {
    if (this.word() !== upper) return false;
    this.pos++;
    return true;
  }

  private expectWord(upper: string): void {
    if (!this.acceptWord(upper)) bail();
  }

  private acceptSymbol(text: string): boolean {
    if (this.symbol() !== text) return false;
    this.pos++;
    return true;
  }

  private expectSymbol(text: string): void {
    if (!this.acceptSymbol(text)) bail();
  }

  private stringToken(): string {
    if (this.kinds[this.pos] !== TokenKind.String) bail();
    return this.texts[this.pos++] as string;
  }

  /** An identifier (unquoted non-reserved word or quoted), or undefined when the next token is not one. */
  private tryIdentifier(): AstNode | undefined {
    const kind = this.kinds[this.pos];
    if (kind === TokenKind.QuotedIdent) return identifier(this.texts[this.pos++] as string, true);
    if (kind === TokenKind.Word && !RESERVED.has(this.uppers[this.pos] as string)) return identifier(this.texts[this.pos++] as string, false);
    return undefined;
  }

  /** An implicit table alias: an identifier polyglot does not read as a keyword after a table. */
  private tryTableAlias(): AstNode | undefined {
    return this.kinds[this.pos] === TokenKind.Word && NOT_TABLE_ALIAS.has(this.uppers[this.pos] as string) ? undefined : this.tryIdentifier();
  }

  /** Whether the next token would be read as an identifier. */
  private tryIdentifierAhead(): boolean {
    const kind = this.kinds[this.pos];
    return kind === TokenKind.QuotedIdent || (kind === TokenKind.Word && !RESERVED.has(this.uppers[this.pos] as string));
  }

  private identifierNode(): AstNode {
    return this.tryIdentifier() ?? bail();
  }

  // ---------------------------------------------------------------- statements

  private statementBody(): AstNode {
    switch (this.word()) {
      case 'SELECT':
      case 'SEL':
        return this.query();
      case 'WITH':
        return this.withQuery();
      case 'DROP':
        return this.drop();
      case 'LOCKING':
        return this.locking();
      case 'INSERT':
      case 'INS':
        return this.insert();
      case 'UPDATE':
      case 'UPD':
        return this.update();
      case 'DELETE':
      case 'DEL':
        return this.deleteStatement();
      case 'CREATE':
      case 'REPLACE':
        return this.create();
      case 'DATABASE':
        this.pos++;
        // polyglot reports a quoted database name as unquoted: left to polyglot
        if (this.kinds[this.pos] !== TokenKind.Word) bail();
        return { use: { this: this.identifierNode() } };
      case 'SET':
        return this.queryBand();
      case 'COLLECT':
      case 'HELP':
      case 'RENAME':
        return this.command();
      default:
        if (this.kinds[this.pos] === TokenKind.Word && RESERVED.has(this.word()) && this.symbol(1) !== '(' && !this.isExpressionKeyword()) bail();
        // polyglot reads a statement opening with a parenthesis as a query
        if (this.symbol() === '(') bail();
        return this.bareExpression();
    }
  }

  /** An expression statement, with polyglot's implicit alias (a plain word; quoted or AS aliases are left to polyglot). */
  private bareExpression(): AstNode {
    const expression = this.expression();
    if (this.kinds[this.pos] !== TokenKind.Word) return expression;
    const alias = this.tryTableAlias() ?? bail();
    return { alias: { this: expression, alias, column_aliases: [], alias_explicit_as: false } };
  }

  /** Reserved words that still start an expression statement (`CAST(…)`, `CURRENT_DATE`, `CASE …`). */
  private isExpressionKeyword(): boolean {
    const w = this.word();
    return w === 'CASE' || w === 'NOT' || w === 'INTERVAL' || w === 'NULL' || w === 'TRUE' || w === 'FALSE' || w.startsWith('CURRENT_') || w === 'TIMESTAMP';
  }

  private locking(): AstNode {
    this.pos++;
    const kind = this.word();
    const property: AstNode = {};
    if (kind === 'ROW') this.pos++;
    else if (LOCK_KINDS.has(kind)) {
      this.pos++;
      if (NOT_TABLE_ALIAS.has(this.word())) bail();
      property.this = this.tableName();
    } else bail();
    property.kind = kind;
    const forOrIn = this.word();
    if (forOrIn !== 'FOR' && forOrIn !== 'IN') bail();
    this.pos++;
    const lockType = this.word();
    if (!LOCK_TYPES.has(lockType)) bail();
    this.pos++;
    property.for_or_in = { var: { this: forOrIn } };
    property.lock_type = { var: { this: lockType } };
    const w = this.word();
    if (w !== 'SELECT' && w !== 'SEL') bail();
    return { locking_statement: { this: { locking_property: property }, expression: this.query() } };
  }

  /**
   * A statement polyglot keeps as text (`COLLECT STATISTICS …`, `HELP …`, `RENAME …`), rebuilt as
   * polyglot prints it: the first word upper-cased, words spaced, punctuation glued. Only plain
   * words and punctuation are handled.
   */
  private command(): AstNode {
    let text = this.word();
    this.pos++;
    let glue = false;
    for (;;) {
      const kind = this.kinds[this.pos];
      if (kind === TokenKind.End) break;
      const raw = this.texts[this.pos] as string;
      if (kind === TokenKind.Word) {
        text += glue ? raw : ` ${raw}`;
        glue = false;
      } else if (kind === TokenKind.Symbol && (raw === '(' || raw === '.')) {
        text += raw;
        glue = true;
      } else if (kind === TokenKind.Symbol && (raw === ')' || raw === ',')) {
        if (glue) bail();
        text += raw;
      } else bail();
      this.pos++;
    }
    return { command: { this: text } };
  }

  /** `WITH name AS (query), … SELECT …`: the common table expressions go on the main SELECT. */
  private withQuery(): AstNode {
    this.pos++;
    const ctes: AstNode[] = [];
    do {
      const alias = this.identifierNode();
      this.expectWord('AS');
      ctes.push({ alias, this: this.parenthesizedQuery(), columns: [], alias_first: true });
    } while (this.acceptSymbol(','));
    const w = this.word();
    if (w !== 'SELECT' && w !== 'SEL') bail();
    const query = this.query();
    const select = bodyOfSelect(query) ?? bail();
    select.with = { ctes, recursive: false };
    return query;
  }

  private drop(): AstNode {
    this.pos++;
    const what = this.word();
    if (what !== 'TABLE' && what !== 'VIEW') bail();
    this.pos++;
    let ifExists = false;
    if (this.word() === 'IF' && this.word(1) === 'EXISTS') {
      this.pos += 2;
      ifExists = true;
    }
    const name = this.tableName().table;
    if (what === 'VIEW') return { drop_view: { name, if_exists: ifExists, materialized: false } };
    return {
      drop_table: {
        names: [name],
        if_exists: ifExists,
        cascade: false,
        cascade_constraints: false,
        purge: false,
        sync: false,
        iceberg: false,
        restrict: false,
      },
    };
  }

  private queryBand(): AstNode {
    this.pos++;
    this.expectWord('QUERY_BAND');
    this.expectSymbol('=');
    const value = this.kinds[this.pos] === TokenKind.String ? literalNode('string', this.stringToken()) : this.acceptWord('NONE') ? { var: { this: 'NONE' } } : bail();
    const update = this.acceptWord('UPDATE');
    this.expectWord('FOR');
    let scope = this.word();
    if (scope !== 'SESSION' && scope !== 'TRANSACTION') bail();
    this.pos++;
    if (scope === 'SESSION' && this.acceptWord('VOLATILE')) scope = 'SESSION VOLATILE';
    const body: AstNode = { this: value, scope: { var: { this: scope } } };
    if (update) body.update = { boolean: { value: true } };
    return { query_band: body };
  }

  private insert(): AstNode {
    this.pos++;
    this.expectWord('INTO');
    const table = this.tableName().table;
    const columns: AstNode[] = [];
    if (this.symbol() === '(' && this.word(1) !== 'SELECT' && this.word(1) !== 'SEL') {
      this.pos++;
      do columns.push(this.identifierNode());
      while (this.acceptSymbol(','));
      this.expectSymbol(')');
    }
    const body: AstNode = { table, columns, values: [] };
    if (this.acceptWord('VALUES')) {
      const rows: AstNode[][] = [];
      do {
        this.expectSymbol('(');
        rows.push(this.expressionList());
        this.expectSymbol(')');
      } while (this.acceptSymbol(','));
      body.values = rows;
    } else {
      const w = this.word();
      if (w !== 'SELECT' && w !== 'SEL') bail();
      body.query = this.query();
    }
    Object.assign(body, {
      overwrite: false,
      partition: [],
      returning: [],
      if_exists: false,
      ignore: false,
      alias_explicit_as: false,
      default_values: false,
      by_name: false,
      is_replace: false,
    });
    return { insert: body };
  }

  private update(): AstNode {
    this.pos++;
    const table = this.tableName().table;
    const body: AstNode = { table, extra_tables: [], table_joins: [] };
    let from: AstNode | undefined;
    const fromBeforeSet = this.acceptWord('FROM');
    if (fromBeforeSet) from = { expressions: this.tableList() };
    this.expectWord('SET');
    const set: AstNode[][] = [];
    do {
      const column = this.identifierNode();
      if (this.symbol() === '.') bail();
      this.expectSymbol('=');
      set.push([column, this.expression()]);
    } while (this.acceptSymbol(','));
    body.set = set;
    if (from) body.from_clause = from;
    body.from_joins = [];
    if (this.acceptWord('WHERE')) body.where_clause = { this: this.expression() };
    body.returning = [];
    body.from_before_set = fromBeforeSet;
    return { update: body };
  }

  private deleteStatement(): AstNode {
    this.pos++;
    this.expectWord('FROM');
    const table = this.tableName().table;
    const body: AstNode = { table, alias_explicit_as: false, using: [] };
    if (this.acceptWord('WHERE')) body.where_clause = { this: this.expression() };
    Object.assign(body, { returning: [], tables: [], tables_from_using: false, joins: [], no_from: false });
    return { delete: body };
  }

  // ---------------------------------------------------------------- CREATE

  private create(): AstNode {
    const orReplace = this.word() === 'REPLACE';
    this.pos++;
    if (this.word() === 'VIEW') return this.createView(orReplace);
    if (orReplace) bail();
    const modifiers: string[] = [];
    for (;;) {
      const w = this.word();
      if (w === 'SET' || w === 'MULTISET' || w === 'VOLATILE') modifiers.push(w);
      else if (w === 'GLOBAL' && this.word(1) === 'TEMPORARY') {
        modifiers.push('GLOBAL TEMPORARY');
        this.pos++;
      } else break;
      this.pos++;
    }
    this.expectWord('TABLE');
    return this.createTable(modifiers.join(' '));
  }

  private createView(orReplace: boolean): AstNode {
    this.pos++;
    const name = this.tableName().table;
    const columns: AstNode[] = [];
    if (this.acceptSymbol('(')) {
      do columns.push({ name: this.identifierNode() });
      while (this.acceptSymbol(','));
      this.expectSymbol(')');
    }
    this.expectWord('AS');
    let locked = false;
    if (this.acceptWord('LOCKING')) {
      this.expectWord('ROW');
      this.expectWord('FOR');
      this.expectWord('ACCESS');
      locked = true;
    }
    const parenthesized = this.symbol() === '(';
    const query = parenthesized ? this.parenthesizedQuery() : this.query();
    const body: AstNode = {
      name,
      columns,
      query,
      or_replace: orReplace,
      if_not_exists: false,
      materialized: false,
      temporary: false,
      secure: false,
      security_sql_style: false,
      security_after_name: false,
      query_parenthesized: parenthesized,
    };
    if (locked) {
      body.locking_mode = 'ROW';
      body.locking_access = 'ACCESS';
    }
    Object.assign(body, { copy_grants: false, tags: [], options: [], no_schema_binding: false });
    return { create_view: body };
  }

  private parenthesizedQuery(): AstNode {
    this.expectSymbol('(');
    const w = this.word();
    if (w !== 'SELECT' && w !== 'SEL') bail();
    const query = this.query();
    this.expectSymbol(')');
    return query;
  }

  private createTable(modifier: string): AstNode {
    const name = this.tableName().table;
    const options: string[] = [];
    while (this.acceptSymbol(',')) options.push(this.tableOption());
    const body: AstNode = { name, columns: [], constraints: [], if_not_exists: false, temporary: false, or_replace: false };
    if (modifier) body.table_modifier = modifier;
    const indexes: AstNode[] = [];
    const properties: AstNode[] = [];
    let asSelect = false;
    if (this.acceptWord('AS')) {
      asSelect = true;
      const parenthesized = this.symbol() === '(';
      body.as_select = parenthesized ? this.parenthesizedQuery() : this.tableName();
      body.as_select_parenthesized = parenthesized;
      this.expectWord('WITH');
      body.with_data = !this.acceptWord('NO');
      this.expectWord('DATA');
    } else {
      if (this.symbol() === '(') body.columns = this.columnDefinitions();
      body.as_select_parenthesized = false;
    }
    this.postTableProperties(asSelect, indexes, properties, body);
    Object.assign(body, {
      is_copy: false,
      shallow_clone: false,
      deep_clone: false,
      with_properties: [],
      teradata_post_name_options: options,
      teradata_indexes: indexes,
      properties,
      post_table_properties: [],
      mysql_table_options: [],
      copy_grants: false,
    });
    return { create_table: body };
  }

  /**
   * One `, OPTION` after a CREATE TABLE name, as polyglot's text (words spaced, `=` and `.`
   * glued); only the option forms in {@link TABLE_OPTION_SHAPES} are accepted.
   */
  private tableOption(): string {
    let text = '';
    let shape = '';
    let glue = true;
    for (;;) {
      const kind = this.kinds[this.pos];
      const raw = this.texts[this.pos] as string;
      if (kind === TokenKind.Word || kind === TokenKind.Number) {
        text += glue ? raw : ` ${raw}`;
        shape += `${shape ? ' ' : ''}${kind === TokenKind.Number ? (/^\d+$/.test(raw) ? 'N' : '?') : this.uppers[this.pos]}`;
        glue = false;
        this.pos++;
        if (this.uppers[this.pos - 1] === 'AUTOTEMP' && this.symbol() === '(') {
          text += this.rawParenthesized();
          shape += '()';
        }
      } else if (kind === TokenKind.Symbol && (raw === '=' || raw === '.')) {
        text += raw;
        shape += ` ${raw}`;
        glue = true;
        this.pos++;
      } else break;
    }
    if (!TABLE_OPTION_SHAPES.some((pattern) => pattern.test(shape))) bail();
    // as the last option, polyglot runs a journal table name into the column list
    if (shape.startsWith('WITH JOURNAL') && this.symbol() !== ',') bail();
    // AUTOTEMP's column list must be followed by the table's (or another option)
    if (shape.endsWith('()') && this.symbol() !== ',' && this.symbol() !== '(') bail();
    return text;
  }

  /** The text of a parenthesised run of words, `(c1 INT)`. */
  private rawParenthesized(): string {
    this.expectSymbol('(');
    const words: string[] = [];
    while (this.kinds[this.pos] === TokenKind.Word) words.push(this.texts[this.pos++] as string);
    this.expectSymbol(')');
    return `(${words.join(' ')})`;
  }

  private columnDefinitions(): AstNode[] {
    this.expectSymbol('(');
    const columns: AstNode[] = [];
    do columns.push(this.columnDefinition());
    while (this.acceptSymbol(','));
    this.expectSymbol(')');
    return columns;
  }

  private columnDefinition(): AstNode {
    const name = this.identifierNode();
    const order: string[] = [];
    const column: AstNode = {
      name,
      data_type: this.dataType(),
      primary_key: false,
      unique: false,
      unique_nulls_not_distinct: false,
      auto_increment: false,
      constraints: [],
      constraint_order: order,
      uppercase: false,
      unsigned: false,
      zerofill: false,
      no_type: false,
      not_for_replication: false,
    };
    for (;;) {
      const w = this.word();
      if (w === 'NOT' && this.word(1) === 'NULL') {
        if (column.nullable !== undefined) bail();
        column.nullable = false;
        order.push('NotNull');
        this.pos += 2;
      } else if (w === 'NULL') {
        if (column.nullable !== undefined) bail();
        column.nullable = true;
        order.push('Null');
        this.pos++;
      } else if (w === 'DEFAULT' && column.default === undefined) {
        this.pos++;
        const kind = this.kinds[this.pos];
        if (kind !== TokenKind.Number && kind !== TokenKind.String) bail();
        column.default = this.primary();
        order.push('Default');
      } else if (w === 'FORMAT' && column.format === undefined) {
        this.pos++;
        column.format = this.stringToken();
      } else if (w === 'COMPRESS' && column.compress === undefined) {
        this.pos++;
        column.compress = this.compressValues();
      } else if (w === 'CHARACTER' && this.word(1) === 'SET' && column.character_set === undefined) {
        this.pos += 2;
        if (this.kinds[this.pos] !== TokenKind.Word) bail();
        column.character_set = this.texts[this.pos++];
      } else if (w === 'CASESPECIFIC' && column.casespecific === undefined) {
        column.casespecific = true;
        this.pos++;
      } else if (w === 'NOT' && this.word(1) === 'CASESPECIFIC' && column.casespecific === undefined) {
        column.casespecific = false;
        this.pos += 2;
      } else break;
    }
    const sym = this.symbol();
    if (sym !== ',' && sym !== ')') bail();
    return column;
  }

  private compressValues(): AstNode[] {
    if (!this.acceptSymbol('(')) {
      const sym = this.symbol();
      if (sym === ',' || sym === ')') return [];
      bail();
    }
    const values = this.expressionList();
    this.expectSymbol(')');
    return values;
  }

  private postTableProperties(asSelect: boolean, indexes: AstNode[], properties: AstNode[], body: AstNode): void {
    for (;;) {
      const w = this.word();
      if (w === 'UNIQUE' || w === 'PRIMARY' || w === 'INDEX') {
        const unique = this.acceptWord('UNIQUE');
        const primary = this.acceptWord('PRIMARY');
        this.expectWord('INDEX');
        if (asSelect) {
          if (unique || !primary) bail();
          indexes.push({ kind: 'Primary', columns: this.nameList() });
        } else {
          const index: AstNode = { unique };
          if (primary) index.primary = { boolean: { value: true } };
          index.params = this.nameList().map((name) => columnNode(identifier(name, false)));
          properties.push({ index });
        }
      } else if (w === 'PARTITION' && this.word(1) === 'BY' && !asSelect) {
        this.pos += 2;
        properties.push({ partitioned_by_property: { this: this.word() === 'RANGE_N' && this.symbol(1) === '(' ? this.rangeN() : this.expression() } });
      } else if (w === 'ON' && this.word(1) === 'COMMIT' && body.on_commit === undefined) {
        this.pos += 2;
        const action = this.word();
        if (action !== 'PRESERVE' && action !== 'DELETE') bail();
        this.pos++;
        this.expectWord('ROWS');
        body.on_commit = action === 'PRESERVE' ? 'PreserveRows' : 'DeleteRows';
      } else if (w === '' && this.symbol() === ',' && properties.length) {
        this.pos++;
        if (this.word() !== 'INDEX' && this.word() !== 'UNIQUE') bail();
      } else return;
    }
  }

  /** Column names of an index: `(a, b)`, unquoted only. */
  private nameList(): string[] {
    this.expectSymbol('(');
    const names: string[] = [];
    do {
      if (this.kinds[this.pos] !== TokenKind.Word || RESERVED.has(this.word())) bail();
      names.push(this.texts[this.pos++] as string);
    } while (this.acceptSymbol(','));
    this.expectSymbol(')');
    return names;
  }

  private rangeN(): AstNode {
    this.pos++;
    this.expectSymbol('(');
    const subject = this.additive();
    this.expectWord('BETWEEN');
    const expressions: AstNode[] = [];
    do {
      const low = this.rangeBound();
      expressions.push(this.acceptWord('AND') ? binaryNode('and', low, this.rangeBound()) : low);
    } while (this.acceptSymbol(','));
    const body: AstNode = { this: subject, expressions };
    if (this.acceptWord('EACH')) body.each = this.additive();
    this.expectSymbol(')');
    return { range_n: body };
  }

  private rangeBound(): AstNode {
    return this.acceptSymbol('*') ? { star: {} } : this.additive();
  }

  private dataType(): AstNode {
    const result = dataTypeNode(this.tokens, this.pos);
    if (!result) bail();
    this.pos = (result as { end: number }).end;
    return (result as { node: AstNode }).node;
  }

  // ---------------------------------------------------------------- queries

  /** A SELECT with any set operations after it (the current token is SELECT or SEL). */
  private query(): AstNode {
    let left = this.select(true);
    for (;;) {
      const w = this.word();
      const kind = w === 'UNION' ? 'union' : w === 'INTERSECT' ? 'intersect' : w === 'EXCEPT' || w === 'MINUS' ? 'except' : '';
      if (!kind) break;
      if ((bodyOfSelect(left)?.order_by as AstNode | undefined) !== undefined) bail();
      this.pos++;
      const all = this.acceptWord('ALL');
      if (this.word() === 'DISTINCT') bail();
      const next = this.word();
      if (next !== 'SELECT' && next !== 'SEL') bail();
      const right = this.select(false);
      left = setOperationNode(kind, left, right, all);
      if (this.word() === 'ORDER') {
        (left[kind] as AstNode).order_by = this.orderBy();
        if (this.isSetOperator()) bail();
      }
    }
    return left;
  }

  private isSetOperator(): boolean {
    const w = this.word();
    return w === 'UNION' || w === 'INTERSECT' || w === 'EXCEPT' || w === 'MINUS';
  }

  private select(allowOrderBy: boolean): AstNode {
    this.pos++;
    const body = selectBody();
    if (this.acceptWord('DISTINCT')) body.distinct = true;
    if (this.acceptWord('TOP')) {
      if (this.kinds[this.pos] !== TokenKind.Number) bail();
      const count = literalNode('number', this.texts[this.pos++] as string);
      const percent = this.acceptWord('PERCENT');
      let withTies = false;
      if (this.word() === 'WITH' && this.word(1) === 'TIES') {
        this.pos += 2;
        withTies = true;
      }
      body.top = { this: count, percent, with_ties: withTies, parenthesized: false };
    }
    const expressions: AstNode[] = [];
    do expressions.push(this.selectItem());
    while (this.acceptSymbol(','));
    body.expressions = expressions;
    if (this.acceptWord('FROM')) {
      body.from = { expressions: this.tableList() };
      body.joins = this.joins();
    }
    if (this.acceptWord('WHERE')) body.where_clause = { this: this.expression() };
    if (this.word() === 'GROUP') {
      this.pos++;
      this.expectWord('BY');
      body.group_by = { expressions: this.expressionList(), totals: false };
    }
    if (this.acceptWord('HAVING')) body.having = { this: this.expression() };
    if (this.acceptWord('QUALIFY')) body.qualify = { this: this.expression() };
    if (allowOrderBy && this.word() === 'ORDER') body.order_by = this.orderBy();
    if (this.word() === 'SAMPLE') {
      if (body.where_clause === undefined || body.group_by !== undefined || body.having !== undefined || body.qualify !== undefined || body.order_by !== undefined) bail();
      this.pos++;
      body.sample = sampleFields('Bernoulli', this.sampleNumber(), true);
    }
    return { select: body };
  }

  private orderBy(): AstNode {
    this.pos++;
    this.expectWord('BY');
    const expressions: AstNode[] = [];
    do expressions.push(this.orderedItem());
    while (this.acceptSymbol(','));
    return { expressions };
  }

  private orderedItem(): AstNode {
    const expression = this.expression();
    let desc = false;
    let explicitAsc = false;
    if (this.acceptWord('DESC')) desc = true;
    else if (this.acceptWord('ASC')) explicitAsc = true;
    let nullsFirst: boolean | undefined;
    if (this.word() === 'NULLS') {
      const which = this.word(1);
      if (which !== 'FIRST' && which !== 'LAST') bail();
      this.pos += 2;
      nullsFirst = which === 'FIRST';
    }
    return orderedNode(expression, desc, explicitAsc, nullsFirst);
  }

  private sampleSize(): AstNode {
    const first = this.sampleNumber();
    if (this.symbol() !== ',') return first;
    const expressions = [first];
    while (this.acceptSymbol(',')) expressions.push(this.sampleNumber());
    return { tuple: { expressions } };
  }

  private sampleNumber(): AstNode {
    if (this.kinds[this.pos] !== TokenKind.Number) bail();
    return literalNode('number', this.texts[this.pos++] as string);
  }

  private selectItem(): AstNode {
    if (this.symbol() === '*') {
      this.pos++;
      return { star: {} };
    }
    return this.aliased(this.expression());
  }

  private aliased(expression: AstNode): AstNode {
    const explicit = this.acceptWord('AS');
    const alias = explicit ? this.identifierNode() : this.tryIdentifier();
    if (!alias) return expression;
    return { alias: { this: expression, alias, column_aliases: [], alias_explicit_as: explicit } };
  }

  private tableList(): AstNode[] {
    const tables: AstNode[] = [];
    do tables.push(this.tableReference());
    while (this.acceptSymbol(','));
    return tables;
  }

  private joins(): AstNode[] {
    const joins: AstNode[] = [];
    for (;;) {
      const w = this.word();
      let kind = 'Inner';
      let inner = false;
      let outer = false;
      if (w === 'JOIN') this.pos++;
      else if (this.symbol() === ',') {
        kind = 'Implicit';
        this.pos++;
      }
      else if (w === 'INNER') {
        inner = true;
        this.pos++;
        this.expectWord('JOIN');
      } else if (w === 'CROSS') {
        kind = 'Cross';
        this.pos++;
        this.expectWord('JOIN');
      } else if (JOIN_KINDS[w]) {
        kind = JOIN_KINDS[w] as string;
        this.pos++;
        outer = this.acceptWord('OUTER');
        this.expectWord('JOIN');
      } else return joins;
      const join: AstNode = {
        this: this.tableReference(),
        using: [],
        kind,
        use_inner_keyword: inner,
        use_outer_keyword: outer,
        deferred_condition: false,
        nesting_group: 0,
        directed: false,
      };
      const using = join.using as AstNode[];
      if (kind !== 'Cross' && kind !== 'Implicit') {
        if (this.acceptWord('USING')) {
          this.expectSymbol('(');
          do using.push(this.identifierNode());
          while (this.acceptSymbol(','));
          this.expectSymbol(')');
        } else {
          this.expectWord('ON');
          join.on = this.expression();
        }
      }
      joins.push(join);
    }
  }

  private tableReference(): AstNode {
    if (this.symbol() === '(') {
      const query = this.parenthesizedQuery();
      // polyglot continues `(query) UNION …` as a set operation inside the FROM item
      if (this.isSetOperator()) bail();
      const keyword = this.word() === 'AS' ? (this.texts[this.pos] as string) : undefined;
      if (keyword) this.pos++;
      const alias = keyword ? this.identifierNode() : this.tryTableAlias();
      if (this.symbol() === '(') bail();
      return subqueryNode(query, alias, keyword);
    }
    const table = this.tableName();
    const body = table.table as AstNode;
    const explicit = this.acceptWord('AS');
    const alias = explicit ? this.identifierNode() : this.tryTableAlias();
    if (alias) {
      body.alias = alias;
      body.alias_explicit_as = explicit;
      if (this.acceptSymbol('(')) {
        const columns: AstNode[] = [];
        do columns.push(this.identifierNode());
        while (this.acceptSymbol(','));
        this.expectSymbol(')');
        body.column_aliases = columns;
      }
    }
    if (this.word() === 'SAMPLE') {
      this.pos++;
      body.table_sample = sampleFields('Percent', this.sampleSize(), false);
    }
    return table;
  }

  /** A table name `[schema.]name` as a `table` node without alias. */
  private tableName(): AstNode {
    const first = this.identifierNode();
    if (!this.acceptSymbol('.')) return tableNode(first, undefined, undefined, false, []);
    const second = this.identifierNode();
    if (this.symbol() === '.') bail();
    return tableNode(second, first, undefined, false, []);
  }

  // ---------------------------------------------------------------- expressions

  private expressionList(): AstNode[] {
    const list: AstNode[] = [];
    do list.push(this.expression());
    while (this.acceptSymbol(','));
    return list;
  }

  /** A full expression: OR of ANDs of NOTs of comparisons. */
  expression(): AstNode {
    const first = this.conjunction();
    if (this.word() !== 'OR') return first;
    const operands = [first];
    while (this.acceptWord('OR')) operands.push(this.conjunction());
    return pairwise('or', operands);
  }

  private conjunction(): AstNode {
    const first = this.negation();
    if (this.word() !== 'AND') return first;
    const operands = [first];
    while (this.acceptWord('AND')) operands.push(this.negation());
    return pairwise('and', operands);
  }

  private negation(): AstNode {
    if (this.word() === 'NOT' && this.symbol(1) !== '=') {
      this.pos++;
      const operand = this.negation();
      // polyglot keeps `NOT x LIKE …` as raw text
      if (operand.like !== undefined) bail();
      return { not: { this: operand } };
    }
    return this.comparison();
  }

  private comparison(): AstNode {
    let left = this.additive();
    for (;;) {
      const sym = this.symbol();
      const w = this.word();
      let kind = COMPARISONS[sym || w];
      if (!kind && w === 'NOT' && this.symbol(1) === '=' && this.tokens.ends[this.pos] === this.tokens.starts[this.pos + 1]) {
        this.pos++;
        kind = 'neq';
      }
      if (kind) {
        this.pos++;
        const quantifier = this.word();
        if ((quantifier === 'ANY' || quantifier === 'ALL') && this.symbol(1) === '(') {
          this.pos++;
          const query = this.parenthesizedQuery();
          left = { [quantifier.toLowerCase()]: { this: left, subquery: subqueryNode(query, undefined, undefined), op: QUANTIFIER_OPS[kind] } };
        } else left = binaryNode(kind, left, this.additive());
        continue;
      }
      const negated = w === 'NOT' && (this.word(1) === 'IN' || this.word(1) === 'LIKE' || this.word(1) === 'BETWEEN');
      const op = negated ? this.word(1) : w;
      if (op === 'IS') {
        this.pos++;
        const not = this.acceptWord('NOT');
        this.expectWord('NULL');
        left = { is_null: { this: left, not, postfix_form: false } };
      } else if (op === 'IN') {
        this.pos += negated ? 2 : 1;
        left = this.inPredicate(left, negated);
      } else if (op === 'BETWEEN') {
        this.pos += negated ? 2 : 1;
        const low = this.additive();
        this.expectWord('AND');
        left = { between: { this: left, low, high: this.additive(), not: negated } };
      } else if (op === 'LIKE') {
        this.pos += negated ? 2 : 1;
        const like = this.likePredicate(left);
        left = negated ? { not: { this: like } } : like;
      } else return left;
    }
  }

  private inPredicate(subject: AstNode, not: boolean): AstNode {
    this.expectSymbol('(');
    const w = this.word();
    if (w === 'SELECT' || w === 'SEL') {
      const query = this.query();
      this.expectSymbol(')');
      return { in: { this: subject, expressions: [], query, not } };
    }
    const expressions = this.expressionList();
    this.expectSymbol(')');
    return { in: { this: subject, expressions, not } };
  }

  private likePredicate(left: AstNode): AstNode {
    const quantifier = this.word();
    if ((quantifier === 'ANY' || quantifier === 'ALL') && this.symbol(1) === '(') {
      this.pos += 2;
      const expressions = this.expressionList();
      this.expectSymbol(')');
      // polyglot attaches an alias after the list to the list itself
      if (this.word() === 'AS' || this.tryIdentifierAhead()) bail();
      return { like: { left, right: { tuple: { expressions } }, quantifier } };
    }
    const right = this.additive();
    if (this.acceptWord('ESCAPE')) return { like: { left, right, escape: this.additive() } };
    return { like: { left, right } };
  }

  private additive(): AstNode {
    let left = this.multiplicative();
    for (;;) {
      const sym = this.symbol();
      const kind = sym === '+' ? 'add' : sym === '-' ? 'sub' : sym === '||' ? 'concat' : '';
      if (!kind) return left;
      this.pos++;
      left = binaryNode(kind, left, this.multiplicative());
    }
  }

  private multiplicative(): AstNode {
    let left = this.power();
    for (;;) {
      const sym = this.symbol();
      const kind = sym === '*' ? 'mul' : sym === '/' ? 'div' : this.word() === 'MOD' ? 'mod' : '';
      if (!kind) return left;
      this.pos++;
      left = binaryNode(kind, left, this.power());
    }
  }

  private power(): AstNode {
    let left = this.unary();
    while (this.acceptSymbol('**')) left = { power: { this: left, expression: this.unary(), original_name: '**' } };
    return left;
  }

  private unary(): AstNode {
    if (this.acceptSymbol('-')) return { neg: { this: this.unary() } };
    if (this.acceptSymbol('+')) return this.unary();
    return this.postfix(this.primary());
  }

  /** `expr (FORMAT '…')`. */
  private postfix(node: AstNode): AstNode {
    while (this.symbol() === '(' && this.word(1) === 'FORMAT' && this.kinds[this.pos + 2] === TokenKind.String && this.symbol(3) === ')') {
      if (!acceptsFormatPhrase(node)) bail();
      node = { format_phrase: { this: node, format: this.texts[this.pos + 2] } };
      this.pos += 4;
    }
    return node;
  }

  private primary(): AstNode {
    const kind = this.kinds[this.pos];
    const text = this.texts[this.pos] as string;
    switch (kind) {
      case TokenKind.Number:
        this.pos++;
        return literalNode('number', text);
      case TokenKind.String:
        this.pos++;
        return literalNode('string', text);
      case TokenKind.Hex:
        this.pos++;
        return literalNode('hex_string', text);
      case TokenKind.QuotedIdent:
        return this.columnReference();
      case TokenKind.Symbol:
        return text === '(' ? this.parenthesized() : bail();
      case TokenKind.Word:
        return this.wordExpression();
      default:
        return bail();
    }
  }

  private parenthesized(): AstNode {
    const w = this.word(1);
    if (w === 'SELECT' || w === 'SEL') return subqueryNode(this.parenthesizedQuery(), undefined, undefined);
    this.pos++;
    const list = this.expressionList();
    this.expectSymbol(')');
    return list.length === 1 ? { paren: { this: list[0] } } : { tuple: { expressions: list } };
  }

  private wordExpression(): AstNode {
    const upper = this.uppers[this.pos] as string;
    const next = this.symbol(1);
    const literalType = TYPED_LITERALS[upper];
    if (literalType && this.kinds[this.pos + 1] === TokenKind.String) {
      this.pos += 2;
      return literalNode(literalType, this.texts[this.pos - 1] as string);
    }
    switch (upper) {
      case 'NULL':
        this.pos++;
        return { null: null };
      case 'TRUE':
      case 'FALSE':
        this.pos++;
        return { boolean: { value: upper === 'TRUE' } };
      case 'CASE':
        return this.caseExpression();
      case 'INTERVAL':
        return this.interval();
      case 'EXISTS':
        this.pos++;
        return { exists: { this: this.parenthesizedQuery(), not: false } };
      case 'CURRENT_DATE':
      case 'CURRENT_TIMESTAMP':
      case 'CURRENT_TIME':
      case 'CURRENT_USER':
        if (next !== '(') {
          this.pos++;
          return functionNode(this.texts[this.pos - 1] as string, [], true);
        }
        break;
    }
    if (next !== '(' || this.word(2) === 'FORMAT') return this.columnReference();
    switch (upper) {
      case 'CAST':
        return this.cast('cast');
      case 'TRYCAST':
        return this.cast('try_cast');
      case 'EXTRACT':
        return this.extract();
      case 'POSITION':
        return this.position();
      case 'TRIM':
        return this.trim();
      case 'SUBSTRING':
        return this.substring();
      case 'TRANSLATE':
        return this.translate();
      case 'COUNT':
        return this.window(this.count());
      default:
        return this.window(this.call());
    }
  }

  private columnReference(): AstNode {
    const first = this.identifierNode();
    if (this.symbol() !== '.') return columnNode(first);
    // polyglot reads DATE.x and TIME.x otherwise
    if (first.quoted === false && NOT_TABLE_ALIAS.has(String(first.name).toUpperCase())) bail();
    this.pos++;
    if (this.acceptSymbol('*')) return { star: { table: first } };
    const second = this.identifierNode();
    if (this.symbol() !== '.') return columnNode(second, first);
    this.pos++;
    const third = this.identifierNode();
    if (this.symbol() === '.' || this.symbol() === '(') bail();
    return { dot: { this: columnNode(second, first), field: third } };
  }

  private call(): AstNode {
    const name = this.texts[this.pos] as string;
    const upper = this.uppers[this.pos] as string;
    this.pos += 2;
    let args: AstNode[] = [];
    const distinct = this.acceptWord('DISTINCT');
    if (this.symbol() !== ')') args = this.expressionList();
    else if (distinct) bail();
    this.expectSymbol(')');
    return callNode(name, upper, args, distinct) ?? bail();
  }

  private count(): AstNode {
    const name = this.texts[this.pos] as string;
    this.pos += 2;
    if (this.symbol() === '*' && this.symbol(1) === ')') {
      this.pos += 2;
      return { count: { star: true, distinct: false, original_name: name } };
    }
    const distinct = this.acceptWord('DISTINCT');
    if (distinct && this.symbol() === ')') bail();
    const args = this.symbol() === ')' ? [] : this.expressionList();
    this.expectSymbol(')');
    if (args.length > 1 && !distinct) return functionNode(name, args, false);
    const body: AstNode = {};
    if (args.length) body.this = args.length === 1 ? args[0] : { tuple: { expressions: args } };
    Object.assign(body, { star: false, distinct, original_name: name });
    return { count: body };
  }

  private window(fn: AstNode): AstNode {
    if (this.word() !== 'OVER') return fn;
    this.pos++;
    this.expectSymbol('(');
    let partitionBy: AstNode[] = [];
    if (this.word() === 'PARTITION') {
      this.pos++;
      this.expectWord('BY');
      partitionBy = this.expressionList();
    }
    let orderBy: AstNode[] = [];
    if (this.word() === 'ORDER') orderBy = this.orderBy().expressions as AstNode[];
    const over: AstNode = { partition_by: partitionBy, order_by: orderBy };
    const frameKind = this.word();
    if (frameKind === 'ROWS' || frameKind === 'RANGE') over.frame = this.windowFrame(frameKind);
    this.expectSymbol(')');
    return { window_function: { this: fn, over } };
  }

  /** `ROWS|RANGE [BETWEEN] bound [AND bound]`, bounds and keywords as polyglot records them. */
  private windowFrame(kind: string): AstNode {
    const frame: AstNode = { kind: kind === 'ROWS' ? 'Rows' : 'Range' };
    const kindText = this.texts[this.pos++] as string;
    const between = this.acceptWord('BETWEEN');
    const start = this.frameBound();
    frame.start = start.bound;
    let end: { bound: unknown; side?: string } | undefined;
    if (between) {
      this.expectWord('AND');
      end = this.frameBound();
      frame.end = end.bound;
    }
    frame.kind_text = kindText;
    if (start.side !== undefined) frame.start_side_text = start.side;
    if (end?.side !== undefined) frame.end_side_text = end.side;
    return frame;
  }

  private frameBound(): { bound: unknown; side?: string } {
    const w = this.word();
    if (w === 'CURRENT') {
      this.pos++;
      this.expectWord('ROW');
      return { bound: 'CurrentRow' };
    }
    let amount: AstNode | undefined;
    if (w === 'UNBOUNDED') this.pos++;
    else if (this.kinds[this.pos] === TokenKind.Number) amount = literalNode('number', this.texts[this.pos++] as string);
    else bail();
    const direction = this.word();
    if (direction !== 'PRECEDING' && direction !== 'FOLLOWING') bail();
    const side = this.texts[this.pos++] as string;
    const name = direction === 'PRECEDING' ? 'Preceding' : 'Following';
    return { bound: amount ? { [name]: amount } : `Unbounded${name}`, side };
  }

  private cast(kind: string): AstNode {
    this.pos += 2;
    const subject = this.expression();
    this.expectWord('AS');
    const body: AstNode = { this: subject };
    if (this.word() === 'FORMAT') body.to = { data_type: 'unknown' };
    else body.to = this.dataType();
    body.double_colon_syntax = false;
    if (this.acceptWord('FORMAT')) body.format = literalNode('string', this.stringToken());
    this.expectSymbol(')');
    return { [kind]: body };
  }

  private extract(): AstNode {
    this.pos += 2;
    const field = EXTRACT_FIELDS[this.word()] ?? bail();
    this.pos++;
    this.expectWord('FROM');
    const subject = this.expression();
    this.expectSymbol(')');
    return { extract: { this: subject, field } };
  }

  private position(): AstNode {
    this.pos += 2;
    const needle = this.additive();
    this.expectWord('IN');
    const haystack = this.additive();
    this.expectSymbol(')');
    return { str_position: { this: haystack, substr: needle } };
  }

  private trim(): AstNode {
    this.pos += 2;
    const w = this.word();
    const position = w === 'BOTH' ? 'Both' : w === 'LEADING' ? 'Leading' : w === 'TRAILING' ? 'Trailing' : '';
    if (position) this.pos++;
    let characters: AstNode | undefined;
    let subject: AstNode;
    let standard = true;
    if (this.acceptWord('FROM')) subject = this.additive();
    else {
      const first = this.additive();
      if (this.acceptWord('FROM')) {
        characters = first;
        subject = this.additive();
      } else {
        if (position) bail();
        standard = false;
        subject = first;
        if (this.acceptSymbol(',')) characters = this.additive();
      }
    }
    this.expectSymbol(')');
    const body: AstNode = { this: subject };
    if (characters) body.characters = characters;
    Object.assign(body, { position: position || 'Both', sql_standard_syntax: standard, position_explicit: position !== '' });
    return { trim: body };
  }

  private substring(): AstNode {
    this.pos += 2;
    const subject = this.expression();
    let fromFor: boolean;
    let start: AstNode;
    let length: AstNode | undefined;
    if (this.acceptWord('FROM')) {
      fromFor = true;
      start = this.expression();
      if (this.acceptWord('FOR')) length = this.expression();
    } else {
      fromFor = false;
      this.expectSymbol(',');
      start = this.expression();
      if (this.acceptSymbol(',')) length = this.expression();
    }
    this.expectSymbol(')');
    const body: AstNode = { this: subject, start };
    if (length) body.length = length;
    body.from_for_syntax = fromFor;
    return { substring: body };
  }

  private translate(): AstNode {
    const usingAt = this.pos + 3;
    if (this.uppers[usingAt] !== 'USING' || this.kinds[usingAt] !== TokenKind.Word) return this.window(this.call());
    this.pos += 2;
    const subject = this.primary();
    this.expectWord('USING');
    const conversion = this.identifierNode();
    const body: AstNode = { this: subject, expression: columnNode(conversion) };
    if (this.acceptWord('WITH')) {
      this.expectWord('ERROR');
      body.with_error = { boolean: { value: true } };
    }
    this.expectSymbol(')');
    return { translate_characters: body };
  }

  private caseExpression(): AstNode {
    this.pos++;
    const body: AstNode = {};
    if (this.word() !== 'WHEN') body.operand = this.expression();
    const whens: AstNode[][] = [];
    while (this.acceptWord('WHEN')) {
      const condition = this.expression();
      this.expectWord('THEN');
      whens.push([condition, this.expression()]);
    }
    if (!whens.length) bail();
    body.whens = whens;
    if (this.acceptWord('ELSE')) body.else_ = this.expression();
    this.expectWord('END');
    return { case: body };
  }

  private interval(): AstNode {
    this.pos++;
    const value = literalNode('string', this.stringToken());
    const unit = INTERVAL_UNITS[this.word()] ?? bail();
    this.pos++;
    if (this.symbol() === '(') bail();
    if (this.acceptWord('TO')) {
      const end = INTERVAL_UNITS[this.word()] ?? bail();
      this.pos++;
      if (this.symbol() === '(') bail();
      this.refuseOperatorAfterInterval();
      return { interval: { this: value, unit: { type: 'span', this: unit, expression: end } } };
    }
    this.refuseOperatorAfterInterval();
    return { interval: { this: value, unit: { type: 'simple', unit, use_plural: false } } };
  }

  /** polyglot folds an operator after an INTERVAL literal into the interval's value: left to polyglot. */
  private refuseOperatorAfterInterval(): void {
    const sym = this.symbol();
    if ((sym && sym !== ')' && sym !== ',') || COMPARISONS[this.word()] || INTERVAL_FOLLOWERS.has(this.word())) bail();
  }
}

/**
 * Operands polyglot takes a `(FORMAT '…')` phrase after: literals, parentheses, casts, TRIM,
 * calls written with parentheses and unqualified columns other than DATE / TIME.
 */
function acceptsFormatPhrase(node: AstNode): boolean {
  if (node.literal !== undefined || node.paren !== undefined || node.cast !== undefined || node.try_cast !== undefined || node.trim !== undefined) return true;
  const call = node.function as AstNode | undefined;
  if (call) return call.no_parens === false;
  const column = node.column as AstNode | undefined;
  if (!column || column.table !== undefined) return false;
  const name = column.name as AstNode;
  return name.quoted === true || !NOT_TABLE_ALIAS.has(String(name.name).toUpperCase());
}

/** `x OP y OP z …` as polyglot builds it: operands combined pairwise, level by level. */
function pairwise(kind: string, operands: AstNode[]): AstNode {
  let level = operands;
  while (level.length > 1) {
    const next: AstNode[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(binaryNode(kind, level[i] as AstNode, level[i + 1] as AstNode));
    if (level.length % 2) next.push(level[level.length - 1] as AstNode);
    level = next;
  }
  return level[0] as AstNode;
}

function bodyOfSelect(node: AstNode): AstNode | undefined {
  return node.select as AstNode | undefined;
}

function sampleFields(method: string, size: AstNode, explicit: boolean): AstNode {
  return {
    method,
    size,
    unit_after_size: false,
    use_sample_keyword: true,
    explicit_method: explicit,
    method_before_size: explicit,
    use_seed_keyword: false,
    is_using_sample: false,
    is_percent: false,
    suppress_method_output: false,
  };
}
