import { type AstNode, identifier } from '../ast';
import { NOT_TABLE_ALIAS, RESERVED } from './keywords';
import { TokenKind, type Tokens } from './scanner';

/** Thrown to abandon the fast path; caught once at the entry point. */
const BAIL = new Error('fast parser bail-out');

/** Abandons the fast path for the current statement. */
export function bail(): never {
  throw BAIL;
}

/** A position in one statement's tokens, with the lookahead and matching helpers the parsers share. */
export class TokenCursor {
  protected pos = 0;
  protected readonly kinds: TokenKind[];
  protected readonly texts: string[];
  protected readonly uppers: string[];

  constructor(protected readonly tokens: Tokens) {
    this.kinds = tokens.kinds;
    this.texts = tokens.texts;
    this.uppers = tokens.uppers;
  }

  protected word(offset = 0): string {
    return this.kinds[this.pos + offset] === TokenKind.Word ? (this.uppers[this.pos + offset] as string) : '';
  }

  /** Whether the word at `offset` opens a query (SELECT or its abbreviation SEL). */
  protected isSelectWord(offset = 0): boolean {
    const w = this.word(offset);
    return w === 'SELECT' || w === 'SEL';
  }

  protected symbol(offset = 0): string {
    return this.kinds[this.pos + offset] === TokenKind.Symbol ? (this.texts[this.pos + offset] as string) : '';
  }

  protected acceptWord(upper: string): boolean {
    if (this.word() !== upper) return false;
    this.pos++;
    return true;
  }

  protected expectWord(upper: string): void {
    if (!this.acceptWord(upper)) bail();
  }

  protected acceptSymbol(text: string): boolean {
    if (this.symbol() !== text) return false;
    this.pos++;
    return true;
  }

  protected expectSymbol(text: string): void {
    if (!this.acceptSymbol(text)) bail();
  }

  protected stringToken(): string {
    if (this.kinds[this.pos] !== TokenKind.String) bail();
    return this.texts[this.pos++] as string;
  }

  /** An identifier (unquoted non-reserved word or quoted), or undefined when the next token is not one. */
  protected tryIdentifier(): AstNode | undefined {
    if (!this.isIdentifierAhead()) return undefined;
    const quoted = this.kinds[this.pos] === TokenKind.QuotedIdent;
    return identifier(this.texts[this.pos++] as string, quoted);
  }

  /** An implicit table alias: an identifier polyglot does not read as a keyword after a table. */
  protected tryTableAlias(): AstNode | undefined {
    return this.kinds[this.pos] === TokenKind.Word && NOT_TABLE_ALIAS.has(this.uppers[this.pos] as string)
      ? undefined
      : this.tryIdentifier();
  }

  /** Whether the next token would be read as an identifier. */
  protected isIdentifierAhead(): boolean {
    const kind = this.kinds[this.pos];
    return kind === TokenKind.QuotedIdent || (kind === TokenKind.Word && !RESERVED.has(this.uppers[this.pos] as string));
  }

  protected identifierNode(): AstNode {
    return this.tryIdentifier() ?? bail();
  }
}
