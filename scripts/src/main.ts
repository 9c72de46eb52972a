#!/usr/bin/env -S npx tsx
// The AWS SDK warns on every run that releases after January 2027 need Node 22; the SDK is pinned.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import { Command, CommanderError } from 'commander';
import { LabsError, redact } from '@labs/config';
import { registerCommands } from './commands';
import { log } from './output';

/** Builds the `labs` command-line program. */
export function buildProgram(): Command {
  const program = new Command('labs')
    .description('Per-lab ephemeral cloud environments: bring a lab up, run it, tear it down')
    .showHelpAfterError(false)
    .configureOutput({ outputError: (text, write) => write(redact(text)) })
    .exitOverride();
  registerCommands(program);
  return program;
}

/** Runs the CLI with these arguments and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? 0 : 2;
    }
    if (error instanceof LabsError) {
      log(`error: ${redact(error.message)}`);
      return error.exitCode;
    }
    log(`error: ${redact((error as Error).message ?? String(error))}`);
    if (process.env.LABS_DEBUG) log(redact((error as Error).stack ?? ''));
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      log(`error: ${redact(String(error))}`);
      process.exit(1);
    },
  );
}
