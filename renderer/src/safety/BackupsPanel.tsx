import { Alert, Button, Group, Modal, Paper, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconDatabaseExport, IconRestore } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupInspectionView, BackupStatus } from '../../../shared/contract/backup.ts';
import { formatDateTime, formatInteger } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { notify } from '../lib/notifications.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { useLoad } from '../lib/useLoad.ts';
import { callText } from './callText.ts';

const mono = { fontFamily: 'var(--mantine-font-family-monospace)', wordBreak: 'break-all' } as const;

function formatSize(bytes: number, language: Parameters<typeof formatInteger>[1]): string {
  return bytes >= 1024 * 1024 ? `${formatInteger(Math.round(bytes / 1024 / 1024), language)} MB` : `${formatInteger(Math.ceil(bytes / 1024), language)} KB`;
}

/** #/settings/backups: folder, daily backup, "Back up now", the backups kept, restore. */
export function BackupsPanel() {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const status = useLoad<BackupStatus>('backup.status', () => getClient().call('backup.status', {}));
  const [folder, setFolder] = useState<string | null>(null);
  const [folderError, setFolderError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [restorePath, setRestorePath] = useState('');

  const data = status.data;
  const folderValue = folder ?? data?.settings.folder ?? '';

  const saveSettings = async (change: { folder?: string | null; daily?: boolean }) => {
    try {
      await getClient().call('backup.setSettings', change);
      setFolderError(null);
      setFolder(null);
      if (change.folder !== undefined) notify({ kind: 'success', title: t('safety.backups.folderSaved') });
      status.reload();
    } catch (error) {
      setFolderError(callText(i18n, error, t('safety.backups.folder')));
    }
  };

  const backUpNow = async () => {
    setBusy(true);
    try {
      const file = await getClient().call('backup.now', {});
      notify({ kind: 'success', title: t('safety.backups.nowDone', { path: file.path }) });
      status.reload();
    } catch (error) {
      notify({ kind: 'error', title: callText(i18n, error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="lg" maw={960}>
      <DatabaseCheckNotice status={data} onRestore={(path) => setRestorePath(path)} />
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={2} size="h3">
            {t('safety.backups.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('safety.backups.intro')}
          </Text>
          {status.error ? <Alert color="red">{callText(i18n, status.error)}</Alert> : null}
          {data ? (
            <>
              <Group align="flex-end" wrap="nowrap">
                <TextInput
                  flex={1}
                  label={t('safety.backups.folder')}
                  description={t('safety.backups.folderHint')}
                  placeholder={data.folder}
                  value={folderValue}
                  error={folderError}
                  onChange={(event) => setFolder(event.currentTarget.value)}
                  styles={{ input: mono }}
                />
                <Button variant="default" onClick={() => void saveSettings({ folder: folderValue.trim() === '' ? null : folderValue.trim() })}>
                  {t('safety.backups.saveFolder')}
                </Button>
              </Group>
              <Group justify="space-between">
                <Switch label={t('safety.backups.daily')} checked={data.settings.daily} onChange={(event) => void saveSettings({ daily: event.currentTarget.checked })} />
                <Button leftSection={<IconDatabaseExport size={16} />} loading={busy} onClick={() => void backUpNow()}>
                  {busy ? t('safety.backups.nowRunning') : t('safety.backups.now')}
                </Button>
              </Group>
            </>
          ) : null}
        </Stack>
      </Paper>

      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={3} size="h4">
            {t('safety.backups.listTitle')}
          </Title>
          {data && data.backups.length === 0 ? <Text c="dimmed">{t('safety.backups.empty')}</Text> : null}
          {data && data.backups.length > 0 ? (
            <Table striped highlightOnHover data-testid="backup-list">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('safety.backups.when')}</Table.Th>
                  <Table.Th>{t('safety.backups.reason')}</Table.Th>
                  <Table.Th>{t('safety.backups.size')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.backups.map((b) => (
                  <Table.Tr key={b.path}>
                    <Table.Td>{formatDateTime(b.takenAt, language)}</Table.Td>
                    <Table.Td>{t(`safety.backups.reasons.${b.reason}`)}</Table.Td>
                    <Table.Td>{formatSize(b.bytes, language)}</Table.Td>
                    <Table.Td ta="end">
                      <Button size="xs" variant="subtle" leftSection={<IconRestore size={14} />} onClick={() => setRestorePath(b.path)}>
                        {t('safety.backups.restore')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ) : null}
        </Stack>
      </Paper>

      <RestoreForm path={restorePath} onPath={setRestorePath} canRestore={data?.canRestore ?? false} />
    </Stack>
  );
}

/** The start-up quick_check: nothing while it is fine, a clear way back when it is not. */
export function DatabaseCheckNotice({ status, onRestore }: { status: BackupStatus | undefined; onRestore: (path: string) => void }) {
  const { t } = useTranslation();
  const check = status?.check;
  if (!check) return null;
  if (check.state === 'running') return <Text size="sm" c="dimmed">{t('safety.check.running')}</Text>;
  if (check.state === 'ok') return <Text size="sm" c="teal">{t('safety.check.ok')}</Text>;
  const last = status.backups[0];
  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t(check.state === 'problems' ? 'safety.check.problemsTitle' : 'safety.check.failedTitle')} role="alert">
      <Stack gap="xs">
        <Text size="sm">{t('safety.check.problemsBody')}</Text>
        <Text size="xs" style={mono}>
          {check.problems.slice(0, 5).join('\n')}
        </Text>
        {last ? (
          <Button w="fit-content" color="red" onClick={() => onRestore(last.path)}>
            {t('safety.check.restoreLast')}
          </Button>
        ) : null}
      </Stack>
    </Alert>
  );
}

function RestoreForm({ path, onPath, canRestore }: { path: string; onPath: (path: string) => void; canRestore: boolean }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const [inspection, setInspection] = useState<BackupInspectionView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [restoring, setRestoring] = useState(false);

  const inspect = async () => {
    setError(null);
    try {
      setInspection(await getClient().call('backup.inspect', { path }));
    } catch (failure) {
      setError(callText(i18n, failure, t('safety.restore.pathLabel')));
    }
  };

  const restore = async () => {
    if (!inspection) return;
    setRestoring(true);
    try {
      await getClient().call('backup.restore', { path: inspection.path, confirm: true });
      // The core reopened on the restored data: start the window afresh on it.
      window.location.reload();
    } catch (failure) {
      setRestoring(false);
      setInspection(null);
      setError(callText(i18n, failure));
    }
  };

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('safety.restore.title')}
        </Title>
        {!canRestore ? <Alert color="gray">{t('safety.restore.unavailable')}</Alert> : null}
        <Group align="flex-end" wrap="nowrap">
          <TextInput
            flex={1}
            label={t('safety.restore.pathLabel')}
            description={t('safety.restore.pathHint')}
            value={path}
            error={error}
            onChange={(event) => onPath(event.currentTarget.value)}
            styles={{ input: mono }}
            data-testid="restore-path"
          />
          <Button variant="default" disabled={path.trim() === '' || !canRestore} onClick={() => void inspect()}>
            {t('safety.restore.check')}
          </Button>
        </Group>
      </Stack>
      <Modal opened={inspection !== null} onClose={() => setInspection(null)} title={t('safety.restore.confirmTitle')} size="lg">
        {inspection ? (
          <Stack gap="sm">
            <Text size="sm">{t('safety.restore.confirmBody')}</Text>
            <Text size="sm" style={mono}>
              {inspection.path}
            </Text>
            {inspection.companyName ? <Text size="sm">{t('safety.restore.company', { name: inspection.companyName })}</Text> : null}
            {inspection.products !== null ? <Text size="sm">{t('safety.restore.products', { count: inspection.products, formatted: formatInteger(inspection.products, language) })}</Text> : null}
            {inspection.needsMigration ? <Alert color="blue">{t('safety.restore.needsMigration')}</Alert> : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setInspection(null)}>
                {t('safety.restore.cancel')}
              </Button>
              <Button color="red" loading={restoring} onClick={() => void restore()}>
                {t('safety.restore.confirm')}
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
    </Paper>
  );
}
