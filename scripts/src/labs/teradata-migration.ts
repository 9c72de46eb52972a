import type { LabRunner } from './lab-runner';
import { localTeradataMigration } from './teradata-migration/local';
import { runTeradataMigration } from './teradata-migration/run';

/** The lab's CLI runner. */
export const runner: LabRunner = { run: (argv) => runTeradataMigration(argv), local: (argv) => localTeradataMigration(argv) };
