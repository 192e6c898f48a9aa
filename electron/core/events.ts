import type { KontorEvent } from '../../shared/contract/events.ts';

export interface EventHub {
  emit(event: KontorEvent): void;
  subscribe(listener: (event: KontorEvent) => void): () => void;
}

export function createEventHub(onListenerError: (error: unknown) => void): EventHub {
  const listeners = new Set<(event: KontorEvent) => void>();
  return {
    emit(event) {
      for (const listener of listeners) {
        // One broken window must not stop the others from hearing about a job.
        try {
          listener(event);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
