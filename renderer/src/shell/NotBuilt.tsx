import { Alert, Stack, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { PlannedAreaId } from './areas.ts';

/** What an unbuilt area shows: its name and what is coming, with no made-up data. */
export function NotBuilt({ area }: { area: PlannedAreaId }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" maw={720} data-testid="not-built">
      <Title order={1}>{t(`nav.${area}`)}</Title>
      <Alert variant="light" color="gray" icon={<IconInfoCircle size={18} />} title={t('notBuilt.title', { what: t(`notBuilt.${area}`) })}>
        {t('notBuilt.note')}
      </Alert>
    </Stack>
  );
}
