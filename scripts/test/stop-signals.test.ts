import { withStopSignals } from '../src/stop-signals';

// That a real signal aborts the work is covered end to end by the Ctrl-C test of `labs local kinesis-data`
// (jest's sandbox does not deliver process signals to test code).
describe('withStopSignals', () => {
  it('listens to each signal while the work runs and stops listening once it resolves', async () => {
    const before = { int: process.listenerCount('SIGINT'), term: process.listenerCount('SIGTERM') };
    const result = await withStopSignals(['SIGINT', 'SIGTERM'], async (signal) => {
      expect(signal.aborted).toBe(false);
      expect(process.listenerCount('SIGINT')).toBe(before.int + 1);
      expect(process.listenerCount('SIGTERM')).toBe(before.term + 1);
      return 'done';
    });
    expect(result).toBe('done');
    expect({ int: process.listenerCount('SIGINT'), term: process.listenerCount('SIGTERM') }).toEqual(before);
  });

  it('stops listening when the work throws', async () => {
    const before = process.listenerCount('SIGINT');
    await expect(
      withStopSignals(['SIGINT'], async () => {
        expect(process.listenerCount('SIGINT')).toBe(before + 1);
        throw new Error('failed');
      }),
    ).rejects.toThrow('failed');
    expect(process.listenerCount('SIGINT')).toBe(before);
  });
});
