export * from './decide';
export * from './expirer';
