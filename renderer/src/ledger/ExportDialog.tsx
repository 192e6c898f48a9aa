import { Alert, Button, Group, Modal, NativeSelect, Progress, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconFolderOpen } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../../shared/contract/index.ts';
import { EXPORT_FORMATS, type ExportFormat, type ReportId } from '../../../shared/ledger/schemas.ts';
import { formatInteger } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { describeCallError } from '../lib/errors.ts';
import { describeProblem, messageKeyFor } from '../lib/issues.ts';
import { isFinished, useJob } from '../lib/jobs.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { PeriodInputs } from './PeriodInputs.tsx';

type Reports = CallOutput<'ledger.reports.list'>;

/** Report, format and period; the export runs as a background job with progress, cancel and "show in folder". */
export function ExportDialog({ opened, onClose, reports, period, onPeriod }: { opened: boolean; onClose: () => void; reports: Reports; period: { from: string; to: string }; onPeriod: (p: { from: string; to: string }) => void }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const { job, start, cancel, reset } = useJob();
  const [report, setReport] = useState<ReportId>('general-ledger');
  const [format, setFormat] = useState<ExportFormat>('xlsx');
  const [problem, setProblem] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<string | null>(null);

  const chosen = reports.find((r) => r.id === report);
  const journalOnly = (format === 'datev' || format === 'fec') && report !== 'journal';
  const running = job !== null && !isFinished(job);
  const result = job?.status === 'succeeded' ? (job.result as { path: string; rows: number; warning: string | null }) : null;

  const go = async () => {
    setProblem(null);
    setRevealed(null);
    reset();
    try {
      await start({ kind: 'ledger.export', input: { report, format, ...period } });
    } catch (error) {
      setProblem(describeProblem(i18n, error));
    }
  };
  const reveal = async () => {
    if (!job) return;
    try {
      const shown = await getClient().call('ledger.exports.reveal', { jobId: job.id });
      if (!shown.shown) setRevealed(shown.path);
    } catch (error) {
      setProblem(describeProblem(i18n, error));
    }
  };
  const jobProblem = (() => {
    if (job?.status !== 'failed' || !job.error) return null;
    const issue = job.error.details && Array.isArray(job.error.details.issues) ? (job.error.details.issues[0] as { key: string; params?: Record<string, unknown> } | undefined) : undefined;
    const key = issue ? messageKeyFor(i18n, issue.key) : null;
    return key ? t(key, issue?.params ?? {}) : describeCallError(i18n, job.error);
  })();

  return (
    <Modal opened={opened} onClose={onClose} title={t('ledger.export.title')} size="lg">
      <Stack gap="sm">
        <Group align="flex-end" grow>
          <NativeSelect
            label={t('ledger.export.report')}
            value={report}
            onChange={(e) => setReport(e.currentTarget.value as ReportId)}
            data={reports.map((r) => ({ value: r.id, label: t(`ledger.export.reports.${r.id}`) }))}
            disabled={running}
            data-testid="export-report"
          />
          <NativeSelect
            label={t('ledger.export.format')}
            value={format}
            onChange={(e) => setFormat(e.currentTarget.value as ExportFormat)}
            data={EXPORT_FORMATS.map((f) => ({ value: f, label: t(`ledger.export.formats.${f}`) }))}
            disabled={running}
            data-testid="export-format"
          />
        </Group>
        <PeriodInputs from={period.from} to={period.to} onChange={onPeriod} />
        {chosen?.needsInvoices && (
          <Text size="sm" c="dimmed" data-testid="invoices-note">
            {t('ledger.export.invoicesNote')}
          </Text>
        )}
        {journalOnly && (
          <Text size="sm" c="dimmed">
            {t('ledger.export.journalNote')}
          </Text>
        )}
        {job && running && (
          <Stack gap={4} data-testid="export-progress">
            <Text size="sm">{t('ledger.export.running', { report: t(`ledger.export.reports.${report}`) })}</Text>
            <Progress value={job.total > 0 ? (100 * job.done) / job.total : 0} animated />
            <Text size="xs" c="dimmed">
              {t('ledger.export.progress', { done: formatInteger(job.done, language), total: formatInteger(job.total, language) })}
            </Text>
          </Stack>
        )}
        {result && (
          <Alert color="teal" variant="light" p="xs" icon={<IconCircleCheck size={16} />} data-testid="export-done">
            <Text size="sm">{t('ledger.export.done', { rows: formatInteger(result.rows, language) })}</Text>
            <Text size="xs" dir="ltr" style={{ wordBreak: 'break-all' }}>
              {t('ledger.export.savedAt', { path: result.path })}
            </Text>
            {result.warning && (
              <Text size="xs" c="orange" mt={4}>
                {result.warning}
              </Text>
            )}
          </Alert>
        )}
        {job?.status === 'cancelled' && <Text size="sm">{t('ledger.export.cancelled')}</Text>}
        {(problem ?? jobProblem) && (
          <Alert color="red" variant="light" p="xs" role="alert" icon={<IconAlertTriangle size={16} />} title={jobProblem ? t('ledger.export.failed') : undefined}>
            {problem ?? jobProblem}
          </Alert>
        )}
        {revealed && (
          <Text size="xs" dir="ltr" style={{ wordBreak: 'break-all' }}>
            {revealed}
          </Text>
        )}
        <Group justify="flex-end">
          {result && (
            <Button variant="default" leftSection={<IconFolderOpen size={14} />} onClick={() => void reveal()}>
              {t('ledger.export.showInFolder')}
            </Button>
          )}
          {running ? (
            <Button color="red" variant="light" onClick={() => void cancel()}>
              {t('ledger.export.cancel')}
            </Button>
          ) : (
            <Button onClick={() => void go()} disabled={!chosen || journalOnly} data-testid="export-start">
              {t('ledger.export.start')}
            </Button>
          )}
          <Button variant="subtle" onClick={onClose}>
            {t('ledger.export.close')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
