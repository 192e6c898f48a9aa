/**
 * The preload: the only code with both a page and IPC in reach. It runs sandboxed and is built as
 * one CommonJS file (out/preload/index.cjs) with its imports bundled, because a sandboxed preload
 * can neither load ES modules nor require packages.
 *
 * The page gets exactly `window.kontorBridge = { call, subscribe }` (shared/client.ts Transport):
 * never ipcRenderer, never a generic send. The main process checks the sender, the call name and
 * every input against the contract; the preload imports no schemas, which keeps it small (the
 * contract pulls in zod and the validators' metadata).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Transport } from '../../shared/client.ts';
import type { KontorEvent } from '../../shared/contract/index.ts';
import type { CallResult } from '../../shared/errors.ts';
import { BRIDGE_KEY, CALL_CHANNEL, EVENT_CHANNEL } from './channels.ts';

const bridge: Transport = {
  call(name: string, input: unknown): Promise<CallResult<unknown>> {
    if (typeof name !== 'string') {
      // The same answer the dispatcher gives, so callers handle one shape.
      return Promise.resolve({
        ok: false,
        error: { code: 'UNKNOWN_CALL', message: `There is no call named ${JSON.stringify(String(name).slice(0, 100))}.` },
      });
    }
    return ipcRenderer.invoke(CALL_CHANNEL, name, input) as Promise<CallResult<unknown>>;
  },

  subscribe(listener: (event: KontorEvent) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('subscribe needs a function');
    // The page's listener never sees the IPC event object (it carries `sender`, i.e. ipcRenderer).
    const forward = (_ipcEvent: IpcRendererEvent, event: KontorEvent): void => listener(event);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
