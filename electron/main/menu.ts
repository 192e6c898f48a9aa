import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu as a template. Only a type comes from `electron` (erased at build time), so
 * tests/main/menu.test.ts can check the template without an Electron binary; index.ts builds it
 * with Menu.buildFromTemplate.
 *
 * Labels are English for now: the renderer's i18n (i18next) lives in the renderer, and the menu
 * will be translated once the main process gets the chosen language.
 */
export interface MenuOptions {
  appName: string;
  platform: NodeJS.Platform;
  /** Packaged builds get no developer tools in the menu. */
  isPackaged: boolean;
  showAbout(): void;
  openDataFolder(): void;
}

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const about: MenuItemConstructorOptions = { label: `About ${options.appName}`, click: () => options.showAbout() };

  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: options.appName,
          submenu: [
            about,
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [];

  const file: MenuItemConstructorOptions = {
    label: 'File',
    // On macOS Quit lives in the app menu and File offers Close Window, as Mac users expect.
    submenu: mac ? [{ role: 'close' }] : [{ role: 'quit' }],
  };

  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? ([{ role: 'pasteAndMatchStyle' }] as MenuItemConstructorOptions[]) : []),
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  };

  // Reloading is harmless (everything lives in the core); DevTools are for developers only.
  const developer: MenuItemConstructorOptions[] = options.isPackaged ? [] : [{ role: 'forceReload' }, { role: 'toggleDevTools' }];

  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'reload' },
      ...developer,
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const windowMenu: MenuItemConstructorOptions = {
    label: 'Window',
    submenu: mac
      ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'close' }],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: 'Help',
    submenu: [
      { label: 'Open Data Folder', click: () => options.openDataFolder() },
      ...(mac ? [] : ([{ type: 'separator' }, about] as MenuItemConstructorOptions[])),
    ],
  };

  return [...appMenu, file, edit, view, windowMenu, help];
}
