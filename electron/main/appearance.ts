import type { Theme } from '../../shared/contract/app.ts';

/**
 * The window's background before the renderer paints: Mantine's body colours, so opening the
 * window shows no white flash in dark mode and no dark flash in light mode.
 */
export const BACKGROUND = { light: '#ffffff', dark: '#242424' } as const;

export function backgroundColorFor(theme: Theme | undefined, systemPrefersDark: boolean): string {
  const dark = theme === 'dark' || ((theme === undefined || theme === 'auto') && systemPrefersDark);
  return dark ? BACKGROUND.dark : BACKGROUND.light;
}
