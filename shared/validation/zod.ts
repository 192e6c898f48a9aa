import { z } from 'zod';
import type { Check } from './check.ts';

/**
 * Turns a validator into a zod string schema that answers the normalized value, so a schema and
 * the form share one rule. The issue carries the validator's translation key in `params.key`;
 * the dispatcher hands it to the UI.
 */
export function checkedString(check: (value: string) => Check) {
  return z
    .string()
    .trim()
    .transform((value, ctx) => {
      const result = check(value);
      if (result.ok) return result.normalized;
      ctx.addIssue({ code: 'custom', message: result.message, params: { key: result.key, ...result.params } });
      return z.NEVER;
    });
}

/** A required single-line text: trimmed, not empty, at most `max` characters. */
export function requiredText(max: number) {
  return z.string().trim().min(1, { error: 'This field is required.' }).max(max);
}

/** An optional text: blank becomes null so the database never stores empty strings. */
export function optionalText(max: number) {
  return z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v === undefined || v === null || v === '' ? null : v));
}
