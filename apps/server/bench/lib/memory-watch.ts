/**
 * The server's memory over a benchmark run (the server runs in this process): RSS, heap and
 * external memory sampled every 5 s into `<dir>/memory.csv`, and heap snapshots on demand
 * (`<dir>/<label>.heapsnapshot`, via the inspector, which collects garbage first). A snapshot
 * stops the process for seconds (16 s at 2,000 sockets on a loaded machine: long enough for
 * clients' ping timeout, so they reconnect), and serializing it leaves RSS higher afterwards;
 * BENCH_HEAP_SNAPSHOTS=0 samples only.
 */
import { createWriteStream, mkdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { clock, loadAverage } from './stats.js';

const MB = 1024 * 1024;
const SAMPLE_MS = 5000;

export interface MemoryWatch {
  /** Takes a heap snapshot (blocks the process for seconds) and samples right after it. */
  snapshot(label: string): Promise<void>;
  sample(label?: string): void;
  /** A full garbage collection (through the inspector, as a heap snapshot does first). */
  gc(): Promise<void>;
  stop(): void;
  /** First, peak and last samples, and the labelled ones, as lines to print. */
  summary(): string;
}

interface Sample {
  seconds: number;
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  label: string;
}

export function startMemoryWatch(dir: string | undefined): MemoryWatch | null {
  if (!dir) return null;
  mkdirSync(dir, { recursive: true });
  const csv = join(dir, 'memory.csv');
  writeFileSync(csv, 'seconds,rss_mb,heap_used_mb,heap_total_mb,external_mb,load_average,label\n');
  const started = clock();
  const samples: Sample[] = [];
  const sample = (label = '') => {
    const m = process.memoryUsage();
    const s: Sample = {
      seconds: (clock() - started) / 1000,
      rssMb: m.rss / MB,
      heapUsedMb: m.heapUsed / MB,
      heapTotalMb: m.heapTotal / MB,
      externalMb: (m.external + m.arrayBuffers) / MB,
      label,
    };
    samples.push(s);
    appendFileSync(
      csv,
      `${s.seconds.toFixed(0)},${s.rssMb.toFixed(1)},${s.heapUsedMb.toFixed(1)},${s.heapTotalMb.toFixed(1)},${s.externalMb.toFixed(1)},${loadAverage().split(' ')[0]},${label}\n`,
    );
  };
  sample('start of the loaded phase');
  const timer = setInterval(sample, SAMPLE_MS);
  const session = new Session();
  session.connect();
  const fmt = (s: Sample) =>
    `${s.seconds.toFixed(0).padStart(5)} s  rss ${s.rssMb.toFixed(0)} MB, heap used ${s.heapUsedMb.toFixed(0)} of ${s.heapTotalMb.toFixed(0)} MB, external ${s.externalMb.toFixed(0)} MB${s.label ? `  (${s.label})` : ''}`;
  return {
    sample,
    async snapshot(label) {
      if (process.env.BENCH_HEAP_SNAPSHOTS === '0') return;
      const file = join(dir, `${label}.heapsnapshot`);
      const out = createWriteStream(file);
      const onChunk = (m: { params: { chunk: string } }) => out.write(m.params.chunk);
      session.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
      await session.post('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
      session.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
      await new Promise<void>((resolve) => out.end(resolve));
      sample(`heap snapshot ${label}`);
      console.log(`heap snapshot: ${file}`);
    },
    async gc() {
      await session.post('HeapProfiler.collectGarbage');
    },
    stop() {
      clearInterval(timer);
      session.disconnect();
    },
    summary() {
      const peak = samples.reduce((a, b) => (b.rssMb > a.rssMb ? b : a));
      const lines = [samples[0]!, peak, ...samples.filter((s) => s.label && s !== samples[0])];
      return ['server memory (this process):', ...[...new Set(lines)].map(fmt)].join('\n');
    },
  };
}
