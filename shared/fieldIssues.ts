import type { z } from 'zod';
import type { FieldIssue } from './errors.ts';

/**
 * Zod's issues as field issues: a dotted path, a translation key, an English message. The core
 * answers these and the renderer's own form checks produce the same, so a field shows the same
 * message whichever side found the problem.
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
