import { HttpRequest } from '@smithy/protocol-http';
import type { TimecodeType } from '../mkv/fragment';

/** What a PutMedia call is about. */
export interface PutMediaRequestOptions {
  /** The PUT_MEDIA data endpoint from GetDataEndpoint, e.g. `https://s-1234abcd.kinesisvideo.eu-west-1.amazonaws.com`. */
  readonly endpoint: string;
  readonly streamName: string;
  readonly timecodeType: TimecodeType;
  /** Producer start time (epoch ms); RELATIVE cluster timecodes count from it. */
  readonly producerStartMs: number;
}

/** Signs (or passes through) a request before it is sent. */
export type RequestSigner = (request: HttpRequest) => Promise<HttpRequest>;

/**
 * Builds the `POST /putMedia` request: the stream name, timecode type and producer start timestamp
 * headers, acknowledgements required, and a chunked body that follows.
 */
export function putMediaRequest(options: PutMediaRequestOptions): HttpRequest {
  const url = new URL(options.endpoint);
  return new HttpRequest({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: '/putMedia',
    headers: {
      host: url.host,
      accept: '*/*',
      'user-agent': 'labs-video-producer',
      'x-amzn-stream-name': options.streamName,
      'x-amzn-fragment-timecode-type': options.timecodeType,
      'x-amzn-producer-start-timestamp': (options.producerStartMs / 1000).toFixed(3),
      'x-amzn-fragment-acknowledgment-required': '1',
      'transfer-encoding': 'chunked',
    },
  });
}
