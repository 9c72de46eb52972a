import type { Command } from 'commander';
import { registerBench } from './bench';
import { registerLabDispatch } from './lab-dispatch';
import { registerSynth } from './synth';

/** Registers every `labs` subcommand. */
export function registerCommands(program: Command): void {
  registerSynth(program);
  registerLabDispatch(program);
  registerBench(program);
}
