/** What a PutMedia acknowledgement ErrorId means and whether a new connection can fix it. */
export interface PutMediaErrorInfo {
  readonly code: string;
  readonly meaning: string;
  /** True when reconnecting (resuming after the last persisted fragment) can succeed. */
  readonly retryable: boolean;
}

/**
 * The ErrorIds of the PutMedia acknowledgement protocol, as listed under Response Elements of the
 * PutMedia API reference (https://docs.aws.amazon.com/kinesisvideostreams/latest/dg/API_dataplane_PutMedia.html).
 */
export const PUT_MEDIA_ERRORS: Readonly<Record<number, PutMediaErrorInfo>> = {
  4000: { code: 'STREAM_READ_ERROR', meaning: 'error reading the data stream', retryable: true },
  4001: { code: 'MAX_FRAGMENT_SIZE_REACHED', meaning: 'fragment size is greater than the 50 MB limit', retryable: false },
  4002: {
    code: 'MAX_FRAGMENT_DURATION_REACHED',
    meaning: 'fragment duration is greater than the maximum limit, 10 seconds',
    retryable: false,
  },
  4003: { code: 'MAX_CONNECTION_DURATION_REACHED', meaning: 'connection duration is greater than the maximum allowed', retryable: true },
  4004: {
    code: 'FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS',
    meaning: 'fragment timecode is lower than the previous one in this PutMedia call',
    retryable: false,
  },
  4005: { code: 'MORE_THAN_ONE_TRACK_FOUND', meaning: 'more than one track found in the MKV (deprecated)', retryable: false },
  4006: { code: 'INVALID_MKV_DATA', meaning: 'the input stream is not valid MKV', retryable: false },
  4007: { code: 'INVALID_PRODUCER_TIMESTAMP', meaning: 'invalid producer timestamp', retryable: false },
  4008: { code: 'STREAM_NOT_ACTIVE', meaning: 'the stream no longer exists (deleted)', retryable: false },
  4009: { code: 'FRAGMENT_METADATA_LIMIT_REACHED', meaning: 'fragment metadata limit reached', retryable: false },
  4010: { code: 'TRACK_NUMBER_MISMATCH', meaning: 'a frame track number does not match the tracks in the MKV header', retryable: false },
  4011: { code: 'FRAMES_MISSING_FOR_TRACK', meaning: 'the fragment has no frames for a track in the MKV header', retryable: false },
  4012: { code: 'MORE_THAN_ALLOWED_TRACKS_FOUND', meaning: 'more than the allowed number of tracks found in the MKV', retryable: false },
  4500: { code: 'KMS_KEY_ACCESS_DENIED', meaning: 'Kinesis Video Streams may not use the stream KMS key', retryable: false },
  4501: { code: 'KMS_KEY_DISABLED', meaning: 'the stream KMS key is disabled', retryable: false },
  4502: { code: 'KMS_KEY_VALIDATION_ERROR', meaning: 'the stream KMS key failed validation', retryable: false },
  4503: { code: 'KMS_KEY_UNAVAILABLE', meaning: 'the stream KMS key is unavailable', retryable: true },
  4504: { code: 'KMS_KEY_INVALID_USAGE', meaning: 'invalid usage of the stream KMS key', retryable: false },
  4505: { code: 'KMS_KEY_INVALID_STATE', meaning: 'the stream KMS key is in an invalid state', retryable: false },
  4506: { code: 'KMS_KEY_NOT_FOUND', meaning: 'the stream KMS key was not found', retryable: false },
  5000: { code: 'INTERNAL_ERROR', meaning: 'internal service error', retryable: true },
  5001: { code: 'ARCHIVAL_ERROR', meaning: 'Kinesis Video Streams failed to persist fragments to the data store', retryable: true },
};

/**
 * Describes an ErrorId. Unknown ids are classed by range: 5xxx (service side) retryable, 4xxx fatal.
 */
export function describeErrorId(errorId: number): PutMediaErrorInfo {
  return (
    PUT_MEDIA_ERRORS[errorId] ?? {
      code: `ERROR_${errorId}`,
      meaning: errorId >= 5000 ? 'unknown service-side error' : 'unknown client-side error',
      retryable: errorId >= 5000,
    }
  );
}
