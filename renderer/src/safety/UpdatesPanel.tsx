import { Alert, Button, Group, Paper, Progress, SegmentedControl, Stack, Switch, Text, Title } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UpdateStatus } from '../../../shared/contract/updates.ts';
import { formatDateTime } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { notify } from '../lib/notifications.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { useLoad } from '../lib/useLoad.ts';
import { callText } from './callText.ts';

/** #/settings/updates: version, automatic checks, channel; update available → downloading n % → restart to update. */
export function UpdatesPanel() {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const loaded = useLoad<UpdateStatus>('updates.status', () => getClient().call('updates.status', {}));
  const [status, setStatus] = useState<UpdateStatus | undefined>(undefined);
  const current = status ?? loaded.data;
  const state = current?.update.state;

  // While something moves (a check, a download), follow it.
  useEffect(() => {
    if (state !== 'checking' && state !== 'downloading') return;
    const timer = setInterval(() => {
      getClient()
        .call('updates.status', {})
        .then(setStatus)
        .catch((error: unknown) => notify({ kind: 'error', title: callText(i18n, error) }));
    }, 1000);
    return () => clearInterval(timer);
  }, [state, i18n]);

  const run = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      notify({ kind: 'error', title: callText(i18n, error) });
    }
  };

  if (loaded.error) return <Alert color="red">{callText(i18n, loaded.error)}</Alert>;
  if (!current) return null;
  const update = current.update;

  return (
    <Stack gap="lg" maw={800}>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={2} size="h3">
            {t('safety.updates.title')}
          </Title>
          <Text>{t('safety.updates.current', { version: current.currentVersion })}</Text>
          <Switch
            label={t('safety.updates.automatic')}
            checked={current.settings.automatic}
            onChange={(event) => {
              const automatic = event.currentTarget.checked;
              void run(async () => {
                const settings = await getClient().call('updates.setSettings', { automatic });
                setStatus({ ...current, settings });
              });
            }}
          />
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('safety.updates.channel')}
            </Text>
            <SegmentedControl
              value={current.settings.channel}
              data={[
                { value: 'stable', label: t('safety.updates.channels.stable') },
                { value: 'beta', label: t('safety.updates.channels.beta') },
              ]}
              onChange={(value) =>
                void run(async () => {
                  const settings = await getClient().call('updates.setSettings', { channel: value });
                  setStatus({ ...current, settings });
                })
              }
            />
          </div>
        </Stack>
      </Paper>
      <Paper withBorder p="md" data-testid="update-state">
        <Stack gap="sm">
          {update.state === 'unsupported' ? <Text c="dimmed">{t('safety.updates.unsupported')}</Text> : null}
          {update.state === 'idle' ? <Text c="dimmed">{t('safety.updates.idle')}</Text> : null}
          {update.state === 'checking' ? <Text>{t('safety.updates.checking')}</Text> : null}
          {update.state === 'up-to-date' ? <Text c="teal">{t('safety.updates.upToDate', { when: formatDateTime(update.checkedAt, language) })}</Text> : null}
          {update.state === 'downloading' ? (
            <>
              <Text>{t('safety.updates.downloading', { version: update.version, percent: update.percent })}</Text>
              <Progress value={update.percent} />
            </>
          ) : null}
          {update.state === 'ready' ? <Text fw={600}>{t('safety.updates.ready', { version: update.version })}</Text> : null}
          {(update.state === 'downloading' || update.state === 'ready') && update.releaseNotes ? (
            <div>
              <Text size="sm" fw={500}>
                {t('safety.updates.notes')}
              </Text>
              {/* Plain text on purpose: release notes from a server are never rendered as HTML. */}
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {update.releaseNotes}
              </Text>
            </div>
          ) : null}
          {update.state === 'error' ? <Alert color={update.kind === 'offline' ? 'yellow' : 'red'}>{t(`safety.updates.error.${update.kind}`, { message: update.message })}</Alert> : null}
          <Group>
            {update.state !== 'unsupported' ? (
              <Button variant="default" leftSection={<IconRefresh size={16} />} loading={update.state === 'checking'} onClick={() => void run(async () => setStatus(await getClient().call('updates.check', {})))}>
                {t('safety.updates.check')}
              </Button>
            ) : null}
            {update.state === 'ready' ? (
              <Button
                onClick={() =>
                  void run(async () => {
                    const answer = await getClient().call('updates.install', {});
                    if (answer.reason === 'busy') notify({ kind: 'info', title: t('safety.updates.busy') });
                  })
                }
              >
                {t('safety.updates.restart')}
              </Button>
            ) : null}
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
