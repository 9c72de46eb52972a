import { type AstNode, bodyOf, columnNode, identifier, kindOf, literalNode } from '../ast';
import { NOT_TABLE_ALIAS, RESERVED } from './keywords';
import { binaryNode } from './nodes';
import { QueryParser } from './query-parser';
import { TokenKind } from './scanner';
import { bail } from './token-cursor';

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
export class TeradataParser extends QueryParser {
  /** Parses the whole input as one statement (bails out on anything unsupported). */
  statement(): AstNode {
    const node = this.statementBody();
    if (this.kinds[this.pos] !== TokenKind.End) bail();
    const comments = this.tokens.leadingComments;
    if (comments.length) {
      // polyglot's placement of leading comments is only mirrored for statements opening with SELECT
      const first = this.uppers[0];
      const select = first === 'SELECT' || first === 'SEL' ? (bodyOf(node, 'select') ?? bail()) : bail();
      select.leading_comments = comments;
    }
    return node;
  }

  // ---------------------------------------------------------------- statements

  protected statementBody(): AstNode {
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
        if (this.kinds[this.pos] === TokenKind.Word && RESERVED.has(this.word()) && this.symbol(1) !== '(' && !this.isExpressionKeyword())
          bail();
        // polyglot reads a statement opening with a parenthesis as a query
        if (this.symbol() === '(') bail();
        return this.bareExpression();
    }
  }

  /**
   * An expression statement. One followed by a word (polyglot's implicit alias, which it refuses for
   * some words that are aliases elsewhere) is left to polyglot.
   */
  protected bareExpression(): AstNode {
    const expression = this.expression();
    if (this.kinds[this.pos] === TokenKind.Word) bail();
    return expression;
  }

  /** Reserved words that still start an expression statement (`CAST(…)`, `CURRENT_DATE`, `CASE …`). */
  protected isExpressionKeyword(): boolean {
    const w = this.word();
    return (
      w === 'CASE' ||
      w === 'NOT' ||
      w === 'INTERVAL' ||
      w === 'NULL' ||
      w === 'TRUE' ||
      w === 'FALSE' ||
      w.startsWith('CURRENT_') ||
      w === 'TIMESTAMP'
    );
  }

  protected locking(): AstNode {
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
    return { locking_statement: { this: { locking_property: property }, expression: this.query() } };
  }

  /**
   * A statement polyglot keeps as text (`COLLECT STATISTICS …`, `HELP …`, `RENAME …`), rebuilt as
   * polyglot prints it: the first word upper-cased, words spaced, punctuation glued. Only plain
   * words and punctuation are handled.
   */
  protected command(): AstNode {
    let text = this.word();
    this.pos++;
    let glue = false;
    for (;;) {
      const kind = this.kinds[this.pos];
      if (kind === TokenKind.End) break;
      const raw = this.texts[this.pos] as string;
      if (kind === TokenKind.Word) {
        // polyglot glues these operator keywords to their neighbours in the command text
        if (this.uppers[this.pos] === 'MOD' || this.uppers[this.pos] === 'PERCENT') bail();
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
  protected withQuery(): AstNode {
    this.pos++;
    const ctes: AstNode[] = [];
    do {
      const alias = this.identifierNode();
      this.expectWord('AS');
      ctes.push({ alias, this: this.parenthesizedQuery(), columns: [], alias_first: true });
    } while (this.acceptSymbol(','));
    const query = this.query();
    const select = bodyOf(query, 'select') ?? bail();
    select.with = { ctes, recursive: false };
    return query;
  }

  protected drop(): AstNode {
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

  protected queryBand(): AstNode {
    this.pos++;
    this.expectWord('QUERY_BAND');
    this.expectSymbol('=');
    const value =
      this.kinds[this.pos] === TokenKind.String
        ? literalNode('string', this.stringToken())
        : this.acceptWord('NONE')
          ? { var: { this: 'NONE' } }
          : bail();
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

  protected insert(): AstNode {
    this.pos++;
    this.expectWord('INTO');
    const table = this.tableName().table;
    const columns: AstNode[] = [];
    if (this.symbol() === '(' && !this.isSelectWord(1)) {
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
    } else body.query = this.query();
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

  protected update(): AstNode {
    this.pos++;
    // polyglot reads some words after UPDATE (STATISTICS, TO, NO …) as keywords: left to polyglot
    if (NOT_TABLE_ALIAS.has(this.word()) || this.word() === 'STATISTICS') bail();
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

  protected deleteStatement(): AstNode {
    this.pos++;
    this.expectWord('FROM');
    const table = this.tableName().table;
    const body: AstNode = { table, alias_explicit_as: false, using: [] };
    if (this.acceptWord('WHERE')) body.where_clause = { this: this.expression() };
    Object.assign(body, { returning: [], tables: [], tables_from_using: false, joins: [], no_from: false });
    return { delete: body };
  }

  // ---------------------------------------------------------------- CREATE

  protected create(): AstNode {
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

  protected createView(orReplace: boolean): AstNode {
    this.pos++;
    const name = this.tableName().table;
    const columns: AstNode[] = [];
    if (this.acceptSymbol('(')) {
      // polyglot unquotes a quoted name in a view's column list: left to polyglot
      do
        columns.push({
          name: this.kinds[this.pos] === TokenKind.Word && !NOT_TABLE_ALIAS.has(this.word()) ? this.identifierNode() : bail(),
        });
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

  protected createTable(modifier: string): AstNode {
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
      // a source table named like a keyword polyglot will not take as a name there: left to polyglot
      if (!parenthesized && NOT_TABLE_ALIAS.has(this.word())) bail();
      body.as_select = parenthesized ? this.parenthesizedQuery() : this.tableName();
      body.as_select_parenthesized = parenthesized;
      this.expectWord('WITH');
      body.with_data = !this.acceptWord('NO');
      this.expectWord('DATA');
    } else {
      if (this.symbol() === '(') body.columns = this.columnDefinitions();
      // without columns polyglot takes only a modified table name (CREATE VOLATILE TABLE a), nothing after
      else if (!modifier || this.kinds[this.pos] !== TokenKind.End) bail();
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
  protected tableOption(): string {
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
  protected rawParenthesized(): string {
    this.expectSymbol('(');
    const words: string[] = [];
    while (this.kinds[this.pos] === TokenKind.Word) words.push(this.texts[this.pos++] as string);
    this.expectSymbol(')');
    return `(${words.join(' ')})`;
  }

  protected columnDefinitions(): AstNode[] {
    this.expectSymbol('(');
    const columns: AstNode[] = [];
    do columns.push(this.columnDefinition());
    while (this.acceptSymbol(','));
    this.expectSymbol(')');
    return columns;
  }

  protected columnDefinition(): AstNode {
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

  protected compressValues(): AstNode[] {
    if (!this.acceptSymbol('(')) {
      const sym = this.symbol();
      if (sym === ',' || sym === ')') return [];
      bail();
    }
    const values = this.expressionList();
    this.expectSymbol(')');
    return values;
  }

  protected postTableProperties(asSelect: boolean, indexes: AstNode[], properties: AstNode[], body: AstNode): void {
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
        properties.push({
          partitioned_by_property: {
            this: this.word() === 'RANGE_N' && this.symbol(1) === '(' ? this.rangeN() : this.partitionExpression(),
          },
        });
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

  /** A PARTITION BY expression other than RANGE_N: polyglot reads only a column or a parenthesised expression there. */
  protected partitionExpression(): AstNode {
    const expression = this.expression();
    const kind = kindOf(expression);
    if (kind !== 'column' && kind !== 'paren' && kind !== 'tuple') bail();
    return expression;
  }

  /** Column names of an index: `(a, b)`, unquoted only. */
  protected nameList(): string[] {
    this.expectSymbol('(');
    const names: string[] = [];
    do {
      if (this.kinds[this.pos] !== TokenKind.Word || RESERVED.has(this.word())) bail();
      names.push(this.texts[this.pos++] as string);
    } while (this.acceptSymbol(','));
    this.expectSymbol(')');
    return names;
  }

  protected rangeN(): AstNode {
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

  protected rangeBound(): AstNode {
    return this.acceptSymbol('*') ? { star: {} } : this.additive();
  }
}
