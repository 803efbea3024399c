/**
 * The one error handler: typed domain errors keep their code and status, schema validation
 * failures become 400 VALIDATION_FAILED naming the field, anything else is a logged 500.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { DomainErrorException, httpStatusOf, isDomainError } from '@dispatch/domain';

interface ValidationIssue {
  keyword?: string;
  instancePath?: string;
  params?: { missingProperty?: string; additionalProperty?: string };
  message?: string;
}

/**
 * An error the handler below answers like a schema failure (400 VALIDATION_FAILED naming the field),
 * for the checks that run before Ajv (plugins/input-guard.ts, plugins/strict-body.ts).
 */
export function validationFailure(context: string, instancePath: string, keyword: string, message: string) {
  return Object.assign(new Error(`${fieldOf(context, { instancePath })} ${message}`), {
    statusCode: 400,
    validationContext: context,
    validation: [{ keyword, instancePath, params: {}, message }],
  });
}

/** `body.location.lng` style name of the field a validation issue is about. */
export function fieldOf(context: string | undefined, issue: ValidationIssue): string {
  const path = (issue.instancePath ?? '').split('/').filter(Boolean);
  const extra = issue.params?.missingProperty ?? issue.params?.additionalProperty;
  if (extra) path.push(extra);
  return [context ?? 'body', ...path].join('.');
}

/**
 * The issue to report. A union body (dispatch: unitIds | auto | nextTier) fails every branch;
 * the branch that got past "which fields are required" names the real culprit (an extra
 * `firstDispatchedAt`, an empty `unitIds`), not the first branch's missing `unitIds`.
 */
export function pickIssue(issues: readonly ValidationIssue[]): ValidationIssue {
  const concrete = issues.filter((i) => i.keyword !== 'anyOf' && i.keyword !== 'oneOf');
  return concrete.find((i) => i.keyword !== 'required') ?? concrete[0] ?? issues[0] ?? {};
}

export default fp(async function errorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | DomainErrorException, request, reply) => {
    if (error instanceof DomainErrorException || isDomainError((error as { error?: unknown }).error)) {
      const domain = (error as DomainErrorException).error;
      const field = typeof domain.details?.field === 'string' ? domain.details.field : undefined;
      const retryAfter = domain.details?.retryAfterSeconds;
      if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
      return reply.status(httpStatusOf(domain.code)).send({
        error: {
          code: domain.code,
          message: domain.message,
          ...(field ? { field } : {}),
          details: domain.details,
        },
      });
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.validation) {
      const issue = pickIssue(fastifyError.validation as ValidationIssue[]);
      const field = fieldOf(fastifyError.validationContext, issue);
      return reply.status(400).send({
        error: { code: 'VALIDATION_FAILED', message: `${field} ${issue.message ?? 'is invalid'}`, field },
      });
    }
    const status = fastifyError.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.status(500).send({ error: { code: 'INTERNAL', message: 'Internal server error' } });
    }
    // Fastify's own 4xx (malformed JSON, body too large, unsupported media type...).
    const code =
      status === 401
        ? 'UNAUTHENTICATED'
        : status === 403
          ? 'FORBIDDEN'
          : status === 404
            ? 'NOT_FOUND'
            : 'VALIDATION_FAILED';
    return reply.status(status).send({ error: { code, message: fastifyError.message, field: 'body' } });
  });
});
