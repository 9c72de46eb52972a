import { AWS_CREDENTIALS_ADVICE, LabsError } from '@labs/config';

/**
 * Resolves the default credential chain once, before a lab run starts: no credentials at all is one
 * clear line and exit 3, rather than a run that reports the same failure on every retry.
 */
export async function requireAwsCredentials(credentials: () => Promise<unknown>): Promise<void> {
  try {
    await credentials();
  } catch (error) {
    throw new LabsError(`no AWS credentials: ${(error as Error).message} (${AWS_CREDENTIALS_ADVICE})`, 3);
  }
}
