export * from './errors';
export * from './labs';
export * from './environment';
export * from './ttl';
export * from './tags';
export * from './project-config';
export * from './cost';
export * from './owner';
