/**
 * An error caused by what the user asked for (a bad lab id, TTL, env name, missing config…).
 * The CLI prints its message as one line and exits non-zero, never with a stack trace.
 */
export class LabsError extends Error {
  /** Process exit code the CLI uses for this error. */
  readonly exitCode: number;

  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = 'LabsError';
    this.exitCode = exitCode;
  }
}
