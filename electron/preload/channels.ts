/**
 * The two IPC channels between the preload and the main process. They live here, not in shared/,
 * because nothing but these two processes speaks them; the main process imports this file.
 */
export const CALL_CHANNEL = 'kontor:call';
export const EVENT_CHANNEL = 'kontor:event';

/** The global the preload defines in the page (see renderer/src/transport/index.ts). */
export const BRIDGE_KEY = 'kontorBridge';
