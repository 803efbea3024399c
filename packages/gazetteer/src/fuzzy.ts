/**
 * Approximate substring matching (Sellers' algorithm with adjacent transpositions): the fewest
 * insertions, deletions, substitutions or swaps of neighbours that turn the query into some
 * substring of the text.
 */
let prev2 = new Int32Array(64);
let prev = new Int32Array(64);
let cur = new Int32Array(64);

/** Edit distance of `query` to its best-matching substring of `text`, or `max + 1` beyond `max`. */
export function substringDistance(query: string, text: string, max: number): number {
  const m = query.length;
  if (m === 0) return 0;
  if (prev.length <= m) {
    prev2 = new Int32Array(m * 2 + 2);
    prev = new Int32Array(m * 2 + 2);
    cur = new Int32Array(m * 2 + 2);
  }
  // Column j = text position; row i = query prefix. Row 0 is 0 everywhere: a match may start anywhere.
  for (let i = 0; i <= m; i++) prev[i] = i;
  let best = prev[m]!;
  for (let j = 1; j <= text.length; j++) {
    const tc = text.charCodeAt(j - 1);
    cur[0] = 0;
    for (let i = 1; i <= m; i++) {
      const qc = query.charCodeAt(i - 1);
      let v = Math.min(prev[i]! + 1, cur[i - 1]! + 1, prev[i - 1]! + (qc === tc ? 0 : 1));
      if (
        i > 1 &&
        j > 1 &&
        qc === text.charCodeAt(j - 2) &&
        query.charCodeAt(i - 2) === tc &&
        prev2[i - 2]! + 1 < v
      )
        v = prev2[i - 2]! + 1;
      cur[i] = v;
    }
    if (cur[m]! < best) best = cur[m]!;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return best > max ? max + 1 : best;
}
