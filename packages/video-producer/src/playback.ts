import { GetDataEndpointCommand, type KinesisVideoClient } from '@aws-sdk/client-kinesis-video';
import { GetHLSStreamingSessionURLCommand, type KinesisVideoArchivedMediaClient } from '@aws-sdk/client-kinesis-video-archived-media';

/** `GetDataEndpoint` for one API of a stream. */
export async function dataEndpoint(
  client: KinesisVideoClient,
  streamName: string,
  apiName: 'PUT_MEDIA' | 'GET_HLS_STREAMING_SESSION_URL',
): Promise<string> {
  const { DataEndpoint } = await client.send(new GetDataEndpointCommand({ StreamName: streamName, APIName: apiName }));
  if (!DataEndpoint) throw new Error(`GetDataEndpoint(${apiName}) returned no endpoint for stream ${streamName}`);
  return DataEndpoint;
}

/** Options of `getPlaybackUrl`. */
export interface PlaybackUrlOptions {
  /** Session lifetime in seconds (300–43200). @default 3600 */
  readonly expiresSeconds?: number;
}

/**
 * A LIVE HLS playback URL (fragmented MP4) for the stream: `GetDataEndpoint(GET_HLS_STREAMING_SESSION_URL)`,
 * then `GetHLSStreamingSessionURL` on an archived-media client for that endpoint. The URL embeds a
 * session token: treat it as a secret (log it through `redactPlaybackUrl`).
 */
export async function getPlaybackUrl(
  client: KinesisVideoClient,
  archivedMediaFor: (endpoint: string) => KinesisVideoArchivedMediaClient,
  streamName: string,
  options: PlaybackUrlOptions = {},
): Promise<string> {
  const endpoint = await dataEndpoint(client, streamName, 'GET_HLS_STREAMING_SESSION_URL');
  const { HLSStreamingSessionURL } = await archivedMediaFor(endpoint).send(
    new GetHLSStreamingSessionURLCommand({
      StreamName: streamName,
      PlaybackMode: 'LIVE',
      ContainerFormat: 'FRAGMENTED_MP4',
      Expires: options.expiresSeconds ?? 3600,
    }),
  );
  if (!HLSStreamingSessionURL) throw new Error(`GetHLSStreamingSessionURL returned no URL for stream ${streamName}`);
  return HLSStreamingSessionURL;
}

/** The playback URL with its session token replaced, for logs. */
export function redactPlaybackUrl(url: string): string {
  const parsed = new URL(url);
  for (const key of [...parsed.searchParams.keys()]) {
    if (/token|signature|credential/i.test(key)) parsed.searchParams.set(key, 'REDACTED');
  }
  return parsed.toString();
}
