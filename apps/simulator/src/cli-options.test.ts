import { describe, expect, it } from 'vitest';
import { parseCli } from './cli-options.js';

describe('parseCli', () => {
  it('defaults a headless run to both policies at x60', () => {
    const o = parseCli(['--', '--headless', '--hours', '4']);
    expect(o).toMatchObject({
      headless: true,
      policies: ['road', 'straight'],
      hours: 4,
      speed: 60,
      seed: 110,
      url: null,
    });
  });

  it('needs a URL for live mode and one policy there', () => {
    expect(() => parseCli([])).toThrow(/--url/);
    expect(parseCli(['--url', 'http://x:1/']).url).toBe('http://x:1');
    expect(parseCli(['--url', 'http://x:1']).policies).toEqual(['road']);
    expect(() => parseCli(['--url', 'http://x:1', '--policy', 'both'])).toThrow();
  });

  it('rejects bad numbers and unknown options', () => {
    expect(() => parseCli(['--headless', '--speed', '0'])).toThrow(/speed/);
    expect(() => parseCli(['--headless', '--policy', 'fastest'])).toThrow(/policy/);
    expect(() => parseCli(['--headless', '--nope'])).toThrow();
  });
});
