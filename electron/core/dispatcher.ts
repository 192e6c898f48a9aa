import { contract, isCallName, type CallName, type CallOutput, type ParsedInput } from '../../shared/contract/index.ts';
import { KontorError, ValidationError, type CallError, type CallResult } from '../../shared/errors.ts';
import { fieldIssuesFromZod } from '../../shared/fieldIssues.ts';
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
      if (!parsed.success) return fail(new ValidationError(fieldIssuesFromZod(parsed.error)).toCallError());
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
