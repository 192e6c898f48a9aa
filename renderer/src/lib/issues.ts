import type { i18n as I18n } from 'i18next';
import type { z } from 'zod';
import type { FieldIssue } from '../../../shared/errors.ts';

/**
 * Zod's issues as the core's FieldIssues: the same path, key and params the dispatcher answers
 * (electron/core/dispatcher.ts, which the renderer may not import), so a field shows the same
 * message whether the form's own check or the core's found the problem.
 */
export function fieldIssuesFromZod(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const params = 'params' in issue && issue.params ? (issue.params as Record<string, unknown>) : {};
    const key = typeof params.key === 'string' ? params.key : keyForZodIssue(issue);
    const rest: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(params)) {
      if (k !== 'key' && (typeof v === 'string' || typeof v === 'number')) rest[k] = v;
    }
    if ('minimum' in issue && typeof issue.minimum === 'number') rest.minimum = issue.minimum;
    if ('maximum' in issue && typeof issue.maximum === 'number') rest.maximum = issue.maximum;
    const field: FieldIssue = { path: issue.path.map(String).join('.'), key, message: issue.message };
    if (Object.keys(rest).length > 0) field.params = rest;
    return field;
  });
}

function keyForZodIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1) return 'validation.required';
  if (issue.code === 'too_small' || issue.code === 'too_big') return `validation.${issue.code}.${issue.origin}`;
  return `validation.${issue.code}`;
}

/**
 * An issue in the interface language. `fieldLabel` fills {{field}}, so generic messages
 * ("… is required") name the field. A key this window does not know (a newer core) falls back
 * to a generic translated sentence rather than to English.
 */
export function translateIssue(i18n: I18n, issue: FieldIssue, fieldLabel: string): string {
  const options = { ...issue.params, field: fieldLabel };
  if (i18n.exists(issue.key)) return i18n.t(issue.key, options);
  return i18n.t('validation.invalid', options);
}
