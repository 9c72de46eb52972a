import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { LabsError } from '@labs/config';
import { ffmpegArgs, type EncodingOptions, type VideoSource } from './video-source';

/** A running ffmpeg encoder. */
export interface FfmpegProcess {
  /** Matroska bytes. */
  readonly stdout: Readable;
  /** Resolves when ffmpeg exits with 0 (or was stopped); rejects with its stderr otherwise. */
  readonly exited: Promise<void>;
  /** Stops ffmpeg (SIGTERM). */
  stop(): void;
}

/**
 * Checks that a file source exists, so a wrong path fails with one clear line rather than ffmpeg's stderr.
 * `startFfmpeg` calls it; callers that set up more before streaming call it first to fail earlier.
 * @throws LabsError quoting the missing path.
 */
export function checkVideoSourceExists(source: VideoSource): void {
  if (source.kind === 'file' && !existsSync(source.path)) {
    throw new LabsError(`invalid --source "${source.path}": no such file; use testsrc or the path of a video file`);
  }
}

/**
 * Starts ffmpeg encoding `source` as live Matroska on stdout.
 * @param ffmpegPath the binary (on EC2 the static build shipped with the stack). @default 'ffmpeg'
 * @throws LabsError when the source is a file that does not exist.
 */
export function startFfmpeg(source: VideoSource, encoding: EncodingOptions, ffmpegPath = 'ffmpeg'): FfmpegProcess {
  checkVideoSourceExists(source);
  const child = spawn(ffmpegPath, ffmpegArgs(source, encoding), { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stopped = false;
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const exited = new Promise<void>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new LabsError(`ffmpeg not found at "${ffmpegPath}": install ffmpeg (apt-get install ffmpeg) or set FFMPEG_PATH`)
          : error,
      ),
    );
    child.on('close', (code) => {
      if (code === 0 || stopped) resolve();
      else reject(new Error(`ffmpeg exited with code ${code}: ${stderr.trim() || 'no output'}`));
    });
  });
  return {
    stdout: child.stdout,
    exited,
    stop() {
      stopped = true;
      child.kill('SIGTERM');
    },
  };
}
