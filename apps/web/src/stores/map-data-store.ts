import type { PostDto } from '@dispatch/contracts';
import { create } from 'zustand';
import type { RoadFeatureCollection } from '../api/endpoints.js';
import { buildRoadIndex, type RoadPlace } from '../lib/road-index.js';
import type { Feature } from '../lib/geojson.js';

export interface MapDataState {
  status: 'idle' | 'loading' | 'ready' | 'failed';
  roads: RoadFeatureCollection | null;
  river: Feature | null;
  posts: PostDto[];
  /** Named roads with a representative point, for the intake's location search. */
  roadPlaces: RoadPlace[];
  setLoading: () => void;
  setFailed: () => void;
  setData: (data: { roads: RoadFeatureCollection | null; river: Feature | null; posts: PostDto[] }) => void;
}

export const useMapDataStore = create<MapDataState>()((set) => ({
  status: 'idle',
  roads: null,
  river: null,
  posts: [],
  roadPlaces: [],
  setLoading: () => set({ status: 'loading' }),
  setFailed: () => set({ status: 'failed' }),
  setData: ({ roads, river, posts }) =>
    set({ status: 'ready', roads, river, posts, roadPlaces: roads ? buildRoadIndex(roads) : [] }),
}));
