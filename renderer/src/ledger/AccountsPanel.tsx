import { Alert, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconPlus } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../../shared/contract/index.ts';
import { CHART_IDS, CHART_PRESETS, type ChartId } from '../../../shared/ledger/charts.ts';
import { getClient } from '../lib/api.ts';
import { describeProblem } from '../lib/issues.ts';
import { notify } from '../lib/notifications.ts';

type ChartView = CallOutput<'ledger.chart.get'>;
const KINDS = ['asset', 'liability', 'equity', 'revenue', 'expense'] as const;

/** "revenue.domestic.1900" → "Revenue 19 %", "fx.gain" → "Exchange gains". */
function postingLabel(t: TFunction, key: string): string {
  const rate = /^(revenue\.domestic|vat\.output)\.(\d+)$/.exec(key);
  if (rate) return t(rate[1] === 'vat.output' ? 'ledger.accounts.keys.vatOutput' : 'ledger.accounts.keys.revenueDomestic', { rate: Number(rate[2]) / 100 });
  const camel = key.replace(/\.([a-zA-Z])/g, (_, c: string) => c.toUpperCase());
  return t(`ledger.accounts.keys.${camel}`);
}

/** #/ledger/accounts: the chart preset, the account per kind of posting, and accounts of one's own. */
export function AccountsPanel({ chart, onChange }: { chart: ChartView; onChange: (chart: ChartView) => void }) {
  const { t, i18n } = useTranslation();
  const [preset, setPreset] = useState<ChartId>(chart.chart);
  const [problem, setProblem] = useState<string | null>(null);
  const [account, setAccount] = useState({ code: '', name: '', kind: 'asset' as (typeof KINDS)[number] });

  const run = async (work: () => Promise<ChartView | null>, success: string) => {
    setProblem(null);
    try {
      const next = await work();
      if (next) onChange(next);
      notify({ kind: 'success', title: success });
    } catch (error) {
      setProblem(describeProblem(i18n, error));
    }
  };
  const add = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await getClient().call('ledger.accounts.create', account);
      setAccount({ code: '', name: '', kind: account.kind });
      return getClient().call('ledger.chart.get', {});
    }, t('ledger.accounts.added', { code: account.code }));
  };
  const options = chart.accounts.map((a) => ({ value: a.code, label: `${a.code} ${a.name}` }));
  return (
    <Stack gap="md" maw={980}>
      {problem && (
        <Alert color="red" variant="light" p="xs" role="alert" icon={<IconAlertTriangle size={16} />}>
          {problem}
        </Alert>
      )}
      <Group align="flex-end">
        <NativeSelect
          label={t('ledger.accounts.chart')}
          value={preset}
          onChange={(e) => setPreset(e.currentTarget.value as ChartId)}
          data={CHART_IDS.map((id) => ({ value: id, label: CHART_PRESETS[id].label }))}
          w={360}
        />
        <Button variant="default" disabled={preset === chart.chart} onClick={() => void run(() => getClient().call('ledger.chart.install', { chart: preset }), t('ledger.accounts.installed'))}>
          {t('ledger.accounts.install')}
        </Button>
      </Group>
      <Paper withBorder p="sm">
        <Title order={3} size="h5">
          {t('ledger.accounts.mappingTitle')}
        </Title>
        <Text size="sm" c="dimmed" mb="xs">
          {t('ledger.accounts.mappingNote')}
        </Text>
        <Table data-testid="posting-map" verticalSpacing={4}>
          <Table.Tbody>
            {chart.mapping.map((m) => (
              <Table.Tr key={m.postingKey}>
                <Table.Td>{postingLabel(t, m.postingKey)}</Table.Td>
                <Table.Td w={380}>
                  <NativeSelect
                    aria-label={postingLabel(t, m.postingKey)}
                    value={m.account ?? ''}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      void run(() => getClient().call('ledger.mapping.set', { postingKey: m.postingKey, account: value }), t('ledger.accounts.saved', { key: postingLabel(t, m.postingKey) }));
                    }}
                    data={[...(m.account === null ? [{ value: '', label: t('ledger.accounts.notSet') }] : []), ...options]}
                    size="xs"
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Paper withBorder p="sm">
        <Title order={3} size="h5" mb="xs">
          {t('ledger.accounts.addTitle')}
        </Title>
        <form onSubmit={add}>
          <Group align="flex-end">
            <TextInput label={t('ledger.accounts.code')} value={account.code} onChange={(e) => setAccount({ ...account, code: e.currentTarget.value })} w={110} required />
            <TextInput label={t('ledger.accounts.name')} value={account.name} onChange={(e) => setAccount({ ...account, name: e.currentTarget.value })} w={320} required />
            <NativeSelect
              label={t('ledger.columns.kind')}
              value={account.kind}
              onChange={(e) => setAccount({ ...account, kind: e.currentTarget.value as (typeof KINDS)[number] })}
              data={KINDS.map((k) => ({ value: k, label: t(`ledger.accounts.kinds.${k}`) }))}
              w={160}
            />
            <Button type="submit" leftSection={<IconPlus size={14} />}>
              {t('ledger.accounts.add')}
            </Button>
          </Group>
        </form>
      </Paper>
      <Paper withBorder p="sm">
        <Title order={3} size="h5" mb="xs">
          {t('ledger.accounts.list')}
        </Title>
        <Table striped verticalSpacing={2} data-testid="accounts">
          <Table.Tbody>
            {chart.accounts.map((a) => (
              <Table.Tr key={a.code}>
                <Table.Td w={100}>{a.code}</Table.Td>
                <Table.Td dir="auto">{a.name}</Table.Td>
                <Table.Td w={140}>{t(`ledger.accounts.kinds.${a.kind}`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}
