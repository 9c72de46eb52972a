import { useRef, useState } from 'preact/hooks';
import { postJson } from './api';

/** Plays the offline PutMedia run (remuxed to fragmented MP4), or a deployed stream's HLS URL. */
export function KinesisVideoView() {
  const [src, setSrc] = useState<string>();
  const [summary, setSummary] = useState<unknown>();
  const [message, setMessage] = useState('');
  const [hls, setHls] = useState('');
  const video = useRef<HTMLVideoElement>(null);

  const run = async () => {
    setMessage('streaming the test pattern through the local PutMedia endpoint, then remuxing to MP4 …');
    try {
      const result = await postJson<{ url: string; summary: unknown }>('/api/kinesis-video/run', {}, true);
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
        the persisted MKV is remuxed (no re-encoding) to fragmented MP4 for the browser.
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
      {summary !== undefined && <pre>{JSON.stringify(summary, null, 2)}</pre>}
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          if (hls.startsWith('https://')) setSrc(hls);
          else setMessage('a playback URL starts with https:// (labs run kinesis-video --env NAME --playback-url prints it)');
        }}
      >
        <label>
          Deployed stream's HLS URL <input type="url" value={hls} onInput={(e) => setHls((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit">Play</button>
      </form>
    </section>
  );
}
