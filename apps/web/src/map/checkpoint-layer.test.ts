import { describe, expect, it } from 'vitest';
import { makeAssignment, makeIncident } from '../test/fixtures.js';
import { liveCheckpointFeatures } from './checkpoint-layer.js';

describe('checkpoints held now, on every screen', () => {
  it('draws each active checkpoint assignment of an incident on the board, with its escape line', () => {
    const checkpoint = { lngLat: [116.45, 39.95] as [number, number], roadName: '北环路', headingDeg: 90 };
    const incident = makeIncident({
      id: 'i1',
      status: 'dispatched',
      lngLat: [116.4, 39.9],
      assignments: [
        makeAssignment({ id: 'cp', role: 'checkpoint', status: 'en_route', checkpoint, callSign: '卡-01' }),
        makeAssignment({ id: 'done', role: 'checkpoint', status: 'cleared', checkpoint }),
        makeAssignment({ id: 'scene', role: 'primary', status: 'en_route' }),
      ],
    });
    const ended = makeIncident({
      id: 'i2',
      status: 'closed',
      assignments: [makeAssignment({ id: 'old', role: 'checkpoint', status: 'en_route', checkpoint })],
    });
    const features = liveCheckpointFeatures([incident, ended]);
    expect(features.map((f) => [f.properties?.id, f.properties?.kind, f.geometry.type])).toEqual([
      ['cp', 'escape', 'LineString'],
      ['cp', 'checkpoint', 'Point'],
    ]);
    expect(features[1]).toMatchObject({
      geometry: { coordinates: [116.45, 39.95] },
      properties: { held: true, sent: true, callSign: '卡-01' },
    });
  });
});
