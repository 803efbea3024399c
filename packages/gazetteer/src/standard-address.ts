/**
 * The centre's own standard-address list (标准地址) as CSV: one row per address with its name,
 * address, aliases, position and key-place category. Every bad row is reported with its row
 * number (1 = the header), the column and the reason; good rows become entries.
 */
import type { GazetteerEntry } from './entry.js';

/** Accepted header names per column (English or Chinese, any case). */
const COLUMNS = {
  code: ['code', 'id', '编码', '编号'],
  name: ['name', '名称'],
  address: ['address', '地址'],
  aliases: ['aliases', 'alias', '别名'],
  lng: ['lng', 'lon', 'longitude', '经度'],
  lat: ['lat', 'latitude', '纬度'],
  keyPlace: ['key_place', 'keyplace', 'category', '重点部位', '类别'],
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: readonly Column[] = ['name', 'lng', 'lat'];

export type StandardAddressProblem =
  'missing_column' | 'empty' | 'too_long' | 'not_a_number' | 'out_of_range' | 'duplicate_code' | 'bad_row';

export interface StandardAddressRejection {
  /** 1-based line of the record in the file (the header is row 1). */
  readonly row: number;
  /** The column's header as written, or null for the row as a whole. */
  readonly column: string | null;
  readonly reason: StandardAddressProblem;
  readonly detail: string;
}

export interface StandardAddressRow {
  readonly row: number;
  readonly code: string;
  readonly name: string;
  readonly address: string | null;
  readonly aliases: readonly string[];
  readonly lng: number;
  readonly lat: number;
  readonly keyPlace: string | null;
}

export interface StandardAddressParse {
  readonly rows: StandardAddressRow[];
  readonly rejected: StandardAddressRejection[];
  /** Data rows read (not counting the header and blank lines). */
  readonly parsed: number;
}

const MAX_TEXT = 200;
const MAX_KEY_PLACE = 32;

/** RFC 4180 records: quoted fields with "" escapes and line breaks, CRLF or LF, BOM dropped. */
export function csvRecords(text: string): { line: number; fields: string[] }[] {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let any = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      any = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      any = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      fields.push(field);
      if (any || field !== '') records.push({ line: recordLine, fields });
      fields = [];
      field = '';
      any = false;
      line++;
      recordLine = line;
    } else {
      field += c;
      any = true;
    }
  }
  if (any || field !== '') {
    fields.push(field);
    records.push({ line: recordLine, fields });
  }
  return records;
}

/** Splits an aliases cell: `;`, `；`, `|` or `、` between names. */
export function splitAliases(cell: string): string[] {
  return [
    ...new Set(
      cell
        .split(/[;；|、]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** Reads the CSV; never throws. A file without the required columns rejects row 1. */
export function parseStandardAddressCsv(text: string): StandardAddressParse {
  const records = csvRecords(text);
  const rejected: StandardAddressRejection[] = [];
  const rows: StandardAddressRow[] = [];
  const header = records[0];
  if (!header) {
    rejected.push({ row: 1, column: null, reason: 'missing_column', detail: 'the file is empty' });
    return { rows, rejected, parsed: 0 };
  }
  const at = new Map<Column, number>();
  header.fields.forEach((h, i) => {
    const name = h.trim().toLowerCase();
    for (const [column, names] of Object.entries(COLUMNS) as [Column, readonly string[]][])
      if (names.includes(name) && !at.has(column)) at.set(column, i);
  });
  const missing = REQUIRED.filter((c) => !at.has(c));
  if (missing.length > 0) {
    for (const c of missing)
      rejected.push({
        row: header.line,
        column: c,
        reason: 'missing_column',
        detail: `no column named ${COLUMNS[c].join(' / ')}`,
      });
    return { rows, rejected, parsed: records.length - 1 };
  }
  const headerName = (c: Column) => header.fields[at.get(c)!]!.trim();
  const codes = new Map<string, number>();
  for (const record of records.slice(1)) {
    const problems: StandardAddressRejection[] = [];
    const cell = (c: Column): string => {
      const i = at.get(c);
      return i === undefined ? '' : (record.fields[i] ?? '').trim();
    };
    const bad = (c: Column | null, reason: StandardAddressProblem, detail: string) =>
      problems.push({ row: record.line, column: c ? headerName(c) : null, reason, detail });
    if (record.fields.length > header.fields.length)
      bad(null, 'bad_row', `${record.fields.length} fields, the header has ${header.fields.length}`);
    const text = (c: Column, required: boolean, max = MAX_TEXT): string | null => {
      const v = cell(c);
      if (v === '') {
        if (required) bad(c, 'empty', 'required');
        return null;
      }
      if ([...v].length > max) bad(c, 'too_long', `more than ${max} characters`);
      return v;
    };
    const coordinate = (c: Column, limit: number): number => {
      const v = cell(c);
      if (v === '') {
        bad(c, 'empty', 'required');
        return NaN;
      }
      const n = /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(v) ? Number(v) : NaN;
      if (!Number.isFinite(n)) bad(c, 'not_a_number', `"${v.slice(0, 40)}" is not a decimal number`);
      else if (Math.abs(n) > limit) bad(c, 'out_of_range', `${n} is outside -${limit}..${limit}`);
      return n;
    };
    const name = text('name', true);
    const address = text('address', false);
    const aliasesCell = text('aliases', false, 1000);
    const lng = coordinate('lng', 180);
    const lat = coordinate('lat', 90);
    const keyPlace = text('keyPlace', false, MAX_KEY_PLACE);
    const code = cell('code') || `${name ?? ''}@${address ?? ''}`;
    const first = codes.get(code);
    if (first !== undefined) bad(at.has('code') ? 'code' : 'name', 'duplicate_code', `same as row ${first}`);
    else codes.set(code, record.line);
    if (problems.length > 0) {
      rejected.push(...problems);
      continue;
    }
    rows.push({
      row: record.line,
      code,
      name: name!,
      address,
      aliases: aliasesCell ? splitAliases(aliasesCell).filter((a) => a !== name) : [],
      lng,
      lat,
      keyPlace,
    });
  }
  return { rows, rejected, parsed: records.length - 1 };
}

/** A standard address as a gazetteer entry. */
export function standardAddressEntry(row: Omit<StandardAddressRow, 'row'>): GazetteerEntry {
  return {
    id: `standard:${row.code}`,
    kind: 'standard_address',
    name: row.name,
    aliases: row.aliases,
    address: row.address,
    lng: row.lng,
    lat: row.lat,
    category: null,
    keyPlace: row.keyPlace,
    source: 'standard',
  };
}
