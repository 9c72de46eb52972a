import Hls from 'hls.js/light';
import { useEffect, useRef, useState } from 'preact/hooks';
import { postJson } from './api';

/** Plays an HLS playlist in `video` through hls.js (Media Source Extensions), or natively where MSE is missing (iOS Safari), as hls.js documents. */
function playHls(video: HTMLVideoElement, url: string, onError: (message: string) => void): () => void {
  if (Hls.isSupported()) {
    const hls = new Hls();
    hls.on(Hls.Events.ERROR, (_event, data) => {
      if (data.fatal) onError(`HLS playback failed: ${data.details}`);
    });
    hls.loadSource(url);
    hls.attachMedia(video);
    return () => hls.destroy();
  }
  if (video.canPlayType('application/vnd.apple.mpegurl')) {
    video.src = url;
    return () => video.removeAttribute('src');
  }
  onError('this browser can play neither HLS nor Media Source Extensions');
  return () => undefined;
}

/** Plays the offline PutMedia run (remuxed to fragmented MP4 and HLS), or any HLS URL (a deployed stream). */
export function KinesisVideoView() {
  const [src, setSrc] = useState<string>();
  const [summary, setSummary] = useState<unknown>();
  const [message, setMessage] = useState('');
  const [hls, setHls] = useState('');
  const [playlist, setPlaylist] = useState<string>();
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (!playlist || !video.current) return;
    return playHls(video.current, playlist, setMessage);
  }, [playlist]);

  const run = async () => {
    setMessage('streaming the test pattern through the local PutMedia endpoint, then remuxing to MP4 …');
    try {
      const result = await postJson<{ url: string; summary: unknown }>('/api/kinesis-video/run', {}, true);
      setPlaylist(undefined);
      setSrc(`${result.url}?t=${Date.now()}`);
      setSummary(result.summary);
      setMessage('offline run ready');
    } catch (e) {
      setMessage(`run failed: ${(e as Error).message}`);
    }
  };

  return (
    <section aria-labelledby="kvs-title">
      <h2 id="kvs-title">Kinesis Video</h2>
      <p>
        The offline run is <code>labs local kinesis-video</code>: ffmpeg → MKV fragments → PutMedia → a local endpoint that persists them;
        the persisted MKV is remuxed (no re-encoding) to fragmented MP4 and to HLS for the browser.
      </p>
      <button type="button" onClick={() => void run()}>
        Run offline and play
      </button>
      <p role="status" class="message">
        {message}
      </p>
      <video
        ref={video}
        id="kvs-video"
        src={src}
        controls
        muted
        autoplay
        playsInline
        width={640}
        height={360}
        aria-label="Kinesis Video playback"
      />
      {summary !== undefined && (
        <p>
          The same run as HLS (what a deployed stream's playback URL serves): <code>/api/kinesis-video/hls/index.m3u8</code>
        </p>
      )}
      {summary !== undefined && <pre>{JSON.stringify(summary, null, 2)}</pre>}
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          if (!/^(https:\/\/|\/api\/kinesis-video\/)/.test(hls)) {
            setMessage('a playback URL starts with https:// (labs run kinesis-video --env NAME --playback-url prints it)');
            return;
          }
          setSrc(undefined);
          setPlaylist(hls);
          setMessage(`playing ${hls.startsWith('https://') ? 'the deployed stream' : 'the offline run'} through HLS`);
        }}
      >
        <label>
          HLS playback URL <input value={hls} onInput={(e) => setHls((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit">Play</button>
      </form>
    </section>
  );
}
