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
}

/**
 * Yields nodes and ways. Node tags are decoded only with `nodeTags` (the gazetteer's places):
 * roads need node positions only, and decoding every node's tags costs time.
 */
export async function* readOsmPbf(
  file: string,
  options: { nodeTags?: boolean } = {},
): AsyncGenerator<OsmElement> {
  const items = createOSMStream(file, {
    withTags: { node: options.nodeTags === true, way: true, relation: false },
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
        ...(options.nodeTags && item.tags && Object.keys(item.tags).length > 0 ? { tags: item.tags } : {}),
      };
    else if (item.type === 'way')
      yield { type: 'way', id: item.id ?? NaN, refs: item.refs ?? [], tags: item.tags ?? {} };
  }
}
