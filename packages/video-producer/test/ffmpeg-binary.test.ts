import { execFileSync } from 'node:child_process';
import { STATIC_FFMPEG_VERSION, staticFfmpegPath } from '../src/ffmpeg-binary';

describe('the static ffmpeg shipped to the instances', () => {
  it('runs and is the expected current build (not the 2018 one)', () => {
    const banner = execFileSync(staticFfmpegPath(), ['-hide_banner', '-version'], { encoding: 'utf8' });
    expect(banner.split('\n')[0]).toBe(`ffmpeg version ${STATIC_FFMPEG_VERSION} Copyright (c) 2000-2024 the FFmpeg developers`);
    expect(banner).toMatch(/--enable-libx264/);
  });

  it('encodes the producer’s H.264 test pattern into Matroska', () => {
    const mkv = execFileSync(
      staticFfmpegPath(),
      [
        '-hide_banner',
        '-loglevel',
        'error',
        '-f',
        'lavfi',
        '-i',
        'testsrc=size=160x120:rate=25',
        '-t',
        '1',
        '-c:v',
        'libx264',
        '-pix_fmt',
        'yuv420p',
        '-f',
        'matroska',
        'pipe:1',
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    expect(mkv.subarray(0, 4).toString('hex')).toBe('1a45dfa3'); // EBML header
    expect(mkv.includes(Buffer.from('V_MPEG4/ISO/AVC'))).toBe(true);
  });
});
