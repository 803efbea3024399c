import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMapLayersStore } from '../map/map-layers-store.js';
import type { MapHit, SituationMapOptions } from '../map/situation-map.js';
import { CoverageLayerControl } from './CoverageLayerControl.js';

export interface SituationMapViewProps {
  interactive?: boolean;
  fitGrids?: boolean;
  fitPadding?: SituationMapOptions['fitPadding'];
  center?: [number, number];
  zoom?: number;
  /** Whether this screen opens with the coverage layer on (its toggle shows on interactive maps). */
  coverage?: boolean;
  onClick?: (lngLat: [number, number], hit: MapHit) => void;
  className?: string;
}

/**
 * React shell of the situation map. MapLibre is loaded on demand (its own chunk) and all map
 * logic lives in `map/`, so components around it render and test without WebGL.
 */
export function SituationMapView({
  interactive = true,
  fitGrids = true,
  fitPadding,
  center,
  zoom,
  coverage = false,
  onClick,
  className,
}: SituationMapViewProps) {
  const { t } = useTranslation();
  const containerRef = useRef<HTMLDivElement>(null);
  const onClickRef = useRef(onClick);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    onClickRef.current = onClick;
  }, [onClick]);

  useEffect(() => {
    // The screen's default, on mount only: later the toggle decides.
    useMapLayersStore.getState().setCoverage(coverage);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let disposed = false;
    let destroy: (() => void) | null = null;
    import('../map/situation-map.js')
      .then(({ SituationMap }) => {
        if (disposed) return;
        const map = new SituationMap({
          container,
          interactive,
          fitGrids,
          fitPadding,
          center,
          zoom,
          onClick: (lngLat, hit) => onClickRef.current?.(lngLat, hit),
        });
        destroy = () => map.destroy();
      })
      .catch(() => {
        if (!disposed) setFailed(true);
      });
    return () => {
      disposed = true;
      destroy?.();
    };
    // The map is created once per mount; later prop changes go through the stores.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <div className={`map-view ${className ?? ''}`}>
      <div ref={containerRef} className="map-canvas" data-testid="situation-map" />
      {failed && <div className="map-fallback">{t('app.mapUnavailable')}</div>}
      {!failed && <CoverageLayerControl toggle={interactive} />}
    </div>
  );
}
