import type { Command } from 'commander';
import { registerBench } from './bench';
import { registerLabDispatch } from './lab-dispatch';

/** Registers every `labs` subcommand. */
export function registerCommands(program: Command): void {
  registerLabDispatch(program);
  registerBench(program);
}
