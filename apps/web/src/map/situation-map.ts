/**
 * The situation map: a MapLibre map whose GeoJSON sources are kept in step with the stores.
 * Store changes only mark sources dirty; one requestAnimationFrame loop redraws dirty sources
 * (units at most once per frame, and not before MapLibre finished the previous update), glides
 * moving units, and pulses incidents whose response clock is breached. No DOM markers.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import { Map as MapLibreMap, type GeoJSONSource, type MapMouseEvent } from 'maplibre-gl';
import { gridBounds } from '../lib/map-features.js';
import { UnitAnimator } from '../lib/unit-animator.js';
import { useGridsStore } from '../stores/grids-store.js';
import { useSessionStore } from '../stores/session-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { useUnitsStore } from '../stores/units-store.js';
import { attachCheckpointLayer } from './checkpoint-layer.js';
import { LOCAL_IDEOGRAPH_FONTS } from './basemap-style.js';
import { authorizedRequest, baseStyleFromEnv } from './map-style.js';
import { useMapLayersStore } from './map-layers-store.js';
import { ensureMapLibreSetup } from './maplibre-setup.js';
import {
  LAYERS,
  SOURCES,
  draftLayers,
  gridLayers,
  hotspotLayers,
  incidentLayers,
  moveUpLayers,
  postLayers,
  riverLayers,
  roadLayers,
  routeLayers,
  standbyPointLayers,
  unitLayers,
} from './overlay-layers.js';
import { sourceData } from './source-data.js';
import { bindStores, type SourceKey } from './store-bindings.js';
import type { FeatureCollection, GeoJSON as GeoJSONData } from '../lib/geojson.js';

export interface MapHit {
  incidentId?: string;
  unitId?: string;
}

export interface SituationMapOptions {
  container: HTMLElement;
  interactive?: boolean;
  /** Fit the view to all grids once they are known (wall, dispatcher, supervisor). */
  fitGrids?: boolean;
  /** Space kept free around the fitted grids (px), e.g. for panels drawn over the map. */
  fitPadding?: number | { top: number; bottom: number; left: number; right: number };
  center?: [number, number];
  zoom?: number;
  onClick?: (lngLat: [number, number], hit: MapHit) => void;
}

const FALLBACK_CENTER: [number, number] = [116.397, 39.909];
const PULSE_PERIOD_MS = 1400;
/** The halo changes at ~15 fps: smooth enough, and each change repaints the whole map. */
const PULSE_STEP_MS = 66;
/**
 * Gliding units are redrawn at most every `UNIT_FRAME_COST_FACTOR` times the main-thread cost
 * of the last unit update, so that with thousands of units (building the GeoJSON and cloning
 * it to the worker takes ~10 ms for 2,000, see bench/positions.bench.ts) the glide drops to
 * 15-20 fps instead of taking the whole main thread; small fleets still glide every frame.
 */
const UNIT_FRAME_COST_FACTOR = 6;

function hasBreached(data: GeoJSONData): boolean {
  return data.type === 'FeatureCollection' && data.features.some((f) => f.properties?.breached === true);
}

export class SituationMap {
  readonly map: MapLibreMap;
  /** With reduced motion, units jump to each fix and breached incidents get a still halo. */
  private readonly reducedMotion =
    typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
  private readonly animator = new UnitAnimator(this.reducedMotion ? 0 : 1000);
  private pulseDrawnAt = -Infinity;
  private readonly dirty = new Set<SourceKey>();
  private readonly externalBase: boolean;
  private readonly labelsBeforeId: string | null;
  private frame = 0;
  private unitsInFlight = false;
  private unitsNextAt = 0;
  private unbind: (() => void) | null = null;
  private detachCheckpoints: (() => void) | null = null;
  private resizeObserver: ResizeObserver | null = null;
  private loaded = false;
  private fitted = false;
  private anyBreached = false;
  private incidentsSignature = '';

  constructor(private readonly options: SituationMapOptions) {
    const base = baseStyleFromEnv(import.meta.env);
    this.externalBase = base.external;
    this.labelsBeforeId = base.labelsBeforeId;
    ensureMapLibreSetup(base.pmtilesUrl !== null);
    this.map = new MapLibreMap({
      container: options.container,
      style: base.style,
      center: options.center ?? FALLBACK_CENTER,
      zoom: options.zoom ?? 12,
      interactive: options.interactive ?? true,
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      // Chinese labels are drawn with the console's own fonts: glyph files cover Latin only.
      localIdeographFontFamily: LOCAL_IDEOGRAPH_FONTS,
      transformRequest: (url) => authorizedRequest(url, useSessionStore.getState().token),
    });
    // Diagnostics handle (browser tests, the console's devtools): the map behind the element.
    Object.defineProperty(options.container, 'maplibreMap', { value: this.map, configurable: true });
    this.map.on('load', () => this.onLoad());
    this.resizeObserver = new ResizeObserver(() => this.map.resize());
    this.resizeObserver.observe(options.container);
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    this.unbind?.();
    this.detachCheckpoints?.();
    this.resizeObserver?.disconnect();
    this.map.remove();
  }

  private onLoad(): void {
    const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };
    for (const id of Object.values(SOURCES)) this.map.addSource(id, { type: 'geojson', data: empty });
    // Area shades go under the basemap's labels, so street and place names stay readable.
    const under =
      this.labelsBeforeId && this.map.getLayer(this.labelsBeforeId) ? this.labelsBeforeId : undefined;
    for (const layer of [...gridLayers(), ...hotspotLayers()]) this.map.addLayer(layer, under);
    const layers = [
      ...(this.externalBase ? [] : [...riverLayers(), ...roadLayers()]),
      ...postLayers(),
      ...routeLayers(),
      ...standbyPointLayers(),
      ...draftLayers(),
      // Move-ups under the units they move.
      ...moveUpLayers(),
      // Incidents above units: they are fewer and what the room is looking for.
      ...unitLayers(),
      ...incidentLayers(),
    ];
    for (const layer of layers) this.map.addLayer(layer);
    // The checkpoint ring of the incident being worked, under units and incidents.
    this.detachCheckpoints = attachCheckpointLayer(this.map, LAYERS.units);
    this.loaded = true;
    this.wireClicks();
    this.unbind = bindStores({
      markDirty: (...keys) => this.markDirty(...keys),
      onPositions: (positions) => {
        if (this.animator.update(positions, performance.now())) this.markDirty('units');
      },
      onFlyTo: (request) =>
        request.bounds &&
        (request.bounds[0][0] !== request.bounds[1][0] || request.bounds[0][1] !== request.bounds[1][1])
          ? this.map.fitBounds(request.bounds, { padding: 60, maxZoom: 16 })
          : this.map.flyTo({
              center: request.lngLat,
              zoom: request.zoom ?? Math.max(this.map.getZoom(), 15),
            }),
      onGridsFirstSeen: () => this.fitToGrids(),
      onCoverageLayer: (visible) => this.showCoverage(visible),
    });
    this.showCoverage(useMapLayersStore.getState().coverage);
    this.animator.update(useUnitsStore.getState().positions, performance.now());
    this.markDirty(...(Object.keys(SOURCES) as SourceKey[]));
    this.fitToGrids();
    // A map that does not fit the grids (the unit terminal) goes where it was asked to before it
    // loaded: the unit's own position usually arrives while MapLibre is still loading.
    const pending = useUiStore.getState().flyTo;
    if (!this.options.fitGrids && pending) {
      if (pending.bounds) this.map.fitBounds(pending.bounds, { padding: 60, maxZoom: 16, animate: false });
      else this.map.jumpTo({ center: pending.lngLat, zoom: pending.zoom ?? this.map.getZoom() });
    }
    // Ready once our sources have data and a frame was drawn with it. Not 'idle': a map with
    // gliding units or a pulsing incident is never idle.
    this.map.once('sourcedata', () =>
      this.map.once('render', () => {
        this.options.container.dataset.mapReady = 'true';
      }),
    );
  }

  /** Coverage shade on or off; the staffing shade shows whenever it is off. */
  private showCoverage(visible: boolean): void {
    this.map.setLayoutProperty(LAYERS.coverage, 'visibility', visible ? 'visible' : 'none');
    this.map.setLayoutProperty(LAYERS.gridsFill, 'visibility', visible ? 'none' : 'visible');
    this.options.container.dataset.coverageLayer = visible ? 'on' : 'off';
  }

  private fitToGrids(): void {
    if (!this.options.fitGrids || this.fitted) return;
    const bounds = gridBounds(Object.values(useGridsStore.getState().byId));
    if (!bounds) return;
    this.fitted = true;
    this.map.fitBounds(bounds, { padding: this.options.fitPadding ?? 30, animate: false });
  }

  private wireClicks(): void {
    const { onClick } = this.options;
    if (!onClick) return;
    const hitLayers = [LAYERS.units, LAYERS.incidents];
    this.map.on('click', (event: MapMouseEvent) => {
      const { x, y } = event.point;
      const features = this.map.queryRenderedFeatures(
        [
          [x - 6, y - 6],
          [x + 6, y + 6],
        ],
        { layers: hitLayers },
      );
      const hit: MapHit = {};
      for (const f of features) {
        const id = f.properties?.id as string | undefined;
        if (!id) continue;
        if (f.layer.id === LAYERS.incidents) hit.incidentId ??= id;
        else hit.unitId ??= id;
      }
      onClick([event.lngLat.lng, event.lngLat.lat], hit);
    });
    for (const layer of hitLayers) {
      this.map.on('mouseenter', layer, () => (this.map.getCanvas().style.cursor = 'pointer'));
      this.map.on('mouseleave', layer, () => (this.map.getCanvas().style.cursor = ''));
    }
  }

  private markDirty(...keys: SourceKey[]): void {
    for (const key of keys) this.dirty.add(key);
    this.schedule();
  }

  private schedule(): void {
    if (!this.loaded || this.frame !== 0) return;
    this.frame = requestAnimationFrame((time) => {
      this.frame = 0;
      this.draw(time);
    });
  }

  private draw(time: number): void {
    for (const key of [...this.dirty]) {
      if (key === 'units') continue;
      this.dirty.delete(key);
      const data = sourceData(key, this.animator, time);
      if (key === 'incidents') {
        // Re-evaluated every second for the clocks, but usually unchanged: skip the repaint.
        const signature = JSON.stringify(data);
        if (signature === this.incidentsSignature) continue;
        this.incidentsSignature = signature;
        this.anyBreached = hasBreached(data);
      }
      void this.source(key)
        ?.setData(data)
        .catch(() => undefined);
    }
    if (this.dirty.has('units') && !this.unitsInFlight && time >= this.unitsNextAt) {
      // Gliding units keep the source dirty until the glide ends.
      if (!this.animator.isAnimating(time)) this.dirty.delete('units');
      const source = this.source('units');
      if (source) {
        this.unitsInFlight = true;
        const started = performance.now();
        const update = source.setData(sourceData('units', this.animator, time));
        this.unitsNextAt = time + (performance.now() - started) * UNIT_FRAME_COST_FACTOR;
        void update
          .catch(() => undefined)
          .finally(() => {
            this.unitsInFlight = false;
            if (this.dirty.has('units')) this.schedule();
          });
      }
    }
    const pulsing = this.pulse(time);
    // Units waiting for an in-flight update are rescheduled when it settles.
    if (pulsing || [...this.dirty].some((key) => key !== 'units' || !this.unitsInFlight)) this.schedule();
  }

  /** Animates the halo of breached incidents; returns true while there is one. */
  private pulse(time: number): boolean {
    if (!this.anyBreached || this.reducedMotion) return false;
    if (time - this.pulseDrawnAt >= PULSE_STEP_MS) {
      this.pulseDrawnAt = time;
      const phase = (time % PULSE_PERIOD_MS) / PULSE_PERIOD_MS;
      this.map.setPaintProperty(LAYERS.incidentPulse, 'circle-radius', 12 + 16 * phase);
      this.map.setPaintProperty(LAYERS.incidentPulse, 'circle-opacity', 0.55 * (1 - phase));
    }
    return true;
  }

  private source(key: SourceKey): GeoJSONSource | undefined {
    return this.map.getSource<GeoJSONSource>(SOURCES[key]);
  }
}
