import type { z } from 'zod';
import { contract, isCallName, type CallName, type CallOutput, type ParsedInput } from '../../shared/contract/index.ts';
import { KontorError, ValidationError, type CallError, type CallResult, type FieldIssue } from '../../shared/errors.ts';
import type { Logger } from './logger.ts';

export type Handler<N extends CallName> = (input: ParsedInput<N>) => Promise<CallOutput<N>> | CallOutput<N>;
export type Handlers = { [N in CallName]: Handler<N> };

export interface Dispatcher {
  /** Never throws: every outcome, including a bug, is answered as a `CallResult`. */
  dispatch(name: unknown, input: unknown): Promise<CallResult<unknown>>;
}

export function createDispatcher(handlers: Handlers, log: Logger): Dispatcher {
  return {
    async dispatch(name, input) {
      if (!isCallName(name)) {
        return fail({ code: 'UNKNOWN_CALL', message: `There is no call named ${JSON.stringify(name)}.` });
      }
      const spec = contract[name];
      const parsed = await spec.input.safeParseAsync(input);
      if (!parsed.success) return fail(new ValidationError(zodIssues(parsed.error)).toCallError());
      try {
        const handler = handlers[name] as (input: unknown) => unknown;
        const value = await handler(parsed.data);
        // The output schema guards the renderer against a handler that drifted from the contract.
        const checked = await spec.output.safeParseAsync(value);
        if (!checked.success) {
          log.error(`call ${name} answered a value that does not match its contract`, checked.error.issues);
          return fail({ code: 'INTERNAL', message: `Kontor answered ${name} with an unexpected shape.` });
        }
        return { ok: true, value: checked.data };
      } catch (error) {
        if (error instanceof KontorError) return fail(error.toCallError());
        log.error(`call ${name} failed`, error);
        return fail({
          code: 'INTERNAL',
          message: `Kontor hit an unexpected problem in ${name}: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    },
  };
}

function fail(error: CallError): CallResult<never> {
  return { ok: false, error };
}

/** Zod's issues as field issues: a dotted path, a translation key, an English message. */
export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const params = 'params' in issue && issue.params ? (issue.params as Record<string, unknown>) : {};
    const key = typeof params.key === 'string' ? params.key : keyForZodIssue(issue);
    const rest = Object.fromEntries(
      Object.entries(params).filter(([k, v]) => k !== 'key' && (typeof v === 'string' || typeof v === 'number')),
    ) as Record<string, string | number>;
    const field: FieldIssue = { path: issue.path.map(String).join('.'), key, message: issue.message };
    if ('minimum' in issue && (typeof issue.minimum === 'number')) rest.minimum = issue.minimum;
    if ('maximum' in issue && (typeof issue.maximum === 'number')) rest.maximum = issue.maximum;
    if (Object.keys(rest).length > 0) field.params = rest;
    return field;
  });
}

function keyForZodIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1) return 'validation.required';
  if (issue.code === 'too_small' || issue.code === 'too_big') return `validation.${issue.code}.${issue.origin}`;
  return `validation.${issue.code}`;
}
