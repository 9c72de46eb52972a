import {
  ffmpegArgs,
  parseVideoSource,
  validateEncoding,
  parseMediaDuration,
  validateFragmentDuration,
  redactPlaybackUrl,
  DEFAULT_ENCODING,
} from '../src';

describe('parseVideoSource', () => {
  it.each([
    ['testsrc', { kind: 'testsrc' }],
    ['rtsp://cam.local:554/stream1', { kind: 'rtsp', url: 'rtsp://cam.local:554/stream1' }],
    ['/dev/video0', { kind: 'v4l2', device: '/dev/video0' }],
    ['./clips/demo.mp4', { kind: 'file', path: './clips/demo.mp4' }],
  ])('reads %s', (text, expected) => {
    expect(parseVideoSource(text)).toEqual(expected);
  });

  it('refuses other URL schemes and empty values', () => {
    expect(() => parseVideoSource('http://cam/x')).toThrow('invalid --source "http://cam/x": only rtsp:// and rtsps:// URLs are supported');
    expect(() => parseVideoSource(' ')).toThrow('invalid --source ""');
  });
});

describe('ffmpegArgs', () => {
  it('encodes H.264 with a key frame every second, no B-frames, as live Matroska on stdout', () => {
    const args = ffmpegArgs({ kind: 'testsrc' }, { ...DEFAULT_ENCODING, fps: 30, durationMs: 10_000 });
    expect(args.join(' ')).toContain('-re -f lavfi -i testsrc2=size=640x480:rate=30 -t 10.000 -an');
    expect(args.join(' ')).toContain('-c:v libx264 -profile:v baseline');
    expect(args.join(' ')).toContain(
      '-g 30 -keyint_min 30 -sc_threshold 0 -bf 0 -pix_fmt yuv420p -f matroska -live 1 -cluster_time_limit 1000 pipe:1',
    );
  });

  it('loops files, pulls RTSP over TCP and reads V4L2 devices', () => {
    expect(ffmpegArgs({ kind: 'file', path: 'a.mp4' }, DEFAULT_ENCODING).join(' ')).toContain('-re -stream_loop -1 -i a.mp4');
    expect(ffmpegArgs({ kind: 'rtsp', url: 'rtsp://c/s' }, DEFAULT_ENCODING).join(' ')).toContain('-rtsp_transport tcp -i rtsp://c/s');
    expect(ffmpegArgs({ kind: 'v4l2', device: '/dev/video1' }, { ...DEFAULT_ENCODING, realtime: false }).join(' ')).toContain(
      '-f v4l2 -framerate 25 -video_size 640x480 -i /dev/video1',
    );
  });
});

describe('validation', () => {
  it.each([
    [{ fps: 0 }, 'invalid fps "0": use a whole number from 1 to 60'],
    [{ width: 641 }, 'invalid width "641": use an even whole number from 16 to 3840'],
    [{ height: 8 }, 'invalid height "8": use an even whole number from 16 to 3840'],
    [{ profile: 'high' as 'main' }, 'invalid profile "high": use baseline or main'],
  ])('rejects %j', (change, message) => {
    expect(() => validateEncoding({ ...DEFAULT_ENCODING, ...change })).toThrow(message);
  });

  it('parses media durations and checks fragment durations', () => {
    expect(['10s', '1500ms', '2m', '1h', '0.5s'].map((t) => parseMediaDuration(t))).toEqual([10_000, 1500, 120_000, 3_600_000, 500]);
    expect(() => parseMediaDuration('10')).toThrow('invalid --duration "10": use a positive number with a unit ms, s, m or h');
    expect(validateFragmentDuration(2000)).toBe(2000);
    expect(() => validateFragmentDuration(500)).toThrow('invalid fragment duration "500 ms": use 1s to 10s');
    expect(() => validateFragmentDuration(11_000)).toThrow('invalid fragment duration "11000 ms"');
  });
});

describe('redactPlaybackUrl', () => {
  it('hides the session token of an HLS URL', () => {
    const url = 'https://b-1234.kinesisvideo.eu-west-1.amazonaws.com/hls/v1/getHLSMasterPlaylist.m3u8?SessionToken=CiAbCdEf123';
    expect(redactPlaybackUrl(url)).toBe(
      'https://b-1234.kinesisvideo.eu-west-1.amazonaws.com/hls/v1/getHLSMasterPlaylist.m3u8?SessionToken=REDACTED',
    );
  });
});
