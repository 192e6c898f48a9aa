import type { CallResult } from '../../shared/errors.ts';
import type { Dispatcher } from '../core/dispatcher.ts';
import type { Logger } from '../core/logger.ts';

export interface CallGateOptions {
  dispatcher: Pick<Dispatcher, 'dispatch'>;
  /** Whether a frame at this URL may call the core (security.ts isTrustedAppUrl). */
  isTrustedSender: (url: string) => boolean;
  log: Pick<Logger, 'warn'>;
}

/**
 * The one door from a renderer into the core. A call is answered only for a frame showing the app
 * itself; the dispatcher then checks the name and validates the input against the contract. Kept
 * apart from ipc.ts (which needs `electron`) so tests/main/callGate.test.ts can run it.
 *
 * `senderUrl` is undefined when the sending frame is already gone (navigated away or destroyed).
 */
export function createCallGate(options: CallGateOptions) {
  return async function answer(senderUrl: string | undefined, name: unknown, input: unknown): Promise<CallResult<unknown>> {
    if (senderUrl === undefined || !options.isTrustedSender(senderUrl)) {
      const shownName = typeof name === 'string' ? JSON.stringify(name.slice(0, 100)) : `of type ${typeof name}`;
      options.log.warn(`refused call ${shownName} from a frame that is not Kontor`, senderUrl ?? '(frame gone)');
      return {
        ok: false,
        error: { code: 'UNAUTHORIZED', message: 'Only Kontor\'s own pages may call Kontor.' },
      };
    }
    return options.dispatcher.dispatch(name, input);
  };
}
