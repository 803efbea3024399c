/** The planning worker thread: runs engine calls in the order they arrive (planning-client.ts). */
import { parentPort } from 'node:worker_threads';
import { PlanningEngine, type PlanningCall } from './planning-engine.js';

const engine = new PlanningEngine();
const port = parentPort!;
port.on('message', ({ id, call }: { id: number; call: PlanningCall }) => {
  try {
    port.postMessage({ id, ok: true, result: engine.run(call) });
  } catch (error) {
    port.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
