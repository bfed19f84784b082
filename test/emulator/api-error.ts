/**
 * A failure the emulator answers with. The store throws these; the route style (v2 envelope,
 * v1 envelope) decides how they are written. Some Confluence messages differ between v1 and v2,
 * so an error may carry both texts.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly v1Message: string = message,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Request Entity Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? 'Error';
}

export const notFound = (what = 'Not Found'): ApiError => new ApiError(404, 'NOT_FOUND', what);
export const badRequest = (message: string, v1Message?: string): ApiError =>
  new ApiError(400, 'BAD_REQUEST', message, v1Message);
export const invalidParameter = (message: string): ApiError =>
  new ApiError(400, 'INVALID_REQUEST_PARAMETER', message);

/** `{"errors":[{status,code,title,detail:null}]}` — what REST v2 answers. */
export function v2Envelope(error: ApiError): unknown {
  return { errors: [{ status: error.status, code: error.code, title: error.message, detail: null }] };
}

/** `{"statusCode","data","message","reason"}` — what REST v1 answers. */
export function v1Envelope(error: ApiError): unknown {
  return {
    statusCode: error.status,
    data: {
      authorized: error.status !== 403,
      valid: true,
      allowedInReadOnlyMode: true,
      errors: [],
      successful: false,
    },
    message: error.v1Message,
    reason: reasonPhrase(error.status),
  };
}
