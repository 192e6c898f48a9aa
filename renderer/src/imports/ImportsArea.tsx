import { Badge, Button, Group, Loader, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload, IconTableExport } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportImages } from '../../../shared/imports/result.ts';
import type { ImportRun } from '../../../shared/imports/runs.ts';
import { formatDateTime, formatInteger } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { describeProblem } from '../lib/issues.ts';
import { isFinished, useJob } from '../lib/jobs.ts';
import { notify } from '../lib/notifications.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { ImportImagesResult, ImportWizard } from './ImportWizard.tsx';
import { downloadBase64, errorText } from './labels.ts';

/** #/imports: the import wizard, the history of imports (with undo) and the catalog export. */
export function ImportsArea() {
  const { t } = useTranslation();
  const [runs, setRuns] = useState<ImportRun[]>([]);
  const load = useCallback(() => {
    getClient()
      .call('imports.runs.list', { limit: 50 })
      .then(setRuns)
      .catch(() => setRuns([]));
  }, []);
  useEffect(load, [load]);
  return (
    <Stack gap="md" maw={1100}>
      <Group justify="space-between">
        <Title order={1}>{t('imports.title')}</Title>
        <CatalogExport />
      </Group>
      <ImportWizard onImported={load} />
      <ImportHistory runs={runs} onChange={load} />
    </Stack>
  );
}

function ImportHistory({ runs, onChange }: { runs: ImportRun[]; onChange: () => void }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const [shownImages, setShownImages] = useState<number | null>(null);
  const undo = async (run: ImportRun) => {
    if (!window.confirm(t('imports.undoConfirm', { id: run.id }))) return;
    try {
      const result = await getClient().call('imports.undo', { runId: run.id });
      const kept = result.kept.map((k) => `${k.sku} (${t(`imports.keptReason.${k.reason}`)})`).join(', ');
      notify({ kind: 'success', title: t('imports.undoResult', { id: run.id, restored: result.restored, removed: result.removed }), ...(kept ? { message: t('imports.undoKept', { items: kept }) } : {}) });
      onChange();
    } catch (error) {
      notify({ kind: 'error', title: t('imports.undo'), message: describeProblem(i18n, error) });
    }
  };
  return (
    <Paper withBorder p="md">
      <Title order={3} mb="sm">
        {t('imports.history')}
      </Title>
      {runs.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('imports.historyEmpty')}
        </Text>
      ) : (
        <Table fz="sm" data-testid="import-history">
          <Table.Tbody>
            {runs.map((run) => (
              <Table.Tr key={run.id}>
                <Table.Td>#{run.id}</Table.Td>
                <Table.Td>{run.fileName}</Table.Td>
                <Table.Td>{formatDateTime(run.createdAt, language)}</Table.Td>
                <Table.Td>
                  {t('imports.committed', { create: formatInteger(run.created, language), update: formatInteger(run.updated, language), unchanged: formatInteger(run.unchanged, language) })}
                  {run.images && run.images.attached + run.images.pending + run.images.failed > 0 && (
                    <Group gap={4}>
                      <Text size="xs" c="dimmed">
                        {t('imports.imagesResult', { attached: formatInteger(run.images.attached, language), pending: formatInteger(run.images.pending, language), failed: formatInteger(run.images.failed, language) })}
                      </Text>
                      <Button size="compact-xs" variant="subtle" onClick={() => setShownImages(run.id)} data-testid={`import-run-images-${run.id}`}>
                        {t('imports.imagesDetails')}
                      </Button>
                    </Group>
                  )}
                </Table.Td>
                <Table.Td>
                  {run.undoneAt ? (
                    <Badge color="gray" variant="light">
                      {t('imports.undone')}
                    </Badge>
                  ) : (
                    <Button size="xs" variant="subtle" color="red" onClick={() => void undo(run)}>
                      {t('imports.undo')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={shownImages !== null} onClose={() => setShownImages(null)} size="xl" title={t('imports.imagesOfRun', { id: shownImages ?? 0 })}>
        {shownImages !== null && <RunImages runId={shownImages} />}
      </Modal>
    </Paper>
  );
}

/** A past import's images as they are now: URLs fetched since show as attached or failed. */
function RunImages({ runId }: { runId: number }) {
  const { i18n } = useTranslation();
  const [images, setImages] = useState<ImportImages | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    getClient()
      .call('imports.images', { runId })
      .then(setImages)
      .catch((error: unknown) => setProblem(describeProblem(i18n, error)));
  }, [runId, i18n]);
  if (problem) return <Text c="red">{problem}</Text>;
  return images ? <ImportImagesResult images={images} /> : <Loader size="sm" />;
}

function CatalogExport() {
  const { t, i18n } = useTranslation();
  const job = useJob();
  const reported = useRef<number | null>(null);
  useEffect(() => {
    const view = job.job;
    if (!view || !isFinished(view) || reported.current === view.id) return;
    reported.current = view.id;
    if (view.status !== 'succeeded') {
      notify({ kind: 'error', title: t('imports.export'), message: view.error ? errorText(i18n, view.error) : t(`jobs.status.${view.status}`) });
      return;
    }
    const result = view.result as { file: string; products: number };
    getClient()
      .call('imports.file', { name: result.file })
      .then((file) => {
        downloadBase64(file.fileName, file.mimeType, file.dataBase64);
        notify({ kind: 'success', title: t('imports.exportReady', { products: result.products }) });
      })
      .catch((error: unknown) => notify({ kind: 'error', title: t('imports.export'), message: describeProblem(i18n, error) }));
  }, [job.job, t, i18n]);
  const running = job.job !== null && !isFinished(job.job);
  const start = (format: 'xlsx' | 'csv') =>
    void job.start({ kind: 'catalog.export', input: { format } }).catch((error: unknown) => notify({ kind: 'error', title: t('imports.export'), message: describeProblem(i18n, error) }));
  return (
    <Group gap="xs">
      <Text size="sm" fw={500}>
        <IconTableExport size={16} style={{ verticalAlign: 'middle' }} /> {t('imports.export')}
      </Text>
      <Button size="xs" variant="default" leftSection={<IconDownload size={14} />} loading={running} onClick={() => start('xlsx')}>
        {t('imports.exportXlsx')}
      </Button>
      <Button size="xs" variant="default" leftSection={<IconDownload size={14} />} loading={running} onClick={() => start('csv')}>
        {t('imports.exportCsv')}
      </Button>
    </Group>
  );
}
