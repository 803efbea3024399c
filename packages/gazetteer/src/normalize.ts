/**
 * Text as the index compares it: full-width folded (NFKC), lower case, traditional characters to
 * simplified (OpenCC's character table, opencc-js `t2cn`), and everything that is not a letter or
 * digit dropped, so 「解放路 / 人民路」, 「解放路人民路」 and 「解放路、人民路」 read the same and no word spaces
 * are needed.
 */
import * as OpenCC from 'opencc-js/t2cn';

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
/** Per code point, its simplified form: a city's names use a few thousand distinct characters. */
const simplifiedChar = new Map<string, string>();
const NOT_TEXT = /[^\p{L}\p{N}]+/gu;
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Characters of the CJK unified ideograph blocks (the text pinyin applies to). */
export function hasCjk(text: string): boolean {
  return CJK.test(text);
}

function simplify(text: string): string {
  if (!hasCjk(text)) return text;
  let out = '';
  for (const ch of text) {
    let s = simplifiedChar.get(ch);
    if (s === undefined) {
      s = CJK.test(ch) ? toSimplified(ch) : ch;
      simplifiedChar.set(ch, s);
    }
    out += s;
  }
  return out;
}

/** The comparable form of a name or a query (may be empty). */
export function normalizeText(text: string): string {
  return simplify(text.normalize('NFKC').toLowerCase()).replace(NOT_TEXT, '');
}
