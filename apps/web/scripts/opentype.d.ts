/** opentype.js ships no types; the glyph script uses `parse` and narrows what it reads. */
declare module 'opentype.js' {
  const opentype: { parse(buffer: ArrayBuffer): unknown };
  export default opentype;
}
