/** Base name of the lab's video stream; each environment's stream is `<base>-<env>` (e.g. `VideoStream-alice`). */
export const VIDEO_STREAM_BASE_NAME = 'VideoStream';
