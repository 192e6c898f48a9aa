import { Alert, Badge, Button, Group, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconDatabaseExport, IconRefresh, IconX } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../shared/contract/app.ts';
import type { JobStatus, JobView } from '../../../shared/contract/jobs.ts';
import { DataGrid, type GridColumn } from '../components/DataGrid.tsx';
import { formatDateTime, formatInteger, formatPercent } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { describeCallError, describeError } from '../lib/errors.ts';
import { isFinished, jobKindKey, useJob } from '../lib/jobs.ts';
import { notify } from '../lib/notifications.ts';
import { useLanguage } from '../lib/preferences.tsx';

const STATUS_COLORS: Record<JobStatus, string> = {
  queued: 'gray',
  running: 'blue',
  succeeded: 'teal',
  failed: 'red',
  cancelled: 'orange',
  interrupted: 'orange',
};

const mono = { fontFamily: 'var(--mantine-font-family-monospace)', wordBreak: 'break-all' } as const;

/** #/settings/data: where the data lives, row counts, backups and the job history. */
export function DataPanel() {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [infoError, setInfoError] = useState<unknown>(null);
  const [jobs, setJobs] = useState<JobView[]>([]);
  const [jobsError, setJobsError] = useState<unknown>(null);
  const backup = useJob();

  const loadInfo = useCallback(() => {
    getClient()
      .call('app.info', {})
      .then((value) => {
        setInfo(value);
        setInfoError(null);
      })
      .catch((error: unknown) => setInfoError(error));
  }, []);

  const loadJobs = useCallback(() => {
    getClient()
      .call('jobs.list', { limit: 100 })
      .then((value) => {
        setJobs(value);
        setJobsError(null);
      })
      .catch((error: unknown) => setJobsError(error));
  }, []);

  useEffect(() => {
    loadInfo();
    loadJobs();
  }, [loadInfo, loadJobs]);

  // The history follows job.updated events, at most a few times a second however chatty a job is.
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    const unsubscribe = getClient().subscribe((event) => {
      if (event.type !== 'job.updated' || refreshTimer.current !== null) return;
      refreshTimer.current = setTimeout(() => {
        refreshTimer.current = null;
        loadJobs();
      }, 300);
    });
    return () => {
      unsubscribe();
      if (refreshTimer.current !== null) clearTimeout(refreshTimer.current);
    };
  }, [loadJobs]);

  // Tell how the backup ended, once.
  const reported = useRef<number | null>(null);
  const job = backup.job;
  useEffect(() => {
    if (!job || !isFinished(job) || reported.current === job.id) return;
    reported.current = job.id;
    if (job.status === 'succeeded') notify({ kind: 'success', title: t('data.backupDone') });
    else if (job.status === 'cancelled') notify({ kind: 'info', title: t('data.backupCancelled') });
    else notify({ kind: 'error', title: t('data.backupFailed'), message: job.error ? describeCallError(i18n, job.error) : t(`jobs.status.${job.status}`) });
    loadInfo();
  }, [job, t, i18n, loadInfo]);

  const startBackup = async () => {
    try {
      await backup.start({ kind: 'database.backup', input: {} });
    } catch (error) {
      notify({ kind: 'error', title: t('jobs.startFailed'), message: describeError(i18n, error) });
    }
  };

  const cancelBackup = async () => {
    try {
      await backup.cancel();
    } catch (error) {
      notify({ kind: 'error', title: t('jobs.cancelFailed'), message: describeError(i18n, error) });
    }
  };

  const columns = useMemo<GridColumn<JobView>[]>(
    () => [
      { accessorKey: 'id', header: t('jobs.columns.id'), size: 60, meta: { align: 'end' }, cell: (c) => formatInteger(c.row.original.id, language) },
      {
        id: 'kind',
        accessorFn: (j) => (i18n.exists(jobKindKey(j.kind)) ? t(jobKindKey(j.kind)) : t('jobs.unknownKind', { kind: j.kind })),
        header: t('jobs.columns.kind'),
        size: 180,
      },
      {
        id: 'status',
        accessorFn: (j) => t(`jobs.status.${j.status}`),
        header: t('jobs.columns.status'),
        size: 120,
        cell: (c) => (
          <Badge size="sm" variant="light" color={STATUS_COLORS[c.row.original.status]}>
            {t(`jobs.status.${c.row.original.status}`)}
          </Badge>
        ),
      },
      {
        id: 'progress',
        accessorFn: (j) => (j.total > 0 ? j.done / j.total : 0),
        header: t('jobs.columns.progress'),
        size: 90,
        meta: { align: 'end' },
        cell: (c) => formatPercent(c.row.original.done, c.row.original.total, language),
      },
      {
        accessorKey: 'createdAt',
        header: t('jobs.columns.createdAt'),
        size: 140,
        cell: (c) => formatDateTime(c.row.original.createdAt, language),
      },
      {
        accessorKey: 'finishedAt',
        header: t('jobs.columns.finishedAt'),
        size: 140,
        cell: (c) => (c.row.original.finishedAt ? formatDateTime(c.row.original.finishedAt, language) : '–'),
      },
      {
        id: 'message',
        accessorFn: (j) => (j.error ? describeCallError(i18n, j.error) : ''),
        header: t('jobs.columns.message'),
        size: 220,
      },
    ],
    [t, i18n, language],
  );

  const rowCounts = useMemo(
    () => Object.entries(info?.rowCounts ?? {}).map(([table, rows]) => ({ table, rows })),
    [info],
  );
  const rowCountColumns = useMemo<GridColumn<{ table: string; rows: number }>[]>(
    () => [
      {
        accessorKey: 'table',
        header: t('data.table'),
        size: 180,
        cell: (c) => (
          <span dir="ltr" style={{ fontFamily: 'var(--mantine-font-family-monospace)' }}>
            {c.row.original.table}
          </span>
        ),
      },
      { accessorKey: 'rows', header: t('data.rows'), size: 80, meta: { align: 'end' }, cell: (c) => formatInteger(c.row.original.rows, language) },
    ],
    [t, language],
  );

  const backupRunning = job !== null && !isFinished(job);

  return (
    <Stack gap="md" maw={1100}>
      <div>
        <Title order={1}>{t('data.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('data.intro')}
        </Text>
      </div>

      {infoError !== null && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t('data.loadFailed')} role="alert">
          {describeError(i18n, infoError)}
        </Alert>
      )}
      {info && (
        <Group align="flex-start" gap="md" wrap="wrap">
          <Paper withBorder p="md" style={{ flex: '2 1 420px' }}>
            <Table withRowBorders={false} data-testid="data-info">
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th w={180}>{t('data.appVersion')}</Table.Th>
                  <Table.Td>{info.appVersion}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>{t('data.dataDir')}</Table.Th>
                  <Table.Td dir="ltr" style={mono}>
                    {info.dataDir}
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>{t('data.databasePath')}</Table.Th>
                  <Table.Td dir="ltr" style={mono}>
                    {info.databasePath}
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>{t('data.schemaVersion')}</Table.Th>
                  <Table.Td>
                    {t('data.schemaVersionValue', {
                      current: formatInteger(info.schemaVersion, language),
                      latest: formatInteger(info.latestSchemaVersion, language),
                    })}
                  </Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </Paper>
          <Paper withBorder p="md" style={{ flex: '1 1 300px' }} component="section" aria-label={t('data.rowCounts')}>
            <Title order={2} size="h4" mb="xs">
              {t('data.rowCounts')}
            </Title>
            {/* A scrolling grid: the table list grows with every module, the panel must not. */}
            <DataGrid
              data={rowCounts}
              columns={rowCountColumns}
              getRowId={(r) => r.table}
              label={t('data.rowCounts')}
              height={220}
              rowHeight={26}
              data-testid="data-row-counts"
            />
          </Paper>
        </Group>
      )}

      <Paper withBorder p="md" component="section" aria-label={t('data.backupTitle')}>
        <Title order={2} size="h4" mb={4}>
          {t('data.backupTitle')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('data.backupIntro')}
        </Text>
        <Group gap="sm">
          <Button leftSection={<IconDatabaseExport size={14} />} onClick={() => void startBackup()} loading={backupRunning} data-testid="backup-now">
            {t('data.backupNow')}
          </Button>
          {backupRunning && (
            <Button variant="default" leftSection={<IconX size={14} />} onClick={() => void cancelBackup()} data-testid="backup-cancel">
              {t('data.cancel')}
            </Button>
          )}
        </Group>
        {backupRunning && (
          <Stack gap={4} mt="sm" data-testid="backup-progress">
            <Text size="sm">
              {t('data.backupRunning')} · {t('jobs.progress', { percent: formatPercent(job.done, job.total, language) })}
            </Text>
            <Progress value={job.total > 0 ? (job.done / job.total) * 100 : 0} animated aria-label={t('data.backupRunning')} />
          </Stack>
        )}
        {backup.pollError !== null && (
          <Alert color="red" variant="light" mt="sm" role="alert">
            {describeError(i18n, backup.pollError)}
          </Alert>
        )}
      </Paper>

      <Paper withBorder p="md" component="section" aria-label={t('data.historyTitle')}>
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">
            {t('data.historyTitle')}
          </Title>
          <Button variant="subtle" leftSection={<IconRefresh size={14} />} onClick={loadJobs}>
            {t('data.refresh')}
          </Button>
        </Group>
        {jobsError !== null && (
          <Alert color="red" variant="light" mb="sm" role="alert" title={t('data.historyLoadFailed')}>
            {describeError(i18n, jobsError)}
          </Alert>
        )}
        <DataGrid
          data={jobs}
          columns={columns}
          getRowId={(j) => String(j.id)}
          label={t('data.historyTitle')}
          height={260}
          emptyMessage={t('data.historyEmpty')}
          data-testid="job-history"
        />
      </Paper>
    </Stack>
  );
}
