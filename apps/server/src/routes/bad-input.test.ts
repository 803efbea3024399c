import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { DEFAULT_RESPONSE_PLANS } from '@dispatch/dispatch';
import { createHarness, type ErrorReply, type Harness } from '../test/app-harness.js';

/**
 * Every operation of the OpenAPI document (read from `app.swagger()`, never listed by hand) gets the
 * classes of bad input an outside probe sends: NUL, `%00` and overlong path ids; non-finite, huge and
 * NUL query values; null bodies, unknown fields, NUL in every string and out-of-range numbers in every
 * body field the schema names. Each must be a 4xx (400 naming the field where the input is invalid),
 * never a 5xx, and no row of the database may change.
 */

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema | Schema[];
  prefixItems?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
}
interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
type OpenApi = { paths: Record<string, Record<string, Operation>> };

type Path = (string | number)[];
/** A value that is serialised as the JSON number literal `1e400` (Infinity once parsed). */
const HUGE = '__1e400__';
const PROBE = '__probe';
const INT_OUT_OF_RANGE = [2_147_483_648, 1_099_511_627_776, -2_147_483_649];

const typesOf = (s: Schema): string[] =>
  s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
const branches = (s: Schema): Schema[] => s.anyOf ?? s.oneOf ?? [];
const isNumeric = (s: Schema): boolean =>
  typesOf(s).some((t) => t === 'number' || t === 'integer') || branches(s).some(isNumeric);

const STRING_CANDIDATES = ['00000000-0000-4000-8000-000000000000', 'day', '08:00', '110', 'theft', 'x'];

/** A value valid for `schema` with every property present (optional ones too), so each can be fuzzed. */
function sample(schema: Schema, now: string): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const options = branches(schema).filter((b) => !typesOf(b).includes('null'));
  if (options.length > 0) return sample(options[0]!, now);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => sample(s, now)));
  const type = typesOf(schema).find((t) => t !== 'null');
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(schema.properties ?? {})) out[key] = sample(prop, now);
      return out;
    }
    case 'array': {
      if (Array.isArray(schema.items)) return schema.items.map((s) => sample(s, now));
      if (schema.prefixItems) return schema.prefixItems.map((s) => sample(s, now));
      const item = (schema.items as Schema | undefined) ?? {};
      return [sample(item, now)];
    }
    case 'string': {
      if (schema.format === 'date-time') return now;
      const pattern = schema.pattern ? new RegExp(schema.pattern, 'u') : null;
      const fits = (s: string) =>
        (!pattern || pattern.test(s)) &&
        s.length >= (schema.minLength ?? 0) &&
        s.length <= (schema.maxLength ?? Infinity);
      return STRING_CANDIDATES.find(fits) ?? 'x';
    }
    case 'integer':
    case 'number':
      return schema.minimum ?? (schema.maximum !== undefined ? Math.min(0, schema.maximum) : 1);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      // Free JSON (Type.Unknown): a nested string, so NUL gets a place inside it too.
      return { note: 'x' };
  }
}

/** Every leaf of `value` that `schema` describes, with its schema (first union branch). */
function leaves(schema: Schema, value: unknown, path: Path = []): { path: Path; schema: Schema }[] {
  const options = branches(schema).filter((b) => !typesOf(b).includes('null'));
  const s = options[0] ?? schema;
  if (Array.isArray(value)) {
    const items = Array.isArray(s.items) ? s.items : s.prefixItems;
    return value.flatMap((v, i) => leaves(items?.[i] ?? (s.items as Schema) ?? {}, v, [...path, i]));
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => leaves(s.properties?.[k] ?? {}, v, [...path, k]));
  }
  return [{ path, schema: s }];
}

/** Paths of the objects in `value` whose schema lists its properties (an unknown field is refused there). */
function objectPaths(schema: Schema, value: unknown, path: Path = []): Path[] {
  const options = branches(schema).filter((b) => !typesOf(b).includes('null'));
  const s = options[0] ?? schema;
  if (Array.isArray(value)) {
    const items = Array.isArray(s.items) ? s.items : s.prefixItems;
    return value.flatMap((v, i) => objectPaths(items?.[i] ?? (s.items as Schema) ?? {}, v, [...path, i]));
  }
  if (value === null || typeof value !== 'object' || !s.properties) return [];
  return [
    path,
    ...Object.entries(value).flatMap(([k, v]) => objectPaths(s.properties?.[k] ?? {}, v, [...path, k])),
  ];
}

function withAt(value: unknown, path: Path, replace: (old: unknown) => unknown): unknown {
  if (path.length === 0) return replace(value);
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head!] = withAt(copy[head!], rest, replace);
  return copy;
}

const fieldName = (context: string, path: Path) => [context, ...path].join('.');

interface Probe {
  label: string;
  request: InjectOptions;
  /** Field the 400 must name; null: any status below 500 will do (the input may be valid). */
  field: string | null;
}

describe(`bad input on every OpenAPI route (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let h: Harness;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    h = await createHarness();
    const unit = await h.db.prisma.unit.findFirstOrThrow({
      where: { status: 'available', kind: 'patrol_car' },
    });
    const created = await h.call('dispatcher', {
      method: 'POST',
      url: '/api/incidents',
      payload: { type: 'theft', priority: 3, location: { lng: unit.lastLng, lat: unit.lastLat } },
    });
    const incidentId = created.json<{ id: string }>().id;
    const sent = await h.call('dispatcher', {
      method: 'POST',
      url: `/api/incidents/${incidentId}/dispatch`,
      payload: { unitIds: [unit.id] },
    });
    Object.assign(ids, {
      units: unit.id,
      grids: unit.currentGridId!,
      incidents: incidentId,
      assignments: sent.json<{ assignments: { id: string }[] }>().assignments[0]!.id,
      'response-plans': DEFAULT_RESPONSE_PLANS.find((p) => p.id === 'theft')!.id,
    });
    for (const user of ['admin', 'dispatcher']) await h.login(user);
  });
  afterAll(async () => {
    await h?.close();
  });

  /** The probes of one operation; path ids are real ones except in the path-parameter probes. */
  function probesOf(route: string, method: string, op: Operation): Probe[] {
    const now = new Date(h.clock.ms).toISOString();
    const params = op.parameters ?? [];
    const pathParams = params.filter((p) => p.in === 'path');
    const queryParams = params.filter((p) => p.in === 'query');
    const validPath: Record<string, string> = {};
    for (const p of pathParams) {
      const before = route
        .slice(0, route.indexOf(`{${p.name}}`))
        .split('/')
        .filter(Boolean)
        .at(-1)!;
      // A route whose ids the setup does not know gets a well-formed id nobody has: the probes of
      // its other parts then meet validation, not the id's format. Integer parameters (tile
      // coordinates) get the smallest their schema allows.
      validPath[p.name] =
        ids[before] ??
        ids[p.name] ??
        (isNumeric(p.schema ?? {}) ? String(sample(p.schema!, now)) : '00000000-0000-4000-8000-000000000000');
    }
    const url = (pathValues: Record<string, string>, query: Record<string, string>) => {
      const path = route.replace(/\{(\w+)\}/g, (_, name: string) => pathValues[name]!);
      const qs = Object.entries(query)
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
        .join('&');
      return qs ? `${path}?${qs}` : path;
    };
    const validQuery: Record<string, string> = {};
    for (const p of queryParams.filter((q) => q.required)) {
      validQuery[p.name] = String(sample(p.schema ?? {}, now));
    }
    const bodySchema = op.requestBody?.content?.['application/json']?.schema;
    const validBody = bodySchema ? sample(bodySchema, now) : undefined;
    const json = (payload: unknown) => ({
      payload: JSON.stringify(payload).replaceAll(`"${HUGE}"`, '1e400'),
      headers: { 'content-type': 'application/json' },
    });
    const m = method.toUpperCase() as InjectOptions['method'];
    const probes: Probe[] = [];

    for (const p of pathParams) {
      for (const [label, raw] of [
        ['%00', '%00'],
        ['NUL after a real id', `${validPath[p.name]}%00`],
        ['overlong', 'x'.repeat(65)],
        ['far too long', 'x'.repeat(300)],
        ['not an id', 'no-such-id'],
      ] as const) {
        probes.push({
          label: `path ${p.name} ${label}`,
          request: {
            method: m,
            url: url({ ...validPath, [p.name]: raw }, validQuery),
            ...(validBody === undefined ? {} : json(validBody)),
          },
          // Beyond the router's parameter length the answer is 414, before any schema.
          field: label === 'not an id' || label === 'far too long' ? null : `params.${p.name}`,
        });
      }
    }
    for (const p of queryParams) {
      const numeric = isNumeric(p.schema ?? {});
      for (const value of [
        'Infinity',
        '-Infinity',
        'NaN',
        '1e400',
        '99999999999999999999',
        '2147483648',
        '\u0000',
        'a\u0000b',
      ]) {
        const nul = value.includes('\u0000');
        probes.push({
          label: `query ${p.name}=${JSON.stringify(value)}`,
          request: { method: m, url: url(validPath, { ...validQuery, [p.name]: value }) },
          field: nul || numeric ? `querystring.${p.name}` : null,
        });
      }
    }
    if (bodySchema) {
      const body = (label: string, payload: ReturnType<typeof json>, field: string) =>
        probes.push({
          label: `body ${label}`,
          request: { method: m, url: url(validPath, validQuery), ...payload },
          field,
        });
      body('null', { payload: 'null', headers: { 'content-type': 'application/json' } }, 'body');
      for (const at of objectPaths(bodySchema, validBody)) {
        body(
          `unknown field in ${fieldName('body', at)}`,
          json(withAt(validBody, at, (o) => ({ ...(o as object), [PROBE]: 'x'.repeat(1000) }))),
          fieldName('body', [...at, PROBE]),
        );
      }
      for (const leaf of leaves(bodySchema, validBody)) {
        const field = fieldName('body', leaf.path);
        const types = typesOf(leaf.schema);
        if (typeof withAt(validBody, leaf.path, (v) => v) === 'string' || types.includes('string')) {
          body(`NUL in ${field}`, json(withAt(validBody, leaf.path, (v) => `${String(v)}\u0000`)), field);
        }
        if (types.includes('integer')) {
          for (const n of INT_OUT_OF_RANGE)
            body(`${field}=${n}`, json(withAt(validBody, leaf.path, () => n)), field);
        }
        if (types.includes('number') || types.includes('integer')) {
          body(`${field}=1e400`, json(withAt(validBody, leaf.path, () => HUGE)), field);
        }
      }
    }
    return probes;
  }

  it('answers every probe with a 4xx naming the field, and changes no row', async () => {
    const spec = h.app.swagger() as unknown as OpenApi;
    const before = await h.digest();
    const failures: string[] = [];
    let sent = 0;
    for (const [route, operations] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        for (const probe of probesOf(route, method, op)) {
          for (const user of ['admin', 'dispatcher']) {
            sent += 1;
            const res = await h.call(user, probe.request);
            const what = `${user} ${method.toUpperCase()} ${route} ${probe.label}`;
            if (res.statusCode >= 500) {
              failures.push(`${what}: ${res.statusCode} ${res.body.slice(0, 200)}`);
              continue;
            }
            if (probe.field === null) continue;
            const error = res.headers['content-type']?.toString().includes('json')
              ? res.json<ErrorReply>().error
              : undefined;
            const named = error?.field === probe.field || error?.field?.startsWith(`${probe.field}.`);
            if (res.statusCode !== 400 || error?.code !== 'VALIDATION_FAILED' || !named) {
              const got = error ? `${error.code} ${error.field} ${error.message}` : res.body;
              failures.push(
                `${what}: expected 400 ${probe.field}, got ${res.statusCode} ${got.slice(0, 200)}`,
              );
            }
          }
        }
      }
    }
    expect(sent).toBeGreaterThan(500);
    expect(failures).toEqual([]);
    await h.app.services.positions.flush();
    expect(await h.digest()).toEqual(before);
  });
});
