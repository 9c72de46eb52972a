import { objectStoreOf, type StorageBucket } from '../src';

describe('the object store over @google-cloud/storage', () => {
  it('lists names with sizes, uploads resumably under the object name, saves text with its content type', async () => {
    const calls: unknown[] = [];
    const bucket: StorageBucket = {
      getFiles: async (options) => (calls.push(['getFiles', options]), [[{ name: 'cirrus/1.png', metadata: { size: '123' } }]]),
      upload: async (file, options) => calls.push(['upload', file, options]),
      file: (name) => ({ save: async (contents, options) => void calls.push(['save', name, contents, options]) }),
    };
    const store = objectStoreOf(bucket);
    expect(await store.list()).toEqual(new Map([['cirrus/1.png', 123]]));
    await store.upload('/tmp/images/cirrus/1.png', 'cirrus/1.png');
    await store.save('data.csv', 'training,gs://b/cirrus/1.png,cirrus\n', 'text/csv');
    expect(calls).toEqual([
      ['getFiles', { autoPaginate: true }],
      ['upload', '/tmp/images/cirrus/1.png', { destination: 'cirrus/1.png', resumable: true }],
      ['save', 'data.csv', 'training,gs://b/cirrus/1.png,cirrus\n', { contentType: 'text/csv', resumable: false }],
    ]);
  });
});
