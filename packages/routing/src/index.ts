/**
 * @dispatch/routing: which unit gets to an incident first, by road travel time. Pure and
 * synchronous (no I/O, no clock).
 *
 * - `buildRoadNetwork(geojson)` once: typed arrays, CSR forward/reverse/walk adjacency over
 *   junction nodes (shape vertices are folded into edges), components, a Flatbush segment index,
 *   and `report` (counts, components, dropped or malformed features).
 * - `prepareCandidates(network, units)` when unit positions change (snapping), then
 *   `estimatePrepared(prepared, incident, { k, maxSeconds })` per incident; or both at once with
 *   `estimateTravelTimes`. One reverse Dijkstra serves all drivers, one walking search all posts,
 *   drones fly straight; without a network everything is a flagged `straight_line` estimate.
 * - `routeTo` for the path of one unit, `travelTimesFrom` / `vertexTimes` for raw per-node seconds,
 *   `isochrones` (one origin or many: coverage) and `exitEdges` (checkpoints out of an area).
 *
 * Modelling choices: the unit's off-road offset is covered at `offRoadDriveSpeedMps` (5 m/s) and
 * the incident's at walking speed (`accessWalkSpeedMps`, 1.4 m/s); isochrones outline the road
 * stretches reached in time on a grid (gaps closed, enclosed areas filled, see `outline.ts`), so
 * every reached point lies inside and drawing them costs a few passes over the cells.
 */
export { buildRoadNetwork, type BuildOptions } from './graph-build.js';
export {
  CAR_BACKWARD,
  CAR_FORWARD,
  MINOR_ROAD,
  WALKABLE,
  type Adjacency,
  type ReachReport,
  type RuleCounts,
  type FeatureIssue,
  type FeatureIssueCode,
  type NetworkReport,
  type RoadFeatureInfo,
  type RoadNetwork,
} from './network.js';
export {
  DEFAULT_SPEEDS_KMH,
  NON_ROUTABLE_HIGHWAYS,
  MINOR_HIGHWAYS,
  TRAFFIC_SIGNAL_DELAY_SECONDS,
  limitKmh,
  roadSpeedKmh,
  speedFromLimitKmh,
  zoneLimitKmh,
  NO_WALK_HIGHWAYS,
  UNKNOWN_HIGHWAY_SPEED_KMH,
  WALK_ONLY_HIGHWAYS,
  parseMaxspeedKmh,
  parseOneway,
  roadClassRule,
  type OnewayDirection,
} from './speeds.js';
export { type SearchProfile } from './profile.js';
export {
  ACCESS_TAGS,
  BARRIER_TAGS,
  barrierBlocksCars,
  carAccess,
  footAccess,
  type CarAccess,
} from './access.js';
export { readRoadPoint, restrictionMode, type RoadPoint } from './road-points.js';
export { snapPoint, type ComponentPolicy, type Snap, type SnapOptions, type SnapProfile } from './snap.js';
export { haversineMeters, isValidLngLat } from './geo.js';
export {
  DEFAULT_TRAVEL_PARAMS,
  type TravelCandidate,
  type TravelEstimate,
  type TravelMethod,
  type TravelMode,
  type TravelParams,
  type TravelRoute,
  type UnreachableReason,
} from './travel-types.js';
export {
  prepareCandidates,
  snapBacklog,
  updatePreparedCandidates,
  type PreparedCandidates,
  type SnapBacklog,
} from './candidates.js';
export { estimatePrepared, estimateTravelTimes, type EstimateOptions } from './estimate.js';
export { routeTo } from './route.js';
export {
  travelTimesFrom,
  type NodeTravelTimes,
  type OriginSnap,
  type SearchDirection,
  type TravelTimesOptions,
} from './travel-times.js';
export { vertexTimes, type VertexTimes } from './vertex-times.js';
export {
  DEFAULT_ISOCHRONE_SECONDS,
  isochronePolygons,
  isochrones,
  type IsochroneCollection,
  type IsochroneOptions,
  type IsochroneProperties,
  type Isochrones,
} from './isochrone.js';
export { exitEdges, exitEdgesOf, type ExitEdge } from './exit-edges.js';
export type {
  Feature,
  FeatureCollection,
  InputFeature,
  MultiPolygonGeometry,
  PolygonGeometry,
  RoadFeatureCollection,
} from './geojson.js';
export { coverageTimes, type CoverageTimes } from './coverage-times.js';
