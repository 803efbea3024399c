import { describe, expect, it } from 'vitest';
import { barrierBlocksCars, carAccess, footAccess } from './access.js';
import { buildRoadNetwork } from './graph-build.js';
import { estimateTravelTimes } from './estimate.js';
import { snapPoint } from './snap.js';
import { at, collection, road } from './test-support/lines.js';
import { limitKmh, roadSpeedKmh, DEFAULT_SPEEDS_KMH, TRAFFIC_SIGNAL_DELAY_SECONDS } from './speeds.js';

describe('access rules', () => {
  it('reads the most specific car tag, destination, and emergency', () => {
    expect(carAccess({ access: 'private' })).toBe('no');
    expect(carAccess({ motor_vehicle: 'no' })).toBe('no');
    expect(carAccess({ access: 'no', motorcar: 'yes' })).toBe('yes');
    expect(carAccess({ vehicle: 'destination' })).toBe('destination');
    expect(carAccess({ access: 'no', emergency: 'yes' })).toBe('yes');
    expect(carAccess({})).toBe('yes');
    expect(footAccess({ access: 'private' })).toBe(true);
    expect(footAccess({ access: 'no' })).toBe(false);
    expect(footAccess({ access: 'no', foot: 'yes' })).toBe(true);
  });

  it('stops cars at bollards and gates unless tagged open', () => {
    expect(barrierBlocksCars({ barrier: 'bollard' })).toBe(true);
    expect(barrierBlocksCars({ barrier: 'gate' })).toBe(true);
    expect(barrierBlocksCars({ barrier: 'lift_gate', access: 'yes' })).toBe(false);
    expect(barrierBlocksCars({ barrier: 'toll_booth' })).toBe(false);
    expect(barrierBlocksCars({ barrier: 'bollard', motor_vehicle: 'destination' })).toBe(false);
  });
});

describe('speed from the limit', () => {
  it('scales the class speed by the limit, the same for tagged and untagged streets', () => {
    const residential = DEFAULT_SPEEDS_KMH['residential']!;
    expect(roadSpeedKmh('residential', residential, {}, 'both')).toBe(residential);
    expect(roadSpeedKmh('residential', residential, { maxspeed: '50' }, 'both')).toBe(residential);
    expect(roadSpeedKmh('residential', residential, { maxspeed: '30' }, 'both')).toBeCloseTo(18, 5);
    // A high limit never makes a street more than 1.2x its class speed.
    expect(roadSpeedKmh('residential', residential, { maxspeed: '90' }, 'both')).toBeCloseTo(36, 5);
    expect(roadSpeedKmh('residential', residential, { maxspeed: 'CN:urban' }, 'both')).toBe(residential);
    expect(roadSpeedKmh('service', 15, { maxspeed: '50', service: 'parking_aisle' }, 'both')).toBe(8);
    expect(roadSpeedKmh('track', 15, { maxspeed: '80' }, 'both')).toBeLessThanOrEqual(20);
  });

  it('reads maxspeed:forward and maxspeed:backward', () => {
    const tags = { 'maxspeed:forward': '60', 'maxspeed:backward': '40' };
    expect(limitKmh(tags, 'forward')).toBe(60);
    expect(limitKmh(tags, 'backward')).toBe(40);
    expect(limitKmh(tags, 'both')).toBe(50);
    expect(limitKmh({ maxspeed: '50', 'maxspeed:backward': '30' }, 'backward')).toBe(30);
  });
});

describe('road rules in the graph', () => {
  const straight = (props: Record<string, unknown> = {}) =>
    road(
      [
        [0, 0],
        [100, 0],
        [200, 0],
      ],
      props,
    );
  // A detour round the block, 400 m.
  const detour = road([
    [0, 0],
    [0, 100],
    [200, 100],
    [200, 0],
  ]);
  const unit = [{ id: 'u', lngLat: at(0, 0) }];

  it('drives round a private street and a bollard, walks through them', () => {
    const open = buildRoadNetwork(collection([straight(), detour]));
    const closed = buildRoadNetwork(collection([straight({ access: 'private' }), detour]));
    const bollard = buildRoadNetwork(
      collection([
        straight(),
        detour,
        {
          type: 'Feature',
          properties: { barrier: 'bollard' },
          geometry: { type: 'Point', coordinates: at(100, 0) },
        },
      ]),
    );
    const eta = (net: typeof open) => estimateTravelTimes(net, at(200, 0), unit)[0]!.etaSeconds;
    expect(eta(open)).toBeCloseTo(20, 0); // 200 m at 10 m/s
    expect(eta(closed)).toBeCloseTo(40, 0); // 400 m round the block
    expect(eta(bollard)).toBeCloseTo(40, 0);
    expect(closed.report.rules.closedToCars).toBe(1);
    expect(bollard.report.rules).toMatchObject({ barriers: 1, barriersClosed: 1 });
    expect(snapPoint(closed, at(100, 1), { profile: 'walk' })?.offsetMeters).toBeLessThan(2);
  });

  it('adds the signal delay once when passing a signal', () => {
    const signal = {
      type: 'Feature',
      properties: { highway: 'traffic_signals' },
      geometry: { type: 'Point', coordinates: at(100, 0) },
    } as const;
    const net = buildRoadNetwork(collection([straight(), signal]));
    expect(estimateTravelTimes(net, at(200, 0), unit)[0]!.etaSeconds).toBeCloseTo(
      20 + TRAFFIC_SIGNAL_DELAY_SECONDS,
      0,
    );
    expect(net.report.rules.signals).toBe(1);
  });

  it('snaps an incident to the street rather than the parking aisle beside it', () => {
    const net = buildRoadNetwork(
      collection([
        straight(),
        road(
          [
            [0, 0],
            [0, 60],
          ],
          { highway: 'service', driveSpeedKmh: undefined },
        ),
        road(
          [
            [0, 60],
            [200, 60],
          ],
          { highway: 'service', service: 'parking_aisle', driveSpeedKmh: undefined },
        ),
      ]),
    );
    // 40 m from the street, 20 m from the aisle: the street (the aisle would need to be 30 m nearer).
    expect(snapPoint(net, at(100, 40))?.point[1]).toBeCloseTo(at(100, 0)[1], 7);
    expect(snapPoint(net, at(100, 58))?.point[1]).toBeCloseTo(at(100, 60)[1], 7);
    const plain = snapPoint(net, at(100, 40), { minorRoadPenaltyMeters: 0 });
    expect(plain?.point[1]).toBeCloseTo(at(100, 60)[1], 7);
  });
});
