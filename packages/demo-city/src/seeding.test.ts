import { describe, expect, it } from 'vitest';
import { generateDemoCity } from './demo-city.js';
import { demoRecordId, postRangeMeters, unitsInLoginOrder, unitUsername } from './seeding.js';

const city = generateDemoCity();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('demo seeding', () => {
  it('gives every record a UUID-shaped id from the seed, kind and code: the same each time, all distinct', () => {
    const ids = [
      ...city.units.map((u) => demoRecordId(110, 'unit', u.callSign)),
      ...city.grids.map((g) => demoRecordId(110, 'grid', g.code)),
      ...city.posts.map((p) => demoRecordId(110, 'post', p.code)),
    ];
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
    expect(demoRecordId(110, 'unit', city.units[0]!.callSign)).toBe(ids[0]);
    expect(demoRecordId(111, 'unit', city.units[0]!.callSign)).not.toBe(ids[0]);
    expect(demoRecordId(110, 'grid', 'G01')).not.toBe(demoRecordId(110, 'post', 'G01'));
  });

  it('numbers logins from the first available patrol car, off-duty units last', () => {
    const ordered = unitsInLoginOrder(city.units);
    expect(ordered).toHaveLength(city.units.length);
    expect(ordered[0]).toMatchObject({ kind: 'patrol_car', status: 'available' });
    const firstOff = ordered.findIndex((u) => u.status !== 'available');
    expect(ordered.slice(firstOff).every((u) => u.status !== 'available')).toBe(true);
    expect(unitUsername(0)).toBe('unit001');
    expect(unitUsername(219)).toBe('unit220');
  });

  it('lets drones reach kilometres and street posts the blocks around them', () => {
    expect(postRangeMeters('drone_nest')).toBe(5000);
    expect(postRangeMeters('street_post')).toBe(800);
  });
});
