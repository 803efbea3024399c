/** Reader of OSM PBF (.osm.pbf) files through osm-pbf-parser-node (pure JavaScript, streaming). */
import { createOSMStream } from 'osm-pbf-parser-node';
import type { OsmElement } from './osm-roads.js';

interface PbfItem {
  type?: string;
  id?: number;
  lat?: number;
  lon?: number;
  refs?: number[];
  tags?: Record<string, string>;
  members?: { type: string; ref: number; role: string }[];
}

/**
 * Yields nodes, ways and (with `relations`) relations. Node tags are decoded only with `nodeTags`:
 * `true` for all (the gazetteer's places), or a list of keys (the road rules at nodes: barriers,
 * signals), as decoding every node's tags costs time.
 */
export async function* readOsmPbf(
  file: string,
  options: { nodeTags?: boolean | readonly string[]; relations?: boolean } = {},
): AsyncGenerator<OsmElement> {
  const nodeTags = options.nodeTags === true ? true : options.nodeTags ? [...options.nodeTags] : false;
  const items = createOSMStream(file, {
    withTags: { node: nodeTags, way: true, relation: options.relations === true },
    withInfo: false,
  });
  for await (const raw of items) {
    const item = raw as PbfItem;
    if (item.type === 'node')
      yield {
        type: 'node',
        id: item.id ?? NaN,
        lat: item.lat ?? NaN,
        lon: item.lon ?? NaN,
        ...(nodeTags && item.tags && Object.keys(item.tags).length > 0 ? { tags: item.tags } : {}),
      };
    else if (item.type === 'way')
      yield { type: 'way', id: item.id ?? NaN, refs: item.refs ?? [], tags: item.tags ?? {} };
    else if (item.type === 'relation' && options.relations)
      yield { type: 'relation', id: item.id ?? NaN, members: item.members ?? [], tags: item.tags ?? {} };
  }
}
