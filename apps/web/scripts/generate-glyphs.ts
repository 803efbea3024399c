/**
 * Writes the basemap's glyph ranges (MapLibre SDF glyph PBFs) into public/glyphs/<fontstack>/,
 * so the console draws Latin labels with no glyph server. Pure JavaScript (opentype.js reads the
 * font; each pixel's signed distance to the outline is computed exactly), so it runs anywhere
 * Node does; fontnik, the usual tool, needs a native build that cannot be downloaded here. The
 * output is committed: regenerate only to change fonts or ranges.
 *
 *   pnpm --filter @dispatch/web glyphs [regular.ttf bold.ttf]
 *
 * Metrics follow node-fontnik (24 px em, 3 px border, radius 8, cutoff 0.25), the format
 * MapLibre reads. CJK is drawn by the browser (`localIdeographFontFamily`), so only Latin,
 * Latin Extended and general punctuation ranges are written.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import opentype from 'opentype.js';

const FONT_SIZE = 24;
const BORDER = 3;
const RADIUS = 8;
const CUTOFF = 0.25;
/** Range starts (of 256 code points each). */
const RANGES = [0, 256, 8192];

interface PathCommand {
  type: 'M' | 'L' | 'Q' | 'C' | 'Z';
  x?: number;
  y?: number;
  x1?: number;
  y1?: number;
  x2?: number;
  y2?: number;
}
interface Glyph {
  index: number;
  advanceWidth?: number;
  getPath(x: number, y: number, fontSize: number): { commands: PathCommand[] };
}
interface Font {
  unitsPerEm: number;
  ascender: number;
  charToGlyph(char: string): Glyph;
}

type Segment = [number, number, number, number];

/** The outline as straight segments in pixels, y up, baseline at 0. */
function outline(glyph: Glyph): Segment[] {
  const segments: Segment[] = [];
  let sx = 0;
  let sy = 0;
  let cx = 0;
  let cy = 0;
  const line = (x: number, y: number) => {
    if (x !== cx || y !== cy) segments.push([cx, cy, x, y]);
    cx = x;
    cy = y;
  };
  // opentype.js paths are y-down; flip to y-up.
  for (const c of glyph.getPath(0, 0, FONT_SIZE).commands) {
    const x = c.x ?? 0;
    const y = -(c.y ?? 0);
    switch (c.type) {
      case 'M':
        sx = cx = x;
        sy = cy = y;
        break;
      case 'L':
        line(x, y);
        break;
      case 'Q': {
        const [x0, y0, x1, y1] = [cx, cy, c.x1!, -c.y1!];
        for (let i = 1; i <= 8; i++) {
          const t = i / 8;
          const u = 1 - t;
          line(u * u * x0 + 2 * u * t * x1 + t * t * x, u * u * y0 + 2 * u * t * y1 + t * t * y);
        }
        break;
      }
      case 'C': {
        const [x0, y0, x1, y1, x2, y2] = [cx, cy, c.x1!, -c.y1!, c.x2!, -c.y2!];
        for (let i = 1; i <= 12; i++) {
          const t = i / 12;
          const u = 1 - t;
          line(
            u * u * u * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x,
            u * u * u * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y,
          );
        }
        break;
      }
      case 'Z':
        line(sx, sy);
        break;
    }
  }
  return segments;
}

function segmentDistance(px: number, py: number, [x0, y0, x1, y1]: Segment): number {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / len));
  return Math.hypot(px - (x0 + t * dx), py - (y0 + t * dy));
}

/** Non-zero winding: TrueType outlines fill by it. */
function inside(px: number, py: number, segments: Segment[]): boolean {
  let winding = 0;
  for (const [x0, y0, x1, y1] of segments) {
    if (y0 <= py ? y1 > py : y1 <= py) {
      const x = x0 + ((py - y0) / (y1 - y0)) * (x1 - x0);
      if (x > px) winding += y1 > y0 ? 1 : -1;
    }
  }
  return winding !== 0;
}

interface GlyphRecord {
  id: number;
  bitmap: Uint8Array;
  width: number;
  height: number;
  left: number;
  top: number;
  advance: number;
}

function rasterize(font: Font, codePoint: number): GlyphRecord | null {
  const glyph = font.charToGlyph(String.fromCodePoint(codePoint));
  if (!glyph || glyph.index === 0) return null;
  const scale = FONT_SIZE / font.unitsPerEm;
  const advance = Math.round((glyph.advanceWidth ?? 0) * scale);
  const segments = outline(glyph);
  const ascender = Math.round(font.ascender * scale);
  if (segments.length === 0)
    return {
      id: codePoint,
      bitmap: new Uint8Array(0),
      width: 0,
      height: 0,
      left: 0,
      top: -ascender,
      advance,
    };
  let xMin = Infinity;
  let yMin = Infinity;
  let xMax = -Infinity;
  let yMax = -Infinity;
  for (const [x0, y0, x1, y1] of segments) {
    xMin = Math.min(xMin, x0, x1);
    xMax = Math.max(xMax, x0, x1);
    yMin = Math.min(yMin, y0, y1);
    yMax = Math.max(yMax, y0, y1);
  }
  const left = Math.floor(xMin);
  const bottom = Math.floor(yMin);
  const top = Math.ceil(yMax);
  const width = Math.ceil(xMax) - left;
  const height = top - bottom;
  const w = width + 2 * BORDER;
  const h = height + 2 * BORDER;
  const bitmap = new Uint8Array(w * h);
  for (let j = 0; j < h; j++) {
    for (let i = 0; i < w; i++) {
      const px = left - BORDER + i + 0.5;
      const py = top + BORDER - j - 0.5;
      let d = Infinity;
      for (const s of segments) d = Math.min(d, segmentDistance(px, py, s));
      const signed = inside(px, py, segments) ? -d : d;
      bitmap[j * w + i] = Math.max(0, Math.min(255, Math.round(255 - 255 * (signed / RADIUS + CUTOFF))));
    }
  }
  return { id: codePoint, bitmap, width, height, left, top: top - ascender, advance };
}

/** Minimal protobuf writer for glyphs.proto (fontstack: name 1, range 2, glyphs 3). */
class Writer {
  private bytes: number[] = [];
  varint(n: number): this {
    let v = n >>> 0;
    while (v > 127) {
      this.bytes.push((v & 127) | 128);
      v >>>= 7;
    }
    this.bytes.push(v);
    return this;
  }
  tag(field: number, wire: number): this {
    return this.varint((field << 3) | wire);
  }
  uint(field: number, n: number): this {
    return this.tag(field, 0).varint(n);
  }
  sint(field: number, n: number): this {
    return this.tag(field, 0).varint((n << 1) ^ (n >> 31));
  }
  bytesField(field: number, data: Uint8Array | number[]): this {
    this.tag(field, 2).varint(data.length);
    for (const b of data) this.bytes.push(b);
    return this;
  }
  string(field: number, s: string): this {
    return this.bytesField(field, [...new TextEncoder().encode(s)]);
  }
  finish(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

function encodeRange(name: string, start: number, glyphs: GlyphRecord[]): Uint8Array {
  const stack = new Writer().string(1, name).string(2, `${start}-${start + 255}`);
  for (const g of glyphs) {
    const glyph = new Writer().uint(1, g.id);
    if (g.bitmap.length > 0) glyph.bytesField(2, g.bitmap);
    glyph.uint(3, g.width).uint(4, g.height).sint(5, g.left).sint(6, g.top).uint(7, g.advance);
    stack.bytesField(3, glyph.finish());
  }
  return new Writer().bytesField(1, stack.finish()).finish();
}

const here = path.dirname(new URL(import.meta.url).pathname);
const out = path.join(here, '../public/glyphs');
const [
  regular = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  bold = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
] = process.argv.slice(2);
for (const [name, file] of [
  ['DejaVuSans', regular],
  ['DejaVuSans-Bold', bold],
] as const) {
  const data = readFileSync(file);
  const font = opentype.parse(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)) as Font;
  mkdirSync(path.join(out, name), { recursive: true });
  for (const start of RANGES) {
    const glyphs: GlyphRecord[] = [];
    for (let cp = start; cp < start + 256; cp++) {
      const g = rasterize(font, cp);
      if (g) glyphs.push(g);
    }
    const pbf = encodeRange(name, start, glyphs);
    writeFileSync(path.join(out, name, `${start}-${start + 255}.pbf`), pbf);
    console.log(`${name} ${start}-${start + 255}: ${glyphs.length} glyphs, ${pbf.length} bytes`);
  }
}
