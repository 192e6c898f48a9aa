import type { i18n as I18n } from 'i18next';
import type { FieldIssue } from '../../../shared/errors.ts';
import { callErrorOf, describeError } from './errors.ts';

export { fieldIssuesFromZod } from '../../../shared/fieldIssues.ts';

/**
 * An issue in the interface language. `fieldLabel` fills {{field}}, so generic messages
 * ("… is required") name the field. A key this window does not know (a newer core) falls back
 * to a generic translated sentence rather than to English.
 */
export function translateIssue(i18n: I18n, issue: FieldIssue, fieldLabel: string): string {
  const options = { ...issue.params, field: fieldLabel };
  return i18n.t(messageKeyFor(i18n, issue.key) ?? 'validation.invalid', options);
}

/**
 * The locale key holding the message for an issue key. A key can also be the prefix of others
 * ("validation.hsCode" next to "validation.hsCode.length"); nested locale objects cannot hold
 * both, so the message for the prefix itself lives at "<key>.invalid".
 */
export function messageKeyFor(i18n: I18n, key: string): string | null {
  const languages = [i18n.resolvedLanguage ?? i18n.language, 'en'];
  const isMessage = (k: string) => languages.some((l) => typeof i18n.getResource(l, 'translation', k) === 'string');
  if (isMessage(key)) return key;
  if (isMessage(`${key}.invalid`)) return `${key}.invalid`;
  return null;
}

/** The field issues a failed call carries (a VALIDATION answer); none for any other failure. */
export function issuesOf(error: unknown): FieldIssue[] {
  return callErrorOf(error)?.details?.issues ?? [];
}

/** The first issue per path, for looking up "the problem of this input". */
export function issuesByPath(issues: readonly FieldIssue[]): Map<string, FieldIssue> {
  const out = new Map<string, FieldIssue>();
  for (const issue of issues) if (!out.has(issue.path)) out.set(issue.path, issue);
  return out;
}

/**
 * One translated sentence for any failed call: the first field issue if there is one (labelled
 * `fieldLabel`), the message a refusal names in `details.key` (a CONFLICT such as
 * "catalog.product.stale"), else the error code's sentence.
 */
export function describeProblem(i18n: I18n, error: unknown, fieldLabel = ''): string {
  const issue = issuesOf(error)[0];
  if (issue) return translateIssue(i18n, issue, fieldLabel);
  const key = callErrorOf(error)?.details?.key;
  if (typeof key === 'string') {
    const messageKey = messageKeyFor(i18n, key);
    if (messageKey) return i18n.t(messageKey, { ...(callErrorOf(error)?.details ?? {}), field: fieldLabel });
  }
  return describeError(i18n, error);
}
