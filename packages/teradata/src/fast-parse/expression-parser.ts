import { type AstNode, columnNode, functionNode, literalNode } from '../ast';
import { dataTypeNode } from './data-types';
import { callNode } from './functions';
import { NOT_TABLE_ALIAS } from './keywords';
import { binaryNode, orderedNode, subqueryNode } from './nodes';
import { TokenKind } from './scanner';
import { TokenCursor, bail } from './token-cursor';

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

/** Teradata expressions, by precedence climbing; subqueries come from the query parser built on it. */
export abstract class ExpressionParser extends TokenCursor {
  /** A SELECT with any set operations after it (the current token is SELECT or SEL). */
  protected abstract query(): AstNode;

  /** `(SELECT …)`. */
  protected abstract parenthesizedQuery(): AstNode;

  protected dataType(): AstNode {
    const result = dataTypeNode(this.tokens, this.pos);
    if (!result) bail();
    this.pos = result.end;
    return result.node;
  }

  protected orderBy(): AstNode {
    this.pos++;
    this.expectWord('BY');
    const expressions: AstNode[] = [];
    do expressions.push(this.orderedItem());
    while (this.acceptSymbol(','));
    return { expressions };
  }

  protected orderedItem(): AstNode {
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

  protected expressionList(): AstNode[] {
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

  protected conjunction(): AstNode {
    const first = this.negation();
    if (this.word() !== 'AND') return first;
    const operands = [first];
    while (this.acceptWord('AND')) operands.push(this.negation());
    return pairwise('and', operands);
  }

  protected negation(): AstNode {
    if (this.word() === 'NOT' && this.symbol(1) !== '=') {
      this.pos++;
      const operand = this.negation();
      // polyglot keeps `NOT x LIKE …` as raw text
      if (operand.like !== undefined) bail();
      return { not: { this: operand } };
    }
    return this.comparison();
  }

  protected comparison(): AstNode {
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
          left = {
            [quantifier.toLowerCase()]: { this: left, subquery: subqueryNode(query, undefined, undefined), op: QUANTIFIER_OPS[kind] },
          };
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

  protected inPredicate(subject: AstNode, not: boolean): AstNode {
    this.expectSymbol('(');
    if (this.isSelectWord()) {
      const query = this.query();
      this.expectSymbol(')');
      return { in: { this: subject, expressions: [], query, not } };
    }
    const expressions = this.expressionList();
    this.expectSymbol(')');
    return { in: { this: subject, expressions, not } };
  }

  protected likePredicate(left: AstNode): AstNode {
    const quantifier = this.word();
    if ((quantifier === 'ANY' || quantifier === 'ALL') && this.symbol(1) === '(') {
      this.pos += 2;
      const expressions = this.expressionList();
      this.expectSymbol(')');
      // polyglot reads a one-pattern list as a parenthesised expression
      if (expressions.length === 1) bail();
      // polyglot attaches an alias after the list to the list itself
      if (this.word() === 'AS' || this.isIdentifierAhead()) bail();
      return { like: { left, right: { tuple: { expressions } }, quantifier } };
    }
    const right = this.additive();
    if (this.acceptWord('ESCAPE')) return { like: { left, right, escape: this.additive() } };
    return { like: { left, right } };
  }

  protected additive(): AstNode {
    let left = this.multiplicative();
    for (;;) {
      const sym = this.symbol();
      const kind = sym === '+' ? 'add' : sym === '-' ? 'sub' : sym === '||' ? 'concat' : '';
      if (!kind) return left;
      this.pos++;
      left = binaryNode(kind, left, this.multiplicative());
    }
  }

  protected multiplicative(): AstNode {
    let left = this.power();
    for (;;) {
      const sym = this.symbol();
      const kind = sym === '*' ? 'mul' : sym === '/' ? 'div' : this.word() === 'MOD' ? 'mod' : '';
      if (!kind) return left;
      this.pos++;
      left = binaryNode(kind, left, this.power());
    }
  }

  protected power(): AstNode {
    let left = this.unary();
    while (this.acceptSymbol('**')) left = { power: { this: left, expression: this.unary(), original_name: '**' } };
    return left;
  }

  protected unary(): AstNode {
    if (this.acceptSymbol('-')) return { neg: { this: this.unary() } };
    if (this.acceptSymbol('+')) return this.unary();
    return this.postfix(this.primary());
  }

  /** `expr (FORMAT '…')`. */
  protected postfix(node: AstNode): AstNode {
    while (this.symbol() === '(' && this.word(1) === 'FORMAT' && this.kinds[this.pos + 2] === TokenKind.String && this.symbol(3) === ')') {
      if (!acceptsFormatPhrase(node)) bail();
      node = { format_phrase: { this: node, format: this.texts[this.pos + 2] } };
      this.pos += 4;
    }
    return node;
  }

  protected primary(): AstNode {
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

  protected parenthesized(): AstNode {
    if (this.isSelectWord(1)) return subqueryNode(this.parenthesizedQuery(), undefined, undefined);
    this.pos++;
    const list = this.expressionList();
    this.expectSymbol(')');
    return list.length === 1 ? { paren: { this: list[0] } } : { tuple: { expressions: list } };
  }

  protected wordExpression(): AstNode {
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

  protected columnReference(): AstNode {
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

  protected call(): AstNode {
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

  protected count(): AstNode {
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

  protected window(fn: AstNode): AstNode {
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
  protected windowFrame(kind: string): AstNode {
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

  protected frameBound(): { bound: unknown; side?: string } {
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

  protected cast(kind: string): AstNode {
    this.pos += 2;
    const subject = this.expression();
    this.expectWord('AS');
    const body: AstNode = { this: subject };
    if (this.word() === 'FORMAT') body.to = { data_type: 'unknown' };
    else body.to = this.dataType();
    body.double_colon_syntax = false;
    // polyglot takes FORMAT only in CAST, not in TRYCAST
    if (kind !== 'cast' && this.word() === 'FORMAT') bail();
    if (this.acceptWord('FORMAT')) body.format = literalNode('string', this.stringToken());
    this.expectSymbol(')');
    return { [kind]: body };
  }

  protected extract(): AstNode {
    this.pos += 2;
    const field = EXTRACT_FIELDS[this.word()] ?? bail();
    this.pos++;
    this.expectWord('FROM');
    const subject = this.expression();
    this.expectSymbol(')');
    return { extract: { this: subject, field } };
  }

  protected position(): AstNode {
    this.pos += 2;
    const needle = this.additive();
    this.expectWord('IN');
    const haystack = this.additive();
    this.expectSymbol(')');
    return { str_position: { this: haystack, substr: needle } };
  }

  protected trim(): AstNode {
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

  protected substring(): AstNode {
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

  protected translate(): AstNode {
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

  protected caseExpression(): AstNode {
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

  protected interval(): AstNode {
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
  protected refuseOperatorAfterInterval(): void {
    const sym = this.symbol();
    if ((sym && sym !== ')' && sym !== ',') || COMPARISONS[this.word()] || INTERVAL_FOLLOWERS.has(this.word())) bail();
  }
}

/**
 * Operands polyglot takes a `(FORMAT '…')` phrase after: literals, parentheses, casts, TRIM,
 * calls written with parentheses and unqualified columns other than DATE / TIME.
 */
function acceptsFormatPhrase(node: AstNode): boolean {
  if (
    node.literal !== undefined ||
    node.paren !== undefined ||
    node.cast !== undefined ||
    node.try_cast !== undefined ||
    node.trim !== undefined
  )
    return true;
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
