/** hls.js's light build (no subtitles, no DRM) has the full build's API; the package ships types only for the full one. */
declare module 'hls.js/light' {
  import Hls from 'hls.js';
  export default Hls;
}
