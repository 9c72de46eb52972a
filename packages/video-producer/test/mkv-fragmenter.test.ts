import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClusterReader, MkvFragmenter, readVideoTrack, H264_CODEC_ID, type Fragment } from '../src';
import { chunks, encodeTestPattern, run } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'mkv-fragmenter-'));
const source = encodeTestPattern(6);

function fragment(input: Buffer, sizes: readonly number[], options: ConstructorParameters<typeof MkvFragmenter>[0] = {}) {
  const fragmenter = new MkvFragmenter({ producerStartMs: 1_700_000_000_000, ...options });
  const fragments: Fragment[] = [];
  for (const piece of chunks(input, sizes)) fragments.push(...fragmenter.push(piece));
  fragments.push(...fragmenter.end());
  return { fragmenter, fragments };
}

/** The Tracks payload of a Matroska stream (everything before its first Cluster). */
function tracksPayload(mkv: Buffer): Buffer {
  const firstCluster = mkv.indexOf(Buffer.from([0x1f, 0x43, 0xb6, 0x75]));
  const tracks = new ClusterReader().push(mkv.subarray(0, firstCluster < 0 ? mkv.length : firstCluster)).find((p) => p.kind === 'tracks');
  if (tracks?.kind !== 'tracks') throw new Error('no Tracks element');
  return tracks.payload;
}

describe('MkvFragmenter on a real ffmpeg stream', () => {
  const { fragmenter, fragments } = fragment(source, [65536]);

  it('cuts one fragment per second, each a complete Cluster that starts on a key frame', () => {
    expect(fragments).toHaveLength(6);
    for (const f of fragments) {
      const parts = new ClusterReader().push(f.bytes);
      expect(parts.map((p) => p.kind)).toEqual(['cluster-start', 'cluster']);
      const cluster = parts[1];
      if (cluster?.kind !== 'cluster') throw new Error('not a cluster');
      expect(cluster.timecode).toBe(f.timecode);
      expect(cluster.startsOnKeyFrame).toBe(true);
      expect(cluster.tracks).toHaveLength(25);
      expect(f.durationMs).toBe(1000);
    }
    expect(fragments.map((f) => f.timecode)).toEqual([0, 1, 2, 3, 4, 5].map((s) => 1_700_000_000_000 + s * 1000));
  });

  it('keeps the H.264 track with the AVCC codec private data ffmpeg wrote', () => {
    expect(fragmenter.track?.codecId).toBe(H264_CODEC_ID);
    expect(fragmenter.track?.codecPrivate.equals(readVideoTrack(tracksPayload(source)).codecPrivate)).toBe(true);
    expect(fragmenter.track?.codecPrivate[0]).toBe(1); // configurationVersion
    expect(fragmenter.track?.codecPrivate[1]).toBe(66); // AVCProfileIndication: baseline
    expect([fragmenter.track?.width, fragmenter.track?.height]).toEqual([640, 480]);
  });

  it('writes a stream that ffprobe and mkvinfo read without errors, with every frame', () => {
    const file = join(dir, 'fragments.mkv');
    writeFileSync(file, Buffer.concat([fragmenter.header as Buffer, ...fragments.map((f) => f.bytes)]));
    const probe = run('ffprobe', [
      '-v',
      'error',
      '-count_frames',
      '-show_entries',
      'stream=codec_name,profile,width,height,nb_read_frames',
      '-of',
      'json',
      file,
    ]);
    expect(probe.status).toBe(0);
    const stream = (JSON.parse(probe.output) as { streams: Record<string, unknown>[] }).streams[0];
    expect(stream).toMatchObject({ codec_name: 'h264', profile: 'Constrained Baseline', width: 640, height: 480, nb_read_frames: '150' });
    const info = run('mkvinfo', ['-v', file]);
    expect(info.status).toBe(0);
    expect(info.output).toContain('Codec ID: V_MPEG4/ISO/AVC');
    expect(info.output).toMatch(/Codec's private data: size \d+ \(H\.264 profile: Baseline/);
    expect(info.output.match(/\+ Cluster$/gm)).toHaveLength(6);
    expect(run('ffmpeg', ['-v', 'error', '-xerror', '-i', file, '-f', 'null', '-']).status).toBe(0);
  });

  it('cuts the same fragments whatever the chunk boundaries', () => {
    const tiny = fragment(source, [1, 7, 3, 4096, 13]).fragments;
    expect(tiny.map((f) => f.bytes.toString('hex'))).toEqual(fragments.map((f) => f.bytes.toString('hex')));
  });

  it('honours a longer fragment duration and relative timecodes', () => {
    const { fragments: two } = fragment(source, [65536], { fragmentDurationMs: 2000, timecodeType: 'RELATIVE' });
    expect(two.map((f) => [f.timecode, f.durationMs, f.frames])).toEqual([
      [0, 2000, 50],
      [2000, 2000, 50],
      [4000, 2000, 50],
    ]);
  });

  it('starts every connection with a header carrying the source Tracks element unchanged', () => {
    expect(tracksPayload(fragmenter.header as Buffer).equals(tracksPayload(source))).toBe(true);
  });

  it('keeps timecodes valid days into a live stream', () => {
    // a source whose clock reads 72 h in (a camera up for days): stream time counts from its first key frame
    const days = ffmpeg([
      '-t',
      '3',
      '-output_ts_offset',
      '259200',
      '-c:v',
      'libx264',
      '-g',
      '5',
      '-keyint_min',
      '5',
      '-sc_threshold',
      '0',
      '-bf',
      '0',
      '-pix_fmt',
      'yuv420p',
    ]);
    const { fragments } = fragment(days, [4096], { producerStartMs: 1_795_000_000_000 + 259_200_000 });
    expect(fragments.map((f) => f.timecode - 1_795_259_200_000)).toEqual([0, 1000, 2000]);
    expect(fragments.map((f) => f.durationMs)).toEqual([1000, 1000, 1000]);
    for (const f of fragments) {
      const cluster = new ClusterReader().push(f.bytes).find((p) => p.kind === 'cluster');
      expect(cluster).toMatchObject({ timecode: f.timecode, startsOnKeyFrame: true, spanMs: 800 });
    }
  });

  it('rejects a stream whose video is not H.264', () => {
    const vp8 = ffmpeg(['-t', '1', '-c:v', 'libvpx']);
    expect(() => fragment(vp8, [65536])).toThrow('video track codec is "V_VP8": Kinesis Video HLS playback needs V_MPEG4/ISO/AVC');
  });

  it('refuses a stream with no key frame for longer than Kinesis Video allows', () => {
    const sparse = ffmpeg([
      '-t',
      '12',
      '-c:v',
      'libx264',
      '-g',
      '1000',
      '-keyint_min',
      '1000',
      '-sc_threshold',
      '0',
      '-pix_fmt',
      'yuv420p',
    ]);
    expect(() => fragment(sparse, [65536])).toThrow(/no key frame for \d+ ms: Kinesis Video fragments last at most 10000 ms/);
  });
});

function ffmpeg(output: readonly string[]): Buffer {
  return execFileSync('ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=64x48:rate=5',
    ...output,
    '-f',
    'matroska',
    '-live',
    '1',
    'pipe:1',
  ]);
}
