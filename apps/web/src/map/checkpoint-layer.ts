/**
 * Checkpoints on the situation map: a GeoJSON source of their own, fed from the checkpoint
 * layer store. Held checkpoints are fuchsia rings (apart from the green of free units), unheld
 * ones red; a faint line runs
 * from the incident out to each, the way the suspect would flee.
 */
import type { CheckpointDto, IncidentDto } from '@dispatch/contracts';
import { isAssignmentActive, isIncidentOnBoard } from '@dispatch/domain';
import type { AddLayerObject, GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { Feature, FeatureCollection } from '../lib/geojson.js';
import { useIncidentsStore } from '../stores/incidents-store.js';
import { useCheckpointLayerStore } from './checkpoint-layer-store.js';

export const CHECKPOINT_SOURCE = 'checkpoints';
export const CHECKPOINT_HELD_COLOR = '#e879f9';
export const CHECKPOINT_UNHELD_COLOR = '#f87171';

/** Points (one per checkpoint) and escape lines from `origin`, as one collection. */
export function checkpointFeatures(
  origin: readonly [number, number] | null,
  checkpoints: readonly CheckpointDto[],
): FeatureCollection {
  const features: Feature[] = [];
  for (const cp of checkpoints) {
    const held = cp.unit !== null;
    const coordinates = [cp.lngLat[0], cp.lngLat[1]];
    if (origin) {
      features.push({
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: [[origin[0], origin[1]], coordinates] },
        properties: { id: cp.id, kind: 'escape', held },
      });
    }
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates },
      properties: {
        id: cp.id,
        kind: 'checkpoint',
        held,
        sent: cp.assignmentId !== null,
        callSign: cp.unit?.callSign ?? null,
        marginSeconds: cp.unit?.marginSeconds ?? null,
      },
    });
  }
  return { type: 'FeatureCollection', features };
}

const heldColor = ['case', ['get', 'held'], CHECKPOINT_HELD_COLOR, CHECKPOINT_UNHELD_COLOR];

/** Circle and line layers only (no glyphs offline): labels are in the checkpoint panel. */
export function checkpointLayers(): AddLayerObject[] {
  return [
    {
      id: 'checkpoint-escape',
      type: 'line',
      source: CHECKPOINT_SOURCE,
      filter: ['==', ['get', 'kind'], 'escape'],
      paint: {
        'line-color': heldColor as never,
        'line-width': 1.5,
        'line-opacity': 0.45,
        'line-dasharray': [2, 2],
      },
    },
    {
      id: 'checkpoint-ring',
      type: 'circle',
      source: CHECKPOINT_SOURCE,
      filter: ['==', ['get', 'kind'], 'checkpoint'],
      paint: {
        'circle-radius': 11,
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': heldColor as never,
        // A sent checkpoint gets a solid, thicker ring.
        'circle-stroke-width': ['case', ['get', 'sent'], 4, 2.5],
      },
    },
    {
      id: 'checkpoint-dot',
      type: 'circle',
      source: CHECKPOINT_SOURCE,
      filter: ['==', ['get', 'kind'], 'checkpoint'],
      paint: { 'circle-radius': 4, 'circle-color': heldColor as never },
    },
  ];
}

/**
 * Checkpoints held now, on every screen: each active checkpoint assignment of an incident on the
 * board, drawn like a sent checkpoint with its escape line from the incident.
 */
export function liveCheckpointFeatures(incidents: Iterable<IncidentDto>): Feature[] {
  const features: Feature[] = [];
  for (const incident of incidents) {
    if (!isIncidentOnBoard(incident.status)) continue;
    for (const a of incident.assignments) {
      if (!a.checkpoint || !isAssignmentActive(a.status)) continue;
      const coordinates = [a.checkpoint.lngLat[0], a.checkpoint.lngLat[1]];
      features.push(
        {
          type: 'Feature',
          geometry: {
            type: 'LineString',
            coordinates: [[incident.lngLat[0], incident.lngLat[1]], coordinates],
          },
          properties: { id: a.id, kind: 'escape', held: true },
        },
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates },
          properties: {
            id: a.id,
            kind: 'checkpoint',
            held: true,
            sent: true,
            callSign: a.callSign,
            marginSeconds: null,
          },
        },
      );
    }
  }
  return features;
}

/**
 * Adds the checkpoint source and layers to a loaded map (below `beforeLayerId` when given) and
 * keeps them in step with the store; returns the function that detaches the subscription.
 */
export function attachCheckpointLayer(map: MapLibreMap, beforeLayerId?: string): () => void {
  const heldNow = () => liveCheckpointFeatures(Object.values(useIncidentsStore.getState().byId));
  let live = heldNow();
  const data = (): FeatureCollection => {
    const { origin, checkpoints } = useCheckpointLayerStore.getState();
    return {
      type: 'FeatureCollection',
      features: [...checkpointFeatures(origin, checkpoints).features, ...live],
    };
  };
  const refresh = () =>
    void map
      .getSource<GeoJSONSource>(CHECKPOINT_SOURCE)
      ?.setData(data())
      .catch(() => undefined);
  map.addSource(CHECKPOINT_SOURCE, { type: 'geojson', data: data() });
  for (const layer of checkpointLayers()) map.addLayer(layer, beforeLayerId);
  const offPreview = useCheckpointLayerStore.subscribe((state, prev) => {
    if (state.checkpoints === prev.checkpoints && state.origin === prev.origin) return;
    refresh();
  });
  // Held checkpoints change with the assignments (sent, cleared, incident ended); a post never
  // moves, so the set of assignment ids says whether anything changed.
  const ids = (features: readonly Feature[]) => features.map((f) => f.properties?.id).join(',');
  const offIncidents = useIncidentsStore.subscribe(() => {
    const next = heldNow();
    if (ids(next) === ids(live)) return;
    live = next;
    refresh();
  });
  return () => {
    offPreview();
    offIncidents();
  };
}
