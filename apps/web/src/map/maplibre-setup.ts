/** One-time MapLibre set-up: the bundled worker URL and the pmtiles:// protocol. */
import { addProtocol, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { Protocol } from 'pmtiles';

let workerSet = false;
let pmtilesProtocol: Protocol | null = null;

export function ensureMapLibreSetup(needsPmtiles: boolean): void {
  if (!workerSet) {
    // The worker is emitted as its own asset by Vite; MapLibre would otherwise look for it
    // next to its own module, which the bundle moved.
    setWorkerUrl(workerUrl);
    workerSet = true;
  }
  if (needsPmtiles && !pmtilesProtocol) {
    pmtilesProtocol = new Protocol();
    addProtocol('pmtiles', pmtilesProtocol.tile);
  }
}
