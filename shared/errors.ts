/**
 * Error codes every call may answer with. The renderer translates them (`errors.<code>` in the
 * locale files), so a code is a stable contract: add codes, never rename them.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'UNKNOWN_CALL',
  'UNAUTHORIZED',
  'NOT_FOUND',
  'CONFLICT',
  'CANCELLED',
  'DATABASE_TOO_NEW',
  'NOT_A_KONTOR_DATABASE',
  'DATABASE_CORRUPT',
  'FORBIDDEN',
  'SIGN_IN_REQUIRED',
  'INTERNAL',
  'MARKETPLACE_REFUSED',
  'MARKETPLACE_UNAVAILABLE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem with one input field; `key` is a translation key, `message` the English text. */
export interface FieldIssue {
  path: string;
  key: string;
  message: string;
  params?: Record<string, string | number>;
}

export interface CallErrorDetails {
  issues?: FieldIssue[];
  [extra: string]: unknown;
}

export interface CallError {
  code: ErrorCode;
  message: string;
  details?: CallErrorDetails;
}

export type CallResult<T> = { ok: true; value: T } | { ok: false; error: CallError };

/**
 * The one error type domain code throws on purpose. Anything else reaching the dispatcher is a
 * bug and is answered as INTERNAL.
 */
export class KontorError extends Error {
  readonly code: ErrorCode;
  readonly details: CallErrorDetails | undefined;

  constructor(code: ErrorCode, message: string, details?: CallErrorDetails) {
    super(message);
    this.name = 'KontorError';
    this.code = code;
    this.details = details;
  }

  toCallError(): CallError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** Input that failed its schema or a domain rule, with one issue per field. */
export class ValidationError extends KontorError {
  constructor(issues: FieldIssue[], message = describeIssues(issues)) {
    super('VALIDATION', message, { issues });
    this.name = 'ValidationError';
  }
}

export function describeIssues(issues: FieldIssue[]): string {
  if (issues.length === 0) return 'The input is not valid.';
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
}

export function isCallError(value: unknown): value is CallError {
  if (typeof value !== 'object' || value === null) return false;
  const code = (value as { code?: unknown }).code;
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}
