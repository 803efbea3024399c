import { describe, expect, it } from 'vitest';
import type { Hotspot } from '@dispatch/demo-city';
import { INCIDENT_TYPES } from '@dispatch/domain';
import { callRates, generateCalls, type CallStreamOptions } from './call-generator.js';
import { CITY_HOURLY_PROFILE, DISPATCH_READY_SECONDS } from './call-mix.js';
import { median } from '@dispatch/domain';

const flat = Array.from({ length: 24 }, () => 1);
const nightOnly = Array.from({ length: 24 }, (_, h) => (h >= 20 || h < 2 ? 4 : 0));

const hotspot = (code: string, hourlyProfile: number[], weight = 0.5): Hotspot => ({
  code,
  name: `hot ${code}`,
  kind: 'bar_street',
  lngLat: [120.15, 30.27],
  radiusMeters: 200,
  weight,
  incidentWeights: { fight: 3, noise: 1 },
  hourlyProfile,
  gridCode: 'G01',
});

const base: CallStreamOptions = {
  seed: 7,
  startHour: 0,
  hours: 24,
  callsPerHour: 40,
  hotspotShare: 0.5,
  hotspots: [hotspot('H01', flat), hotspot('H02', nightOnly)],
  background: [
    { lngLat: [120.1, 30.2], name: 'A路' },
    { lngLat: [120.2, 30.3], name: 'B路' },
  ],
};

describe('generateCalls', () => {
  it('is reproducible for a seed and differs between seeds', () => {
    expect(generateCalls(base)).toEqual(generateCalls(base));
    expect(generateCalls({ ...base, seed: 8 })).not.toEqual(generateCalls(base));
  });

  it('produces about callsPerHour per hour over a day, ordered in time, inside the window', () => {
    const calls = generateCalls({ ...base, hours: 24 * 5 });
    expect(calls.length / (24 * 5)).toBeGreaterThan(34);
    expect(calls.length / (24 * 5)).toBeLessThan(46);
    for (let i = 1; i < calls.length; i++)
      expect(calls[i]!.atSeconds).toBeGreaterThanOrEqual(calls[i - 1]!.atSeconds);
    expect(calls.at(-1)!.atSeconds).toBeLessThan(24 * 5 * 3600);
    expect(calls.map((c) => c.seq)).toEqual(calls.map((_, i) => i + 1));
  });

  it('follows the daily rhythm: the evening is busier than before dawn', () => {
    const calls = generateCalls({ ...base, hours: 24 * 10, hotspots: [] });
    const perHour = Array.from({ length: 24 }, () => 0);
    for (const c of calls) perHour[Math.floor(c.atSeconds / 3600) % 24]! += 1;
    expect(perHour[20]!).toBeGreaterThan(2.5 * perHour[4]!);
    expect(CITY_HOURLY_PROFILE.reduce((a, b) => a + b, 0) / 24).toBeCloseTo(1, 6);
  });

  it('places hot spot calls within the radius with the hot spot mix, and only in its hours', () => {
    const calls = generateCalls({ ...base, hours: 48 });
    const night = calls.filter((c) => c.hotspotCode === 'H02');
    expect(night.length).toBeGreaterThan(10);
    for (const c of night) {
      const hour = Math.floor(c.atSeconds / 3600) % 24;
      expect(hour >= 20 || hour < 2).toBe(true);
      expect(['fight', 'noise']).toContain(c.type);
      const dx = (c.lngLat[0] - 120.15) * 111_320 * Math.cos((30.27 * Math.PI) / 180);
      const dy = (c.lngLat[1] - 30.27) * 111_320;
      expect(Math.hypot(dx, dy)).toBeLessThanOrEqual(201);
    }
  });

  it('gives every call a valid type, priority, and positive call-taking and service times', () => {
    for (const c of generateCalls(base)) {
      expect(INCIDENT_TYPES).toContain(c.type);
      expect([1, 2, 3, 4]).toContain(c.priority);
      expect(c.callTakingSeconds).toBeGreaterThanOrEqual(10);
      expect(c.serviceSeconds).toBeGreaterThanOrEqual(180);
      expect(c.description.length).toBeGreaterThan(0);
    }
  });

  it('dispatches while taking the call: 10-40 s in, by priority, never after the call ends', () => {
    const calls = generateCalls({ ...base, hours: 24 * 20 });
    expect(calls.length).toBeGreaterThan(10_000);
    for (const c of calls) {
      const [min, max] = DISPATCH_READY_SECONDS[c.priority];
      expect(Number.isInteger(c.dispatchAfterSeconds)).toBe(true);
      expect(c.dispatchAfterSeconds).toBeLessThanOrEqual(c.callTakingSeconds);
      expect(c.dispatchAfterSeconds).toBeLessThanOrEqual(max);
      expect(c.dispatchAfterSeconds).toBeGreaterThanOrEqual(Math.min(min, c.callTakingSeconds));
      expect(c.dispatchAfterSeconds).toBeGreaterThanOrEqual(10);
    }
    // Uniform over each priority's range (unless the call is shorter), urgent calls first.
    const delays = (p: number) =>
      calls.filter((c) => c.priority === p && c.callTakingSeconds >= 40).map((c) => c.dispatchAfterSeconds);
    for (const p of [1, 2, 3, 4] as const) {
      const [min, max] = DISPATCH_READY_SECONDS[p];
      const d = delays(p);
      expect(d.length).toBeGreaterThan(300);
      expect(median(d)!).toBeGreaterThan((min + max) / 2 - 1.5);
      expect(median(d)!).toBeLessThan((min + max) / 2 + 1.5);
    }
    expect(median(delays(1))!).toBeLessThan(median(delays(4))!);
    // Dispatch comes before the end of the call for almost every call (the call-taker stays on the line).
    const before = calls.filter((c) => c.dispatchAfterSeconds < c.callTakingSeconds).length;
    expect(before / calls.length).toBeGreaterThan(0.9);
  });

  it('keeps the stream of a seed as it was before the dispatch moment was drawn', () => {
    // Golden values from the generator before `dispatchAfterSeconds` existed (its own stream per call).
    const calls = generateCalls(base);
    expect(calls.length).toBe(932);
    expect(
      calls.slice(0, 3).map((c) => [c.atSeconds, c.type, c.priority, c.callTakingSeconds, c.serviceSeconds]),
    ).toEqual([
      [3.5, 'noise', 4, 68, 340],
      [83.7, 'fight', 2, 23, 2527],
      [130.8, 'fight', 2, 52, 993],
    ]);
    expect(calls.at(-1)).toMatchObject({
      atSeconds: 86360.7,
      description: '[模拟] 酒后互殴, 有人受伤',
      serviceSeconds: 1159,
    });
  });

  it('splits the rate between hot spots and background by the share', () => {
    const r = callRates({ ...base, hotspots: [hotspot('H01', flat, 1)] }, 3600 * 12);
    expect(r.hotspots[0]! * 3600).toBeCloseTo(20, 6);
    expect(r.background * 3600).toBeCloseTo(20 * CITY_HOURLY_PROFILE[12]!, 6);
    expect(generateCalls({ ...base, hotspots: [], background: [] })).toEqual([]);
  });
});
