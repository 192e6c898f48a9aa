import { Notification, Stack } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { dismiss, useNotes } from '../lib/notifications.ts';

/** The toasts, bottom corner on the reading end (bottom-right in LTR, bottom-left in Arabic). */
export function Notifications() {
  const notes = useNotes();
  const { t } = useTranslation();
  return (
    <Stack
      gap="xs"
      style={{ position: 'fixed', insetInlineEnd: 16, bottom: 16, zIndex: 400, width: 'min(380px, calc(100vw - 32px))' }}
    >
      {notes.map((note) => (
        <Notification
          key={note.id}
          role={note.kind === 'error' ? 'alert' : 'status'}
          color={note.kind === 'error' ? 'red' : note.kind === 'success' ? 'teal' : 'blue'}
          icon={
            note.kind === 'error' ? (
              <IconAlertTriangle size={16} />
            ) : note.kind === 'success' ? (
              <IconCheck size={16} />
            ) : (
              <IconInfoCircle size={16} />
            )
          }
          title={note.title}
          withBorder
          closeButtonProps={{ 'aria-label': t('notifications.close') }}
          onClose={() => dismiss(note.id)}
        >
          {note.message}
        </Notification>
      ))}
    </Stack>
  );
}
