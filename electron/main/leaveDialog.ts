import { dialog, type BrowserWindow } from 'electron';
import type { Language } from '../../shared/contract/app.ts';
import { leaveTexts } from './leaveTexts.ts';

/**
 * The question Electron leaves to the app when a page's beforeunload handler objects (the
 * renderer does so while a form holds unsaved edits): a browser shows its own prompt, but in
 * Electron the close or reload is silently cancelled unless the main process asks.
 * True means leave (close or reload anyway).
 */
export function confirmLeave(window: BrowserWindow, language: Language): boolean {
  const text = leaveTexts(language);
  const choice = dialog.showMessageBoxSync(window, {
    type: 'question',
    title: text.title,
    message: text.message,
    detail: text.detail,
    buttons: [text.leave, text.stay],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  });
  return choice === 0;
}
