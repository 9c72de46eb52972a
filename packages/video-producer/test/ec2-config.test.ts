import { ec2ProducerConfig } from '../src';

describe('ec2ProducerConfig', () => {
  it('reads the service environment with defaults for the lab', () => {
    expect(
      ec2ProducerConfig({ STREAM_NAME: 'VideoStream-alice', AWS_REGION: 'eu-west-1', FFMPEG_PATH: '/opt/labs/ffmpeg/ffmpeg' }),
    ).toEqual({
      streamName: 'VideoStream-alice',
      region: 'eu-west-1',
      source: { kind: 'testsrc' },
      encoding: { fps: 25, width: 640, height: 480, profile: 'baseline', realtime: true },
      fragmentDurationMs: 1000,
      ffmpegPath: '/opt/labs/ffmpeg/ffmpeg',
    });
  });

  it('takes a camera, frame size and fragment duration', () => {
    const config = ec2ProducerConfig({
      STREAM_NAME: 's',
      AWS_REGION: 'r',
      VIDEO_SOURCE: 'rtsp://cam/1',
      VIDEO_FPS: '15',
      VIDEO_WIDTH: '1280',
      VIDEO_HEIGHT: '720',
      FRAGMENT_DURATION: '2s',
    });
    expect(config).toMatchObject({
      source: { kind: 'rtsp', url: 'rtsp://cam/1' },
      encoding: { fps: 15, width: 1280, height: 720 },
      fragmentDurationMs: 2000,
      ffmpegPath: 'ffmpeg',
    });
  });

  it('names a missing or bad variable', () => {
    expect(() => ec2ProducerConfig({ AWS_REGION: 'r' })).toThrow('missing environment variable STREAM_NAME');
    expect(() => ec2ProducerConfig({ STREAM_NAME: 's', AWS_REGION: 'r', VIDEO_FPS: 'fast' })).toThrow(
      'invalid VIDEO_FPS "fast": use a whole number',
    );
    expect(() => ec2ProducerConfig({ STREAM_NAME: 's', AWS_REGION: 'r', FRAGMENT_DURATION: '20s' })).toThrow(
      'invalid fragment duration "20000 ms"',
    );
  });
});
