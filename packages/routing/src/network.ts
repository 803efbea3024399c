import type Flatbush from 'flatbush';
import type { LocalProjection } from './geo.js';

/** Segment/edge flag: cars may drive in the drawn direction (from -> to). */
export const CAR_FORWARD = 1;
/** Segment/edge flag: cars may drive against the drawn direction (to -> from). */
export const CAR_BACKWARD = 2;
/** Segment/edge flag: pedestrians may use it (in both directions). */
export const WALKABLE = 4;
/** Edge flag: a service way or track (slow; incidents snap to it only when no street is near). */
export const MINOR_ROAD = 8;

/**
 * Compressed sparse row adjacency over graph nodes. Arcs of node `v` are `offsets[v] ..
 * offsets[v + 1] - 1`; `heads[i]` is the node at the other end of arc `i` (its target in the
 * forward graph, its source in the reverse graph), `cost[i]` what the search minimises (seconds
 * when driving, meters when walking), `meters[i]` the length and `edges[i]` the graph edge.
 */
export interface Adjacency {
  readonly offsets: Int32Array;
  readonly heads: Int32Array;
  readonly cost: Float64Array;
  readonly meters: Float64Array;
  readonly edges: Int32Array;
}

/** Why a feature was skipped or only partly trusted. Stable codes. */
export type FeatureIssueCode =
  | 'not_a_feature' // not an object with type Feature (or the input is no FeatureCollection)
  | 'unsupported_geometry' // not a LineString/MultiLineString
  | 'bad_geometry' // missing/invalid coordinates, fewer than 2 distinct valid positions
  | 'not_routable' // highway class that is no road (construction, proposed, ...)
  | 'unknown_highway' // kept with a default speed
  | 'missing_highway' // kept as unclassified
  | 'closed' // closed to cars and pedestrians by access tags
  | 'bad_rule'; // a barrier, signal or turn restriction point that matches no road

/** One problem found while loading the road network. */
export interface FeatureIssue {
  /** Index in the input `features` array (-1: the input as a whole). */
  readonly index: number;
  /** `feature.id`, else `properties.id` / `properties['@id']`, else null. */
  readonly id: string | number | null;
  readonly name: string | null;
  readonly code: FeatureIssueCode;
  /** Whether the feature is still (partly) in the graph. */
  readonly kept: boolean;
  readonly detail: string;
}

/** What the loader built and what it had to leave out. */
export interface NetworkReport {
  /** Line vertices after merging coincident ones (the "road nodes" of the input). */
  readonly vertexCount: number;
  /** Straight pieces between consecutive vertices. */
  readonly segmentCount: number;
  /** Graph nodes: junctions, dead ends and points where road rules change. */
  readonly nodeCount: number;
  /** Graph edges: chains of segments between graph nodes. */
  readonly edgeCount: number;
  /** Directed driving arcs. */
  readonly arcCount: number;
  /** Strongly connected components of the driving graph (nodes without driving arcs excluded). */
  readonly componentCount: number;
  /** Graph nodes in the largest strongly connected driving component. */
  readonly largestComponentSize: number;
  /** Weakly connected components of the driving graph (ignoring one-way). */
  readonly weakComponentCount: number;
  /** Connected components of the walking graph. */
  readonly walkComponentCount: number;
  /** Features used, fully or partly. */
  readonly featuresUsed: number;
  /** Road rules the graph applied (access, barriers, signals, turn restrictions). */
  readonly rules: RuleCounts;
  /** Junctions a car cannot both reach and leave from the main network, and where they are. */
  readonly reach: ReachReport;
  readonly issues: readonly FeatureIssue[];
}

/** Junctions outside the largest strongly connected driving component. */
export interface ReachReport {
  /** Junctions with a driving arc, and those of them outside the largest component. */
  readonly drivableJunctions: number;
  readonly outsideLargest: number;
  /** `outsideLargest / drivableJunctions` (0 for an empty network). */
  readonly outsideShare: number;
  /** The largest pieces outside, biggest first (at most 10): size and centre. */
  readonly pieces: readonly { readonly junctions: number; readonly lngLat: readonly [number, number] }[];
}

/** What the graph builder did with the road rules of its input. */
export interface RuleCounts {
  /** Roads of a drivable class closed to cars by access tags (kept for pedestrians unless closed to them too). */
  readonly closedToCars: number;
  /** Roads cars may enter only to reach a place on them (slowed, never a shortcut). */
  readonly destinationOnly: number;
  /** Drivable service ways and tracks (slow, no snap target when a street is near). */
  readonly minorRoads: number;
  /** Barrier points, and those of them closed to cars (on a road of the graph or not). */
  readonly barriers: number;
  readonly barriersClosed: number;
  /** Traffic signal points on a road vertex (each adds its delay). */
  readonly signals: number;
  /** Turn restriction points read, and those matched to a junction and applied. */
  readonly restrictions: number;
  readonly restrictionsApplied: number;
}

/**
 * Turn restrictions built into the driving graph (see `turns.ts`): restricted junctions are split
 * into one state per road arriving there. Node ids `junctionCount .. nodeCount - 1` are those states
 * (`copyPrimary` names the junction of each); the junction's own id keeps every arc out and none in.
 */
export interface TurnStates {
  readonly junctionCount: number;
  /** Per state (id - junctionCount): its junction. */
  readonly copyPrimary: Int32Array;
  /** Per edge end (2e: from end, 2e + 1: to end): the state of a car arriving there along e. */
  readonly arrival: Int32Array;
  /** Per edge end: the states that may leave along e from that end (`departOffsets` is CSR). */
  readonly departOffsets: Int32Array;
  readonly departStates: Int32Array;
  /** Per junction: its states (`copyOffsets` is CSR over junction ids). */
  readonly copyOffsets: Int32Array;
  readonly copies: Int32Array;
}

/** Per input feature kept in the graph. */
export interface RoadFeatureInfo {
  readonly id: string | number | null;
  readonly name: string | null;
  readonly highway: string;
}

/**
 * A compact road graph in two layers. Geometry: every line vertex (merged within ~1e-7 deg) and
 * every straight segment between consecutive vertices, used for snapping and drawing. Graph:
 * nodes are the vertices where roads meet, end or change rules; edges are the chains of segments
 * between them, stored contiguously (`edgeSegStart`) and oriented from `edgeFrom` to `edgeTo`.
 * Searches run on the graph only, which skips the shape vertices (most of an OSM road network).
 * Build it with `buildRoadNetwork`; treat it as immutable.
 */
export interface RoadNetwork {
  readonly vertexCount: number;
  readonly vertexLng: Float64Array;
  readonly vertexLat: Float64Array;
  /** Vertex position in the local metric plane (see `projection`). */
  readonly vertexX: Float64Array;
  readonly vertexY: Float64Array;
  /** Graph node at a vertex, -1 for a shape vertex inside an edge. */
  readonly vertexNode: Int32Array;
  readonly projection: LocalProjection;

  readonly segmentCount: number;
  /** Segment ends (vertices), oriented along the segment's edge. */
  readonly segFrom: Int32Array;
  readonly segTo: Int32Array;
  /** Haversine length. */
  readonly segMeters: Float64Array;
  /** Driving time at the segment's speed (0 when not drivable). */
  readonly segSeconds: Float64Array;
  /** Meters and seconds along the edge from its start to the segment's start. */
  readonly segStartMeters: Float64Array;
  readonly segStartSeconds: Float64Array;
  readonly segEdge: Int32Array;
  /** Index into `features`. */
  readonly segFeature: Int32Array;
  readonly features: readonly RoadFeatureInfo[];

  readonly nodeCount: number;
  /** Vertex of each graph node. */
  readonly nodeVertex: Int32Array;

  readonly edgeCount: number;
  readonly edgeFrom: Int32Array;
  readonly edgeTo: Int32Array;
  readonly edgeMeters: Float64Array;
  readonly edgeSeconds: Float64Array;
  /** Bit set of {@link CAR_FORWARD}, {@link CAR_BACKWARD}, {@link WALKABLE}, same for all its segments. */
  readonly edgeFlags: Uint8Array;
  /** Segments of edge `e`: `edgeSegStart[e] .. edgeSegStart[e + 1] - 1`, in order. */
  readonly edgeSegStart: Int32Array;

  /** Driving arcs by source node (cost: seconds). */
  readonly forward: Adjacency;
  /** Driving arcs by target node (cost: seconds), for searches towards a target. */
  readonly reverse: Adjacency;
  /** Walking arcs, both directions of every walkable edge (cost: meters). */
  readonly walk: Adjacency;

  /** Strongly connected driving component per graph node (-1: no driving arc). */
  readonly component: Int32Array;
  readonly largestComponent: number;
  /** Walking component per graph node (-1: no walking arc). */
  readonly walkComponent: Int32Array;
  readonly largestWalkComponent: number;

  /** Turn restrictions in the driving graph; null when none applies (every node a junction). */
  readonly turns: TurnStates | null;

  /** Flatbush over segment boxes in the local plane; null for an empty network. */
  readonly segmentIndex: Flatbush | null;
  readonly report: NetworkReport;
}
