/**
 * Kinesis Video Streams data-plane limits for PutMedia, shared by the producer (which keeps within them)
 * and the local endpoint (which enforces them).
 *
 * Sources:
 * - Developer Guide, "Amazon Kinesis Video Streams service quotas", data plane table, PutMedia row
 *   (https://docs.aws.amazon.com/kinesisvideostreams/latest/dg/limits.html): 5 TPS per stream [h];
 *   1 connection per stream [h] ("more than one concurrent PutMedia connection … throttles the latest
 *   connections with a ConnectionLimitExceededException"); 12.5 MB/s per stream [s]; fragment duration
 *   1–20 s [h]; fragment size 50 MB [h]; 3 tracks [s]; 5 fragments sent per second [h].
 * - API Reference, PutMedia (https://docs.aws.amazon.com/kinesisvideostreams/latest/dg/API_dataplane_PutMedia.html):
 *   IDLE acknowledgements for up to 30 s after the last data, then the request is closed; ErrorId 4002
 *   names a 10 s fragment duration limit, stricter than the quotas page, so the producer keeps fragments
 *   within 10 s and the endpoint enforces the quotas page's 20 s.
 * - Developer Guide, control plane table, GetDataEndpoint row: "called every 45 minutes to refresh the
 *   streaming token"; the C producer SDK's streaming token lasts 40 minutes and it rotates before that.
 */
export const PUT_MEDIA_LIMITS = {
  /** PutMedia calls per second per stream. */
  callsPerSecond: 5,
  /** Concurrent PutMedia connections per stream. */
  connectionsPerStream: 1,
  /** Bytes per second read per stream (12.5 MB/s). */
  bytesPerSecond: 12_500_000,
  /** Fragments per second per stream. */
  fragmentsPerSecond: 5,
  /** Longest fragment the service stores (quotas page). */
  maxFragmentDurationMs: 20_000,
  /** Longest fragment per ErrorId 4002 of the PutMedia reference: what the producer sends at most. */
  producerMaxFragmentDurationMs: 10_000,
  /** Largest fragment: 50 MB. */
  maxFragmentBytes: 50 * 1024 * 1024,
  /** Tracks in the MKV header. */
  maxTracks: 3,
  /** The service closes a PutMedia request after this long without data. */
  idleCloseMs: 30_000,
  /** Lifetime of the streaming token a PutMedia connection is opened with. */
  maxConnectionMs: 40 * 60_000,
} as const;
