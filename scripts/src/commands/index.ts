import type { Command } from 'commander';
import { registerBench } from './bench';
import { registerLabDispatch } from './lab-dispatch';
import { registerTranslate } from './translate';
import { registerSynth } from './synth';
import { registerList } from './list';
import { registerBootstrap } from './bootstrap';
import { registerUp } from './up';
import { registerDown } from './down';
import { registerStatus } from './status';
import { registerExtend } from './extend';
import { registerReap } from './reap';
import { registerDoctor } from './doctor';
import { registerUi } from './ui';
import { registerIdentity } from './identity';

/** Registers every `labs` subcommand. */
export function registerCommands(program: Command): void {
  registerList(program);
  registerBootstrap(program);
  registerSynth(program);
  registerUp(program);
  registerDown(program);
  registerStatus(program);
  registerExtend(program);
  registerReap(program);
  registerDoctor(program);
  registerIdentity(program);
  registerLabDispatch(program);
  registerBench(program);
  registerTranslate(program);
  registerUi(program);
}
