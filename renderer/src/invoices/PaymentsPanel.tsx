import { Alert, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../../shared/contract/index.ts';
import { PAYMENT_METHODS, type DocumentRow } from '../../../shared/invoicing/documents.ts';
import { formatAmount } from '../../../shared/money.ts';
import { CURRENCY_CODES } from '../../../shared/reference/currencies.ts';
import { formatMoney } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { useCompany } from '../lib/company.tsx';
import { describeError } from '../lib/errors.ts';
import { issuesOf, translateIssue } from '../lib/issues.ts';
import { notify } from '../lib/notifications.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { useLoad } from '../lib/useLoad.ts';

type Payment = CallOutput<'invoices.payments.record'>;

const today = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** Payment entry: who paid, how much, the bank's fee, split over their open invoices; the rest stays as credit. */
export function PaymentsPanel({ invoiceId }: { invoiceId: number | null }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const { profile } = useCompany();
  const [payer, setPayer] = useState('');
  const [receivedOn, setReceivedOn] = useState(today);
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState(profile?.baseCurrency ?? 'EUR');
  const [bankFee, setBankFee] = useState('');
  const [method, setMethod] = useState<(typeof PAYMENT_METHODS)[number]>('bank');
  const [reference, setReference] = useState('');
  const [open, setOpen] = useState<DocumentRow[]>([]);
  const [shares, setShares] = useState<Record<number, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [last, setLast] = useState<Payment | null>(null);
  const recent = useLoad(`payments-${last?.id ?? 0}`, () => getClient().call('invoices.payments.list', { limit: 50 }));

  // Coming from an invoice: its buyer, currency and open amount are filled in.
  useEffect(() => {
    if (invoiceId === null) return;
    void getClient()
      .call('invoices.get', { id: invoiceId })
      .then((doc) => {
        setPayer(doc.buyer.name);
        setCurrency(doc.currency);
        setAmount(formatAmount(doc.openMinor, doc.currency));
        setShares({ [doc.id]: formatAmount(doc.openMinor, doc.currency) });
      });
  }, [invoiceId]);

  useEffect(() => {
    const name = payer.trim();
    if (name.length < 2) return;
    let current = true;
    const timer = setTimeout(() => {
      void getClient()
        .call('invoices.list', { kind: 'invoice', filter: 'issued', search: name, limit: 200 })
        .then((page) => current && setOpen(page.rows.filter((r) => r.openMinor > 0 && r.currency === currency)));
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [payer, currency]);

  async function record(): Promise<void> {
    setError(null);
    try {
      const allocations = Object.entries(shares)
        .filter(([, v]) => v.trim() !== '')
        .map(([id, v]) => ({ documentId: Number(id), amount: v }));
      const payment = await getClient().call('invoices.payments.record', {
        buyerName: payer,
        receivedOn,
        amount,
        currency,
        bankFee: bankFee || null,
        method,
        reference: reference || null,
        allocations,
      });
      setLast(payment);
      setShares({});
      setOpen([]);
      notify({ kind: 'success', title: t('invoices.payments.recorded') });
    } catch (e) {
      const issues = issuesOf(e);
      setError(issues.length > 0 ? issues.map((i) => translateIssue(i18n, i, i.path)).join(' · ') : describeError(i18n, e));
    }
  }

  const shown = (p: Payment) => formatMoney(p.amountMinor, p.currency, language);
  return (
    <Stack gap="sm" maw={1000} data-testid="payments-panel">
      <Paper withBorder p="sm">
        <Group grow align="flex-end">
          <TextInput label={t('invoices.payments.payer')} value={payer} onChange={(e) => setPayer(e.currentTarget.value)} dir="auto" data-testid="payment-payer" />
          <TextInput label={t('invoices.payments.receivedOn')} value={receivedOn} onChange={(e) => setReceivedOn(e.currentTarget.value)} dir="ltr" />
          <TextInput label={t('invoices.payments.amount')} value={amount} onChange={(e) => setAmount(e.currentTarget.value)} dir="ltr" data-testid="payment-amount" />
          <NativeSelect label={t('invoices.payments.currency')} value={currency} onChange={(e) => setCurrency(e.currentTarget.value)} data={[...CURRENCY_CODES]} />
          <TextInput label={t('invoices.payments.bankFee')} value={bankFee} onChange={(e) => setBankFee(e.currentTarget.value)} dir="ltr" />
          <NativeSelect
            label={t('invoices.payments.method')}
            value={method}
            onChange={(e) => setMethod(e.currentTarget.value as (typeof PAYMENT_METHODS)[number])}
            data={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`invoices.payments.methods.${m}`) }))}
          />
          <TextInput label={t('invoices.payments.reference')} value={reference} onChange={(e) => setReference(e.currentTarget.value)} />
        </Group>
        {open.length > 0 && (
          <>
            <Title order={4} mt="sm">
              {t('invoices.payments.allocate')}
            </Title>
            <Table>
              <Table.Tbody>
                {open.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{r.number}</Table.Td>
                    <Table.Td>{r.dueDate}</Table.Td>
                    <Table.Td ta="end">{formatMoney(r.openMinor, r.currency, language)}</Table.Td>
                    <Table.Td w={160}>
                      <TextInput
                        aria-label={r.number ?? ''}
                        value={shares[r.id] ?? ''}
                        onChange={(e) => {
                          const value = e.currentTarget.value;
                          setShares((s) => ({ ...s, [r.id]: value }));
                        }}
                        dir="ltr"
                        data-testid={`allocate-${r.number ?? r.id}`}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        )}
        {error && (
          <Alert color="red" variant="light" mt="sm" role="alert">
            {error}
          </Alert>
        )}
        <Button mt="sm" onClick={() => void record()} data-testid="record-payment-submit">
          {t('invoices.actions.record')}
        </Button>
        {last && last.unallocatedMinor > 0 && (
          <Text size="sm" mt="xs" data-testid="payment-credit">
            {t('invoices.payments.unallocated', { amount: formatMoney(last.unallocatedMinor, last.currency, language) })}
          </Text>
        )}
      </Paper>
      <Table withTableBorder data-testid="payments-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('invoices.payments.receivedOn')}</Table.Th>
            <Table.Th>{t('invoices.payments.payer')}</Table.Th>
            <Table.Th ta="end">{t('invoices.payments.amount')}</Table.Th>
            <Table.Th>{t('invoices.columns.number')}</Table.Th>
            <Table.Th ta="end">{t('invoices.payments.fxGain')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(recent.data ?? []).map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>{p.receivedOn}</Table.Td>
              <Table.Td dir="auto">{p.buyerName}</Table.Td>
              <Table.Td ta="end">{shown(p)}</Table.Td>
              <Table.Td>{p.allocations.map((a) => a.number).join(', ')}</Table.Td>
              <Table.Td ta="end">{formatMoney(p.allocations.reduce((s, a) => s + a.fxGainMinor, 0), p.baseCurrency, language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
