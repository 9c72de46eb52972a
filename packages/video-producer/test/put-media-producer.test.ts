import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ClusterReader,
  MkvFragmenter,
  PutMediaConnection,
  PutMediaProducer,
  putMediaRequest,
  startLocalPutMediaEndpoint,
  unsignedLoopback,
  type Ack,
  type Fragment,
  type LocalPutMediaEndpoint,
  type PutMediaProducerOptions,
} from '../src';
import { closedPort, encodeTestPattern, run } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'put-media-'));
const PRODUCER_START = 1_795_000_000_000;
const fragmenter = new MkvFragmenter({ producerStartMs: PRODUCER_START });
const FRAGMENTS = [...fragmenter.push(encodeTestPattern(8)), ...fragmenter.end()];
const HEADER = fragmenter.header as Buffer;

async function* source(fragments: readonly Fragment[], gapMs = 0): AsyncGenerator<Fragment> {
  for (const f of fragments) {
    if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
    yield f;
  }
}

function producer(endpoint: LocalPutMediaEndpoint, options: Partial<PutMediaProducerOptions> = {}): PutMediaProducer {
  return new PutMediaProducer({
    streamName: 'VideoStream-test',
    endpoint: async () => endpoint.url,
    signer: unsignedLoopback,
    producerStartMs: PRODUCER_START,
    sleep: async () => undefined,
    ...options,
  });
}

/** Cluster timecodes of an MKV file, in file order. */
function fileTimecodes(file: string): number[] {
  const data = readFileSync(file);
  return new ClusterReader().push(data).flatMap((p) => (p.kind === 'cluster' ? [p.timecode] : []));
}

const ALL = FRAGMENTS.map((f) => f.timecode);
let endpoint: LocalPutMediaEndpoint | undefined;
afterEach(async () => endpoint?.stop());

describe('PutMediaProducer against the local PutMedia endpoint', () => {
  it('streams every fragment until PERSISTED and the stored stream plays', async () => {
    const out = join(dir, 'plain.mkv');
    endpoint = await startLocalPutMediaEndpoint({ outFile: out });
    const metrics = await producer(endpoint).run(source(FRAGMENTS), () => HEADER);
    await endpoint.stop();
    expect(metrics).toMatchObject({
      fragments: 8,
      fragmentsPersisted: 8,
      fragmentsSent: 8,
      fragmentsResent: 0,
      connections: 1,
      reconnects: 0,
      errorAcks: 0,
    });
    expect(metrics.bytesPersisted).toBe(FRAGMENTS.reduce((n, f) => n + f.bytes.length, 0));
    expect(endpoint.stats).toMatchObject({ fragmentsReceived: 8, fragmentsPersisted: 8, duplicates: 0, errorsSent: 0 });
    expect(fileTimecodes(out)).toEqual(ALL);
    expect(run('ffprobe', ['-v', 'error', out])).toEqual({ status: 0, output: '' });
    expect(run('mkvinfo', [out]).status).toBe(0);
  });

  it('resumes after a dropped connection without losing a fragment or sending a timecode backwards', async () => {
    const out = join(dir, 'dropped.mkv');
    endpoint = await startLocalPutMediaEndpoint({ outFile: out, persistDelayMs: 5, faults: { dropAtFragment: 4 } });
    const lines: string[] = [];
    const metrics = await producer(endpoint, { log: (l) => lines.push(l) }).run(source(FRAGMENTS, 10), () => HEADER);
    await endpoint.stop();
    expect(metrics.connections).toBe(2);
    expect(metrics.reconnects).toBe(1);
    expect(metrics.fragmentsPersisted).toBe(8);
    expect(metrics.fragmentsResent).toBeGreaterThanOrEqual(1);
    // every fragment stored exactly once, in order; no connection ever saw a timecode go backwards (4004)
    expect(endpoint.stats.persisted.map((p) => p.timecode)).toEqual(ALL);
    expect(endpoint.stats.errorsSent).toBe(0);
    expect(fileTimecodes(out)).toEqual(ALL);
    expect(
      lines.some((l) => /^connection 1 ended \(.+\); reconnecting in \d+ ms, resuming after fragment timecode (\d+|the start)$/.test(l)),
    ).toBe(true);
    expect(run('ffprobe', ['-v', 'error', out]).status).toBe(0);
  });

  it('reconnects after a retryable ERROR acknowledgement (5000 INTERNAL_ERROR)', async () => {
    endpoint = await startLocalPutMediaEndpoint({ faults: { errorAtFragment: { fragment: 2, errorId: 5000 } } });
    const metrics = await producer(endpoint).run(source(FRAGMENTS), () => HEADER);
    expect(metrics).toMatchObject({ errorAcks: 1, fragmentsPersisted: 8, connections: 2 });
    expect(endpoint.stats.persisted.map((p) => p.timecode)).toEqual(ALL);
  });

  it('stops on a fatal ERROR acknowledgement and says what the ErrorId means', async () => {
    endpoint = await startLocalPutMediaEndpoint({ faults: { errorAtFragment: { fragment: 3, errorId: 4500 } } });
    await expect(producer(endpoint).run(source(FRAGMENTS), () => HEADER)).rejects.toThrow(
      /^PutMedia error 4500 KMS_KEY_ACCESS_DENIED at fragment timecode \d+: Kinesis Video Streams may not use the stream KMS key \(fatal\)$/,
    );
  });

  // 0 ms: every connection is due for rotation as soon as it has written, also the one that writes the last fragment
  it.each([
    { rotateAfterMs: 60, gapMs: 25 },
    { rotateAfterMs: 0, gapMs: 10 },
  ])(
    'rotates the connection and carries on without loss (after $rotateAfterMs ms, fragments $gapMs ms apart)',
    async ({ rotateAfterMs, gapMs }) => {
      endpoint = await startLocalPutMediaEndpoint();
      const metrics = await producer(endpoint, { rotateAfterMs }).run(source(FRAGMENTS, gapMs), () => HEADER);
      expect(metrics.rotations).toBeGreaterThanOrEqual(1);
      expect(metrics.connections).toBe(metrics.rotations + 1);
      expect(metrics.reconnects).toBe(0);
      expect(endpoint.stats.persisted.map((p) => p.timecode)).toEqual(ALL);
      expect(endpoint.stats.errorsSent).toBe(0);
    },
  );

  it('gives up after repeated connection failures without progress', async () => {
    const port = await closedPort();
    const refused = new PutMediaProducer({
      streamName: 's',
      endpoint: async () => `http://127.0.0.1:${port}`,
      signer: unsignedLoopback,
      producerStartMs: 0,
      maxAttempts: 3,
      sleep: async () => undefined,
    });
    await expect(refused.run(source(FRAGMENTS.slice(0, 1)), () => HEADER)).rejects.toThrow(
      /^PutMedia failed 3 times in a row without progress; last: connect ECONNREFUSED/,
    );
  });

  it('treats an HTTP 400 as fatal', async () => {
    endpoint = await startLocalPutMediaEndpoint();
    const dropStreamName = producer(endpoint, {
      signer: async (request) => {
        delete request.headers['x-amzn-stream-name'];
        return request;
      },
    });
    await expect(dropStreamName.run(source(FRAGMENTS), () => HEADER)).rejects.toThrow(
      'PutMedia returned HTTP 400: {"message":"missing headers x-amzn-stream-name"}',
    );
  });
});

describe('the local endpoint speaks the acknowledgement protocol', () => {
  function connect(url: string): { conn: PutMediaConnection; acks: Ack[]; ended: Promise<void> } {
    const acks: Ack[] = [];
    let done: () => void = () => undefined;
    const ended = new Promise<void>((r) => (done = r));
    const request = putMediaRequest({ endpoint: url, streamName: 's', timecodeType: 'ABSOLUTE', producerStartMs: PRODUCER_START });
    const conn = new PutMediaConnection(request, { onAck: (a) => acks.push(a), onEnd: () => done() }, 0);
    return { conn, acks, ended };
  }

  it('acknowledges each fragment BUFFERING, RECEIVED, PERSISTED', async () => {
    endpoint = await startLocalPutMediaEndpoint();
    const { conn, acks, ended } = connect(endpoint.url);
    await conn.write(HEADER);
    await conn.write((FRAGMENTS[0] as Fragment).bytes);
    conn.finishBody();
    await ended;
    expect(acks.map((a) => a.type)).toEqual(['BUFFERING', 'RECEIVED', 'PERSISTED']);
    expect(acks.every((a) => a.type !== 'IDLE' && a.type !== 'ERROR' && a.fragmentTimecode === PRODUCER_START)).toBe(true);
  });

  it('sends BUFFERING as soon as a fragment begins and RECEIVED only when it is complete', async () => {
    endpoint = await startLocalPutMediaEndpoint();
    const { conn, acks, ended } = connect(endpoint.url);
    const bytes = (FRAGMENTS[0] as Fragment).bytes;
    await conn.write(HEADER);
    await conn.write(bytes.subarray(0, 100));
    while (acks.length === 0) await new Promise((r) => setTimeout(r, 5));
    expect(acks).toEqual([{ type: 'BUFFERING', fragmentTimecode: PRODUCER_START }]);
    await conn.write(bytes.subarray(100));
    conn.finishBody();
    await ended;
    expect(acks.map((a) => a.type)).toEqual(['BUFFERING', 'RECEIVED', 'PERSISTED']);
  });

  it('answers a timecode lower than the previous one with ERROR 4004', async () => {
    endpoint = await startLocalPutMediaEndpoint();
    const { conn, acks, ended } = connect(endpoint.url);
    await conn.write(HEADER);
    await conn.write((FRAGMENTS[1] as Fragment).bytes);
    await conn.write((FRAGMENTS[0] as Fragment).bytes);
    await ended;
    expect(acks.at(-1)).toMatchObject({
      type: 'ERROR',
      errorId: 4004,
      errorCode: 'FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS',
      retryable: false,
    });
  });

  it('answers bytes that are not MKV with ERROR 4006 and sends IDLE while no data arrives', async () => {
    endpoint = await startLocalPutMediaEndpoint({ idleAfterMs: 20 });
    const { conn, acks, ended } = connect(endpoint.url);
    while (!acks.some((a) => a.type === 'IDLE')) await new Promise((r) => setTimeout(r, 10));
    await conn.write(Buffer.from([0x00, 0x01, 0x02, 0x03]));
    await ended;
    expect(acks.filter((a) => a.type === 'IDLE').length).toBeGreaterThanOrEqual(1);
    expect(acks.at(-1)).toMatchObject({ type: 'ERROR', errorId: 4006, errorCode: 'INVALID_MKV_DATA' });
  });

  it('refuses plain HTTP to anything but loopback', () => {
    const request = putMediaRequest({
      endpoint: 'http://kinesisvideo.example.com',
      streamName: 's',
      timecodeType: 'ABSOLUTE',
      producerStartMs: 0,
    });
    expect(() => new PutMediaConnection(request, { onAck: () => undefined, onEnd: () => undefined }, 0)).toThrow(
      'refusing plain HTTP PutMedia to kinesisvideo.example.com: use the https data endpoint',
    );
  });
});
