export { type ActionResult, type ConsoleBackend, type EnvironmentsView, type LiveEvent, type VideoRun } from './backend';
export { consoleHosts, RequestGuard, TOKEN_HEADER } from './request-guard';
export { PAGE_DIR } from './page-bundle';
export { type ConsoleServer, startConsoleServer } from './server';
