import { contract, isCallName, type CallName, type CallOutput, type ParsedInput } from '../../shared/contract/index.ts';
import { KontorError, ValidationError, type CallError, type CallResult } from '../../shared/errors.ts';
import { fieldIssuesFromZod } from '../../shared/fieldIssues.ts';
import { runAs } from './audit/actor.ts';
import type { Logger } from './logger.ts';
import type { CallGuard } from './users/access.ts';

export type Handler<N extends CallName> = (input: ParsedInput<N>) => Promise<CallOutput<N>> | CallOutput<N>;
export type Handlers = { [N in CallName]: Handler<N> };

export interface Dispatcher {
  /** Never throws: every outcome, including a bug, is answered as a `CallResult`. */
  dispatch(name: unknown, input: unknown): Promise<CallResult<unknown>>;
}

/**
 * Without a guard (tests that assemble handlers by hand) every call is allowed and changes are
 * recorded as made by "system".
 */
export function createDispatcher(handlers: Handlers, log: Logger, guard?: CallGuard): Dispatcher {
  return {
    async dispatch(name, input) {
      if (!isCallName(name)) {
        return fail({ code: 'UNKNOWN_CALL', message: `There is no call named ${JSON.stringify(name)}.` });
      }
      // Before the input is even parsed: a refused call does nothing at all.
      let actor = 'system';
      if (guard) {
        try {
          actor = (await guard.authorize(name, input)).actor;
        } catch (error) {
          if (error instanceof KontorError) return fail(error.toCallError());
          log.error(`could not check the permission of ${name}`, error);
          return fail({ code: 'INTERNAL', message: `Kontor could not check whether ${name} is allowed.` });
        }
      }
      return runAs(actor, () => run(name, input));
    },
  };

  async function run(name: CallName, input: unknown): Promise<CallResult<unknown>> {
    {
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
    }
  }
}

function fail(error: CallError): CallResult<never> {
  return { ok: false, error };
}
