import type { Transport } from '../../../shared/client.ts';
import { createWebTransport } from './webTransport.ts';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    kontorBridge?: Transport;
  }
}

/** The desktop app talks through the preload's bridge; browser mode talks HTTP to the local server. */
export function pickTransport(): Transport {
  return window.kontorBridge ?? createWebTransport();
}
