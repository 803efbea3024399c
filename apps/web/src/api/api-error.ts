/**
 * Every failed request becomes an ApiError with a stable `code` (the server's domain error code,
 * or NETWORK / UNKNOWN for failures that never reached it), so the UI translates codes, not text.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  /** The server's machine-readable parameters (a second factor's enrolment secret...). */
  readonly details: Record<string, unknown> | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    field?: string,
    details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.details = details;
  }
}

/** Stable code of any thrown value, for translation (`errors.<code>`). */
export function errorCode(error: unknown): string {
  if (error instanceof ApiError) return error.code;
  return 'UNKNOWN';
}

/** Parses the server's `{error:{code,message,field?}}` body; tolerant of anything else. */
export async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (proxy error page, empty body): fall back on the status below.
  }
  const error = (
    body as { error?: { code?: unknown; message?: unknown; field?: unknown; details?: unknown } } | null
  )?.error;
  if (error && typeof error.code === 'string') {
    return new ApiError(
      response.status,
      error.code,
      typeof error.message === 'string' ? error.message : error.code,
      typeof error.field === 'string' ? error.field : undefined,
      error.details && typeof error.details === 'object'
        ? (error.details as Record<string, unknown>)
        : undefined,
    );
  }
  const code =
    response.status === 401 ? 'UNAUTHENTICATED' : response.status === 404 ? 'NOT_FOUND' : 'UNKNOWN';
  return new ApiError(response.status, code, `HTTP ${response.status}`);
}
