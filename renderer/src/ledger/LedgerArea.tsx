import { Button, Group, Stack, Tabs, Title } from '@mantine/core';
import { IconBook, IconDownload, IconListNumbers, IconScale, IconSettings } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getClient } from '../lib/api.ts';
import { navigate } from '../lib/router.ts';
import { useLoad } from '../lib/useLoad.ts';
import { AccountsPanel } from './AccountsPanel.tsx';
import { ExportDialog } from './ExportDialog.tsx';
import { JournalPanel } from './JournalPanel.tsx';
import { SettingsPanel } from './SettingsPanel.tsx';
import { TrialBalancePanel } from './TrialBalancePanel.tsx';
import { thisYear } from './period.ts';

export const LEDGER_TABS = ['journal', 'trial-balance', 'accounts', 'settings'] as const;
type LedgerTab = (typeof LEDGER_TABS)[number];

function isLedgerTab(value: string | undefined): value is LedgerTab {
  return (LEDGER_TABS as readonly (string | undefined)[]).includes(value);
}

/** #/ledger/<tab>: journal browser, trial balance, accounts and settings, and the export dialog. */
export function LedgerArea({ path }: { path: readonly string[] }) {
  const { t } = useTranslation();
  const [head] = path;
  const tab = isLedgerTab(head) ? head : null;
  const [period, setPeriod] = useState(thisYear);
  const [exporting, setExporting] = useState(false);
  const chart = useLoad('chart', () => getClient().call('ledger.chart.get', {}));
  const reports = useLoad('reports', () => getClient().call('ledger.reports.list', {}));

  useEffect(() => {
    if (tab === null) navigate('ledger/journal', { replace: true });
  }, [tab]);
  if (tab === null) return null;

  return (
    <Stack gap="xs" h="calc(100dvh - var(--app-shell-header-height, 48px) - 2 * var(--mantine-spacing-md))">
      <Group justify="space-between" wrap="nowrap">
        <Title order={1}>{t('nav.ledger')}</Title>
        <Button leftSection={<IconDownload size={16} />} onClick={() => setExporting(true)} disabled={!reports.data} data-testid="open-export">
          {t('ledger.export.open')}
        </Button>
      </Group>
      <Tabs
        value={tab}
        onChange={(value) => value && navigate(`ledger/${value}`)}
        keepMounted={false}
        style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}
        styles={{ panel: { flex: 1, minHeight: 0, overflow: 'auto', paddingTop: 'var(--mantine-spacing-xs)' } }}
      >
        <Tabs.List>
          <Tabs.Tab value="journal" leftSection={<IconBook size={14} />}>
            {t('ledger.tabs.journal')}
          </Tabs.Tab>
          <Tabs.Tab value="trial-balance" leftSection={<IconScale size={14} />}>
            {t('ledger.tabs.trialBalance')}
          </Tabs.Tab>
          <Tabs.Tab value="accounts" leftSection={<IconListNumbers size={14} />}>
            {t('ledger.tabs.accounts')}
          </Tabs.Tab>
          <Tabs.Tab value="settings" leftSection={<IconSettings size={14} />}>
            {t('ledger.tabs.settings')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="journal">
          <JournalPanel period={period} onPeriod={setPeriod} accounts={chart.data?.accounts ?? []} />
        </Tabs.Panel>
        <Tabs.Panel value="trial-balance">
          <TrialBalancePanel period={period} onPeriod={setPeriod} />
        </Tabs.Panel>
        <Tabs.Panel value="accounts">{chart.data && <AccountsPanel chart={chart.data} onChange={chart.setData} />}</Tabs.Panel>
        <Tabs.Panel value="settings">
          <SettingsPanel />
        </Tabs.Panel>
      </Tabs>
      {reports.data && <ExportDialog opened={exporting} onClose={() => setExporting(false)} reports={reports.data} period={period} onPeriod={setPeriod} />}
    </Stack>
  );
}
