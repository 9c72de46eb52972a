/** What the rules of one statement share: its warnings and what earlier DDL told about columns. */
export interface RewriteContext {
  /** Adds a warning for this statement (duplicates are kept once). */
  warn(message: string): void;
  /** Columns declared DATE by a CREATE TABLE earlier in the same script, lower-cased. */
  readonly dateColumns: ReadonlySet<string>;
  /** Columns declared TIMESTAMP by a CREATE TABLE earlier in the same script, lower-cased. */
  readonly timestampColumns: ReadonlySet<string>;
}
