import type { LabId } from '@labs/config';
import type { LabRunner } from './lab-runner';

/**
 * The runners of each lab, loaded lazily so that `labs list` never loads SDKs.
 * A lab without an entry has no runner yet.
 */
export const LAB_RUNNERS: Partial<Record<LabId, () => Promise<LabRunner>>> = {
  'kinesis-data': async () => (await import('./kinesis-data')).runner,
  'bqml-classification': async () => (await import('./bqml-classification')).runner,
  'kinesis-video': async () => (await import('./kinesis-video')).runner,
  'automl-vision': async () => (await import('./automl-vision')).runner,
};
