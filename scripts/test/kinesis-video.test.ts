import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@labs/testing';
import { startLocalPutMediaEndpoint, type LocalPutMediaEndpoint } from '@labs/video-producer';

const dir = mkdtempSync(join(tmpdir(), 'labs-kinesis-video-'));

function validate(command: string, args: readonly string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('labs local kinesis-video', () => {
  it('streams the test pattern in real time through the local endpoint into a playable MKV', async () => {
    const out = join(dir, 'realtime.mkv');
    const r = await runCli(['local', 'kinesis-video', '--out', out, '--duration', '3s', '--json']);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as Record<string, number | string>;
    expect(summary).toMatchObject({
      out,
      endpoint: null,
      fragments: 3,
      persisted: 3,
      duplicates: 0,
      reconnects: 0,
      given_up: 0,
      throttled: 0,
    });
    expect(summary.bytes).toBeGreaterThan(100_000);
    expect(r.stderr).toContain('fragment 0: 25 frames');
    const probe = JSON.parse(
      validate('ffprobe', ['-v', 'error', '-count_frames', '-show_entries', 'stream=codec_name,nb_read_frames', '-of', 'json', out]),
    ) as { streams: { codec_name: string; nb_read_frames: string }[] };
    expect(probe.streams).toEqual([{ codec_name: 'h264', nb_read_frames: '75' }]);
    expect(validate('mkvinfo', [out])).toContain('Codec ID: V_MPEG4/ISO/AVC');
  });

  it('takes fragment duration, size and frame rate flags', async () => {
    const out = join(dir, 'fast.mkv');
    const r = await runCli([
      'local',
      'kinesis-video',
      '--out',
      out,
      '--duration',
      '4s',
      '--fast',
      '--fragment',
      '2s',
      '--fps',
      '10',
      '--width',
      '320',
      '--height',
      '240',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ fragments: 2, persisted: 2 });
    expect(validate('ffprobe', ['-v', 'error', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', out]).trim()).toBe('320,240');
  });

  it('streams a video file', async () => {
    const clip = join(dir, 'clip.mp4');
    validate('ffmpeg', [
      '-hide_banner',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      'smptebars=size=320x240:rate=25',
      '-t',
      '2',
      '-pix_fmt',
      'yuv420p',
      clip,
    ]);
    const out = join(dir, 'file.mkv');
    const r = await runCli(['local', 'kinesis-video', '--out', out, '--source', clip, '--duration', '3s', '--fast', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ fragments: 3, persisted: 3 }); // 2 s clip, looped
    expect(validate('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', out]).trim()).toBe('h264');
  });

  it('prints a human summary without --json', async () => {
    const out = join(dir, 'human.mkv');
    const r = await runCli(['local', 'kinesis-video', '--out', out, '--duration', '1s', '--fast']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^wrote ${out}: 1 of 1 fragments persisted, \\d+ bytes, 0 given up\\n`));
    expect(r.stdout).toContain(`ffplay ${out}`);
  });

  it.each([
    [[], 'error: missing --out FILE.mkv: where the built-in local endpoint writes the stream (or give --endpoint URL)'],
    [['--endpoint', 'ftp://127.0.0.1:1'], 'error: invalid --endpoint "ftp://127.0.0.1:1": use an http:// or https:// base URL'],
    [['--endpoint', 'http://127.0.0.1:1', '--out', 'x.mkv'], 'error: invalid --out "x.mkv" with --endpoint'],
    [['--out', 'x.mp4'], 'error: invalid --out "x.mp4": use a file name ending in .mkv'],
    [['--out', 'x.mkv', '--duration', 'ten'], 'error: invalid --duration "ten": use a positive number with a unit ms, s, m or h'],
    [['--out', 'x.mkv', '--fragment', '30s'], 'error: invalid fragment duration "30000 ms": use 1s to 10s'],
    [['--out', 'x.mkv', '--fps', '120'], 'error: invalid fps "120": use a whole number from 1 to 60'],
    [['--out', 'x.mkv', '--source', 'rtsp://cam/1'], 'error: invalid --source "rtsp://cam/1" for labs local: use testsrc or a video file'],
    [['--out', 'x.mkv', '--source', 'missing.mp4'], 'error: invalid --source "missing.mp4": no such file'],
  ])('rejects %j with one line', async (args, message) => {
    const r = await runCli(['local', 'kinesis-video', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });
});

describe('labs local kinesis-video --endpoint URL', () => {
  let endpoint: LocalPutMediaEndpoint | undefined;
  afterEach(async () => endpoint?.stop());
  /** No credentials anywhere in the default chain (and no instance metadata to probe). */
  const noCredentials = {
    AWS_ACCESS_KEY_ID: '',
    AWS_SECRET_ACCESS_KEY: '',
    AWS_SESSION_TOKEN: '',
    AWS_PROFILE: '',
    AWS_CONFIG_FILE: join(dir, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
  };

  it.each([
    [
      'the fixed local credentials when none are configured',
      {},
      'no AWS credentials configured: signing PutMedia with the fixed local credentials',
    ],
    [
      'the default credential chain',
      { AWS_ACCESS_KEY_ID: 'AKIDTESTONLYEXAMPLE', AWS_SECRET_ACCESS_KEY: 'test-only-not-a-secret' },
      'signing PutMedia with the default credential chain',
    ],
  ])('streams to that endpoint, signed with %s, and reports throttling', async (_, credentials, logLine) => {
    endpoint = await startLocalPutMediaEndpoint({ faults: { rejectCalls: { count: 1, errorType: 'ClientLimitExceededException' } } });
    const r = await runCli(
      ['local', 'kinesis-video', '--endpoint', endpoint.url, '--stream', 'VideoStream-cli', '--duration', '2s', '--fast', '--json'],
      {
        env: { ...noCredentials, ...credentials },
      },
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(logLine);
    const summary = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({
      out: null,
      endpoint: endpoint.url,
      fragments: 2,
      persisted: 2,
      given_up: 0,
      throttled: 1,
      duplicates: 0,
    });
    expect(endpoint.stats.refused).toEqual({ ClientLimitExceededException: 1 });
    expect(endpoint.stats.fragmentsPersisted).toBe(2);
  });
});

describe('labs run kinesis-video', () => {
  it('needs an environment name', async () => {
    const r = await runCli(['run', 'kinesis-video']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("required option '--env <name>' not specified");
  });

  it('checks the environment name and the playback session lifetime before calling AWS', async () => {
    const bad = await runCli(['run', 'kinesis-video', '--env', 'Bad_Name', '--playback-url']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('error: invalid environment name "Bad_Name"');
    const expires = await runCli(['run', 'kinesis-video', '--env', 'alice', '--playback-url', '--expires', '13h']);
    expect(expires.code).toBe(2);
    expect(expires.stderr).toContain('error: invalid --expires "13h": use 5m to 12h');
  });
});
