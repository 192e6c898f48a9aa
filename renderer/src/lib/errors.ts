import type { i18n as I18n } from 'i18next';
import { CallFailedError } from '../../../shared/client.ts';
import { isCallError, type CallError } from '../../../shared/errors.ts';

/**
 * One translated sentence for a failed call. A CallFailedError carries an error code
 * (translated as `errors.<CODE>`); anything else means the transport itself failed, i.e. the
 * core did not answer.
 */
export function describeError(i18n: I18n, error: unknown): string {
  const callError = callErrorOf(error);
  if (callError) return describeCallError(i18n, callError);
  return i18n.t('errors.unreachable');
}

/** Also for a job's error, whose code is a plain string. */
export function describeCallError(i18n: I18n, error: { code: string }): string {
  const key = `errors.${error.code}`;
  return i18n.exists(key) ? i18n.t(key) : i18n.t('errors.INTERNAL');
}

export function callErrorOf(error: unknown): CallError | undefined {
  if (error instanceof CallFailedError) return error.error;
  if (isCallError(error)) return error;
  return undefined;
}
