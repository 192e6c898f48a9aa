import { useMantineColorScheme } from '@mantine/core';
import { createContext, use, useCallback, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, Preferences, Theme } from '../../../shared/contract/app.ts';
import { applyDocumentLanguage } from '../i18n/dom.ts';
import { getClient } from './api.ts';
import { describeError } from './errors.ts';
import { notify } from './notifications.ts';

interface PreferencesValue {
  preferences: Preferences;
  setLanguage: (language: Language) => Promise<void>;
  setTheme: (theme: Theme) => Promise<void>;
}

const PreferencesContext = createContext<PreferencesValue | null>(null);

export function usePreferences(): PreferencesValue {
  const value = use(PreferencesContext);
  if (!value) throw new Error('usePreferences outside <PreferencesProvider>');
  return value;
}

/** The interface language, typed; `i18n.language` is a plain string. */
export function useLanguage(): Language {
  return usePreferences().preferences.language;
}

/**
 * Language and theme live in the core (app.getPreferences), not in localStorage, so the
 * desktop window, browser mode and the CLI agree. Changes apply at once and are then saved;
 * if saving fails the change is undone and the person is told.
 */
export function PreferencesProvider({ initial, children }: { initial: Preferences; children: ReactNode }) {
  const [preferences, setPreferences] = useState(initial);
  const { i18n } = useTranslation();
  const { setColorScheme } = useMantineColorScheme();

  const applyLanguage = useCallback(
    async (language: Language) => {
      applyDocumentLanguage(language);
      await i18n.changeLanguage(language);
    },
    [i18n],
  );

  const save = useCallback(
    async (change: Partial<Preferences>, undo: () => Promise<void> | void) => {
      try {
        const saved = await getClient().call('app.setPreferences', change);
        setPreferences(saved);
      } catch (error) {
        await undo();
        notify({ kind: 'error', title: i18n.t('preferences.saveFailed'), message: describeError(i18n, error) });
      }
    },
    [i18n],
  );

  const setLanguage = useCallback(
    async (language: Language) => {
      const previous = preferences.language;
      if (language === previous) return;
      setPreferences((p) => ({ ...p, language }));
      await applyLanguage(language);
      await save({ language }, async () => {
        setPreferences((p) => ({ ...p, language: previous }));
        await applyLanguage(previous);
      });
    },
    [preferences.language, applyLanguage, save],
  );

  const setTheme = useCallback(
    async (theme: Theme) => {
      const previous = preferences.theme;
      if (theme === previous) return;
      setPreferences((p) => ({ ...p, theme }));
      setColorScheme(theme);
      await save({ theme }, () => {
        setPreferences((p) => ({ ...p, theme: previous }));
        setColorScheme(previous);
      });
    },
    [preferences.theme, setColorScheme, save],
  );

  const value = useMemo(() => ({ preferences, setLanguage, setTheme }), [preferences, setLanguage, setTheme]);
  return <PreferencesContext value={value}>{children}</PreferencesContext>;
}
