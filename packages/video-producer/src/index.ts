export {
  element,
  encodeId,
  encodeSize,
  MkvId,
  readId,
  readSize,
  readUint,
  stringElement,
  uintElement,
  uintPayload,
  UNKNOWN_SIZE,
  UNKNOWN_SIZE_BYTES,
  type Vint,
} from './mkv/ebml';
export { type Fragment, type TimecodeType } from './mkv/fragment';
export { H264_CODEC_ID, readVideoTrack, type VideoTrack } from './mkv/track-info';
export { streamHeader, WRITING_APP } from './mkv/stream-header';
export { MAX_FRAGMENT_BYTES, MAX_FRAGMENT_MS, MkvFragmenter, type MkvFragmenterOptions } from './mkv/mkv-fragmenter';
export { ClusterReader, type MkvPart } from './mkv/cluster-reader';
export { describeErrorId, PUT_MEDIA_ERRORS, type PutMediaErrorInfo } from './put-media/error-ids';
export {
  type Ack,
  AckStreamParser,
  describeErrorAck,
  type ErrorAck,
  type FragmentAck,
  type IdleAck,
  parseAck,
} from './put-media/acknowledgement';
export { type FragmentState, FragmentTracker } from './put-media/fragment-tracker';
export { backoffDelayMs, type BackoffOptions } from './put-media/backoff';
export { PUT_MEDIA_LIMITS } from './put-media/service-limits';
export { percentile, type ProducerMetrics } from './put-media/metrics';
export { putMediaRequest, type PutMediaRequestOptions, type RequestSigner } from './put-media/put-media-request';
export {
  isLoopback,
  KINESIS_VIDEO_SIGNING_SERVICE,
  type SigningCredentials,
  sigV4Signer,
  type SigV4SignerOptions,
} from './put-media/sigv4-signer';
export {
  classifyHttpError,
  type ConnectionDeadlines,
  type ConnectionEnd,
  type ConnectionHandlers,
  PutMediaConnection,
} from './put-media/put-media-connection';
export {
  type ProducerDeadlines,
  PutMediaProducer,
  PutMediaProducerError,
  type PutMediaProducerOptions,
  type RetryBudget,
} from './put-media/put-media-producer';
export {
  DEFAULT_ENCODING,
  type EncodingOptions,
  ffmpegArgs,
  parseVideoSource,
  validateEncoding,
  type VideoSource,
} from './source/video-source';
export { parseMediaDuration, validateFragmentDuration } from './source/durations';
export { checkVideoSourceExists, type FfmpegProcess, startFfmpeg } from './source/ffmpeg-process';
export { fragmentStream } from './source/fragment-stream';
export {
  type EndpointFaults,
  type EndpointLimits,
  type LocalEndpointOptions,
  type LocalEndpointStats,
  type LocalPutMediaEndpoint,
  type PersistedFragment,
  startLocalPutMediaEndpoint,
  type ThrottlingErrorType,
} from './local/local-put-media-endpoint';
export { checkSignatureShape, type SignatureProblem } from './local/sigv4-shape';
export { LOCAL_CREDENTIALS, localSigner } from './local/local-credentials';
export { signerForEndpoint } from './local/endpoint-signer';
export { dataEndpoint, getPlaybackUrl, type PlaybackUrlOptions, redactPlaybackUrl } from './playback';
export { streamVideo, type StreamVideoOptions, type StreamVideoResult } from './stream-video';
export { VIDEO_STREAM_BASE_NAME } from './lab-names';
export { kinesisVideoClients, type KinesisVideoClients } from './aws-clients';
export { ec2ProducerConfig, type Ec2ProducerConfig } from './ec2-config';
export { STATIC_FFMPEG_VERSION, staticFfmpegPath } from './ffmpeg-binary';
