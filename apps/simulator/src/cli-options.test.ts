import { describe, expect, it } from 'vitest';
import { parseCli } from './cli-options.js';

describe('parseCli', () => {
  it('defaults a headless run to both policies on the in-process console, dispatching while taking the call', () => {
    const o = parseCli(['--', '--headless', '--hours', '4']);
    expect(o).toMatchObject({
      headless: true,
      engine: 'local',
      policies: ['road', 'straight'],
      dispatchAt: 'ready',
      hours: 4,
      seed: 110,
      url: null,
    });
    expect(parseCli(['--headless', '--engine', 'server']).engine).toBe('server');
    expect(parseCli(['--headless', '--policy', 'straight,road']).policies).toEqual(['straight', 'road']);
    expect(parseCli(['--headless', '--policy', 'all']).policies).toEqual(['road', 'straight']);
    expect(parseCli(['--headless', '--dispatch-at', 'end-of-call']).dispatchAt).toBe('end-of-call');
  });

  it('needs a URL and one policy for live mode, which runs against a server', () => {
    expect(() => parseCli([])).toThrow(/--url/);
    expect(parseCli(['--url', 'http://x:1/']).url).toBe('http://x:1');
    expect(parseCli(['--url', 'http://x:1'])).toMatchObject({
      policies: ['road'],
      engine: 'server',
      speed: 1,
    });
    expect(() => parseCli(['--url', 'http://x:1', '--policy', 'both'])).toThrow();
    expect(() => parseCli(['--url', 'http://x:1', '--engine', 'local'])).toThrow(/server/);
    expect(() => parseCli(['--headless', '--url', 'http://x:1'])).toThrow(/--engine server/);
  });

  it('rejects bad numbers, policies, engines and unknown options', () => {
    expect(() => parseCli(['--headless', '--speed', '0'])).toThrow(/speed/);
    expect(() => parseCli(['--headless', '--policy', 'fastest'])).toThrow(/policy/);
    expect(() => parseCli(['--headless', '--policy', 'road,road'])).toThrow(/policy/);
    expect(() => parseCli(['--headless', '--engine', 'mock'])).toThrow(/engine/);
    expect(() => parseCli(['--headless', '--dispatch-at', 'later'])).toThrow(/dispatch-at/);
    expect(() => parseCli(['--headless', '--nope'])).toThrow();
  });
});
