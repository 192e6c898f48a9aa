/**
 * A stand-in for the `electron` module, just large enough to run the built main process
 * (out/main/index.js) under plain Node, since no Electron binary exists here. register.ts maps
 * `import … from 'electron'` to this file.
 *
 * It keeps Electron's ordering rules that matter to us (setPath, enableSandbox and
 * registerSchemesAsPrivileged only before `ready`; protocol.handle and sessions only after), reports
 * what the app does to the parent test over the fork IPC channel, and answers the test's commands
 * by calling the handlers the app registered (IPC, app protocol, navigation, permissions,
 * webRequest, quit). The scenario lives in tests/main/main-process.test.ts.
 */
import { existsSync } from 'node:fs';

type Listener = (...args: never[]) => unknown;

interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

function fakeEvent<T extends object>(fields: T = {} as T): FakeEvent & T {
  return Object.assign(
    {
      defaultPrevented: false,
      preventDefault(this: FakeEvent) {
        this.defaultPrevented = true;
      },
    },
    fields,
  );
}

class Emitter {
  readonly #listeners = new Map<string, Listener[]>();

  on(name: string, listener: Listener): this {
    this.#listeners.set(name, [...(this.#listeners.get(name) ?? []), listener]);
    return this;
  }

  once(name: string, listener: Listener): this {
    const wrapper = ((...args: never[]) => {
      this.#listeners.set(name, (this.#listeners.get(name) ?? []).filter((l) => l !== wrapper));
      return listener(...args);
    }) as Listener;
    return this.on(name, wrapper);
  }

  emit(name: string, ...args: unknown[]): void {
    for (const listener of this.#listeners.get(name) ?? []) (listener as (...a: unknown[]) => unknown)(...args);
  }
}

function report(message: Record<string, unknown>): void {
  process.send?.(message);
}

function fail(message: string): never {
  report({ type: 'violation', message });
  throw new Error(`fake electron: ${message}`);
}

// ---- app ----------------------------------------------------------------------------------------

let ready = false;
let quitting = false;
let userData = process.env.FAKE_ELECTRON_USER_DATA ?? fail('FAKE_ELECTRON_USER_DATA is not set');
const appEvents = new Emitter();
const whenReadyPromise = new Promise<void>((resolve) => {
  // Electron emits `ready` after the main script's synchronous part has run.
  setTimeout(() => {
    ready = true;
    report({ type: 'ready' });
    appEvents.emit('ready');
    resolve();
  }, 20);
});

export const app = {
  // FAKE_ELECTRON_DEV=1 plays `electron-vite dev` (an unpackaged app); otherwise a packaged one.
  isPackaged: process.env.FAKE_ELECTRON_DEV !== '1',
  getVersion: () => '0.1.0',
  getName: () => 'Kontor',
  getPath(name: string): string {
    if (name !== 'userData') fail(`getPath(${name}) is not faked`);
    return userData;
  },
  setPath(name: string, value: string): void {
    if (ready) fail('app.setPath after ready');
    if (!existsSync(value)) fail(`app.setPath to a folder that does not exist: ${value}`);
    if (name === 'userData') userData = value;
    report({ type: 'setPath', name, value });
  },
  enableSandbox(): void {
    if (ready) fail('app.enableSandbox after ready');
    report({ type: 'enableSandbox' });
  },
  requestSingleInstanceLock(): boolean {
    report({ type: 'singleInstanceLock', userData });
    return process.env.FAKE_ELECTRON_SECOND_INSTANCE !== '1';
  },
  on(name: string, listener: Listener) {
    appEvents.on(name, listener);
    return app;
  },
  whenReady: () => whenReadyPromise,
  quit(): void {
    const beforeQuit = fakeEvent();
    appEvents.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    quitting = true;
    // As Electron: close every window, then will-quit (window-all-closed is not emitted when quitting).
    for (const window of [...windows]) window.close();
    const willQuit = fakeEvent();
    appEvents.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) {
      report({ type: 'quitDeferred' });
      return;
    }
    app.exit(0);
  },
  exit(code = 0): void {
    report({ type: 'exit', code });
    // Let the report reach the parent before the channel closes.
    setTimeout(() => process.exit(code), 20);
  },
};

// ---- protocol, session --------------------------------------------------------------------------

type ProtocolHandler = (request: Request) => Response | Promise<Response>;
const protocolHandlers = new Map<string, ProtocolHandler>();

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    if (ready) fail('protocol.registerSchemesAsPrivileged after ready');
    report({ type: 'privilegedSchemes', schemes });
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    if (!ready) fail('protocol.handle before ready');
    protocolHandlers.set(scheme, handler);
  },
};

type PermissionRequestHandler = (wc: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
type PermissionCheckHandler = (wc: unknown, permission: string, origin: string, details: unknown) => boolean;
type BeforeRequestListener = (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void;
type HeadersReceivedListener = (
  details: { url: string; responseHeaders: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;

const sessionState: {
  permissionRequest?: PermissionRequestHandler;
  permissionCheck?: PermissionCheckHandler;
  beforeRequest?: BeforeRequestListener;
  headersReceived?: HeadersReceivedListener;
} = {};

const defaultSession = {
  setPermissionRequestHandler(handler: PermissionRequestHandler) {
    sessionState.permissionRequest = handler;
  },
  setPermissionCheckHandler(handler: PermissionCheckHandler) {
    sessionState.permissionCheck = handler;
  },
  webRequest: {
    onBeforeRequest(listener: BeforeRequestListener) {
      sessionState.beforeRequest = listener;
    },
    onHeadersReceived(listener: HeadersReceivedListener) {
      sessionState.headersReceived = listener;
    },
  },
};

export const session = {
  get defaultSession() {
    if (!ready) fail('session.defaultSession before ready');
    return defaultSession;
  },
};

// ---- windows ------------------------------------------------------------------------------------

class FakeWebContents extends Emitter {
  url = '';
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  getURL = () => this.url;
  isDestroyed = () => false;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown) {
    report({ type: 'send', channel, payload });
  }
}

const windows: BrowserWindow[] = [];

export class BrowserWindow extends Emitter {
  static getAllWindows = () => [...windows];
  readonly webContents = new FakeWebContents();
  #destroyed = false;

  constructor(options: Record<string, unknown>) {
    super();
    if (!ready) fail('new BrowserWindow before ready');
    windows.push(this);
    appEvents.emit('web-contents-created', fakeEvent(), this.webContents);
    report({ type: 'window', options });
  }

  loadURL(url: string): Promise<void> {
    this.webContents.url = url;
    report({ type: 'loadURL', url });
    setTimeout(() => this.emit('ready-to-show'), 5);
    return Promise.resolve();
  }

  show = () => report({ type: 'show' });
  focus = () => undefined;
  restore = () => undefined;
  maximize = () => report({ type: 'maximize' });
  isMaximized = () => false;
  isMinimized = () => false;
  isDestroyed = () => this.#destroyed;
  getNormalBounds = () => ({ x: 40, y: 30, width: 1100, height: 720 });

  close(): void {
    const event = fakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.#destroyed = true;
    windows.splice(windows.indexOf(this), 1);
    this.emit('closed');
    if (windows.length === 0 && !quitting) appEvents.emit('window-all-closed');
  }
}

export const screen = {
  getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
};

export const nativeTheme = { shouldUseDarkColors: false };

/** No keychain here: the app falls back to the data directory's key file, as on a Linux box without one. */
export const safeStorage = {
  isEncryptionAvailable: () => false,
  getSelectedStorageBackend: () => 'basic_text',
  encryptString: (): Buffer => {
    throw new Error('safeStorage is not available in the fake Electron.');
  },
  decryptString: (): string => {
    throw new Error('safeStorage is not available in the fake Electron.');
  },
};

// ---- ipc, menu, dialogs, shell ------------------------------------------------------------------

type IpcHandler = (event: unknown, ...args: unknown[]) => unknown;
const ipcHandlers = new Map<string, IpcHandler>();

export const ipcMain = {
  handle(channel: string, handler: IpcHandler) {
    if (ipcHandlers.has(channel)) fail(`a second handler for ${channel}`);
    ipcHandlers.set(channel, handler);
  },
  removeHandler(channel: string) {
    ipcHandlers.delete(channel);
  },
};

export const Menu = {
  buildFromTemplate: (template: { label?: string }[]) => ({ template }),
  setApplicationMenu: (menu: { template: { label?: string }[] }) => report({ type: 'menu', labels: menu.template.map((i) => i.label) }),
};

export const dialog = {
  showErrorBox: (title: string, content: string) => report({ type: 'errorBox', title, content }),
  showMessageBox: () => Promise.resolve({ response: 0, checkboxChecked: false }),
};

export const shell = {
  openExternal(url: string) {
    report({ type: 'openExternal', url });
    return Promise.resolve();
  },
  openPath(path: string) {
    report({ type: 'openPath', path });
    return Promise.resolve('');
  },
};

// ---- commands from the test ---------------------------------------------------------------------

export type Command =
  | { op: 'call'; senderUrl: string | null; name: unknown; input: unknown }
  | { op: 'fetch'; url: string; method?: string }
  | { op: 'navigate'; url: string }
  | { op: 'windowOpen'; url: string }
  | { op: 'permission'; permission: string; requestingUrl: string }
  | { op: 'permissionCheck'; permission: string; origin: string }
  | { op: 'request'; url: string }
  | { op: 'headersReceived'; url: string; responseHeaders: Record<string, string[]> }
  | { op: 'secondInstance' }
  | { op: 'quit' };

function firstContents(): FakeWebContents {
  return windows[0]?.webContents ?? fail('no window is open');
}

async function run(command: Command): Promise<unknown> {
  switch (command.op) {
    case 'call': {
      const handler = ipcHandlers.get('kontor:call') ?? fail('no handler for kontor:call');
      const senderFrame = command.senderUrl === null ? null : { url: command.senderUrl };
      return handler({ senderFrame, sender: firstContents() }, command.name, command.input);
    }
    case 'fetch': {
      const url = new URL(command.url);
      const handler = protocolHandlers.get(url.protocol.slice(0, -1)) ?? fail(`no protocol handler for ${url.protocol}`);
      const response = await handler(new Request(command.url, { method: command.method ?? 'GET' }));
      const body = await response.text();
      return { status: response.status, headers: Object.fromEntries(response.headers), body };
    }
    case 'navigate': {
      const event = fakeEvent({ url: command.url, isMainFrame: true, isSameDocument: false, frame: null });
      firstContents().emit('will-navigate', event);
      return { prevented: event.defaultPrevented };
    }
    case 'windowOpen': {
      const handler = firstContents().windowOpenHandler ?? fail('no window open handler');
      return handler({ url: command.url });
    }
    case 'permission': {
      const handler = sessionState.permissionRequest ?? fail('no permission request handler');
      return new Promise((resolve) =>
        handler(firstContents(), command.permission, (granted) => resolve({ granted }), {
          requestingUrl: command.requestingUrl,
          isMainFrame: true,
        }),
      );
    }
    case 'permissionCheck': {
      const handler = sessionState.permissionCheck ?? fail('no permission check handler');
      return { granted: handler(firstContents(), command.permission, command.origin, {}) };
    }
    case 'request': {
      const listener = sessionState.beforeRequest ?? fail('no onBeforeRequest listener');
      return new Promise((resolve) => listener({ url: command.url }, (response) => resolve({ cancel: response.cancel === true })));
    }
    case 'headersReceived': {
      const listener = sessionState.headersReceived;
      if (!listener) return { listener: false };
      return new Promise((resolve) =>
        listener({ url: command.url, responseHeaders: command.responseHeaders }, (response) => resolve({ listener: true, ...response })),
      );
    }
    case 'secondInstance':
      appEvents.emit('second-instance', fakeEvent(), [], process.cwd(), {});
      return null;
    case 'quit':
      app.quit();
      return null;
  }
}

process.on('message', (message: { id: number; command: Command }) => {
  run(message.command).then(
    (result) => report({ type: 'reply', id: message.id, result }),
    (error: unknown) => report({ type: 'reply', id: message.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
