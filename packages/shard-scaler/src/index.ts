export * from './types';
export * from './policy';
export * from './utilisation';
export * from './history';
export * from './decide';
export * from './stream-state';
export * from './alarms';
export * from './apply';
