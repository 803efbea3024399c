// jsdom 31 pulls in undici 8, which needs zlib's zstd support (Node >= 22.15). On Node 20 the
// test workers get a stub so jsdom loads; nothing in the tests decompresses zstd. Remove once
// Node 22 is the floor (or jsdom is pinned to a Node 20 compatible major).
import zlib from 'node:zlib';
import workerThreads from 'node:worker_threads';

if (typeof zlib.createZstdDecompress !== 'function') {
  zlib.createZstdDecompress = () => {
    throw new Error('zstd is not supported on this Node version');
  };
  if (zlib.constants.ZSTD_d_windowLogMax === undefined) zlib.constants.ZSTD_d_windowLogMax = 100;
}
if (typeof workerThreads.markAsUncloneable !== 'function') workerThreads.markAsUncloneable = () => undefined;

// jsdom 31 also relies on ES2025 iterator helpers. `--harmony-iterator-helpers` (set in
// vitest.config.ts) gives Node 20 the Iterator global with map/filter/take/drop; the consuming
// helpers below complete it.
if (typeof Iterator === 'function') {
  const proto = Iterator.prototype;
  const define = (name, fn) => {
    if (typeof proto[name] !== 'function') {
      Object.defineProperty(proto, name, { value: fn, writable: true, configurable: true });
    }
  };
  define('toArray', function toArray() {
    const out = [];
    for (const value of { [Symbol.iterator]: () => this }) out.push(value);
    return out;
  });
  define('forEach', function forEach(fn) {
    let i = 0;
    for (const value of { [Symbol.iterator]: () => this }) fn(value, i++);
  });
  define('some', function some(fn) {
    let i = 0;
    for (const value of { [Symbol.iterator]: () => this }) if (fn(value, i++)) return true;
    return false;
  });
  define('every', function every(fn) {
    let i = 0;
    for (const value of { [Symbol.iterator]: () => this }) if (!fn(value, i++)) return false;
    return true;
  });
  define('find', function find(fn) {
    let i = 0;
    for (const value of { [Symbol.iterator]: () => this }) if (fn(value, i++)) return value;
    return undefined;
  });
  define('reduce', function reduce(fn, ...initial) {
    let i = 0;
    let started = initial.length > 0;
    let acc = initial[0];
    for (const value of { [Symbol.iterator]: () => this }) {
      if (!started) {
        acc = value;
        started = true;
      } else acc = fn(acc, value, i);
      i++;
    }
    if (!started) throw new TypeError('Reduce of empty iterator with no initial value');
    return acc;
  });
  define('flatMap', function* flatMap(fn) {
    let i = 0;
    for (const value of { [Symbol.iterator]: () => this }) yield* fn(value, i++);
  });
}
