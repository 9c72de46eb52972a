/**
 * Path of the static x86-64 ffmpeg build (npm `@ffmpeg-installer/linux-x64`, GPLv3) that the CDK stack
 * ships to the Amazon Linux 2023 instance as an asset: AL2023 has no ffmpeg package.
 */
export function staticFfmpegPath(): string {
  return require.resolve('@ffmpeg-installer/linux-x64/ffmpeg');
}
