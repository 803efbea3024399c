/**
 * `pnpm --filter @dispatch/server bench:heap-diff early.heapsnapshot late.heapsnapshot`: what grew
 * between two heap snapshots, by kind and constructor (objects), function name (closures) or kind
 * (strings, arrays, code): count and self size in each, and the difference, largest first. A leak
 * shows as a constructor whose count grows with the work done (incidents, sockets) and never falls.
 */
import { readFileSync } from 'node:fs';

interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

interface Group {
  count: number;
  bytes: number;
}

function groups(file: string): Map<string, Group> {
  const heap = JSON.parse(readFileSync(file, 'utf8')) as HeapSnapshot;
  const fields = heap.snapshot.meta.node_fields;
  const types = heap.snapshot.meta.node_types[0];
  const [type, name, size] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [
    number,
    number,
    number,
  ];
  const out = new Map<string, Group>();
  for (let i = 0; i < heap.nodes.length; i += fields.length) {
    const kind = types[heap.nodes[i + type]!]!;
    // Strings and numbers are grouped by kind only: their "name" is their content.
    const label = ['object', 'closure', 'native'].includes(kind)
      ? `${kind} ${heap.strings[heap.nodes[i + name]!]!.slice(0, 60)}`
      : kind;
    const g = out.get(label) ?? { count: 0, bytes: 0 };
    g.count += 1;
    g.bytes += heap.nodes[i + size]!;
    out.set(label, g);
  }
  return out;
}

function main() {
  const [beforeFile, afterFile, limitArg] = process.argv.slice(2);
  if (!beforeFile || !afterFile)
    throw new Error('usage: heap-diff <before.heapsnapshot> <after.heapsnapshot> [rows]');
  const limit = Number(limitArg ?? 30);
  const before = groups(beforeFile);
  const after = groups(afterFile);
  const total = (m: Map<string, Group>) =>
    [...m.values()].reduce((a, g) => ({ count: a.count + g.count, bytes: a.bytes + g.bytes }), {
      count: 0,
      bytes: 0,
    });
  const [tb, ta] = [total(before), total(after)];
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  console.log(`before: ${tb.count} objects, ${mb(tb.bytes)}; after: ${ta.count} objects, ${mb(ta.bytes)}`);
  const rows = [...new Set([...before.keys(), ...after.keys()])].map((label) => {
    const b = before.get(label) ?? { count: 0, bytes: 0 };
    const a = after.get(label) ?? { count: 0, bytes: 0 };
    return { label, b, a, dCount: a.count - b.count, dBytes: a.bytes - b.bytes };
  });
  const print = (title: string, sorted: typeof rows) => {
    console.log(`\n${title}`);
    console.log('   count before    count after         delta   bytes delta  group');
    for (const r of sorted.slice(0, limit)) {
      console.log(
        `${String(r.b.count).padStart(14)} ${String(r.a.count).padStart(14)} ${(r.dCount >= 0 ? '+' : '') + r.dCount}`.padEnd(
          44,
        ) + `${mb(r.dBytes).padStart(12)}  ${r.label}`,
      );
    }
  };
  print(
    'largest growth in bytes',
    [...rows].sort((x, y) => y.dBytes - x.dBytes),
  );
  print(
    'largest growth in count',
    [...rows].sort((x, y) => y.dCount - x.dCount),
  );
}

main();
