import type { Transport } from '../../shared/client.ts';
import type { Kontor } from './kontor.ts';

/**
 * A transport that calls the dispatcher directly (tests, CLI). Inputs and answers are cloned the
 * way IPC and HTTP would serialise them, so a test cannot pass by sharing an object.
 */
export function createInProcessTransport(kontor: Pick<Kontor, 'dispatcher' | 'events'>): Transport {
  return {
    call: async (name, input) => structuredClone(await kontor.dispatcher.dispatch(name, structuredClone(input))),
    subscribe: (listener) => kontor.events.subscribe((event) => listener(structuredClone(event))),
  };
}
