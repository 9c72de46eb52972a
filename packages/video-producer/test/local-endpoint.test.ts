import { request } from 'node:http';
import { children } from '../src/mkv/children';
import {
  localSigner,
  MkvFragmenter,
  MkvId,
  PutMediaConnection,
  putMediaRequest,
  readSize,
  sigV4Signer,
  startLocalPutMediaEndpoint,
  type Ack,
  type ConnectionEnd,
  type Fragment,
  type LocalEndpointOptions,
  type LocalPutMediaEndpoint,
} from '../src';
import { encodeTestPattern } from './helpers';

const PRODUCER_START = 1_795_000_000_000;
const fragmenter = new MkvFragmenter({ producerStartMs: PRODUCER_START });
const FRAGMENTS = [...fragmenter.push(encodeTestPattern(3)), ...fragmenter.end()];
const HEADER = fragmenter.header as Buffer;
const sign = localSigner();

let endpoint: LocalPutMediaEndpoint | undefined;
afterEach(async () => endpoint?.stop());

async function start(options: LocalEndpointOptions = {}): Promise<LocalPutMediaEndpoint> {
  endpoint = await startLocalPutMediaEndpoint(options);
  return endpoint;
}

/** One raw PutMedia call: the acknowledgements it gets and how it ends. */
async function connect(url: string, streamName = 's') {
  const acks: Ack[] = [];
  let done: (end: ConnectionEnd) => void = () => undefined;
  const ended = new Promise<ConnectionEnd>((r) => (done = r));
  const signed = await sign(putMediaRequest({ endpoint: url, streamName, timecodeType: 'ABSOLUTE', producerStartMs: PRODUCER_START }));
  const conn = new PutMediaConnection(signed, { onAck: (a) => acks.push(a), onEnd: (e) => done(e) }, 0);
  return { conn, acks, ended };
}

/** Sends the header and fragments, ends the body, and returns the acknowledgement types. */
async function send(url: string, fragments: readonly Buffer[]): Promise<{ types: string[]; acks: Ack[]; end: ConnectionEnd }> {
  const { conn, acks, ended } = await connect(url);
  await conn.write(HEADER);
  for (const f of fragments) await conn.write(f);
  conn.finishBody();
  const end = await ended;
  return { types: acks.map((a) => a.type), acks, end };
}

const bytes = (i: number): Buffer => (FRAGMENTS[i] as Fragment).bytes;

/** Posts to the endpoint with the given headers; returns the status, error type and body. */
function post(url: string, headers: Record<string, string>): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/putMedia`, { method: 'POST', headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['x-amzn-errortype'] ?? ''), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the local PutMedia endpoint', () => {
  it('listens on 127.0.0.1 only', async () => {
    const e = await start();
    expect(e.address).toMatchObject({ address: '127.0.0.1', family: 'IPv4' });
    expect(e.url).toBe(`http://127.0.0.1:${e.address.port}`);
  });

  it('acknowledges each fragment BUFFERING, RECEIVED, PERSISTED and stores it', async () => {
    const e = await start();
    const { types, acks } = await send(e.url, [bytes(0)]);
    expect(types).toEqual(['BUFFERING', 'RECEIVED', 'PERSISTED']);
    expect(acks.every((a) => a.type !== 'IDLE' && a.type !== 'ERROR' && a.fragmentTimecode === PRODUCER_START)).toBe(true);
    expect(e.stats.persisted).toHaveLength(1);
  });

  it('sends BUFFERING as soon as a fragment begins and RECEIVED only when it is complete', async () => {
    const e = await start();
    const { conn, acks, ended } = await connect(e.url);
    await conn.write(HEADER);
    await conn.write(bytes(0).subarray(0, 100));
    while (acks.length === 0) await new Promise((r) => setTimeout(r, 5));
    expect(acks).toEqual([{ type: 'BUFFERING', fragmentTimecode: PRODUCER_START }]);
    await conn.write(bytes(0).subarray(100));
    conn.finishBody();
    await ended;
    expect(acks.map((a) => a.type)).toEqual(['BUFFERING', 'RECEIVED', 'PERSISTED']);
  });

  it('stores a fragment sent again on a later call, and counts it as a duplicate', async () => {
    const e = await start();
    await send(e.url, [bytes(0), bytes(1)]);
    await send(e.url, [bytes(1), bytes(2)]);
    expect(e.stats.persisted.map((p) => [p.timecode - PRODUCER_START, p.duplicate])).toEqual([
      [0, false],
      [1000, false],
      [1000, true],
      [2000, false],
    ]);
    expect([e.stats.fragmentsPersisted, e.stats.duplicates]).toEqual([4, 1]);
  });

  it.each([
    ['a timecode lower than the previous one: 4004', {}, () => [bytes(1), bytes(0)], 4004, 1],
    ['bytes that are not MKV: 4006', {}, () => [Buffer.from([0x00, 0x01, 0x02, 0x03])], 4006, 0],
    ['a fragment that does not start on a key frame: 4006', {}, () => [withoutKeyFrame(bytes(0))], 4006, 0],
    ['a fragment above the size limit: 4001', { limits: { maxFragmentBytes: 10_000 } }, () => [bytes(0)], 4001, 0],
    ['a fragment above the duration limit: 4002', { limits: { maxFragmentDurationMs: 500 } }, () => [bytes(0)], 4002, 0],
    ['more tracks than allowed: 4012', { limits: { maxTracks: 0 } }, () => [bytes(0)], 4012, 0],
  ] as const)('answers %s', async (_, options, fragments, errorId, storedBefore) => {
    const e = await start(options as LocalEndpointOptions);
    const { acks } = await send(e.url, fragments());
    const error = acks.findIndex((a) => a.type === 'ERROR');
    expect(acks[error]).toMatchObject({ type: 'ERROR', errorId });
    // after the ERROR only the PERSISTED acknowledgements of fragments received before it may follow
    const after = acks.slice(error + 1);
    expect(after.every((a) => a.type === 'PERSISTED') && after.length <= storedBefore).toBe(true);
    expect(e.stats.persisted).toHaveLength(storedBefore);
  });

  it('sends IDLE while no data arrives and closes the request after the idle limit', async () => {
    const e = await start({ idleAfterMs: 20, limits: { idleCloseMs: 200 } });
    const { conn, acks, ended } = await connect(e.url);
    await conn.write(HEADER);
    const end = await ended;
    expect(end.error).toBeUndefined();
    expect(acks.filter((a) => a.type === 'IDLE').length).toBeGreaterThanOrEqual(1);
  });

  it('ends a connection that outlives the streaming token with ERROR 4003', async () => {
    const e = await start({ limits: { maxConnectionMs: 200 } });
    const { conn, acks, ended } = await connect(e.url);
    await conn.write(HEADER);
    await ended;
    expect(acks.at(-1)).toMatchObject({ type: 'ERROR', errorId: 4003, retryable: true });
  });

  it('refuses a second connection to a stream while one is open (HTTP 400 ConnectionLimitExceededException)', async () => {
    const e = await start();
    const first = await connect(e.url);
    await first.conn.write(HEADER);
    while (e.stats.connections < 1) await new Promise((r) => setTimeout(r, 5));
    const second = await connect(e.url);
    const end = await second.ended;
    expect(end).toMatchObject({ retryable: true, throttled: true });
    expect(end.error?.message).toMatch(/^PutMedia returned HTTP 400 ConnectionLimitExceededException: /);
    const other = await connect(e.url, 'another-stream'); // the limit is per stream
    await other.conn.write(HEADER);
    other.conn.finishBody();
    expect((await other.ended).error).toBeUndefined();
    first.conn.finishBody();
    expect((await first.ended).error).toBeUndefined();
  });

  it('refuses more than 5 calls a second per stream (HTTP 400 ClientLimitExceededException)', async () => {
    const e = await start({ now: () => PRODUCER_START }); // all six calls fall in the same second, however slow the machine
    const results = [];
    for (let i = 0; i < 6; i++) results.push((await send(e.url, [])).end);
    expect(results.slice(0, 5).every((r) => r.error === undefined)).toBe(true);
    expect(results[5]?.error?.message).toMatch(/^PutMedia returned HTTP 400 ClientLimitExceededException: /);
  });

  it('counts the calls of the last second only', async () => {
    let now = PRODUCER_START;
    const e = await start({ now: () => now });
    for (let i = 0; i < 5; i++) await send(e.url, []);
    now += 1000;
    expect((await send(e.url, [])).end.error).toBeUndefined();
  });

  it('reads no more than 5 fragments a second per stream', async () => {
    const e = await start({ limits: { fragmentsPerSecond: 2 } });
    const { types } = await send(e.url, [bytes(0), bytes(1), bytes(2)]);
    expect(types.filter((t) => t === 'PERSISTED')).toHaveLength(3);
    expect(e.stats.rateLimited).toBeGreaterThanOrEqual(1);
  });

  it('checks the shape of the SigV4 signature', async () => {
    const e = await start();
    const headers = { 'x-amzn-stream-name': 's', 'x-amzn-fragment-timecode-type': 'ABSOLUTE', 'x-amzn-producer-start-timestamp': '1' };
    expect(await post(e.url, headers)).toMatchObject({ status: 403, type: 'MissingAuthenticationTokenException' });
    const forS3 = await sigV4Signer({ region: 'us-east-1', credentials: { accessKeyId: 'LOCAL', secretAccessKey: 'x' } })(
      putMediaRequest({ endpoint: e.url, streamName: 's', timecodeType: 'ABSOLUTE', producerStartMs: 0 }),
    );
    const wrongService = { ...(forS3.headers as Record<string, string>) };
    wrongService.authorization = (wrongService.authorization as string).replace('/kinesisvideo/', '/s3/');
    delete wrongService['transfer-encoding'];
    expect(await post(e.url, wrongService)).toMatchObject({ status: 403, type: 'InvalidSignatureException' });
    const stale = await sigV4Signer({
      region: 'us-east-1',
      credentials: { accessKeyId: 'LOCAL', secretAccessKey: 'x' },
      now: () => new Date(Date.now() - 10 * 60_000),
    })(putMediaRequest({ endpoint: e.url, streamName: 's', timecodeType: 'ABSOLUTE', producerStartMs: 0 }));
    const staleHeaders = { ...(stale.headers as Record<string, string>) };
    delete staleHeaders['transfer-encoding'];
    const refused = await post(e.url, staleHeaders);
    expect(refused).toMatchObject({ status: 403, type: 'InvalidSignatureException' });
    expect(refused.body).toContain('Signature expired');
    expect(e.stats.connections).toBe(0);
  });

  it('refuses plain HTTP to anything but loopback', () => {
    const plain = putMediaRequest({
      endpoint: 'http://kinesisvideo.example.com',
      streamName: 's',
      timecodeType: 'ABSOLUTE',
      producerStartMs: 0,
    });
    expect(() => new PutMediaConnection(plain, { onAck: () => undefined, onEnd: () => undefined }, 0)).toThrow(
      'refusing plain HTTP PutMedia to kinesisvideo.example.com: use the https data endpoint',
    );
  });
});

/** A copy of a Cluster whose first frame is not flagged as a key frame. */
function withoutKeyFrame(cluster: Buffer): Buffer {
  const copy = Buffer.from(cluster);
  const size = readSize(copy, 4);
  if (!size) throw new Error('bad cluster');
  const block = children(copy, 4 + size.length).find((c) => c.id === MkvId.SimpleBlock);
  if (!block) throw new Error('no SimpleBlock');
  const track = readSize(copy, block.start);
  copy[block.start + (track?.length ?? 1) + 2] = (copy[block.start + (track?.length ?? 1) + 2] as number) & 0x7f;
  return copy;
}
