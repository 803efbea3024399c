// Starts a worker thread from its TypeScript source: the server runs under tsx, whose loader a
// worker does not inherit. Plain JavaScript entries are imported as they are.
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
