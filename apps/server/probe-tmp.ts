import { readOsmPbf } from './src/importers/osm-pbf.js';
import { osmRoads, ROAD_NODE_TAGS } from './src/importers/osm-roads.js';
const file = process.argv[2]!;
const mode = process.argv[3];
const rss = () => `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB peak, heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`;
console.log('start', rss());
if (mode === 'raw') {
  let n = 0;
  for await (const _ of readOsmPbf(file, { nodeTags: ROAD_NODE_TAGS, relations: true })) n++;
  console.log('raw pass', n, rss());
} else {
  const r = await osmRoads(() => readOsmPbf(file, { nodeTags: ROAD_NODE_TAGS, relations: true }));
  console.log('osmRoads', r.features.length, rss());
}
