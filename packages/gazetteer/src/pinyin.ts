/**
 * Full pinyin and pinyin initials of a name (pinyin-pro), toneless, without spaces:
 * 人民医院 -> renminyiyuan / rmyy. Latin letters and digits are kept as they are.
 *
 * pinyin-pro reads a whole phrase to pick the reading of a polyphonic character (重庆 chongqing,
 * 重要 zhongyao) but costs ~13 µs a name. Most names have no polyphonic character; they are
 * spelt from a per-character table, and only the others go through pinyin-pro's phrase reading.
 */
import { pinyin, polyphonic } from 'pinyin-pro';
import { hasCjk } from './normalize.js';

interface CharReading {
  full: string;
  initial: string;
  polyphonic: boolean;
}

const readings = new Map<string, CharReading>();
const IDEOGRAPH = /[\u3400-\u9fff\uf900-\ufaff]/;

function readingOf(ch: string): CharReading {
  let r = readings.get(ch);
  if (r === undefined) {
    if (!IDEOGRAPH.test(ch)) r = { full: ch, initial: ch, polyphonic: false };
    else {
      const full = pinyin(ch, { toneType: 'none', type: 'array', v: true })[0] ?? ch;
      const many = (polyphonic(ch, { toneType: 'none', type: 'array' })[0] ?? []).length > 1;
      r = { full, initial: full.charAt(0), polyphonic: many };
    }
    readings.set(ch, r);
  }
  return r;
}

/** Pinyin spellings of normalised text; null when it has no CJK character. */
export function pinyinForms(normalized: string): { full: string; initials: string } | null {
  if (!hasCjk(normalized)) return null;
  let full = '';
  let initials = '';
  let needsPhrase = false;
  for (const ch of normalized) {
    const r = readingOf(ch);
    if (r.polyphonic) {
      needsPhrase = true;
      break;
    }
    full += r.full;
    initials += r.initial;
  }
  if (!needsPhrase) return { full, initials };
  const syllables = pinyin(normalized, { toneType: 'none', type: 'array', v: true, nonZh: 'consecutive' });
  full = syllables.join('');
  initials = syllables.map((s) => (IDEOGRAPH.test(s) ? s : /^[a-z]+$/.test(s) ? s.charAt(0) : s)).join('');
  return { full, initials };
}
