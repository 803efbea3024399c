/**
 * Input no schema can be trusted to catch, refused where requests enter. PostgreSQL refuses U+0000
 * in text and jsonb (error 22021), so a NUL anywhere (a path parameter such as `%00`, a query
 * value, a body value or key, free JSON such as GeoJSON features) would answer 500 from deep inside
 * a query. One hook looks at every route's params, query string and body before validation and
 * answers 400 VALIDATION_FAILED naming the field; a route that takes a body refuses `null` the same
 * way (optional bodies stay optional: only an absent body defaults to `{}`). Socket events go
 * through {@link nulPath} too (plugins/realtime.ts).
 */
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { validationFailure } from './errors.js';

export type InputPath = (string | number)[];

const NUL = '\u0000';

/**
 * Path of the first string (or object key) in `value` holding a NUL character, null when none.
 * Iterative, so a deeply nested body cannot overflow the stack.
 */
export function nulPath(value: unknown): InputPath | null {
  const stack: { value: unknown; path: InputPath }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes(NUL)) return path;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i -= 1) stack.push({ value: v[i], path: [...path, i] });
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i -= 1) {
        const [key, child] = entries[i]!;
        if (key.includes(NUL)) return [...path, key.replaceAll(NUL, '\\u0000')];
        stack.push({ value: child, path: [...path, key] });
      }
    }
  }
  return null;
}

/** `a.b.0` form of a path, after `context` (`body`, `querystring`, `params`). */
export function fieldName(context: string, path: InputPath): string {
  return [context, ...path].join('.');
}

interface JsonSchema {
  type?: string | string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
}

const isNumeric = (s: JsonSchema | undefined): boolean =>
  s !== undefined &&
  ([s.type].flat().some((t) => t === 'number' || t === 'integer') ||
    [...(s.anyOf ?? []), ...(s.oneOf ?? [])].some(isNumeric));

const numericKeysCache = new WeakMap<object, string[]>();
/** Properties of a query-string or params schema that hold numbers. */
function numericKeys(schema: unknown): string[] {
  if (schema === null || typeof schema !== 'object') return [];
  let keys = numericKeysCache.get(schema);
  if (!keys) {
    const properties = (schema as JsonSchema).properties ?? {};
    keys = Object.keys(properties).filter((k) => isNumeric(properties[k]));
    numericKeysCache.set(schema, keys);
  }
  return keys;
}

/**
 * Ajv coerces a query string's `Infinity` or `1e400` to a number that is not finite and then skips
 * `minimum` / `maximum` for it (they only judge finite numbers): the value would reach the service.
 * A text Ajv would turn into such a number is refused here.
 */
const coercesToNonFinite = (v: unknown) => typeof v === 'string' && Math.abs(Number(v)) === Infinity;

const NUL_MESSAGE = 'must not contain NUL characters';
const pointer = (path: InputPath) => path.map((p) => `/${p}`).join('');

function guard(request: FastifyRequest): void {
  const parts: [context: string, value: unknown][] = [
    ['params', request.params],
    ['querystring', request.query],
    ['body', request.body],
  ];
  for (const [context, value] of parts) {
    const path = nulPath(value);
    if (path) throw validationFailure(context, pointer(path), 'nul', NUL_MESSAGE);
  }
  const schema = request.routeOptions.schema;
  for (const [context, value, keysSchema] of [
    ['querystring', request.query, schema?.querystring],
    ['params', request.params, schema?.params],
  ] as const) {
    if (value === null || typeof value !== 'object') continue;
    for (const key of numericKeys(keysSchema)) {
      const raw = (value as Record<string, unknown>)[key];
      const values: unknown[] = Array.isArray(raw) ? raw : [raw];
      const at = values.findIndex(coercesToNonFinite);
      if (at < 0) continue;
      const path = Array.isArray(raw) ? [key, at] : [key];
      throw validationFailure(context, pointer(path), 'finite', 'must be a finite number');
    }
  }
  if (request.body === null && schema?.body) {
    throw validationFailure('body', '', 'type', 'must not be null');
  }
}

export default fp(async function inputGuard(app: FastifyInstance) {
  // Root-level, so it runs before every route's own preValidation (which may default a body).
  app.addHook('preValidation', async (request) => guard(request));
});
