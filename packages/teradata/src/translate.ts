import { type AstNode, type NodeRewrite, kindOf, rewriteTree, visitTree } from './ast';
import { rewriteLegacySyntax } from './legacy-syntax';
import { generateBigQuery, loadPolyglot, parseTeradata } from './polyglot';
import type { RewriteContext } from './rules/context';
import { rewriteCreateTable } from './rules/ddl-rules';
import { expressionRules } from './rules/expression-rules';
import { UntranslatableStatement, rewriteWholeStatement, statementRules } from './rules/statement-rules';
import { splitStatements } from './split-statements';

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

/** Translates Teradata SQL scripts into BigQuery Standard SQL, one output per input statement. */
export class TeradataTranslator {
  private constructor() {}

  /** Loads the SQL parser (WebAssembly) and returns a ready translator. */
  static async create(): Promise<TeradataTranslator> {
    await loadPolyglot();
    return new TeradataTranslator();
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
    const warnings: string[] = [];
    const fail = (message: string, at?: { line: number; column: number }): StatementTranslation => {
      const where = at ?? { line: 1, column: 1 };
      const absoluteLine = line + where.line - 1;
      const absoluteColumn = where.line === 1 ? column + where.column - 1 : where.column;
      return { input: text, output: null, warnings, error: `line ${absoluteLine}, column ${absoluteColumn}: ${message}`, line, column };
    };
    const legacy = rewriteLegacySyntax(text);
    warnings.push(...legacy.warnings);
    const parsed = parseTeradata(legacy.sql);
    if (!parsed.ok) return fail(parsed.message, parsed);
    const ctx: RewriteContext = {
      warn: (message) => {
        if (!warnings.includes(message)) warnings.push(message);
      },
      dateColumns: columns.dates,
      timestampColumns: columns.timestamps,
    };
    try {
      const translated: AstNode[] = [];
      for (const statement of parsed.statements) {
        const result = translateTree(statement, ctx, columns);
        if (result) translated.push(result);
      }
      const output = translated.length ? generateBigQuery(translated).join(';\n') : '';
      return { input: text, output, warnings, error: null, line, column };
    } catch (error) {
      if (error instanceof UntranslatableStatement) return fail(error.message);
      return fail(`could not translate: ${(error as Error).message}`);
    }
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

function translateTree(statement: AstNode, ctx: RewriteContext, columns: ScriptColumns): AstNode | null {
  const replaced = rewriteWholeStatement(statement, ctx);
  if (replaced === null) return null;
  let tree = replaced ?? statement;
  if (kindOf(tree) === 'create_table') {
    columns.learnFrom(tree.create_table as AstNode);
    tree = rewriteCreateTable(tree, ctx);
  }
  const rules: Record<string, NodeRewrite> = { ...expressionRules(ctx), ...statementRules(ctx) };
  tree = rewriteTree(tree, rules) as AstNode;
  warnAboutLeftovers(tree, ctx);
  return tree;
}

/** Function names that are Teradata-only and still present after the rewrites. */
const TERADATA_ONLY = /^(TD_|HASH(ROW|BUCKET|AMP|BAKAMP)$|NEXT_DAY$|CHAR2HEXINT$|QUANTILE$|MLINREG$|ZEROIFNULL$|NULLIFZERO$|OREPLACE$|OTRANSLATE$|CSUM$|MSUM$|MAVG$|MDIFF$|STRTOK$|TO_CHAR$|TRUNC$|ADD_MONTHS$|__TD_)/;

function warnAboutLeftovers(tree: AstNode, ctx: RewriteContext): void {
  visitTree(tree, (kind, body) => {
    if ((kind === 'function' || kind === 'aggregate_function') && TERADATA_ONLY.test(String(body.name).toUpperCase())) {
      ctx.warn(`${String(body.name)}(…) left as is: it is not a BigQuery function`);
    }
  });
}
