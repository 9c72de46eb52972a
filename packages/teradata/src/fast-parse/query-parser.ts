import { type AstNode, bodyOf, literalNode } from '../ast';
import { ExpressionParser } from './expression-parser';
import { selectBody, setOperationNode, subqueryNode, tableNode } from './nodes';
import { TokenKind } from './scanner';
import { bail } from './token-cursor';

/** Set-operator words → polyglot's node kind. */
const SET_OPERATIONS: Readonly<Record<string, string>> = { UNION: 'union', INTERSECT: 'intersect', EXCEPT: 'except', MINUS: 'except' };

const JOIN_KINDS: Readonly<Record<string, string>> = { LEFT: 'Left', RIGHT: 'Right', FULL: 'Full' };

/** SELECT queries: clauses, FROM items and joins, set operations. */
export abstract class QueryParser extends ExpressionParser {
  protected parenthesizedQuery(): AstNode {
    this.expectSymbol('(');
    const query = this.query();
    this.expectSymbol(')');
    return query;
  }

  /** A SELECT with any set operations after it (the current token is SELECT or SEL). */
  protected query(): AstNode {
    if (!this.isSelectWord()) bail();
    let left = this.select(true);
    for (;;) {
      const kind = SET_OPERATIONS[this.word()];
      if (!kind) break;
      if ((bodyOf(left, 'select')?.order_by as AstNode | undefined) !== undefined) bail();
      this.pos++;
      const all = this.acceptWord('ALL');
      if (this.word() === 'DISTINCT') bail();
      if (!this.isSelectWord()) bail();
      const right = this.select(false);
      left = setOperationNode(kind, left, right, all);
      if (this.word() === 'ORDER') {
        (left[kind] as AstNode).order_by = this.orderBy();
        if (this.isSetOperator()) bail();
      }
    }
    return left;
  }

  protected isSetOperator(): boolean {
    return Object.hasOwn(SET_OPERATIONS, this.word());
  }

  protected select(allowOrderBy: boolean): AstNode {
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
      if (
        body.where_clause === undefined ||
        body.group_by !== undefined ||
        body.having !== undefined ||
        body.qualify !== undefined ||
        body.order_by !== undefined
      )
        bail();
      this.pos++;
      body.sample = sampleFields('Bernoulli', this.sampleNumber(), true);
    }
    return { select: body };
  }

  protected sampleSize(): AstNode {
    const first = this.sampleNumber();
    if (this.symbol() !== ',') return first;
    const expressions = [first];
    while (this.acceptSymbol(',')) expressions.push(this.sampleNumber());
    return { tuple: { expressions } };
  }

  protected sampleNumber(): AstNode {
    if (this.kinds[this.pos] !== TokenKind.Number) bail();
    return literalNode('number', this.texts[this.pos++] as string);
  }

  protected selectItem(): AstNode {
    if (this.symbol() === '*') {
      this.pos++;
      return { star: {} };
    }
    return this.aliased(this.expression());
  }

  protected aliased(expression: AstNode): AstNode {
    const explicit = this.acceptWord('AS');
    const alias = explicit ? this.identifierNode() : this.tryIdentifier();
    if (!alias) return expression;
    return { alias: { this: expression, alias, column_aliases: [], alias_explicit_as: explicit } };
  }

  protected tableList(): AstNode[] {
    const tables: AstNode[] = [];
    do tables.push(this.tableReference());
    while (this.acceptSymbol(','));
    return tables;
  }

  protected joins(): AstNode[] {
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
      } else if (w === 'INNER') {
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

  protected tableReference(): AstNode {
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
  protected tableName(): AstNode {
    const first = this.identifierNode();
    if (!this.acceptSymbol('.')) return tableNode(first);
    const second = this.identifierNode();
    if (this.symbol() === '.') bail();
    return tableNode(second, first);
  }
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
