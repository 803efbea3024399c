/**
 * `pnpm --filter @dispatch/gazetteer bench [entries]`: builds the index over generated Chinese
 * city entries (default 1,000,000) and times searches as a call-taker types: prefixes of real
 * names one character at a time, a part from the middle, full pinyin, initials, and typos (a
 * wrong character, a homophone, two swapped neighbours). Baseline from the same run: a linear
 * scan (`includes` on the normalised names) over a 100,000-entry sample. Target: p99 < 30 ms.
 */
import { cpus, loadavg } from 'node:os';
import { GazetteerIndex, normalizeText, pinyinForms, type GazetteerEntry } from '../src/index.js';
import { generateCity, rng } from './city-names.js';

const total = Number(process.argv[2] ?? 1_000_000);
const gc = (globalThis as { gc?: () => void }).gc;
const heapMb = () => {
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');

console.log(`Gazetteer search benchmark, ${new Date().toISOString()}`);
console.log(
  `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average ${load()}; Node ${process.version}`,
);

let t = performance.now();
const { entries, roads } = generateCity(total);
console.log(
  `generated ${entries.length.toLocaleString('en')} entries in ${((performance.now() - t) / 1000).toFixed(1)} s`,
);
const before = heapMb();
t = performance.now();
const index = new GazetteerIndex(entries);
const buildMs = performance.now() - t;
const after = heapMb();
console.log(
  `build: ${(buildMs / 1000).toFixed(1)} s; index heap ${(after - before).toFixed(0)} MB (entries themselves ${before.toFixed(0)} MB before); ` +
    JSON.stringify(index.stats),
);

const r = rng(7);
const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
const named = entries.filter((e) => e.kind !== 'address');
const near = (): [number, number] => [119.95 + r() * 0.4, 30.1 + r() * 0.36];
const CHARS = '金银华新世纪天地海城国际时代名都锦绣江南山水';

function prefixes(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = pick(named).name;
    for (let len = 1; len <= Math.min(name.length, 8); len++) out.push(name.slice(0, len));
  }
  return out;
}
function partials(n: number): string[] {
  return Array.from({ length: n }, () => {
    const name = pick(named).name;
    const len = Math.min(name.length - 1, 2 + Math.floor(r() * 3));
    const start = 1 + Math.floor(r() * Math.max(1, name.length - len));
    return name.slice(start, start + len) || name;
  });
}
function pinyinTyped(n: number, initials: boolean): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const py = pinyinForms(normalizeText(pick(named).name));
    if (!py) continue;
    const full = initials ? py.initials : py.full;
    // As typed: every prefix from 2 letters on, in steps.
    for (let len = 2; len <= Math.min(full.length, initials ? 6 : 16); len += initials ? 1 : 3)
      out.push(full.slice(0, len));
  }
  return out;
}
function typos(n: number): string[] {
  return Array.from({ length: n }, () => {
    const name = [...pick(named.filter((e) => e.name.length >= 4 && e.name.length <= 12)).name];
    const i = Math.floor(r() * name.length);
    const kind = r();
    if (kind < 0.4)
      name[i] = pick([...CHARS]); // a wrong character
    else if (kind < 0.7 && i + 1 < name.length)
      [name[i], name[i + 1]] = [name[i + 1]!, name[i]!]; // swapped
    else name.splice(i, 1); // one left out
    return name.join('');
  });
}
const queries: Record<string, string[]> = {
  'typed prefixes (1-8 characters)': prefixes(400),
  'partial (middle of a name)': partials(1000),
  'road junctions "A路B路"': Array.from({ length: 500 }, () => `${pick(roads)}${pick(roads)}`),
  'full pinyin (as typed)': pinyinTyped(300, false),
  'pinyin initials (as typed)': pinyinTyped(300, true),
  'typos (wrong, swapped, missing character)': typos(1000),
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
function time(label: string, list: string[], run: (q: string) => number, repeat = 1): void {
  // Warm up the JIT on other queries first.
  for (const q of list.slice(0, 50)) run(q);
  const ms: number[] = [];
  let found = 0;
  for (let k = 0; k < repeat; k++)
    for (const q of list) {
      const s = performance.now();
      found += run(q) > 0 ? 1 : 0;
      ms.push(performance.now() - s);
    }
  ms.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(48)} n=${String(ms.length).padStart(5)}  median ${percentile(ms, 50).toFixed(2).padStart(6)} ms  p99 ${percentile(ms, 99).toFixed(2).padStart(6)} ms  max ${ms[ms.length - 1]!.toFixed(2).padStart(6)} ms  found ${((found / ms.length) * 100).toFixed(0)}%`,
  );
}

console.log(`\nsearch, limit 10, near a random point of the city (load average ${load()}):`);
for (const [label, list] of Object.entries(queries))
  time(label, list, (q) => index.search(q, { near: near(), limit: 10 }).length);
const all = Object.values(queries).flat();
time('all of the above, no point given', all, (q) => index.search(q, { limit: 10 }).length);

// Baseline: what a scan costs (normalised names, `includes`), over a 10% sample.
const sample: GazetteerEntry[] = entries.filter((_, i) => i % 10 === 0);
const sampleNames = sample.map((e) => normalizeText(e.name));
const scan = (q: string): number => {
  const nq = normalizeText(q);
  let n = 0;
  for (const s of sampleNames) if (s.includes(nq)) n++;
  return n;
};
console.log(
  `\nbaseline: linear scan of ${sample.length.toLocaleString('en')} normalised names (10% sample; the full set costs ~10x):`,
);
time(
  'partial (middle of a name), scan of the sample',
  queries['partial (middle of a name)']!.slice(0, 200),
  scan,
);
console.log(`\nload average at the end ${load()}`);
