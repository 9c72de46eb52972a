import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@labs/testing';

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
    expect(summary).toMatchObject({ out, fragments: 3, persisted: 3, duplicates: 0, reconnects: 0 });
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
    expect(r.stdout).toMatch(new RegExp(`^wrote ${out}: 1 of 1 fragments persisted, \\d+ bytes\\n`));
    expect(r.stdout).toContain(`ffplay ${out}`);
  });

  it.each([
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
