export {
  type ActionResult,
  type ConsoleBackend,
  type EnvironmentsView,
  type LiveEvent,
  type UnavailableCloud,
  type VideoRun,
} from './backend';
export { consoleHosts, isWildcard, type Refusal, RequestGuard, TOKEN_HEADER } from './request-guard';
export { buildPage, PAGE_DIR, type PageBundle } from './page-bundle';
export { LiveChannel } from './live-channel';
export { type ConsoleServer, type ConsoleServerOptions, startConsoleServer } from './server';
