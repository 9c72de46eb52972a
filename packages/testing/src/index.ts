export * from './free-port';
export * from './zetasql';
export * from './run-cli';
export * from './kinesis-local';
export * from './tool-stand-ins';
export * from './simulated-clock';
