import type { Dispatcher } from '../core/dispatcher.ts';
import { LANGUAGES, type Language } from '../../shared/contract/app.ts';

/** The main process has no i18n; the leave-without-saving dialog's few words in the four interface languages. */
const TEXTS: Record<Language, { title: string; message: string; detail: string; leave: string; stay: string }> = {
  en: {
    title: 'Unsaved changes',
    message: 'Leave without saving?',
    detail: 'This window has changes that are not saved yet. They are lost if you leave.',
    leave: 'Leave without saving',
    stay: 'Stay',
  },
  fr: {
    title: 'Modifications non enregistrées',
    message: 'Quitter sans enregistrer ?',
    detail: 'Cette fenêtre contient des modifications qui ne sont pas encore enregistrées. Elles seront perdues si vous quittez.',
    leave: 'Quitter sans enregistrer',
    stay: 'Rester',
  },
  de: {
    title: 'Nicht gespeicherte Änderungen',
    message: 'Ohne Speichern verlassen?',
    detail: 'Dieses Fenster enthält Änderungen, die noch nicht gespeichert sind. Sie gehen verloren, wenn Sie es verlassen.',
    leave: 'Ohne Speichern verlassen',
    stay: 'Bleiben',
  },
  ar: {
    title: 'تغييرات غير محفوظة',
    message: 'المغادرة دون حفظ؟',
    detail: 'في هذه النافذة تغييرات لم تُحفظ بعد، وستضيع إذا غادرت.',
    leave: 'المغادرة دون حفظ',
    stay: 'البقاء',
  },
};

export function leaveTexts(language: Language): (typeof TEXTS)[Language] {
  return TEXTS[language];
}

/**
 * The interface language as last saved, kept in step with app.setPreferences as it passes
 * through, so the dialog above can be shown synchronously (as will-prevent-unload requires).
 */
export function languageTracker(initial: Language): { current: () => Language; watch: (dispatcher: Dispatcher) => Dispatcher; set: (l: Language) => void } {
  let language = initial;
  return {
    current: () => language,
    set: (l) => {
      language = l;
    },
    watch: (dispatcher) => ({
      async dispatch(name, input) {
        const result = await dispatcher.dispatch(name, input);
        if (name === 'app.setPreferences' && result.ok) {
          const next = (result.value as { language?: unknown }).language;
          if ((LANGUAGES as readonly unknown[]).includes(next)) language = next as Language;
        }
        return result;
      },
    }),
  };
}
