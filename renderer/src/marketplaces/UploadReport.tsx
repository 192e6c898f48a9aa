import { Alert, Badge, Button, Group, Progress, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { IconDownload, IconPlayerPause, IconPlayerPlay, IconRefresh, IconX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemStatus, UploadView } from '../../../shared/marketplaces/schemas.ts';
import { getClient } from '../lib/api.ts';
import { describeCallError, describeError } from '../lib/errors.ts';
import { translateIssue } from '../lib/issues.ts';
import { notify } from '../lib/notifications.ts';
import { hrefFor } from '../lib/router.ts';
import { useLoad } from '../lib/useLoad.ts';

/** How often a running upload is read again; job.updated events also trigger a read. */
const POLL_MS = 1000;

/** One upload: progress (done/total, rate, ETA), pause/resume/cancel, and the per-item report. */
export function UploadReport({ uploadId }: { uploadId: number }) {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<UploadView | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [filter, setFilter] = useState<ItemStatus | 'all'>('failed');
  const [tick, setTick] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const running = view?.status === 'running' || view?.status === 'ready';

  useEffect(() => {
    let live = true;
    const read = () =>
      getClient()
        .call('marketplaces.uploads.get', { id: uploadId })
        .then((v) => {
          if (live) setView(v);
        })
        .catch((e: unknown) => live && setError(e));
    void read();
    const timer = setInterval(() => void read(), POLL_MS);
    const unsubscribe = getClient().subscribe((event) => {
      if (event.type === 'job.updated' && event.job.kind === 'marketplace.upload') {
        setMessage(event.job.message);
        void read();
      }
    });
    return () => {
      live = false;
      clearInterval(timer);
      unsubscribe();
    };
  }, [uploadId, tick]);

  const items = useLoad(`items:${uploadId}:${filter}:${view?.updatedAt ?? ''}:${running ? '' : 'done'}`, () =>
    getClient().call('marketplaces.uploads.items', { id: uploadId, ...(filter === 'all' ? {} : { status: filter }), limit: 500 }),
  );

  const act = async (call: 'marketplaces.uploads.pause' | 'marketplaces.uploads.resume' | 'marketplaces.uploads.cancel' | 'marketplaces.uploads.retryFailed') => {
    try {
      setView(await getClient().call(call, { id: uploadId }));
      setTick((n) => n + 1);
    } catch (e) {
      notify({ kind: 'error', title: describeError(i18n, e), message: e instanceof Error ? e.message : undefined });
    }
  };
  const exportReport = async () => {
    try {
      const file = await getClient().call('marketplaces.uploads.export', { id: uploadId });
      const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = file.fileName;
      link.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      notify({ kind: 'error', title: describeError(i18n, e) });
    }
  };

  if (error !== null) return <Alert color="red">{describeError(i18n, error)}</Alert>;
  if (view === null) return null;
  const c = view.counts;
  const done = c.succeeded + c.failed + c.skipped;
  return (
    <Stack gap="sm" data-testid="upload-report">
      <Group justify="space-between">
        <Group gap="xs">
          <Text fw={600}>
            #{view.id} · {view.accountName} · {t(`marketplaces.upload.kind.${view.kind}`)}
          </Text>
          <Badge variant="light" color={view.status === 'finished' ? 'teal' : view.status === 'paused' ? 'orange' : view.status === 'cancelled' ? 'gray' : 'blue'}>
            {t(`marketplaces.upload.status.${view.status}`)}
          </Badge>
        </Group>
        <Group gap="xs">
          {running && (
            <Button size="xs" variant="default" leftSection={<IconPlayerPause size={14} />} onClick={() => void act('marketplaces.uploads.pause')}>
              {t('marketplaces.upload.pause')}
            </Button>
          )}
          {view.status === 'paused' && (
            <Button size="xs" leftSection={<IconPlayerPlay size={14} />} onClick={() => void act('marketplaces.uploads.resume')}>
              {t('marketplaces.upload.resume')}
            </Button>
          )}
          {(running || view.status === 'paused') && (
            <Button size="xs" variant="subtle" color="red" leftSection={<IconX size={14} />} onClick={() => void act('marketplaces.uploads.cancel')}>
              {t('marketplaces.upload.cancel')}
            </Button>
          )}
          {!running && c.failed > 0 && (
            <Button size="xs" variant="light" leftSection={<IconRefresh size={14} />} onClick={() => void act('marketplaces.uploads.retryFailed')}>
              {t('marketplaces.upload.retryFailed')}
            </Button>
          )}
          <Button size="xs" variant="default" leftSection={<IconDownload size={14} />} onClick={() => void exportReport()}>
            {t('marketplaces.upload.export')}
          </Button>
        </Group>
      </Group>
      <Progress.Root size="lg">
        <Progress.Section value={view.total ? (c.succeeded / view.total) * 100 : 0} color="teal" />
        <Progress.Section value={view.total ? (c.failed / view.total) * 100 : 0} color="red" />
        <Progress.Section value={view.total ? (c.skipped / view.total) * 100 : 0} color="gray" />
      </Progress.Root>
      <Text size="sm" c="dimmed">
        {t('marketplaces.upload.progress', { done, total: view.total, failed: c.failed })}
        {running && message ? ` · ${message}` : ''}
      </Text>
      {view.lastError && (
        <Alert color="red" title={describeCallError(i18n, view.lastError)}>
          {view.lastError.message}
        </Alert>
      )}
      <SegmentedControl
        size="xs"
        value={filter}
        onChange={(v) => setFilter(v)}
        data={[
          { value: 'failed', label: `${t('marketplaces.upload.item.failed')} (${c.failed})` },
          { value: 'succeeded', label: `${t('marketplaces.upload.item.succeeded')} (${c.succeeded})` },
          { value: 'pending', label: `${t('marketplaces.upload.item.pending')} (${c.pending + c.sending})` },
          { value: 'skipped', label: `${t('marketplaces.upload.item.skipped')} (${c.skipped})` },
          { value: 'all', label: String(view.total) },
        ]}
      />
      <Table striped data-testid="upload-items">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('marketplaces.upload.columns.sku')}</Table.Th>
            <Table.Th>{t('marketplaces.upload.columns.status')}</Table.Th>
            <Table.Th>{t('marketplaces.upload.columns.attempts')}</Table.Th>
            <Table.Th>{t('marketplaces.upload.columns.code')}</Table.Th>
            <Table.Th>{t('marketplaces.upload.columns.message')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(items.data?.items ?? []).map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td ff="monospace">{item.productId === null ? item.sku : <a href={hrefFor(`products/${item.productId}`)}>{item.sku}</a>}</Table.Td>
              <Table.Td>{t(`marketplaces.upload.item.${item.status}`)}</Table.Td>
              <Table.Td>{item.attempts}</Table.Td>
              <Table.Td ff="monospace">{item.errorCode ?? ''}</Table.Td>
              <Table.Td>{item.issues.length > 0 ? item.issues.map((i) => translateIssue(i18n, i, i.path)).join(' ') : (item.errorMessage ?? item.remoteId ?? '')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
