import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, type MenuOptions } from '../../electron/main/menu.ts';

function options(overrides: Partial<MenuOptions> = {}): MenuOptions {
  return { appName: 'Kontor', platform: 'linux', isPackaged: true, showAbout: vi.fn(), openDataFolder: vi.fn(), ...overrides };
}

/** Every item of the template, depth first. */
function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

const roles = (template: MenuItemConstructorOptions[]) => items(template).map((i) => i.role).filter(Boolean);
const labels = (template: MenuItemConstructorOptions[]) => template.map((i) => i.label);

describe('buildMenuTemplate', () => {
  it('has File, Edit, View, Window and Help, with the macOS app menu first on a Mac', () => {
    expect(labels(buildMenuTemplate(options()))).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    expect(labels(buildMenuTemplate(options({ platform: 'darwin' })))).toEqual(['Kontor', 'File', 'Edit', 'View', 'Window', 'Help']);
  });

  it('offers Quit in File, or in the app menu on a Mac', () => {
    const linux = buildMenuTemplate(options());
    expect(items([linux[0]!]).some((i) => i.role === 'quit')).toBe(true);
    const mac = buildMenuTemplate(options({ platform: 'darwin' }));
    expect(items([mac[0]!]).some((i) => i.role === 'quit')).toBe(true);
    expect(items([mac[1]!]).some((i) => i.role === 'quit')).toBe(false);
  });

  it('has the standard edit roles, so copy and paste work in text fields', () => {
    expect(roles(buildMenuTemplate(options()))).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
  });

  it('shows DevTools only in development', () => {
    expect(roles(buildMenuTemplate(options({ isPackaged: true })))).not.toContain('toggleDevTools');
    expect(roles(buildMenuTemplate(options({ isPackaged: false })))).toContain('toggleDevTools');
    for (const isPackaged of [true, false]) {
      expect(roles(buildMenuTemplate(options({ isPackaged })))).toEqual(
        expect.arrayContaining(['reload', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen']),
      );
    }
  });

  it('wires About and Open Data Folder to the given actions', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const opts = options({ platform });
      const all = items(buildMenuTemplate(opts));
      const about = all.find((i) => i.label === 'About Kontor');
      const dataFolder = all.find((i) => i.label === 'Open Data Folder');
      expect(about?.click, platform).toBeTypeOf('function');
      expect(dataFolder?.click, platform).toBeTypeOf('function');
      (about!.click as () => void)();
      (dataFolder!.click as () => void)();
      expect(opts.showAbout).toHaveBeenCalledTimes(1);
      expect(opts.openDataFolder).toHaveBeenCalledTimes(1);
    }
  });
});
