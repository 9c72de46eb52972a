import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LabsError } from '@labs/config';
import { log } from '../output';
import { REPO_ROOT } from '../repo';

/** Directory where the full logs of `cdk`/`pulumi` runs are kept. */
export const LOG_DIR = join(REPO_ROOT, '.labs', 'logs');

/** The workspace's own `cdk` (the `aws-cdk` of infra-aws), whatever else is on PATH. */
export const WORKSPACE_CDK = join(REPO_ROOT, 'infra-aws', 'node_modules', '.bin', 'cdk');

/**
 * The program a tool name runs: `cdk` is always the workspace's own toolkit (a global `cdk` of another
 * version may synthesize or deploy differently), unless `LABS_CDK` names another one explicitly (the
 * tests' recording stand-in); `pulumi` is not on npm, so it comes from PATH.
 */
export function toolProgram(tool: ToolRun['tool'], env: NodeJS.ProcessEnv = process.env): string {
  if (tool === 'pulumi') return 'pulumi';
  return env.LABS_CDK || WORKSPACE_CDK;
}

/** One run of an external tool. */
export interface ToolRun {
  readonly tool: 'cdk' | 'pulumi';
  readonly args: readonly string[];
  readonly cwd: string;
  /** Extra environment variables. */
  readonly env?: Record<string, string>;
  /** Name of the log file (without directory). */
  readonly logName: string;
  /** Keep the output off stderr (for queries whose output is parsed). @default false */
  readonly quiet?: boolean;
}

/** What a tool run gave. */
export interface ToolResult {
  readonly code: number;
  readonly output: string;
  readonly logFile: string;
  /** The lines that explain a failure, for the summary. */
  readonly errorSummary: string;
}

/**
 * Runs `cdk` or `pulumi`, streaming a condensed progress view to stderr and keeping the full log in
 * `.labs/logs/`. Never writes to stdout.
 */
export function runTool(run: ToolRun): Promise<ToolResult> {
  mkdirSync(LOG_DIR, { recursive: true });
  const logFile = join(LOG_DIR, `${run.logName}.log`);
  const logStream = createWriteStream(logFile);
  logStream.write(`$ ${run.tool} ${run.args.join(' ')}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(toolProgram(run.tool), [...run.args], {
      cwd: run.cwd,
      env: { ...process.env, ...run.env, FORCE_COLOR: '0', CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      logStream.write(text);
      if (!run.quiet) for (const line of text.split('\n')) if (line.trim()) log(`  [${run.tool}] ${line.trimEnd()}`);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (error) => {
      logStream.end();
      reject(new LabsError(`could not run ${run.tool}: ${error.message} (is it installed? see README "Deploying for real")`, 3));
    });
    child.on('close', (code) => {
      logStream.end();
      resolve({ code: code ?? 1, output, logFile, errorSummary: summarizeErrors(output) });
    });
  });
}

/** The lines of a tool's output that say what went wrong (at most five). */
export function summarizeErrors(output: string): string {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const errors = lines.filter((line) => /error|failed|denied|not authorized|exception/i.test(line));
  return (errors.length ? errors : lines).slice(-5).join(' | ');
}
