import { LabsError } from '@labs/config';
import { datasetIdFor, labSettings, runnerAccountIdFor, SEED_WINDOWS, tableRef } from '../src';

describe('identifiers', () => {
  it('refuses a dataset with a backtick or a space, quoting it', () => {
    expect(() => labSettings({ project: 'my-lab-project', dataset: 'eco`; DROP' })).toThrow(
      new LabsError('invalid dataset name "eco`; DROP": use 1-1024 letters, digits and underscores (A-Z, a-z, 0-9, _)'),
    );
    expect(() => labSettings({ project: 'my-lab-project', dataset: 'eco merce' })).toThrow('invalid dataset name "eco merce"');
  });

  it('refuses a bad project id and a bad source table name', () => {
    expect(() => labSettings({ project: 'My Project', dataset: 'ds' })).toThrow('invalid project id "My Project"');
    expect(() => tableRef('data-to-insights', 'ecommerce', 'web`analytics')).toThrow('invalid table name "web`analytics"');
  });

  it('derives a dataset id and a runner account id per environment', () => {
    expect(datasetIdFor('alice-dev')).toBe('ecommerce_alice_dev');
    expect(runnerAccountIdFor('alice-dev')).toBe('bqml-alice-dev');
    expect(runnerAccountIdFor('a'.repeat(24))).toHaveLength(29);
    expect(() => datasetIdFor('Alice')).toThrow('invalid environment name "Alice"');
  });
});

describe('date windows', () => {
  const withWindows = (windows: typeof SEED_WINDOWS) => labSettings({ project: 'my-lab-project', dataset: 'ds', windows });

  it('refuses an empty window', () => {
    expect(() => withWindows({ ...SEED_WINDOWS, evaluate: { start: '2017-06-30', end: '2017-05-01' } })).toThrow(
      new LabsError('empty evaluate window "2017-06-30..2017-05-01": the start must be on or before the end (both days are included)'),
    );
  });

  it('accepts a one-day window and refuses a date that does not exist', () => {
    expect(withWindows({ ...SEED_WINDOWS, predict: { start: '2017-07-01', end: '2017-07-01' } }).windows.predict.end).toBe('2017-07-01');
    expect(() => withWindows({ ...SEED_WINDOWS, train: { start: '2016-08-01', end: '2017-02-30' } })).toThrow(
      'invalid train window end date "2017-02-30": use a calendar date YYYY-MM-DD',
    );
  });

  it('refuses windows that overlap or run out of order', () => {
    expect(() => withWindows({ ...SEED_WINDOWS, evaluate: { start: '2017-04-30', end: '2017-06-30' } })).toThrow(
      'evaluate window "2017-04-30..2017-06-30" overlaps the train window "2016-08-01..2017-04-30": it must start after 2017-04-30',
    );
  });
});
