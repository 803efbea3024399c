import { describe, expect, it } from 'vitest';
import { parseCli } from './cli-options.js';

describe('parseCli', () => {
  it('defaults a headless run to both policies on the in-process console, dispatching while taking the call', () => {
    const o = parseCli(['--', '--headless', '--hours', '4']);
    expect(o).toMatchObject({
      headless: true,
      engine: 'local',
      policies: ['closest', 'straight'],
      dispatchAt: 'ready',
      hours: 4,
      seed: 110,
      seeds: 1,
      fleetShare: 1,
      url: null,
    });
    expect(parseCli(['--headless', '--engine', 'server']).engine).toBe('server');
    // `road` is the old name of `closest`.
    expect(parseCli(['--headless', '--policy', 'straight,road']).policies).toEqual(['straight', 'closest']);
    expect(parseCli(['--headless', '--policy', 'all']).policies).toEqual([
      'closest',
      'straight',
      'closest+standby',
      'closest+standby+moveup',
    ]);
    expect(parseCli(['--headless', '--dispatch-at', 'end-of-call']).dispatchAt).toBe('end-of-call');
  });

  it('needs a URL and one policy for live mode, which runs against a server', () => {
    expect(() => parseCli([])).toThrow(/--url/);
    expect(parseCli(['--url', 'http://x:1/']).url).toBe('http://x:1');
    expect(parseCli(['--url', 'http://x:1'])).toMatchObject({
      policies: ['closest'],
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
    expect(() => parseCli(['--headless', '--policy', 'road,closest'])).toThrow(/policy/);
    expect(() => parseCli(['--headless', '--engine', 'mock'])).toThrow(/engine/);
    expect(() => parseCli(['--headless', '--dispatch-at', 'later'])).toThrow(/dispatch-at/);
    expect(() => parseCli(['--headless', '--nope'])).toThrow();
  });

  it('takes several seeds and a thinner fleet for the coverage comparison', () => {
    const o = parseCli([
      '--headless',
      '--policy',
      'closest,closest+standby,closest+standby+moveup',
      '--seeds',
      '5',
      '--fleet',
      '0.6',
    ]);
    expect(o).toMatchObject({ seed: 110, seeds: 5, fleetShare: 0.6 });
    expect(o.policies).toEqual(['closest', 'closest+standby', 'closest+standby+moveup']);
    expect(() => parseCli(['--headless', '--seeds', '0'])).toThrow(/seeds/);
    expect(() => parseCli(['--headless', '--fleet', '1.5'])).toThrow(/fleet/);
    expect(() => parseCli(['--url', 'http://x:1', '--seeds', '2'])).toThrow(/--headless/);
    expect(() => parseCli(['--headless', '--policy', 'closest+standby', '--utc-offset', '5.5'])).toThrow(
      /whole-hour/,
    );
  });
});
