import { Alert, Group, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { describeProblem } from '../lib/issues.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { useLoad } from '../lib/useLoad.ts';
import { PeriodInputs } from './PeriodInputs.tsx';
import { DAY } from './period.ts';

/** #/ledger/trial-balance: opening, period debits and credits, closing, per account, with totals. */
export function TrialBalancePanel({ period, onPeriod }: { period: { from: string; to: string }; onPeriod: (p: { from: string; to: string }) => void }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const ready = DAY.test(period.from) && DAY.test(period.to);
  const loaded = useLoad(ready ? `${period.from}|${period.to}` : null, () => getClient().call('ledger.trialBalance', period));
  const data = loaded.data;
  const money = (minor: number) => (data ? formatMoney(minor, data.currency, language) : '');
  const sum = (pick: (r: NonNullable<typeof data>['rows'][number]) => number) => data?.rows.reduce((a, r) => a + pick(r), 0) ?? 0;
  const debit = sum((r) => r.debitMinor);
  const credit = sum((r) => r.creditMinor);
  return (
    <Stack gap="sm">
      <PeriodInputs from={period.from} to={period.to} onChange={onPeriod} />
      {loaded.error !== null && (
        <Alert color="red" variant="light" p="xs" role="alert" icon={<IconAlertTriangle size={16} />}>
          {describeProblem(i18n, loaded.error)}
        </Alert>
      )}
      {data && data.rows.length === 0 && <Text c="dimmed">{t('ledger.trialBalance.empty')}</Text>}
      {data && data.rows.length > 0 && (
        <>
          <Group gap="xs" c={debit === credit ? 'teal' : 'red'}>
            {debit === credit ? <IconCircleCheck size={16} /> : <IconAlertTriangle size={16} />}
            <Text size="sm">{debit === credit ? t('ledger.trialBalance.balanced') : t('ledger.trialBalance.unbalanced', { amount: money(debit - credit) })}</Text>
          </Group>
          <Table striped highlightOnHover withTableBorder stickyHeader data-testid="trial-balance">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('ledger.columns.account')}</Table.Th>
                <Table.Th>{t('ledger.columns.accountName')}</Table.Th>
                <Table.Th ta="end">{t('ledger.columns.opening')}</Table.Th>
                <Table.Th ta="end">{t('ledger.columns.debit')}</Table.Th>
                <Table.Th ta="end">{t('ledger.columns.credit')}</Table.Th>
                <Table.Th ta="end">{t('ledger.columns.closing')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.rows.map((r) => (
                <Table.Tr key={r.account}>
                  <Table.Td>{r.account}</Table.Td>
                  <Table.Td dir="auto">{r.name}</Table.Td>
                  <Table.Td ta="end" dir="ltr">{money(r.openingMinor)}</Table.Td>
                  <Table.Td ta="end" dir="ltr">{money(r.debitMinor)}</Table.Td>
                  <Table.Td ta="end" dir="ltr">{money(r.creditMinor)}</Table.Td>
                  <Table.Td ta="end" dir="ltr" fw={500}>{money(r.closingMinor)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr fw={700}>
                <Table.Td />
                <Table.Td>{t('ledger.trialBalance.total')}</Table.Td>
                <Table.Td ta="end" dir="ltr">{money(sum((r) => r.openingMinor))}</Table.Td>
                <Table.Td ta="end" dir="ltr">{money(debit)}</Table.Td>
                <Table.Td ta="end" dir="ltr">{money(credit)}</Table.Td>
                <Table.Td ta="end" dir="ltr">{money(sum((r) => r.closingMinor))}</Table.Td>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </>
      )}
    </Stack>
  );
}
