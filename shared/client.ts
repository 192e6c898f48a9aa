import type { CallInput, CallName, CallOutput, KontorEvent } from './contract/index.ts';
import type { CallError, CallResult } from './errors.ts';

/**
 * How a client reaches the dispatcher: Electron IPC, HTTP in browser mode, or a direct call in
 * tests. Each transport is a few lines; everything typed lives here.
 */
export interface Transport {
  call(name: string, input: unknown): Promise<CallResult<unknown>>;
  subscribe(listener: (event: KontorEvent) => void): () => void;
}

/** A failed call, thrown by `KontorClient.call`; `error` is what the dispatcher answered. */
export class CallFailedError extends Error {
  readonly error: CallError;
  readonly callName: string;

  constructor(callName: string, error: CallError) {
    super(error.message);
    this.name = 'CallFailedError';
    this.error = error;
    this.callName = callName;
  }
}

export interface KontorClient {
  /** Answers the call's value or throws `CallFailedError`. */
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
  /** Answers the dispatcher's result as is, for code that handles errors as values. */
  tryCall<N extends CallName>(name: N, input: CallInput<N>): Promise<CallResult<CallOutput<N>>>;
  subscribe(listener: (event: KontorEvent) => void): () => void;
}

export function createClient(transport: Transport): KontorClient {
  const tryCall = async <N extends CallName>(name: N, input: CallInput<N>) =>
    (await transport.call(name, input)) as CallResult<CallOutput<N>>;
  return {
    tryCall,
    async call(name, input) {
      const result = await tryCall(name, input);
      if (!result.ok) throw new CallFailedError(name, result.error);
      return result.value;
    },
    subscribe: (listener) => transport.subscribe(listener),
  };
}
