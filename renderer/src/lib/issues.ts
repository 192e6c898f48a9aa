import type { i18n as I18n } from 'i18next';
import type { FieldIssue } from '../../../shared/errors.ts';

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
