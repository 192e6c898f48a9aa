import { defineAreaMessages } from './defineArea.ts';

/** The question asked before a screen with unsaved edits is left (shell/UnsavedChangesPrompt.tsx). */
export const unsavedMessages = defineAreaMessages({
  namespace: 'unsaved',
  en: {
    title: 'Unsaved changes',
    text: 'This screen has changes that are not saved yet. If you leave now, they are lost.',
    leave: 'Leave without saving',
    stay: 'Stay and keep editing',
    badge: 'Not saved',
  },
  fr: {
    title: 'Modifications non enregistrées',
    text: 'Cet écran contient des modifications qui ne sont pas encore enregistrées. Si vous le quittez maintenant, elles seront perdues.',
    leave: 'Quitter sans enregistrer',
    stay: 'Rester et continuer',
    badge: 'Non enregistré',
  },
  de: {
    title: 'Nicht gespeicherte Änderungen',
    text: 'Diese Ansicht enthält Änderungen, die noch nicht gespeichert sind. Wenn Sie sie jetzt verlassen, gehen sie verloren.',
    leave: 'Ohne Speichern verlassen',
    stay: 'Bleiben und weiter bearbeiten',
    badge: 'Nicht gespeichert',
  },
  ar: {
    title: 'تغييرات غير محفوظة',
    text: 'في هذه الشاشة تغييرات لم تُحفظ بعد. إذا غادرتها الآن فستضيع.',
    leave: 'المغادرة دون حفظ',
    stay: 'البقاء ومتابعة التحرير',
    badge: 'غير محفوظ',
  },
});
