'use strict';
// Runs kinesis-local (kinesis-mock's Node.js build) listening on loopback only, and exits when the parent
// process dies. kinesis-mock has no bind-address setting (its configuration reads only the ports) and
// calls `server.listen(port, callback)`, which Node.js binds to every interface; this bootstrap supplies
// the host to `net.Server.prototype.listen` before loading the emulator.
// Usage: node kinesis-local-loopback.js <kinesis-local main.js>
const net = require('node:net');

const LOOPBACK = '127.0.0.1';
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnLoopback(...args) {
  const [first, ...rest] = args;
  const callback = rest.find((arg) => typeof arg === 'function');
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    return listen.call(this, { port: Number(first), host: LOOPBACK }, ...(callback ? [callback] : []));
  }
  if (first && typeof first === 'object' && !('path' in first) && !('fd' in first) && !('handle' in first) && !('_handle' in first)) {
    return listen.call(this, { ...first, host: LOOPBACK }, ...rest);
  }
  return listen.apply(this, args);
};

process.stdin.on('close', () => process.exit(0));
process.stdin.resume();
require(process.argv[2]);
