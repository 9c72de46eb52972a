import { DEFAULT_ENCODING, startLocalPutMediaEndpoint, streamVideo, localSigner, type LocalPutMediaEndpoint } from '../src';

let endpoint: LocalPutMediaEndpoint | undefined;
afterEach(async () => endpoint?.stop());

describe('streamVideo', () => {
  it('runs a live source until aborted, then persists every fragment already cut', async () => {
    endpoint = await startLocalPutMediaEndpoint();
    const stop = new AbortController();
    const cut: number[] = [];
    const result = await streamVideo({
      source: { kind: 'testsrc' },
      encoding: DEFAULT_ENCODING, // real time, no duration: runs until stopped
      streamName: 'VideoStream-test',
      endpoint: async () => (endpoint as LocalPutMediaEndpoint).url,
      signer: localSigner(),
      signal: stop.signal,
      onFragment: (f) => {
        cut.push(f.timecode);
        if (cut.length === 2) stop.abort();
      },
    });
    expect(result.fragments).toBeGreaterThanOrEqual(2);
    expect(result.fragmentsPersisted).toBe(result.fragments);
    expect(endpoint.stats.persisted.map((p) => p.timecode)).toEqual(cut);
  }, 60_000);

  it('reports a missing ffmpeg binary clearly', async () => {
    endpoint = await startLocalPutMediaEndpoint();
    await expect(
      streamVideo({
        source: { kind: 'testsrc' },
        encoding: { ...DEFAULT_ENCODING, durationMs: 1000 },
        streamName: 's',
        endpoint: async () => (endpoint as LocalPutMediaEndpoint).url,
        signer: localSigner(),
        ffmpegPath: '/nonexistent/ffmpeg',
      }),
    ).rejects.toThrow('ffmpeg not found at "/nonexistent/ffmpeg": install ffmpeg (apt-get install ffmpeg) or set FFMPEG_PATH');
  });

  it('refuses a video file that does not exist before starting ffmpeg', async () => {
    endpoint = await startLocalPutMediaEndpoint();
    await expect(
      streamVideo({
        source: { kind: 'file', path: '/nonexistent/clip.mp4' },
        encoding: DEFAULT_ENCODING,
        streamName: 's',
        endpoint: async () => (endpoint as LocalPutMediaEndpoint).url,
        signer: localSigner(),
      }),
    ).rejects.toThrow('invalid --source "/nonexistent/clip.mp4": no such file; use testsrc or the path of a video file');
    expect(endpoint.stats.fragmentsReceived).toBe(0);
  });
});
