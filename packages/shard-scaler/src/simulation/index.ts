export * from './traces';
export * from './policies';
export * from './simulate';
