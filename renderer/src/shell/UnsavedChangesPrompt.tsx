import { Button, Group, Modal, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { leave, stay, usePendingNavigation } from '../lib/unsavedChanges.ts';

/** Asks before a screen with unsaved edits is left; "Stay" is the default (Enter, Escape). */
export function UnsavedChangesPrompt() {
  const { t } = useTranslation();
  const pending = usePendingNavigation();
  return (
    <Modal
      opened={pending !== null}
      onClose={stay}
      title={
        <Group gap="xs">
          <IconAlertTriangle size={18} color="var(--mantine-color-orange-6)" />
          {t('unsaved.title')}
        </Group>
      }
      size="md"
      data-testid="unsaved-prompt"
    >
      <Text size="sm">{t('unsaved.text')}</Text>
      <Group justify="flex-end" mt="md">
        <Button variant="default" color="red" onClick={leave} data-testid="unsaved-leave">
          {t('unsaved.leave')}
        </Button>
        <Button onClick={stay} data-autofocus data-testid="unsaved-stay">
          {t('unsaved.stay')}
        </Button>
      </Group>
    </Modal>
  );
}
