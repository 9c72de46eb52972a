export * from './backend';
export * from './request-guard';
export * from './page-bundle';
export * from './live-channel';
export * from './server';
