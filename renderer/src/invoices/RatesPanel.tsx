import { Alert, Button, FileButton, Group, Stack, Table, TextInput } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getClient } from '../lib/api.ts';
import { describeError } from '../lib/errors.ts';
import { issuesOf, translateIssue } from '../lib/issues.ts';
import { notify } from '../lib/notifications.ts';
import { useLoad } from '../lib/useLoad.ts';

/** Exchange rates: the ECB's XML files or a CSV imported, or a rate typed for a date. */
export function RatesPanel() {
  const { t, i18n } = useTranslation();
  const [tick, setTick] = useState(0);
  const rates = useLoad(`rates-${tick}`, () => getClient().call('invoices.rates.list', { limit: 200 }));
  const [unit, setUnit] = useState('EUR');
  const [quote, setQuote] = useState('');
  const [date, setDate] = useState('');
  const [rate, setRate] = useState('');
  const [error, setError] = useState<string | null>(null);

  const failed = (e: unknown) => {
    const issues = issuesOf(e);
    setError(issues.length > 0 ? issues.map((i) => translateIssue(i18n, i, i.path)).join(' · ') : describeError(i18n, e));
  };
  const importFile = async (file: File | null) => {
    if (!file) return;
    setError(null);
    try {
      const text = await file.text();
      const summary = file.name.toLowerCase().endsWith('.xml')
        ? await getClient().call('invoices.rates.importEcb', { xml: text })
        : await getClient().call('invoices.rates.importCsv', { csv: text });
      notify({ kind: 'success', title: t('invoices.ratesScreen.imported', { rates: summary.rates, days: summary.days }) });
      setTick((n) => n + 1);
    } catch (e) {
      failed(e);
    }
  };
  const add = () => {
    setError(null);
    getClient()
      .call('invoices.rates.set', { unit, quote, date, rate })
      .then(() => setTick((n) => n + 1))
      .catch(failed);
  };

  return (
    <Stack gap="sm" maw={800} data-testid="rates-panel">
      <Group align="flex-end">
        <FileButton onChange={(f) => void importFile(f)} accept=".xml,.csv,text/xml,text/csv">
          {(props) => (
            <Button {...props} leftSection={<IconFileImport size={14} />} variant="default">
              {t('invoices.actions.import')}
            </Button>
          )}
        </FileButton>
        <TextInput label={t('invoices.ratesScreen.unit')} value={unit} onChange={(e) => setUnit(e.currentTarget.value.toUpperCase())} w={80} />
        <TextInput label={t('invoices.ratesScreen.quote')} value={quote} onChange={(e) => setQuote(e.currentTarget.value.toUpperCase())} w={80} />
        <TextInput label={t('invoices.ratesScreen.rate')} value={rate} onChange={(e) => setRate(e.currentTarget.value)} w={110} dir="ltr" />
        <TextInput label={t('invoices.ratesScreen.date')} value={date} onChange={(e) => setDate(e.currentTarget.value)} placeholder="YYYY-MM-DD" w={130} dir="ltr" />
        <Button onClick={add}>{t('invoices.actions.addRate')}</Button>
      </Group>
      {error && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      <Table withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('invoices.ratesScreen.date')}</Table.Th>
            <Table.Th>{t('invoices.ratesScreen.rate')}</Table.Th>
            <Table.Th>{t('invoices.ratesScreen.source')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(rates.data ?? []).map((r) => (
            <Table.Tr key={`${r.unit}${r.quote}${r.date}`}>
              <Table.Td>{r.date}</Table.Td>
              <Table.Td dir="ltr">
                1 {r.unit} = {r.rate} {r.quote}
              </Table.Td>
              <Table.Td>{r.source}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
