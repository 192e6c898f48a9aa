import { Alert, Anchor, Badge, Button, FileButton, Group, Paper, Radio, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconFileImport, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPreview, ImportResult } from '../../../shared/contacts/importExport.ts';
import { CONTACT_IMPORT_FIELDS, type ContactImportField } from '../../../shared/contacts/importFields.ts';
import { getClient } from '../lib/api.ts';
import { translateIssue, describeProblem } from '../lib/issues.ts';
import { hrefFor, navigate } from '../lib/router.ts';
import { isolate } from './bidi.ts';
import { fileToBase64 } from './download.ts';

type Mapping = Partial<Record<ContactImportField, number>>;

/**
 * #/contacts/import: a CSV, XLSX (Google Contacts, Outlook, any sheet) or vCard file. The file is
 * read and checked first (nothing written), the person adjusts the column mapping, then imports.
 */
export function ImportPage() {
  const { t, i18n } = useTranslation();
  const [file, setFile] = useState<{ name: string; data: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [invalidRows, setInvalidRows] = useState<'refuse' | 'skip'>('refuse');
  const [duplicates, setDuplicates] = useState<'skip' | 'create'>('skip');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  // The fields found in the file; the other fields (to map a column by hand) on request.
  const [allFields, setAllFields] = useState(false);

  const check = async (f: { name: string; data: string }, m?: Mapping) => {
    setBusy(true);
    setProblem(null);
    setResult(null);
    try {
      const p = await getClient().call('contacts.import.preview', { fileName: f.name, dataBase64: f.data, ...(m ? { mapping: m } : {}) });
      setPreview(p);
      setMapping(p.mapping);
    } catch (error) {
      setPreview(null);
      setProblem(describeProblem(i18n, error));
    } finally {
      setBusy(false);
    }
  };

  const choose = async (picked: File | null) => {
    if (picked === null) return;
    const f = { name: picked.name, data: await fileToBase64(picked) };
    setFile(f);
    await check(f);
  };

  const run = async () => {
    if (file === null) return;
    setBusy(true);
    setProblem(null);
    try {
      setResult(await getClient().call('contacts.import.run', { fileName: file.name, dataBase64: file.data, mapping, invalidRows, duplicates }));
      setPreview(null);
    } catch (error) {
      setProblem(describeProblem(i18n, error));
    } finally {
      setBusy(false);
    }
  };

  const isTable = preview !== null && preview.fileKind !== 'vcard';
  const headerOptions = (preview?.headers ?? []).map((h, i) => ({ value: String(i), label: h === '' ? t('contacts.import.column', { n: i + 1 }) : h }));

  return (
    <Stack gap="sm" maw={1100} data-testid="import-page">
      <Anchor href={hrefFor('contacts')} size="sm">
        {t('contacts.detail.back')}
      </Anchor>
      <Title order={1}>{t('contacts.import.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('contacts.import.intro')}
      </Text>
      <Group>
        <FileButton onChange={(f) => void choose(f)} accept=".csv,.tsv,.txt,.xlsx,.vcf,.vcard,text/csv,text/vcard,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet">
          {(props) => (
            <Button {...props} leftSection={<IconUpload size={14} />} loading={busy && preview === null} data-testid="import-choose">
              {t('contacts.import.choose')}
            </Button>
          )}
        </FileButton>
        {file && <Text size="sm">{file.name}</Text>}
      </Group>
      {problem !== null && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={16} />} role="alert" data-testid="import-problem" style={{ whiteSpace: 'pre-wrap' }}>
          {problem}
        </Alert>
      )}
      {result !== null && (
        <Alert color="green" variant="light" icon={<IconCheck size={16} />} data-testid="import-result">
          <Text size="sm">{t('contacts.import.done', { created: result.created, organisations: result.organisationsCreated, people: result.peopleCreated })}</Text>
          {result.skippedDuplicates.length > 0 && <Text size="sm">{t('contacts.import.skippedDuplicates', { count: result.skippedDuplicates.length })}</Text>}
          {result.skippedInvalid.length > 0 && <Text size="sm">{t('contacts.import.skippedInvalid', { count: result.skippedInvalid.length })}</Text>}
          <Button mt="xs" size="xs" variant="light" onClick={() => navigate('contacts')}>
            {t('contacts.import.toList')}
          </Button>
        </Alert>
      )}
      {preview !== null && file !== null && (
        <>
          <Group gap="xs">
            <Badge variant="light">{t(`contacts.import.format.${preview.format}`)}</Badge>
            <Text size="sm">{t('contacts.import.rows', { count: preview.rowCount })}</Text>
            {preview.invalidCount > 0 && <Badge color="red">{t('contacts.import.invalid', { count: preview.invalidCount })}</Badge>}
            {preview.duplicateCount > 0 && <Badge color="yellow">{t('contacts.import.duplicates', { count: preview.duplicateCount })}</Badge>}
          </Group>
          {isTable && (
            <Paper withBorder p="sm">
              <Text fw={600} size="sm" mb="xs">
                {t('contacts.import.mapping')}
              </Text>
              <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }} spacing="xs">
                {CONTACT_IMPORT_FIELDS.filter((field) => allFields || mapping[field] !== undefined).map((field) => (
                  <Select
                    key={field}
                    size="xs"
                    label={t(`contacts.import.fields.${field}`)}
                    data={headerOptions}
                    value={mapping[field] === undefined ? null : String(mapping[field])}
                    onChange={(v) => setMapping((m) => {
                      const next = { ...m };
                      if (v === null) delete next[field];
                      else next[field] = Number(v);
                      return next;
                    })}
                    clearable
                    placeholder={t('contacts.import.notMapped')}
                    data-testid={`map-${field}`}
                  />
                ))}
              </SimpleGrid>
              <Group mt="sm" gap="xs">
                <Button size="xs" variant="light" onClick={() => void check(file, mapping)} loading={busy}>
                  {t('contacts.import.recheck')}
                </Button>
                <Button size="xs" variant="subtle" onClick={() => setAllFields((v) => !v)} data-testid="import-all-fields">
                  {allFields ? t('contacts.import.mappedOnly') : t('contacts.import.allFields', { count: CONTACT_IMPORT_FIELDS.length })}
                </Button>
              </Group>
            </Paper>
          )}
          <Table withTableBorder striped data-testid="import-sample">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={60}>{t('contacts.import.row')}</Table.Th>
                <Table.Th>{t('contacts.columns.name')}</Table.Th>
                <Table.Th>{t('contacts.fields.organisation')}</Table.Th>
                <Table.Th>{t('contacts.columns.email')}</Table.Th>
                <Table.Th>{t('contacts.columns.country')}</Table.Th>
                <Table.Th w={40} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.sample.map((r) => (
                <Table.Tr key={r.row}>
                  <Table.Td>{r.row}</Table.Td>
                  <Table.Td dir="auto">{r.name}</Table.Td>
                  <Table.Td dir="auto">{r.organisation ?? ''}</Table.Td>
                  <Table.Td dir="ltr">{r.email ?? ''}</Table.Td>
                  <Table.Td>{r.country ?? ''}</Table.Td>
                  <Table.Td>{r.ok ? <IconCheck size={14} color="var(--mantine-color-green-6)" /> : <IconAlertTriangle size={14} color="var(--mantine-color-red-6)" />}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {preview.issues.length > 0 && (
            <Alert color="red" variant="light" title={t('contacts.import.issuesTitle')} data-testid="import-issues">
              <Stack gap={2}>
                {preview.issues.map((issue, i) => (
                  <Text key={i} size="sm">
                    {t('contacts.import.issueLine', { row: issue.row, column: isolate(issue.column) })}{' '}
                    {translateIssue(i18n, { path: issue.field, key: issue.key, message: issue.message, ...(issue.params ? { params: issue.params } : {}) }, issue.column)}
                  </Text>
                ))}
              </Stack>
            </Alert>
          )}
          {preview.duplicates.length > 0 && (
            <Alert color="yellow" variant="light" title={t('contacts.import.duplicatesTitle')}>
              <Stack gap={2}>
                {preview.duplicates.map((d) => (
                  <Text key={d.row} size="sm">
                    {t('contacts.import.duplicateLine', { row: d.row, name: isolate(d.name) })}
                  </Text>
                ))}
              </Stack>
            </Alert>
          )}
          <Paper withBorder p="sm">
            <Group align="flex-start" gap="xl">
              <Radio.Group label={t('contacts.import.invalidRows')} value={invalidRows} onChange={(v) => setInvalidRows(v)}>
                <Stack gap={4} mt={4}>
                  <Radio value="refuse" label={t('contacts.import.refuse')} />
                  <Radio value="skip" label={t('contacts.import.skip')} />
                </Stack>
              </Radio.Group>
              <Radio.Group label={t('contacts.import.duplicateRows')} value={duplicates} onChange={(v) => setDuplicates(v)}>
                <Stack gap={4} mt={4}>
                  <Radio value="skip" label={t('contacts.import.skipDuplicates')} />
                  <Radio value="create" label={t('contacts.import.createDuplicates')} />
                </Stack>
              </Radio.Group>
            </Group>
            <Button mt="sm" leftSection={<IconFileImport size={14} />} onClick={() => void run()} loading={busy} disabled={preview.invalidCount > 0 && invalidRows === 'refuse'} data-testid="import-run">
              {t('contacts.import.run', { count: preview.rowCount })}
            </Button>
          </Paper>
        </>
      )}
    </Stack>
  );
}
