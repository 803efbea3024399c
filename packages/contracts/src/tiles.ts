/**
 * The offline basemap's vector tiles (`GET /api/tiles/{z}/{x}/{y}.pbf`): Mapbox Vector Tile v2,
 * source layers water, landuse, buildings, roads, places, pois and grids. The web console's
 * default style reads them; x and y must also lie within the zoom's 2^z tiles (checked by the route).
 */
import Type, { type Static } from 'typebox';

/** Deepest zoom the server cuts; MapLibre overzooms beyond it. */
export const BASEMAP_TILE_MAX_ZOOM = 16;

export const BASEMAP_SOURCE_LAYERS = [
  'water',
  'landuse',
  'buildings',
  'roads',
  'places',
  'pois',
  'grids',
] as const;

export const TileParams = Type.Object(
  {
    z: Type.Integer({ minimum: 0, maximum: BASEMAP_TILE_MAX_ZOOM }),
    x: Type.Integer({ minimum: 0, maximum: 2 ** BASEMAP_TILE_MAX_ZOOM - 1 }),
    y: Type.Integer({ minimum: 0, maximum: 2 ** BASEMAP_TILE_MAX_ZOOM - 1 }),
  },
  { additionalProperties: false },
);
export type TileParams = Static<typeof TileParams>;
