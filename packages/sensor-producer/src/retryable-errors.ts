/** Per-record PutRecords error codes that succeed on retry (throttling and internal failures). */
const RETRYABLE_RECORD_ERRORS = new Set(['ProvisionedThroughputExceededException', 'InternalFailure', 'ServiceUnavailable']);

/** Request-level error names that are transient. */
const RETRYABLE_REQUEST_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'LimitExceededException',
  'ThrottlingException',
  'InternalFailure',
  'InternalFailureException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'RequestTimeout',
  'RequestTimeoutException',
  'KMSThrottlingException',
  'TimeoutError',
]);

/** Node network error codes that are transient. */
const RETRYABLE_NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND', 'ECONNABORTED']);

/** Whether one failed entry of a PutRecords response is worth retrying. */
export function isRetryableRecordError(errorCode: string | undefined): boolean {
  return errorCode === undefined || RETRYABLE_RECORD_ERRORS.has(errorCode);
}

/**
 * Whether a failed PutRecords request is worth retrying: throttling, 5xx, timeouts and network errors are;
 * validation, missing streams and access errors are not.
 */
export function isRetryableRequestError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: string; code?: string; $retryable?: unknown; $metadata?: { httpStatusCode?: number } };
  if (e.$retryable) return true;
  if (e.name && RETRYABLE_REQUEST_ERRORS.has(e.name)) return true;
  if (e.code && RETRYABLE_NETWORK_CODES.has(e.code)) return true;
  const status = e.$metadata?.httpStatusCode;
  return status !== undefined && (status >= 500 || status === 429);
}
