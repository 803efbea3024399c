import { CAR_BACKWARD, CAR_FORWARD } from './network.js';

/** Flags as seen when the segment is walked against its drawn direction. */
export function reverseFlags(flags: number): number {
  const f = flags & ~(CAR_FORWARD | CAR_BACKWARD);
  return f | (flags & CAR_FORWARD ? CAR_BACKWARD : 0) | (flags & CAR_BACKWARD ? CAR_FORWARD : 0);
}

/** Segments grouped into chains between graph nodes. */
export interface Chains {
  /** Per vertex: 1 when it is a graph node. */
  readonly isNode: Uint8Array;
  /** Raw segment index at each new segment position (chains are contiguous). */
  readonly order: Int32Array;
  /** Per new segment position: 1 when the raw segment runs against the chain. */
  readonly reversed: Uint8Array;
  /** Chain `c` holds positions `chainStart[c] .. chainStart[c + 1] - 1`. */
  readonly chainStart: Int32Array;
}

/**
 * Groups raw segments (vertex pairs) into chains. A vertex is a graph node unless exactly two
 * segments meet there with the same rules in the same direction of travel (or it is `forced`,
 * e.g. the via node of a turn restriction); rings without any
 * such vertex get one made up. Every segment ends up in exactly one chain.
 */
export function buildChains(
  vertexCount: number,
  from: Int32Array,
  to: Int32Array,
  flags: Uint8Array,
  forced?: Uint8Array,
): Chains {
  const m = from.length;
  const incStart = new Int32Array(vertexCount + 1);
  for (let s = 0; s < m; s++) {
    incStart[from[s]! + 1]! += 1;
    incStart[to[s]! + 1]! += 1;
  }
  for (let v = 0; v < vertexCount; v++) incStart[v + 1]! += incStart[v]!;
  const inc = new Int32Array(2 * m);
  const fill = incStart.slice(0, vertexCount);
  for (let s = 0; s < m; s++) {
    inc[fill[from[s]!]!++] = s;
    inc[fill[to[s]!]!++] = s;
  }

  const isNode = new Uint8Array(vertexCount);
  for (let v = 0; v < vertexCount; v++) {
    const degree = incStart[v + 1]! - incStart[v]!;
    if (forced?.[v]) {
      isNode[v] = degree > 0 ? 1 : 0;
      continue;
    }
    if (degree !== 2) {
      isNode[v] = degree > 0 ? 1 : 0;
      continue;
    }
    const a = inc[incStart[v]!]!;
    const b = inc[incStart[v]! + 1]!;
    const into = to[a] === v ? flags[a]! : reverseFlags(flags[a]!);
    const out = from[b] === v ? flags[b]! : reverseFlags(flags[b]!);
    if (into !== out) isNode[v] = 1;
  }

  const order = new Int32Array(m);
  const reversed = new Uint8Array(m);
  const used = new Uint8Array(m);
  const chainStart: number[] = [0];
  let pos = 0;
  const walk = (start: number, first: number): void => {
    let cur = start;
    let seg = first;
    for (;;) {
      used[seg] = 1;
      const rev = from[seg] !== cur;
      order[pos] = seg;
      reversed[pos++] = rev ? 1 : 0;
      const next = rev ? from[seg]! : to[seg]!;
      if (isNode[next]) break;
      const i = incStart[next]!;
      const other = inc[i] === seg ? inc[i + 1]! : inc[i]!;
      if (used[other]) break;
      cur = next;
      seg = other;
    }
    chainStart.push(pos);
  };
  for (let v = 0; v < vertexCount; v++) {
    if (!isNode[v]) continue;
    for (let i = incStart[v]!; i < incStart[v + 1]!; i++) if (!used[inc[i]!]) walk(v, inc[i]!);
  }
  // Closed rings of shape vertices: promote one vertex to a node.
  for (let s = 0; s < m; s++) {
    if (used[s]) continue;
    isNode[from[s]!] = 1;
    walk(from[s]!, s);
  }
  return { isNode, order, reversed, chainStart: Int32Array.from(chainStart) };
}
