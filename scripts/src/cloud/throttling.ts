/**
 * Whether a tool's error says the cloud refused a call for its rate: AWS `Throttling`/`Rate exceeded`/
 * `TooManyRequestsException`, GCP `rateLimitExceeded`/`RESOURCE_EXHAUSTED`/HTTP 429, and the IAM policy
 * write races (`concurrent policy changes`, HTTP 409 on setIamPolicy) that succeed when retried.
 */
export function isThrottled(message: string): boolean {
  return /throttl|rate exceeded|too ?many ?requests|ratelimitexceeded|resource_exhausted|\b429\b|concurrent policy changes/i.test(message);
}
