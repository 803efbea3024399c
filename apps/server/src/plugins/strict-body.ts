/**
 * JSON bodies are checked without type coercion. Fastify's one Ajv instance coerces types so that
 * query strings (`?limit=20`) validate, but it then also turns a body's `"priority": "1"` into 1,
 * `"reason": 5` into "5" and `"unitIds": "x"` into ["x"]. Before Ajv runs, each route's body schema
 * is checked as is (TypeBox, compiled once per route); a value of the wrong type is refused with
 * the same 400 VALIDATION_FAILED naming the field. Every other problem is left to Ajv's messages.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { Compile } from 'typebox/compile';
import type { TSchema } from 'typebox';
import { validationFailure } from './errors.js';

interface StrictIssue {
  keyword: string;
  instancePath: string;
  message: string;
}

function strictCheck(schema: TSchema) {
  let compiled: ReturnType<typeof Compile<TSchema>>;
  try {
    compiled = Compile(schema);
  } catch {
    return null; // not a TypeBox schema: Ajv alone validates it
  }
  return async (request: FastifyRequest) => {
    if (request.body === undefined || compiled.Check(request.body)) return;
    const issues = [...compiled.Errors(request.body)] as StrictIssue[];
    // In a union (`priorities: [..] | null`) one branch's "must be null" is not the culprit when
    // another branch got further inside the value (`priorities.0 must be <= 4`): Ajv names that one.
    const issue = issues.find(
      (e) =>
        e.keyword === 'type' &&
        !issues.some((o) => o.keyword !== 'type' && o.instancePath.startsWith(`${e.instancePath}/`)),
    );
    if (issue) throw validationFailure('body', issue.instancePath, issue.keyword, issue.message);
  };
}

export default fp(async function strictBody(app: FastifyInstance) {
  app.addHook('onRoute', (route: RouteOptions) => {
    const schema = route.schema?.body as TSchema | undefined;
    if (!schema) return;
    const check = strictCheck(schema);
    if (!check) return;
    const existing = route.preValidation;
    // After the route's own preValidation (which may default a missing body to {}).
    route.preValidation = [...(existing ? [existing].flat() : []), check] as RouteOptions['preValidation'];
  });
});
