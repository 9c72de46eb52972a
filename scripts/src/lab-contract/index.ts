export {
  isMissing,
  type AccessGrant,
  type LabBench,
  type LabContract,
  type LabEntry,
  type LabInfrastructure,
  type Missing,
  type Piece,
  type RuntimeEntry,
  type TeardownContext,
  type TeardownHook,
} from './contract';
export { LAB_CONTRACTS, labContract, labsWith } from './labs';
export { benchmarkNames, loadBenchmark } from './benchmarks';
export { labPieces, type LabPieces } from './pieces';
export { runTeardown } from './teardown';
export { labsJson } from './labs-json';
export {
  accessLines,
  accessMismatches,
  grantJson,
  grantsWith,
} from './access';
