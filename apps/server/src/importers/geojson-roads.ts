/**
 * Roads from OpenStreetMap-derived GeoJSON: a FeatureCollection (e.g. an Overpass or QGIS export)
 * or GeoJSON text sequences, one feature per line (`osmium export -f geojsonseq`).
 */
import { checkRoadFeature, emptyImportSummary, type RoadImport } from './road-features.js';

export interface ImportProgress {
  parsed: number;
  valid: number;
  rejected: number;
}

export type ProgressListener = (progress: ImportProgress) => void;

/** Thrown when the input as a whole is unusable (not JSON, not a FeatureCollection). */
export class ImportInputError extends Error {}

const RS = String.fromCharCode(0x1e);

function lineFeatures(text: string): unknown[] {
  const features: unknown[] = [];
  for (const [lineNo, line] of text.split('\n').entries()) {
    const body = (line.startsWith(RS) ? line.slice(1) : line).trim();
    if (body === '') continue;
    try {
      features.push(JSON.parse(body));
    } catch {
      // Kept in place so it is reported with its index like any other bad feature.
      features.push({ invalidJsonLine: lineNo + 1 });
    }
  }
  return features;
}

/** The features of a GeoJSON document, or of a sequence of one-per-line features (RFC 8142). */
export function geoJsonFeatures(text: string): unknown[] {
  const trimmed = (text.startsWith('\uFEFF') ? text.slice(1) : text).trimStart();
  if (trimmed.startsWith(RS)) return lineFeatures(trimmed);
  let doc: unknown;
  try {
    doc = JSON.parse(trimmed);
  } catch (error) {
    // Several JSON objects, one per line, are not one JSON document.
    const firstLine = trimmed.slice(0, trimmed.indexOf('\n') >>> 0);
    let lineDelimited = false;
    try {
      lineDelimited = (JSON.parse(firstLine) as { type?: unknown })?.type === 'Feature';
    } catch {
      lineDelimited = false;
    }
    if (lineDelimited) return lineFeatures(trimmed);
    throw new ImportInputError(`not valid JSON: ${(error as Error).message}`);
  }
  const d = doc as { type?: unknown; features?: unknown };
  if (d?.type === 'Feature') return [doc];
  if (d?.type !== 'FeatureCollection' || !Array.isArray(d.features))
    throw new ImportInputError('expected a GeoJSON FeatureCollection');
  return d.features;
}

/** Checks every feature; valid ones are normalised, the others reported with index and reason. */
export function parseRoadGeoJson(text: string, onProgress?: ProgressListener, every = 10_000): RoadImport {
  const input = geoJsonFeatures(text);
  const result: RoadImport = {
    features: [],
    rules: [],
    rejected: [],
    parsed: 0,
    summary: emptyImportSummary(),
  };
  input.forEach((raw, index) => {
    const checked = checkRoadFeature(raw, index);
    // A building or land-use outline is no road: counted apart from the real rejections.
    if (!checked.ok && checked.rejected.reason === 'not_a_road') result.summary.notRoads += 1;
    else if (!checked.ok) result.rejected.push(checked.rejected);
    else if ('rule' in checked) result.rules.push(checked.rule);
    else result.features.push(checked.feature);
    result.parsed += 1;
    if (onProgress && result.parsed % every === 0)
      onProgress({ parsed: result.parsed, valid: result.features.length, rejected: result.rejected.length });
  });
  onProgress?.({ parsed: result.parsed, valid: result.features.length, rejected: result.rejected.length });
  return result;
}
