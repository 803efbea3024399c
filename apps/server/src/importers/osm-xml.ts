/**
 * Streaming reader of OSM XML (.osm) with saxes: elements are yielded as the text arrives, so a
 * city extract never sits in memory as one DOM.
 */
import { SaxesParser } from 'saxes';
import type { OsmElement } from './osm-roads.js';

/** Thrown for XML that is not well-formed (with saxes' line and column). */
export class OsmXmlError extends Error {}

/** Yields nodes (with their tags), ways and relations from chunks of OSM XML text. Deleted elements (JOSM files) are skipped. */
export async function* readOsmXml(
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
): AsyncGenerator<OsmElement> {
  const parser = new SaxesParser();
  const ready: OsmElement[] = [];
  let way: { id: number; refs: number[]; tags: Record<string, string>; deleted: boolean } | null = null;
  let node: { id: number; lat: number; lon: number; tags: Record<string, string>; deleted: boolean } | null =
    null;
  let relation: {
    id: number;
    members: { type: string; ref: number; role: string }[];
    tags: Record<string, string>;
    deleted: boolean;
  } | null = null;
  let error = null as Error | null;
  parser.on('error', (e) => {
    error ??= new OsmXmlError(e.message);
  });
  parser.on('opentag', (tag) => {
    const a = tag.attributes as Record<string, string>;
    switch (tag.name) {
      case 'node':
        node = {
          id: Number(a['id']),
          lat: Number(a['lat']),
          lon: Number(a['lon']),
          tags: {},
          deleted: a['action'] === 'delete' || a['visible'] === 'false',
        };
        break;
      case 'way':
        way = {
          id: Number(a['id']),
          refs: [],
          tags: {},
          deleted: a['action'] === 'delete' || a['visible'] === 'false',
        };
        break;
      case 'nd':
        if (way && a['ref'] !== undefined) way.refs.push(Number(a['ref']));
        break;
      case 'tag': {
        const owner = way ?? node ?? relation;
        if (owner && a['k'] !== undefined) owner.tags[a['k']] = a['v'] ?? '';
        break;
      }
      case 'member':
        if (relation && a['ref'] !== undefined)
          relation.members.push({ type: a['type'] ?? '', ref: Number(a['ref']), role: a['role'] ?? '' });
        break;
      case 'relation':
        relation = {
          id: Number(a['id']),
          members: [],
          tags: {},
          deleted: a['action'] === 'delete' || a['visible'] === 'false',
        };
        break;
    }
  });
  const closeNode = () => {
    if (node && !node.deleted) {
      const { id, lat, lon, tags } = node;
      ready.push({ type: 'node', id, lat, lon, ...(Object.keys(tags).length > 0 ? { tags } : {}) });
    }
    node = null;
  };
  const closeRelation = () => {
    if (relation && !relation.deleted) {
      const { id, members, tags } = relation;
      ready.push({ type: 'relation', id, members, tags });
    }
    relation = null;
  };
  parser.on('closetag', (tag) => {
    // saxes reports self-closing tags (`<node .../>`) here too.
    if (tag.name === 'node') closeNode();
    if (tag.name === 'relation') closeRelation();
    if (tag.name === 'way' && way) {
      if (!way.deleted) ready.push({ type: 'way', id: way.id, refs: way.refs, tags: way.tags });
      way = null;
    }
  });
  // Streaming decode: a multi-byte character may straddle two chunks.
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (error) throw error;
    yield* ready.splice(0);
  }
  parser.close();
  if (error) throw error;
  yield* ready.splice(0);
}
