import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload, IconEye } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KontorDocument } from '../../../shared/invoicing/documents.ts';
import { formatRate } from '../../../shared/invoicing/tax.ts';
import { formatQuantity } from '../../../shared/quantity.ts';
import { formatDate, formatMoney } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { describeError } from '../lib/errors.ts';
import { notify } from '../lib/notifications.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { navigate } from '../lib/router.ts';
import { PreviewFrame } from './PreviewFrame.tsx';
import { statusColor, statusOf } from './status.ts';

function download(name: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** An issued document: read-only, with what can follow it (convert, credit note, payment) and its PDF. */
export function DocumentView({ doc, onChange }: { doc: KontorDocument; onChange: (doc: KontorDocument) => void }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const money = (minor: number, currency = doc.currency) => formatMoney(minor, currency, language);
  const date = (iso: string | null) => (iso ? formatDate(`${iso}T12:00:00Z`, language) : '—');
  const status = statusOf(doc);

  const act = (work: () => Promise<void>) => () => {
    setError(null);
    work().catch((e: unknown) => setError(describeError(i18n, e)));
  };
  const convert = (to: 'proforma' | 'invoice') =>
    act(async () => {
      const draft = await getClient().call('invoices.convert', { id: doc.id, to, warehouse: to === 'invoice' ? 'MAIN' : null });
      navigate(`invoices/documents/${draft.id}`);
    });

  return (
    <Stack gap="sm" data-testid="document-view">
      <Group justify="space-between">
        <Group>
          <Title order={2}>
            {t(`invoices.kinds.${doc.kind}`)} {doc.number}
          </Title>
          <Badge variant="light" color={statusColor[status]} data-testid="document-status">
            {t(`invoices.status.${status}`)}
          </Badge>
        </Group>
        <Button variant="subtle" size="xs" onClick={() => navigate('invoices/documents')}>
          {t('invoices.actions.back')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        {t('invoices.editor.issuedNote')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Paper withBorder p="sm">
          <Text size="xs" c="dimmed">
            {t('invoices.editor.buyer')}
          </Text>
          <Text fw={600} dir="auto">
            {doc.buyer.name}
          </Text>
          <Text size="sm">{doc.buyer.country}</Text>
          {doc.buyer.taxIds.map((x) => (
            <Text size="sm" key={x.value} dir="ltr">
              {x.value}
            </Text>
          ))}
        </Paper>
        <Paper withBorder p="sm">
          <Text size="sm">
            {t('invoices.columns.issueDate')}: {date(doc.issueDate)}
          </Text>
          <Text size="sm">
            {t('invoices.columns.dueDate')}: {date(doc.dueDate)}
          </Text>
          {doc.exchangeRate && doc.grossBaseMinor !== null && (
            <Text size="sm">
              {t('invoices.editor.inBase', {
                currency: doc.baseCurrency,
                rate: `1 ${doc.exchangeRate.unit} = ${doc.exchangeRate.rate} ${doc.exchangeRate.quote}`,
                date: doc.exchangeRate.date,
                amount: money(doc.grossBaseMinor, doc.baseCurrency),
              })}
            </Text>
          )}
        </Paper>
        <Paper withBorder p="sm">
          <Group justify="space-between">
            <Text size="sm">{t('invoices.columns.total')}</Text>
            <Text fw={700}>{money(doc.grossMinor)}</Text>
          </Group>
          {doc.kind === 'invoice' && (
            <Group justify="space-between">
              <Text size="sm">{t('invoices.columns.open')}</Text>
              <Text fw={700} data-testid="document-open">
                {money(doc.openMinor)}
              </Text>
            </Group>
          )}
        </Paper>
      </SimpleGrid>

      <Table withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('invoices.editor.description')}</Table.Th>
            <Table.Th ta="end">{t('invoices.editor.quantity')}</Table.Th>
            <Table.Th ta="end">{t('invoices.editor.unitPrice')}</Table.Th>
            <Table.Th ta="end">{t('invoices.editor.vat')}</Table.Th>
            <Table.Th ta="end">{t('invoices.editor.net')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {doc.lines.map((l) => (
            <Table.Tr key={l.id}>
              <Table.Td dir="auto">
                {l.name} {l.sku && <Text span size="xs" c="dimmed">{l.sku}</Text>}
              </Table.Td>
              <Table.Td ta="end" dir="ltr">
                {formatQuantity(l.quantityMilli)} {l.unit}
              </Table.Td>
              <Table.Td ta="end">{money(l.unitPriceMinor)}</Table.Td>
              <Table.Td ta="end" dir="ltr">
                {formatRate(l.taxRateBp)}
                {l.taxCategory === 'S' ? '' : ` ${l.taxCategory}`}
              </Table.Td>
              <Table.Td ta="end">{money(l.netMinor)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {doc.taxes.map((g) => g.mention && (
        <Text size="sm" fw={600} key={`${g.category}${g.rateBp}`}>
          {g.mention}
        </Text>
      ))}

      {error && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      <Group>
        <Button
          leftSection={<IconDownload size={14} />}
          onClick={act(async () => {
            const pdf = await getClient().call('invoices.pdf', { id: doc.id });
            download(`${pdf.number}.pdf`, pdf.dataBase64);
            if (doc.pdfSha256 === null) onChange(await getClient().call('invoices.get', { id: doc.id }));
          })}
          data-testid="download-pdf"
        >
          {t('invoices.actions.pdf')}
        </Button>
        <Button variant="default" leftSection={<IconEye size={14} />} onClick={act(async () => setHtml((await getClient().call('invoices.previewHtml', { id: doc.id })).html))}>
          {t('invoices.actions.preview')}
        </Button>
        {doc.kind === 'quote' && (
          <Button variant="default" onClick={convert('proforma')}>
            {t('invoices.actions.toProforma')}
          </Button>
        )}
        {(doc.kind === 'quote' || doc.kind === 'proforma') && (
          <Button variant="default" onClick={convert('invoice')} data-testid="to-invoice">
            {t('invoices.actions.toInvoice')}
          </Button>
        )}
        {doc.kind === 'invoice' && (
          <>
            <Button
              variant="default"
              onClick={act(async () => {
                const draft = await getClient().call('invoices.creditNote', { invoiceId: doc.id, returnToStock: true });
                notify({ kind: 'success', title: t('invoices.kinds.credit_note') });
                navigate(`invoices/documents/${draft.id}`);
              })}
              data-testid="credit-note"
            >
              {t('invoices.actions.creditNote')}
            </Button>
            {doc.openMinor > 0 && (
              <Button variant="default" onClick={() => navigate(`invoices/payments/${doc.id}`)} data-testid="record-payment">
                {t('invoices.actions.record')}
              </Button>
            )}
          </>
        )}
      </Group>
      {html !== null && <PreviewFrame html={html} />}
    </Stack>
  );
}
