import { BrowserWindow, ipcMain } from 'electron';
import type { Kontor } from '../core/kontor.ts';
import type { Logger } from '../core/logger.ts';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../preload/channels.ts';
import { createCallGate } from './callGate.ts';

export interface IpcOptions {
  kontor: Pick<Kontor, 'dispatcher' | 'events'>;
  isTrustedUrl: (url: string) => boolean;
  log: Logger;
}

/**
 * The IPC surface: one invoke channel for calls, one push channel for events. Nothing else is
 * handled, so the renderer can do nothing the contract does not name. Returns a function that
 * removes both (before the core closes).
 */
export function registerIpc(options: IpcOptions): () => void {
  const answer = createCallGate({
    dispatcher: options.kontor.dispatcher,
    isTrustedSender: options.isTrustedUrl,
    log: options.log,
  });
  // senderFrame is null once the frame navigated away or was destroyed: the gate refuses that too.
  ipcMain.handle(CALL_CHANNEL, (event, name: unknown, input: unknown) => answer(event.senderFrame?.url, name, input));

  const unsubscribe = options.kontor.events.subscribe((kontorEvent) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (window.isDestroyed()) continue;
      const contents = window.webContents;
      // Only a page showing Kontor hears about Kontor's jobs.
      if (contents.isDestroyed() || !options.isTrustedUrl(contents.getURL())) continue;
      contents.send(EVENT_CHANNEL, kontorEvent);
    }
  });

  return () => {
    ipcMain.removeHandler(CALL_CHANNEL);
    unsubscribe();
  };
}
