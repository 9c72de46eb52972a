import { type AstNode, type NodeRewrite, kindOf, rewriteTree } from './ast';
import { rewriteLegacySyntax } from './legacy-syntax';
import { loadPolyglot } from './polyglot';
import type { RewriteContext } from './rules/context';
import { rewriteCreateTable } from './rules/ddl-rules';
import { expressionRules } from './rules/expression-rules';
import { UntranslatableStatement, rewriteWholeStatement, statementRules } from './rules/statement-rules';
import { sessionStatement } from './session-statements';
import { splitStatements } from './split-statements';
import { type SqlEngine, type SqlEngineName, sqlEngine } from './sql-engine';

/** The translation of one input statement. */
export interface StatementTranslation {
  /** The Teradata statement as written. */
  readonly input: string;
  /** BigQuery SQL; empty when the statement has no BigQuery counterpart; null when it failed. */
  readonly output: string | null;
  /** What was not translated faithfully. */
  readonly warnings: string[];
  /** Why it failed, with the line and column in the script; null on success. */
  readonly error: string | null;
  /** Where the statement starts in the script (1-based). */
  readonly line: number;
  readonly column: number;
}

/** Options of {@link TeradataTranslator.create}. */
export interface TranslatorOptions {
  /**
   * `fast`: the TypeScript parser and generator, with polyglot for whatever they do not implement;
   * `polyglot`: polyglot's parser and generator only. Both give the same output. @default 'fast'
   */
  readonly engine?: SqlEngineName;
}

/** Translates Teradata SQL scripts into BigQuery Standard SQL, one output per input statement. */
export class TeradataTranslator {
  private readonly context = new StatementContext();
  private readonly rules: Readonly<Record<string, NodeRewrite>> = {
    ...expressionRules(this.context),
    ...statementRules(this.context),
  };

  private constructor(private readonly engine: SqlEngine) {}

  /** Loads the SQL parser (WebAssembly) and returns a ready translator. */
  static async create(options: TranslatorOptions = {}): Promise<TeradataTranslator> {
    await loadPolyglot();
    return new TeradataTranslator(sqlEngine(options.engine ?? 'fast'));
  }

  /**
   * Translates every statement of a script. A statement that fails gets an error with its
   * line and column; the others are translated regardless. Column types declared by CREATE
   * TABLE statements earlier in the script inform later date arithmetic.
   */
  translateScript(script: string): StatementTranslation[] {
    const columns = new ScriptColumns();
    return splitStatements(script).map((piece) => this.translateOne(piece.text, piece.line, piece.column, columns));
  }

  /** Translates one statement (or expression) on its own. */
  translateStatement(sql: string): StatementTranslation {
    return this.translateOne(sql.trim().replace(/;\s*$/, ''), 1, 1, new ScriptColumns());
  }

  private translateOne(text: string, line: number, column: number, columns: ScriptColumns): StatementTranslation {
    const ctx = this.context.reset(columns);
    const warnings = ctx.warnings;
    const fail = (message: string, at?: { line: number; column: number }): StatementTranslation => {
      const where = at ?? { line: 1, column: 1 };
      const absoluteLine = line + where.line - 1;
      const absoluteColumn = where.line === 1 ? column + where.column - 1 : where.column;
      return { input: text, output: null, warnings, error: `line ${absoluteLine}, column ${absoluteColumn}: ${message}`, line, column };
    };
    const session = sessionStatement(text);
    if (session && 'drop' in session) {
      warnings.push(session.drop);
      return { input: text, output: '', warnings, error: null, line, column };
    }
    if (session && 'error' in session) return fail(session.error);
    if (session?.warning) warnings.push(session.warning);
    const legacy = rewriteLegacySyntax(session ? session.sql : text);
    warnings.push(...legacy.warnings);
    const parsed = this.engine.parse(legacy.sql);
    if (!parsed.ok) return fail(parsed.message, parsed);
    try {
      const translated: AstNode[] = [];
      for (const statement of parsed.statements) {
        const result = translateTree(statement, ctx, columns, this.rules);
        if (result) translated.push(result);
      }
      const output = translated.length ? this.engine.generate(translated).join(';\n') : '';
      return { input: text, output, warnings, error: null, line, column };
    } catch (error) {
      if (error instanceof UntranslatableStatement) return fail(error.message);
      return fail(`could not translate: ${(error as Error).message}`);
    }
  }
}

/** The rewrite context, reset for each statement so the rules are built once per translator. */
class StatementContext implements RewriteContext {
  warnings: string[] = [];
  private columns = new ScriptColumns();

  reset(columns: ScriptColumns): this {
    this.warnings = [];
    this.columns = columns;
    return this;
  }

  warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }

  get dateColumns(): ReadonlySet<string> {
    return this.columns.dates;
  }

  get timestampColumns(): ReadonlySet<string> {
    return this.columns.timestamps;
  }
}

/** DATE and TIMESTAMP columns declared so far in a script. */
class ScriptColumns {
  readonly dates = new Set<string>();
  readonly timestamps = new Set<string>();

  learnFrom(createTable: AstNode): void {
    for (const column of (createTable.columns as AstNode[] | undefined) ?? []) {
      const name = String((column.name as AstNode).name).toLowerCase();
      const type = String((column.data_type as AstNode).data_type);
      if (type === 'date') this.dates.add(name);
      else if (type === 'timestamp') this.timestamps.add(name);
    }
  }
}

function translateTree(
  statement: AstNode,
  ctx: RewriteContext,
  columns: ScriptColumns,
  rules: Readonly<Record<string, NodeRewrite>>,
): AstNode | null {
  const replaced = rewriteWholeStatement(statement, ctx);
  if (replaced === null) return null;
  let tree = replaced ?? statement;
  if (kindOf(tree) === 'create_table') {
    columns.learnFrom(tree.create_table as AstNode);
    tree = rewriteCreateTable(tree, ctx);
  }
  return rewriteTree(tree, rules) as AstNode;
}
