/**
 * The in-memory search index behind the location box. Every entry's name, aliases and address
 * become normalised keys (see normalize.ts), plus the full pinyin and the pinyin initials of the
 * name and aliases. Three inverted lists over the keys answer a query:
 *
 * - character bigrams of the name, alias, address and initials keys: a key contains the query
 *   (and so also starts with it) only if it holds all of the query's bigrams. Chinese needs no
 *   word spaces for this and any part of a name matches;
 * - the first character of those keys, for a one-character query;
 * - the first two and three letters of the full-pinyin keys (none for house addresses; not split into bigrams: pinyin
 *   triples a key's length), so `jiefang` and the homophones of a mistyped character
 *   (介放路 reads jiefanglu too) find 解放路.
 *
 * A query with few hits is retried typo-tolerant: keys that share enough bigrams with it are
 * compared by edit distance to their best-matching part (fuzzy.ts).
 *
 * Ranking: the match quality (tier) first; with a point given, each 5 km of distance costs one
 * tier, capped at 3, so a contained match at the caller's street beats a prefix match across the
 * city, and among equal matches the nearer wins. Then shorter names (a closer match), then key order.
 */
import type { LngLat } from '@dispatch/domain';
import { haversineRaw } from './geo.js';
import type { GazetteerEntry, GazetteerKind } from './entry.js';
import { GAZETTEER_KINDS } from './entry.js';
import { substringDistance } from './fuzzy.js';
import { hasCjk, normalizeText } from './normalize.js';
import { pinyinForms } from './pinyin.js';
import { IntList, intersect, PostingsBuilder, type Postings } from './postings.js';

/** How a hit matched, best first. */
export type MatchKind =
  | 'exact'
  | 'prefix'
  | 'address_prefix'
  | 'contains'
  | 'address_contains'
  | 'pinyin'
  | 'initials'
  | 'initials_contains'
  | 'fuzzy';

const TIERS: readonly MatchKind[] = [
  'exact',
  'prefix',
  'address_prefix',
  'contains',
  'address_contains',
  'pinyin',
  'initials',
  'initials_contains',
  'fuzzy',
];
const T_EXACT = 0;
const T_PREFIX = 1;
const T_ADDRESS_PREFIX = 2;
const T_CONTAINS = 3;
const T_ADDRESS_CONTAINS = 4;
const T_PINYIN = 5;
const T_INITIALS = 6;
const T_INITIALS_CONTAINS = 7;
const T_FUZZY = 8;
const NONE = 255;

/** Which text of the entry a key was made from. */
const F_NAME = 0;
const F_ALIAS = 1;
const F_ADDRESS = 2;
const F_PINYIN = 3;
const F_INITIALS = 4;

/** Meters of distance that cost one tier of match quality, and the most distance may cost. */
const METERS_PER_TIER = 5000;
const MAX_DISTANCE_TIERS = 3;
/** Keys compared by edit distance at most per query (those sharing the most bigrams first). */
const MAX_FUZZY_CANDIDATES = 20_000;

export interface SearchOptions {
  /** The map view's centre or the caller's location: nearer hits rank higher. */
  readonly near?: LngLat;
  /** Hits returned (default 10, at most 100). */
  readonly limit?: number;
  /** Only these kinds (default all). */
  readonly kinds?: readonly GazetteerKind[];
}

export interface SearchHit {
  readonly entry: GazetteerEntry;
  readonly match: MatchKind;
  /** The name, alias or address that matched (as written, not normalised). */
  readonly matched: string;
  /** From `near`, when given. */
  readonly distanceMeters: number | null;
  /** Lower is better: tier plus the distance's share (see the module comment). */
  readonly score: number;
}

export interface IndexStats {
  readonly entries: number;
  readonly keys: number;
  readonly bigrams: number;
  readonly postings: number;
}

const bigramOf = (s: string, i: number): number => (s.charCodeAt(i) << 16) | s.charCodeAt(i + 1) | 0;

/**
 * Search index over gazetteer entries, built once (`new GazetteerIndex(entries)`) and immutable.
 * Not re-entrant across threads (it reuses scratch buffers), which JavaScript never is.
 */
export class GazetteerIndex {
  readonly entries: readonly GazetteerEntry[];
  private readonly lng: Float64Array;
  private readonly lat: Float64Array;
  private readonly kindOf: Uint8Array;
  private readonly keyText: string[] = [];
  private readonly keyEntry: Int32Array;
  private readonly keyField: Uint8Array;
  /** For alias keys the alias index; -1 otherwise (pinyin keys: of the name; -2 - i: of alias i). */
  private readonly keySource: Int32Array;
  private readonly bigrams: ReadonlyMap<number, number>;
  private readonly bigramLists: Postings;
  private readonly first: ReadonlyMap<number, number>;
  private readonly firstLists: Postings;
  private readonly pinyin2: ReadonlyMap<number, number>;
  private readonly pinyin2Lists: Postings;
  private readonly pinyin3: ReadonlyMap<string, number>;
  private readonly pinyin3Lists: Postings;
  // Scratch per query.
  private readonly bestTier: Uint8Array;
  private readonly bestKey: Int32Array;
  private readonly touched: Int32Array;
  private touchedCount = 0;
  private readonly gramHits: Uint8Array;

  constructor(entries: readonly GazetteerEntry[]) {
    this.entries = entries;
    const n = entries.length;
    this.lng = new Float64Array(n);
    this.lat = new Float64Array(n);
    this.kindOf = new Uint8Array(n);
    const keyEntry = new IntList(n * 4 + 16);
    const keyField = new IntList(n * 4 + 16);
    const keySource = new IntList(n * 4 + 16);
    const bigrams = new PostingsBuilder<number>();
    const first = new PostingsBuilder<number>();
    const pinyin2 = new PostingsBuilder<number>();
    const pinyin3 = new PostingsBuilder<string>();
    const seen = new Set<string>();
    for (let e = 0; e < n; e++) {
      const entry = entries[e]!;
      this.lng[e] = entry.lng;
      this.lat[e] = entry.lat;
      this.kindOf[e] = GAZETTEER_KINDS.indexOf(entry.kind);
      seen.clear();
      const addKey = (text: string, field: number, source: number): void => {
        if (text === '' || seen.has(`${field < F_PINYIN ? 0 : field}:${text}`)) return;
        seen.add(`${field < F_PINYIN ? 0 : field}:${text}`);
        const k = this.keyText.length;
        this.keyText.push(text);
        keyEntry.push(e);
        keyField.push(field);
        keySource.push(source);
        if (field === F_PINYIN) {
          if (text.length >= 2) pinyin2.add(bigramOf(text, 0), k);
          if (text.length >= 3) pinyin3.add(text.slice(0, 3), k);
          return;
        }
        first.add(text.charCodeAt(0), k);
        for (let i = 0; i + 1 < text.length; i++) bigrams.add(bigramOf(text, i), k);
      };
      const named = (text: string, field: number, source: number): void => {
        const norm = normalizeText(text);
        addKey(norm, field, source);
        // House addresses get no pinyin: their road has it, and they are half of a city's entries.
        const py = entry.kind === 'address' ? null : pinyinForms(norm);
        if (py) {
          addKey(py.full, F_PINYIN, source);
          addKey(py.initials, F_INITIALS, source);
        }
      };
      named(entry.name, F_NAME, -1);
      entry.aliases.forEach((alias, i) => named(alias, F_ALIAS, i));
      if (entry.address) addKey(normalizeText(entry.address), F_ADDRESS, -1);
    }
    this.keyEntry = keyEntry.toArray();
    this.keyField = Uint8Array.from(keyField.toArray());
    this.keySource = keySource.toArray();
    const b = bigrams.finish();
    this.bigrams = b.ids;
    this.bigramLists = b;
    const f = first.finish();
    this.first = f.ids;
    this.firstLists = f;
    const p2 = pinyin2.finish();
    this.pinyin2 = p2.ids;
    this.pinyin2Lists = p2;
    const p3 = pinyin3.finish();
    this.pinyin3 = p3.ids;
    this.pinyin3Lists = p3;
    this.bestTier = new Uint8Array(n).fill(NONE);
    this.bestKey = new Int32Array(n);
    this.touched = new Int32Array(n);
    this.gramHits = new Uint8Array(this.keyText.length);
  }

  get stats(): IndexStats {
    return {
      entries: this.entries.length,
      keys: this.keyText.length,
      bigrams: this.bigrams.size,
      postings:
        this.bigramLists.postings.length +
        this.firstLists.postings.length +
        this.pinyin2Lists.postings.length +
        this.pinyin3Lists.postings.length,
    };
  }

  /** The best `limit` entries for what the call-taker has typed so far. Empty text finds nothing. */
  search(text: string, options: SearchOptions = {}): SearchHit[] {
    const q = normalizeText(text);
    const limit = Math.max(1, Math.min(100, Math.floor(options.limit ?? 10)));
    if (q === '') return [];
    const kindMask = options.kinds
      ? options.kinds.reduce((m, k) => m | (1 << GAZETTEER_KINDS.indexOf(k)), 0)
      : 0xff;
    this.touchedCount = 0;
    try {
      this.collect(q, kindMask, limit);
      if (this.touchedCount < limit && q.length >= 3) this.collectFuzzy(q, kindMask);
      return this.rank(limit, options.near ?? null);
    } finally {
      for (let i = 0; i < this.touchedCount; i++) this.bestTier[this.touched[i]!] = NONE;
      this.touchedCount = 0;
    }
  }

  private consider(k: number, tier: number, kindMask: number): void {
    const e = this.keyEntry[k]!;
    if (((1 << this.kindOf[e]!) & kindMask) === 0) return;
    const best = this.bestTier[e]!;
    if (best === NONE) this.touched[this.touchedCount++] = e;
    if (tier < best) {
      this.bestTier[e] = tier;
      this.bestKey[e] = k;
    }
  }

  /** Tier of a key that starts with (or equals) the query. */
  private prefixTier(k: number, exact: boolean): number {
    switch (this.keyField[k]) {
      case F_NAME:
      case F_ALIAS:
        return exact ? T_EXACT : T_PREFIX;
      case F_ADDRESS:
        return T_ADDRESS_PREFIX;
      case F_PINYIN:
        return T_PINYIN;
      default:
        return T_INITIALS;
    }
  }

  private containsTier(k: number): number {
    switch (this.keyField[k]) {
      case F_ADDRESS:
        return T_ADDRESS_CONTAINS;
      case F_INITIALS:
        return T_INITIALS_CONTAINS;
      default:
        return T_CONTAINS;
    }
  }

  private list(p: Postings, id: number | undefined): Int32Array {
    if (id === undefined) return new Int32Array(0);
    return p.postings.subarray(p.offsets[id]!, p.offsets[id + 1]!);
  }

  private collect(q: string, kindMask: number, limit: number): void {
    const keyText = this.keyText;
    if (q.length === 1) {
      for (const k of this.list(this.firstLists, this.first.get(q.charCodeAt(0))))
        this.consider(k, this.prefixTier(k, keyText[k]!.length === 1), kindMask);
    } else {
      const lists: Int32Array[] = [];
      for (let i = 0; i + 1 < q.length; i++)
        lists.push(this.list(this.bigramLists, this.bigrams.get(bigramOf(q, i))));
      const single = q.length === 2;
      for (const k of intersect(lists)) {
        const t = keyText[k]!;
        if (t.startsWith(q)) this.consider(k, this.prefixTier(k, t.length === q.length), kindMask);
        else if (single || t.includes(q)) this.consider(k, this.containsTier(k), kindMask);
      }
    }
    // Full pinyin: what was typed in pinyin, or (too few hits) the reading of what was typed in
    // characters: a wrong character of the same sound is the commonest slip of a pinyin IME.
    const spoken = pinyinForms(q)?.full;
    if (spoken === undefined) this.collectPinyin(q, kindMask);
    else if (this.touchedCount < limit) this.collectPinyin(spoken, kindMask);
  }

  private collectPinyin(p: string, kindMask: number): void {
    if (p.length < 2) return;
    const keys =
      p.length === 2
        ? this.list(this.pinyin2Lists, this.pinyin2.get(bigramOf(p, 0)))
        : this.list(this.pinyin3Lists, this.pinyin3.get(p.slice(0, 3)));
    const keyText = this.keyText;
    for (const k of keys) if (keyText[k]!.startsWith(p)) this.consider(k, T_PINYIN, kindMask);
  }

  /** Keys within 1 edit (2 from 6 characters on) of the query, found through shared bigrams. */
  private collectFuzzy(q: string, kindMask: number): void {
    const maxEdits = q.length >= 6 ? 2 : 1;
    // Latin text carries less per character than Chinese: no typo search before 4 letters.
    if (!hasCjk(q) && q.length < 4) return;
    const grams = new Set<number>();
    for (let i = 0; i + 1 < q.length; i++) grams.add(bigramOf(q, i));
    // Each edit breaks at most two of the query's bigrams. Bigrams held by a large share of
    // all keys (小区, 1号) say little and cost most: they are not counted, and a query made of
    // them only gets no typo search.
    const common = Math.max(5000, this.keyText.length >> 8);
    const lists = [...grams]
      .map((g) => this.list(this.bigramLists, this.bigrams.get(g)))
      .filter((l) => l.length <= common);
    const skipped = grams.size - lists.length;
    let threshold = Math.max(1, grams.size - skipped - 2 * maxEdits);
    if (lists.length === 0) return;
    const hits = this.gramHits;
    const touchedKeys = new IntList(4096);
    for (const list of lists) {
      for (const k of list) {
        if (hits[k] === 0) touchedKeys.push(k);
        if (hits[k]! < 255) hits[k]! += 1;
      }
    }
    const keys = touchedKeys.data;
    try {
      // Too many candidates: keep those sharing the most bigrams.
      const byCount = new Int32Array(lists.length + 2);
      for (let i = 0; i < touchedKeys.length; i++) byCount[Math.min(lists.length, hits[keys[i]!]!)]! += 1;
      let kept = 0;
      for (let c = lists.length; c >= 1; c--) {
        if (kept + byCount[c]! > MAX_FUZZY_CANDIDATES && c > threshold) {
          threshold = c + 1;
          break;
        }
        kept += byCount[c]!;
      }
      const keyText = this.keyText;
      for (let i = 0; i < touchedKeys.length; i++) {
        const k = keys[i]!;
        if (hits[k]! < threshold) continue;
        const field = this.keyField[k]!;
        if (field !== F_NAME && field !== F_ALIAS) continue;
        if (substringDistance(q, keyText[k]!, maxEdits) <= maxEdits) this.consider(k, T_FUZZY, kindMask);
      }
    } finally {
      for (let i = 0; i < touchedKeys.length; i++) hits[keys[i]!] = 0;
    }
  }

  private rank(limit: number, near: LngLat | null): SearchHit[] {
    // The best `limit` by (score, name length, entry order), kept sorted in small arrays.
    const topE: number[] = [];
    const topS: number[] = [];
    const entries = this.entries;
    const better = (s: number, len: number, e: number, j: number): boolean => {
      const sj = topS[j]!;
      if (s !== sj) return s < sj;
      const lj = entries[topE[j]!]!.name.length;
      return len !== lj ? len < lj : e < topE[j]!;
    };
    // Equirectangular meters around `near` (well under 1% off across a city); haversine for the hits.
    const mLat = 111_195;
    const mLng = near ? mLat * Math.cos((near[1] * Math.PI) / 180) : 0;
    const { lng, lat } = this;
    for (let i = 0; i < this.touchedCount; i++) {
      const e = this.touched[i]!;
      let s = this.bestTier[e]!;
      if (near) {
        const dx = (lng[e]! - near[0]) * mLng;
        const dy = (lat[e]! - near[1]) * mLat;
        s += Math.min(MAX_DISTANCE_TIERS, Math.sqrt(dx * dx + dy * dy) / METERS_PER_TIER);
      }
      const len = entries[e]!.name.length;
      if (topE.length === limit && !better(s, len, e, limit - 1)) continue;
      let j = topE.length;
      while (j > 0 && better(s, len, e, j - 1)) j--;
      topE.splice(j, 0, e);
      topS.splice(j, 0, s);
      if (topE.length > limit) {
        topE.pop();
        topS.pop();
      }
    }
    return topE.map((e, i) => {
      const k = this.bestKey[e]!;
      const entry = this.entries[e]!;
      return {
        entry,
        match: TIERS[this.bestTier[e]!]!,
        matched: this.sourceText(entry, k),
        distanceMeters: near ? haversineRaw(near[0], near[1], entry.lng, entry.lat) : null,
        score: topS[i]!,
      };
    });
  }

  private sourceText(entry: GazetteerEntry, k: number): string {
    const field = this.keyField[k]!;
    if (field === F_ADDRESS) return entry.address ?? entry.name;
    const source = this.keySource[k]!;
    return source >= 0 ? (entry.aliases[source] ?? entry.name) : entry.name;
  }
}
