export { freePort } from './free-port';
export { ZetaSql, type ZetaSqlCheck } from './zetasql';
export { type CliResult, REPO_ROOT, runCli, type RunCliOptions, TSX_LOADER } from './run-cli';
export { EMULATOR_CREDENTIALS, KinesisLocal, type KinesisLocalOptions } from './kinesis-local';
export { type BigQueryDatasetState, type RecordedCall, ToolStandIns, writePulumiCheckpoint } from './tool-stand-ins';
export { SimulatedClock } from './simulated-clock';
export { kinesisEventRecord, type KinesisEventRecordFields } from './kinesis-event-record';
export { acceptsConnections, externalIpv4, isLoopbackAddress, listeningAddresses } from './listening-addresses';
export {
  type GenerateAccessTokenCall,
  type SignedCallerIdentityRequest,
  type StandInUrls,
  type StsExchange,
  WorkloadIdentityStandIns,
  type WorkloadIdentityStandInsOptions,
} from './workload-identity-stand-ins';
export {
  BigQueryInsertAllStandIn,
  type BigQueryInsertAllStandInOptions,
  type InsertAllCall,
  type StandInColumn,
  type StandInRowError,
  type StoredRow,
} from './bigquery-insert-all-stand-in';
