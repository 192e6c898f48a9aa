import type { i18n as I18n } from 'i18next';
import { describeError } from '../lib/errors.ts';
import { issuesOf, translateIssue } from '../lib/issues.ts';

/** The first field issue of a failed call in the interface language, or the translated error. */
export function callText(i18n: I18n, error: unknown, fieldLabel = ''): string {
  const issue = issuesOf(error)[0];
  return issue ? translateIssue(i18n, issue, fieldLabel) : describeError(i18n, error);
}
