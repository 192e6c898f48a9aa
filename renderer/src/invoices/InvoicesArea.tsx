import { Alert, Anchor, Stack, Tabs, Title } from '@mantine/core';
import { IconCash, IconCurrencyEuro, IconFileInvoice, IconInfoCircle, IconReportMoney } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_KINDS, type DocumentKind } from '../../../shared/invoicing/documents.ts';
import { useCompany } from '../lib/company.tsx';
import { hrefFor, navigate } from '../lib/router.ts';
import { DocumentList } from './DocumentList.tsx';
import { DocumentPage } from './DocumentPage.tsx';
import { PaymentsPanel } from './PaymentsPanel.tsx';
import { RatesPanel } from './RatesPanel.tsx';
import { StatementPanel } from './StatementPanel.tsx';

export const INVOICE_TABS = ['documents', 'payments', 'statement', 'rates'] as const;
type InvoiceTab = (typeof INVOICE_TABS)[number];

function isTab(value: string | undefined): value is InvoiceTab {
  return (INVOICE_TABS as readonly (string | undefined)[]).includes(value);
}

function isKind(value: string | undefined): value is DocumentKind {
  return (DOCUMENT_KINDS as readonly (string | undefined)[]).includes(value);
}

/**
 * #/invoices/<tab>[/…]: documents (list, #/invoices/documents/new/<kind>, #/invoices/documents/<id>),
 * payments, customer statement, exchange rates.
 */
export function InvoicesArea({ path }: { path: readonly string[] }) {
  const { t } = useTranslation();
  const { profile } = useCompany();
  const [head, second, third] = path;
  const tab = isTab(head) ? head : null;

  useEffect(() => {
    if (tab === null) navigate('invoices/documents', { replace: true });
  }, [tab]);
  if (tab === null) return null;

  let documents = <DocumentList />;
  // Only the documents tab reads the parts after the tab (new/<kind>, <id>).
  if (second === 'new' && isKind(third)) documents = <DocumentPage key={`new-${third}`} newKind={third} id={null} />;
  else if (second !== undefined && /^\d+$/.test(second)) documents = <DocumentPage key={second} newKind={null} id={Number(second)} />;

  return (
    <Stack gap="xs" h="calc(100dvh - var(--app-shell-header-height, 48px) - 2 * var(--mantine-spacing-md))">
      <Title order={1}>{t('invoices.title')}</Title>
      {profile === null && (
        <Alert color="orange" variant="light" p="xs" icon={<IconInfoCircle size={16} />}>
          {t('invoices.noCompany')} <Anchor href={hrefFor('settings/company')}>{t('settings.tabs.company')}</Anchor>
        </Alert>
      )}
      <Tabs
        value={tab}
        onChange={(value) => value && navigate(`invoices/${value}`)}
        keepMounted={false}
        style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}
        styles={{ panel: { flex: 1, minHeight: 0, overflow: 'auto' } }}
      >
        <Tabs.List>
          <Tabs.Tab value="documents" leftSection={<IconFileInvoice size={14} />}>
            {t('invoices.tabs.documents')}
          </Tabs.Tab>
          <Tabs.Tab value="payments" leftSection={<IconCash size={14} />}>
            {t('invoices.tabs.payments')}
          </Tabs.Tab>
          <Tabs.Tab value="statement" leftSection={<IconReportMoney size={14} />}>
            {t('invoices.tabs.statement')}
          </Tabs.Tab>
          <Tabs.Tab value="rates" leftSection={<IconCurrencyEuro size={14} />}>
            {t('invoices.tabs.rates')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="documents" pt="sm">
          {documents}
        </Tabs.Panel>
        <Tabs.Panel value="payments" pt="sm">
          <PaymentsPanel invoiceId={second !== undefined && /^\d+$/.test(second) ? Number(second) : null} />
        </Tabs.Panel>
        <Tabs.Panel value="statement" pt="sm">
          <StatementPanel />
        </Tabs.Panel>
        <Tabs.Panel value="rates" pt="sm">
          <RatesPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
