import { Alert, Badge, Button, FileButton, Group, Paper, Progress, Radio, Select, SimpleGrid, Stack, Stepper, Table, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconDownload, IconFileSpreadsheet } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InspectResult } from '../../../shared/contract/imports.ts';
import type { JobView } from '../../../shared/contract/jobs.ts';
import type { ImportImages, ImportResult } from '../../../shared/imports/result.ts';
import type { Mapping } from '../../../shared/imports/targets.ts';
import { formatDateTime, formatInteger } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { describeProblem } from '../lib/issues.ts';
import { isFinished, useJob } from '../lib/jobs.ts';
import { notify } from '../lib/notifications.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { downloadBase64, errorText, fileToBase64, issueText, targetLabel } from './labels.ts';

type Step = 'file' | 'mapping' | 'preview' | 'commit' | 'result';
const STEPS: Step[] = ['file', 'mapping', 'preview', 'commit', 'result'];
const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
const DELIMITERS = [',', ';', '\t', '|'] as const;

/** file → columns → check (a dry run) → import (a job with progress and cancel) → result. */
export function ImportWizard({ onImported }: { onImported: () => void }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const [step, setStep] = useState<Step>('file');
  const [busy, setBusy] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const [inspected, setInspected] = useState<InspectResult | null>(null);
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [templates, setTemplates] = useState<string[]>([]);
  const [templateName, setTemplateName] = useState('');
  const [mode, setMode] = useState<'all' | 'skipInvalid'>('all');
  const [startError, setStartError] = useState<string | null>(null);
  const check = useJob();
  const commit = useJob();

  useEffect(() => {
    getClient()
      .call('imports.templates.list', {})
      .then((list) => setTemplates(list.map((x) => x.name)))
      .catch((error: unknown) => notify({ kind: 'error', title: t('imports.templateLabel'), message: describeProblem(i18n, error) }));
  }, [t, i18n]);

  const inspect = async (base: { fileId: string; fileName: string }, read: Record<string, string | undefined>, template?: string) => {
    setBusy(true);
    setFileError(null);
    try {
      const readOptions = Object.fromEntries(Object.entries(read).filter(([, v]) => v !== undefined)) as { sheet?: string; encoding?: (typeof ENCODINGS)[number]; delimiter?: (typeof DELIMITERS)[number] };
      const answer = await getClient().call('imports.inspect', { fileId: base.fileId, fileName: base.fileName, read: readOptions, ...(template ? { template } : {}) });
      setInspected(answer);
      setMapping(answer.mapping);
      setStep('mapping');
    } catch (error) {
      setFileError(describeProblem(i18n, error));
    } finally {
      setBusy(false);
    }
  };

  const choose = async (file: File | null) => {
    if (!file) return;
    setBusy(true);
    setFileError(null);
    try {
      const uploaded = await getClient().call('imports.upload', { fileName: file.name, dataBase64: await fileToBase64(file) });
      await inspect(uploaded, {});
    } catch (error) {
      setFileError(describeProblem(i18n, error));
      setBusy(false);
    }
  };

  const readOptions = (): Record<string, string | undefined> => ({
    sheet: inspected?.format === 'xlsx' ? (inspected.sheet ?? undefined) : undefined,
    encoding: inspected?.format === 'csv' ? (inspected.encoding ?? undefined) : undefined,
    delimiter: inspected?.format === 'csv' ? (inspected.delimiter ?? undefined) : undefined,
  });

  const jobInput = (dryRun: boolean) => {
    if (!inspected || !mapping) throw new Error('No file to import.');
    const read = Object.fromEntries(Object.entries(readOptions()).filter(([, v]) => v !== undefined));
    return { kind: 'catalog.import' as const, input: { fileId: inspected.fileId, fileName: inspected.fileName, read, mapping, mode, dryRun } };
  };

  const startCheck = async () => {
    setStartError(null);
    check.reset();
    setStep('preview');
    try {
      await check.start(jobInput(true));
    } catch (error) {
      setStartError(describeProblem(i18n, error));
    }
  };

  const startCommit = async () => {
    setStartError(null);
    commit.reset();
    setStep('commit');
    try {
      await commit.start(jobInput(false));
    } catch (error) {
      setStartError(describeProblem(i18n, error));
    }
  };

  // What the jobs answered, derived rather than copied into state.
  const finishedResult = (job: JobView | null): ImportResult | null => (job?.status === 'succeeded' ? (job.result as ImportResult) : null);
  const failure = (job: JobView | null): string | null =>
    job && isFinished(job) && job.status !== 'succeeded' && job.status !== 'cancelled' ? (job.error ? errorText(i18n, job.error) : t(`jobs.status.${job.status}`)) : null;
  const preview = finishedResult(check.job);
  const result = finishedResult(commit.job);
  const cancelled = commit.job?.status === 'cancelled';
  const jobError = startError ?? failure(step === 'preview' ? check.job : commit.job);
  const shownStep: Step = step === 'commit' && commit.job && isFinished(commit.job) ? 'result' : step;

  // The history learns about a committed import once.
  const announced = useRef<number | null>(null);
  useEffect(() => {
    if (result?.outcome !== 'committed' || !commit.job || announced.current === commit.job.id) return;
    announced.current = commit.job.id;
    onImported();
  }, [result, commit.job, onImported]);

  const download = async (name: string) => {
    try {
      const file = await getClient().call('imports.file', { name });
      downloadBase64(file.fileName, file.mimeType, file.dataBase64);
    } catch (error) {
      notify({ kind: 'error', title: t('imports.downloadReport'), message: describeProblem(i18n, error) });
    }
  };

  const saveTemplate = async () => {
    if (!mapping || templateName.trim() === '') return;
    try {
      const saved = await getClient().call('imports.templates.save', { name: templateName.trim(), mapping });
      setTemplates((list) => [...new Set([...list, saved.name])].sort());
      notify({ kind: 'success', title: t('imports.templateSaved', { name: saved.name }) });
    } catch (error) {
      notify({ kind: 'error', title: t('imports.saveTemplate'), message: describeProblem(i18n, error) });
    }
  };

  const reset = () => {
    setStep('file');
    setInspected(null);
    setMapping(null);
    setStartError(null);
    check.reset();
    commit.reset();
  };

  const targetOptions = useMemo(
    () => [{ value: '', label: t('imports.ignore') }, ...(inspected?.targets ?? []).map((target) => ({ value: target, label: targetLabel(t, target) }))],
    [inspected, t],
  );

  const progressText = (job: JobView | null): string => {
    if (!job || job.message === null) return '';
    const key = `imports.phase.${job.message}`;
    return i18n.exists(key) ? t(key, { done: formatInteger(job.done, language), total: formatInteger(job.total, language) }) : job.message;
  };

  return (
    <Paper withBorder p="md" data-testid="import-wizard">
      <Stepper active={STEPS.indexOf(shownStep)} size="sm" mb="md" allowNextStepsSelect={false}>
        {STEPS.map((s) => (
          <Stepper.Step key={s} label={t(`imports.steps.${s}`)} />
        ))}
      </Stepper>

      {shownStep === 'file' && (
        <Stack gap="sm">
          <Text size="sm">{t('imports.intro')}</Text>
          <Group>
            <FileButton onChange={(f) => void choose(f)} accept=".xlsx,.csv,.tsv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv">
              {(props) => (
                <Button {...props} leftSection={<IconFileSpreadsheet size={16} />} loading={busy} data-testid="import-choose">
                  {t('imports.chooseFile')}
                </Button>
              )}
            </FileButton>
          </Group>
          {fileError && (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} data-testid="import-file-error">
              {fileError}
            </Alert>
          )}
        </Stack>
      )}

      {shownStep === 'mapping' && inspected && mapping && (
        <Stack gap="sm">
          <Group gap="xs">
            <Text fw={600}>{inspected.fileName}</Text>
            <Badge variant="light">{t(`imports.profile.${inspected.profile}`)}</Badge>
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {inspected.format === 'xlsx' ? (
              <Select
                label={t('imports.sheet')}
                data={inspected.sheets}
                value={inspected.sheet}
                allowDeselect={false}
                onChange={(sheet) => void inspect(inspected, { sheet: sheet ?? undefined })}
              />
            ) : (
              <>
                <Select
                  label={t('imports.encoding')}
                  data={[...ENCODINGS]}
                  value={inspected.encoding}
                  allowDeselect={false}
                  onChange={(encoding) => void inspect(inspected, { ...readOptions(), encoding: encoding ?? undefined })}
                />
                <Select
                  label={t('imports.delimiter')}
                  data={DELIMITERS.map((d) => ({ value: d, label: d === '\t' ? t('imports.tab') : d }))}
                  value={inspected.delimiter}
                  allowDeselect={false}
                  onChange={(delimiter) => void inspect(inspected, { ...readOptions(), delimiter: delimiter ?? undefined })}
                />
              </>
            )}
            <Select
              label={t('imports.templateLabel')}
              data={[{ value: '', label: t('imports.templateNone') }, ...templates.map((n) => ({ value: n, label: n }))]}
              defaultValue=""
              allowDeselect={false}
              onChange={(name) => void inspect(inspected, readOptions(), name || undefined)}
            />
          </SimpleGrid>
          <Table striped withTableBorder data-testid="import-mapping">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('imports.column')}</Table.Th>
                <Table.Th>{t('imports.sample')}</Table.Th>
                <Table.Th w={300}>{t('imports.target')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {mapping.columns.map((column, index) => (
                <Table.Tr key={`${index}-${column.header}`}>
                  <Table.Td fw={500}>{column.header}</Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {inspected.sampleRows
                        .slice(0, 3)
                        .map((r) => r[index] ?? '')
                        .filter((v) => v !== '')
                        .join(' · ')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={`${t('imports.target')}: ${column.header}`}
                      data={targetOptions}
                      value={column.target ?? ''}
                      searchable
                      allowDeselect={false}
                      onChange={(value) =>
                        setMapping({ ...mapping, columns: mapping.columns.map((c, i) => (i === index ? { ...c, target: value ? value : null } : c)) })
                      }
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('imports.defaultCurrency')}
              value={mapping.options.defaultCurrency}
              maxLength={3}
              onChange={(e) => setMapping({ ...mapping, options: { ...mapping.options, defaultCurrency: e.currentTarget.value.toUpperCase() } })}
            />
            <TextInput
              label={t('imports.defaultLanguage')}
              value={mapping.options.defaultLanguage}
              maxLength={3}
              onChange={(e) => setMapping({ ...mapping, options: { ...mapping.options, defaultLanguage: e.currentTarget.value.toLowerCase() } })}
            />
          </SimpleGrid>
          <Group justify="space-between">
            <Group gap="xs">
              <TextInput placeholder={t('imports.templateName')} value={templateName} onChange={(e) => setTemplateName(e.currentTarget.value)} aria-label={t('imports.templateName')} />
              <Button variant="default" onClick={() => void saveTemplate()} disabled={templateName.trim() === ''}>
                {t('imports.saveTemplate')}
              </Button>
            </Group>
            <Group gap="xs">
              <Button variant="default" onClick={reset}>
                {t('imports.back')}
              </Button>
              <Button onClick={() => void startCheck()} loading={busy} data-testid="import-check">
                {t('imports.check')}
              </Button>
            </Group>
          </Group>
        </Stack>
      )}

      {shownStep === 'preview' && (
        <Stack gap="sm">
          {!preview && !jobError && (
            <>
              <Text size="sm">{progressText(check.job) || t('imports.checking', { done: 0 })}</Text>
              <Progress value={100} animated />
            </>
          )}
          {jobError && <Alert color="red" icon={<IconAlertTriangle size={18} />}>{jobError}</Alert>}
          {preview && <PreviewBody result={preview} onDownload={download} />}
          <Radio.Group value={mode} onChange={(v) => setMode(v)} label={null}>
            <Stack gap={4}>
              <Radio value="all" label={t('imports.mode.all')} />
              <Radio value="skipInvalid" label={t('imports.mode.skipInvalid')} data-testid="import-skip-invalid" />
            </Stack>
          </Radio.Group>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setStep('mapping')}>
              {t('imports.back')}
            </Button>
            <Button onClick={() => void startCommit()} disabled={!preview || (mode === 'all' && preview.counts.errors > 0)} data-testid="import-commit">
              {t('imports.importNow')}
            </Button>
          </Group>
        </Stack>
      )}

      {shownStep === 'commit' && (
        <Stack gap="sm">
          <Text size="sm" data-testid="import-progress-text">{progressText(commit.job)}</Text>
          <Progress
            value={commit.job && commit.job.total > 0 && commit.job.message === 'writing' ? (commit.job.done / commit.job.total) * 100 : 100}
            animated
            aria-label={t('imports.steps.commit')}
          />
          {jobError && <Alert color="red" icon={<IconAlertTriangle size={18} />}>{jobError}</Alert>}
          <Group justify="flex-end">
            <Button color="red" variant="light" onClick={() => void commit.cancel()} disabled={!commit.job || isFinished(commit.job)}>
              {t('imports.cancel')}
            </Button>
          </Group>
        </Stack>
      )}

      {shownStep === 'result' && (
        <Stack gap="sm" data-testid="import-result">
          {cancelled && <Alert color="orange">{t('imports.cancelledNote')}</Alert>}
          {jobError && <Alert color="red" icon={<IconAlertTriangle size={18} />}>{jobError}</Alert>}
          {result?.outcome === 'committed' && (
            <Alert color="teal">{t('imports.committed', { create: formatInteger(result.counts.create, language), update: formatInteger(result.counts.update, language), unchanged: formatInteger(result.counts.unchanged, language) })}</Alert>
          )}
          {result?.outcome === 'refused' && <Alert color="red">{t('imports.refused', { count: result.counts.errors })}</Alert>}
          {result?.images && result.images.attached + result.images.pending + result.images.failed > 0 && <ImportImagesResult images={result.images} />}
          {result && result.skippedRows.length > 0 && <Text size="sm">{t('imports.skipped', { rows: result.skippedRows.join(', ') })}</Text>}
          {result?.report && (
            <Group>
              <Button variant="light" leftSection={<IconDownload size={16} />} onClick={() => void download(result.report ?? '')} data-testid="import-report">
                {t('imports.downloadReport')}
              </Button>
            </Group>
          )}
          <Group justify="flex-end">
            <Button onClick={reset}>{t('imports.startOver')}</Button>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}

/** What became of the image column: counts, each failure with its row, product, source and reason, and the URL fetch on demand. */
export function ImportImagesResult({ images }: { images: ImportImages }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const fetch = useJob();
  const reported = useRef<number | null>(null);
  useEffect(() => {
    const view = fetch.job;
    if (!view || !isFinished(view) || reported.current === view.id) return;
    reported.current = view.id;
    if (view.status !== 'succeeded') {
      notify({ kind: 'error', title: t('imports.fetchNow'), message: view.error ? errorText(i18n, view.error) : t(`jobs.status.${view.status}`) });
      return;
    }
    const summary = view.result as { attached: number; failed: number; unreachable: number };
    notify({ kind: summary.failed > 0 ? 'error' : 'success', title: t('imports.fetchDone', { attached: summary.attached, failed: summary.failed }), ...(summary.unreachable > 0 ? { message: t('imports.fetchOffline') } : {}) });
  }, [fetch.job, t, i18n]);
  const fetching = fetch.job !== null && !isFinished(fetch.job);
  return (
    <Stack gap="xs" data-testid="import-images">
      <Group justify="space-between">
        <Text size="sm">{t('imports.imagesResult', { attached: formatInteger(images.attached, language), pending: formatInteger(images.pending, language), failed: formatInteger(images.failed, language) })}</Text>
        {images.pending > 0 && (
          <Button
            size="xs"
            variant="light"
            loading={fetching}
            onClick={() => void fetch.start({ kind: 'catalog.fetchImages', input: {} }).catch((error: unknown) => notify({ kind: 'error', title: t('imports.fetchNow'), message: describeProblem(i18n, error) }))}
            data-testid="import-images-fetch"
          >
            {t('imports.fetchNow')}
          </Button>
        )}
      </Group>
      {images.failures.length > 0 && (
        <>
          <Title order={5}>{t('imports.imagesFailedTitle', { count: images.failed })}</Title>
          <Table striped withTableBorder fz="sm" data-testid="import-images-failures">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('imports.rowLabel')}</Table.Th>
                <Table.Th>{t('imports.productColumn')}</Table.Th>
                <Table.Th>{t('imports.imageColumn')}</Table.Th>
                <Table.Th>{t('imports.problem')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {images.failures.map((f) => (
                <Table.Tr key={`${f.row}-${f.source}`}>
                  <Table.Td>{f.row}</Table.Td>
                  <Table.Td>{f.sku}</Table.Td>
                  <Table.Td style={{ wordBreak: 'break-all' }} dir="ltr">
                    {f.source}
                  </Table.Td>
                  <Table.Td>
                    {issueText(i18n, { key: f.key, message: f.message, params: f.params })}{' '}
                    <Text span size="xs" c="dimmed">
                      ({f.retryAt ? t('imports.retryAt', { at: formatDateTime(f.retryAt, language) }) : t('imports.noRetry')})
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}

function PreviewBody({ result, onDownload }: { result: ImportResult; onDownload: (name: string) => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const c = result.counts;
  const counts: [string, number, string][] = [
    ['create', c.create, 'teal'],
    ['update', c.update, 'blue'],
    ['unchanged', c.unchanged, 'gray'],
    ['errors', c.errors, c.errors > 0 ? 'red' : 'gray'],
    ['categories', c.categoriesToCreate, 'grape'],
    ['images', c.imageUrls, 'gray'],
  ];
  return (
    <Stack gap="sm" data-testid="import-preview">
      <Group gap="xs">
        {counts.map(([key, n, color]) => (
          <Badge key={key} color={color} variant="light" size="lg" data-testid={`import-count-${key}`}>
            {t(`imports.counts.${key}`)}: {formatInteger(n, language)}
          </Badge>
        ))}
      </Group>
      {c.imageUrls > 0 && <Text size="xs" c="dimmed">{t('imports.imagesNote')}</Text>}
      <Title order={4}>{t('imports.previewTitle')}</Title>
      <Table striped withTableBorder fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('imports.rowLabel')}</Table.Th>
            <Table.Th>{t('imports.targets.sku')}</Table.Th>
            <Table.Th>{t('imports.targets.title', { language: '' }).replace(' ()', '')}</Table.Th>
            <Table.Th>{t('imports.targets.status')}</Table.Th>
            <Table.Th>{t('imports.targets.price', { list: '', currency: '' }).replace(/\s*\(\)/, '')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {result.preview.map((p) => (
            <Table.Tr key={`${p.row}-${p.sku}`}>
              <Table.Td>{p.row}</Table.Td>
              <Table.Td>
                {p.sku}
                {p.options ? <Text span c="dimmed" size="xs"> ({p.options})</Text> : null}
              </Table.Td>
              <Table.Td>{p.title ?? ''}</Table.Td>
              <Table.Td>{t(`products.status.${p.status}`)}</Table.Td>
              <Table.Td>{p.price ?? ''}</Table.Td>
              <Table.Td>
                <Badge size="sm" variant="light" color={p.action === 'error' ? 'red' : p.action === 'create' ? 'teal' : p.action === 'update' ? 'blue' : 'gray'}>
                  {t(`imports.action.${p.action}`)}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {result.issueCount > 0 && (
        <>
          <Title order={4}>{t('imports.problemsTitle', { count: result.issueCount })}</Title>
          <Table withTableBorder fz="sm" data-testid="import-issues">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('imports.rowLabel')}</Table.Th>
                <Table.Th>{t('imports.column')}</Table.Th>
                <Table.Th>{t('imports.value')}</Table.Th>
                <Table.Th>{t('imports.problem')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.issues.map((issue, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{issue.row}</Table.Td>
                  <Table.Td>{issue.column}</Table.Td>
                  <Table.Td>{issue.value}</Table.Td>
                  <Table.Td>{issueText(i18n, issue)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {result.issueCount > result.issues.length && <Text size="xs">{t('imports.problemsMore', { shown: result.issues.length, count: result.issueCount })}</Text>}
          {result.report && (
            <Group>
              <Button variant="light" leftSection={<IconDownload size={16} />} onClick={() => void onDownload(result.report ?? '')}>
                {t('imports.downloadReport')}
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
