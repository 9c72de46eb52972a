export { decideExpiry, type DeleteStack, type SkipStack, type StackFacts } from './decide';
export { expire, type ExpirerDeps, type ExpiryEvent } from './expirer';
