import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatabaseCheck } from '../../../shared/contract/backup.ts';
import { getClient } from '../lib/api.ts';
import { navigate } from '../lib/router.ts';

/** How long to follow the start-up check (it runs in a worker while the first screen shows). */
const FOLLOW_MS = 60_000;

/**
 * When the start-up quick_check finds damage, say so on every screen, with the way back:
 * the backups page, where the last good backup is one click away.
 */
export function DatabaseCheckBanner() {
  const { t } = useTranslation();
  const [check, setCheck] = useState<DatabaseCheck | null>(null);
  useEffect(() => {
    let stopped = false;
    const started = Date.now();
    const poll = () => {
      getClient()
        .call('backup.status', {})
        .then((status) => {
          if (stopped) return;
          setCheck(status.check);
          if (status.check?.state === 'running' && Date.now() - started < FOLLOW_MS) setTimeout(poll, 1000);
        })
        // Not allowed (signed out) or unreachable: the screens say so themselves; nothing to add here.
        .catch(() => undefined);
    };
    poll();
    return () => {
      stopped = true;
    };
  }, []);
  if (!check || (check.state !== 'problems' && check.state !== 'failed')) return null;
  return (
    <Alert
      color="red"
      icon={<IconAlertTriangle size={18} />}
      title={t(check.state === 'problems' ? 'safety.check.problemsTitle' : 'safety.check.failedTitle')}
      role="alert"
      style={{ position: 'fixed', insetInlineEnd: 16, bottom: 16, zIndex: 300, maxWidth: 440 }}
      data-testid="database-check-banner"
    >
      <Stack gap="xs">
        <Text size="sm">{t('safety.check.problemsBody')}</Text>
        <Button size="xs" color="red" w="fit-content" onClick={() => navigate('settings/backups')}>
          {t('safety.check.goToBackups')}
        </Button>
      </Stack>
    </Alert>
  );
}
