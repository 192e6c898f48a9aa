import { Alert, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../../shared/contract/index.ts';
import { formatMoney } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { describeError } from '../lib/errors.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { ContactPicker, type PickedContact } from '../contacts/ContactPicker.tsx';
import { hashIdParam } from './hashQuery.ts';

type Statement = CallOutput<'invoices.statement'>[number];

/** A customer statement: invoices, credit notes and payments in date order with a running balance, per currency. */
export function StatementPanel() {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const year = new Date().getFullYear();
  const [buyer, setBuyer] = useState('');
  // A contact's statement: every document and payment linked to it, whatever name they were issued to.
  const [contact, setContact] = useState<PickedContact | null>(null);
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(`${year}-12-31`);
  const [statements, setStatements] = useState<Statement[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const show = (picked: PickedContact | null = contact) => {
    setError(null);
    getClient()
      .call('invoices.statement', picked ? { buyerContactId: picked.id, from, to } : { buyerName: buyer, from, to })
      .then(setStatements)
      .catch((e: unknown) => setError(describeError(i18n, e)));
  };

  // From a contact's page (?contact=<id>): that contact's statement for this year, at once.
  useEffect(() => {
    const id = hashIdParam('contact');
    if (id === null) return;
    getClient()
      .call('contacts.get', { id })
      .then((c) => {
        const picked = { id: c.id, name: c.name };
        setContact(picked);
        return getClient().call('invoices.statement', { buyerContactId: picked.id, from: `${year}-01-01`, to: `${year}-12-31` });
      })
      .then(setStatements)
      .catch((e: unknown) => setError(describeError(i18n, e)));
  }, [year, i18n]);

  return (
    <Stack gap="sm" maw={1000} data-testid="statement-panel">
      <Group align="flex-end">
        <div style={{ width: 280 }}>
          <ContactPicker label={t('buyers.filter.contact')} value={contact} onChange={setContact} testId="statement-contact" />
        </div>
        {contact === null && <TextInput label={t('invoices.statement.buyer')} value={buyer} onChange={(e) => setBuyer(e.currentTarget.value)} dir="auto" data-testid="statement-buyer" />}
        <TextInput label={t('invoices.statement.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} dir="ltr" w={130} />
        <TextInput label={t('invoices.statement.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} dir="ltr" w={130} />
        <Button onClick={() => show()} data-testid="statement-show">
          {t('invoices.actions.show')}
        </Button>
      </Group>
      {error && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      {statements?.length === 0 && <Text c="dimmed">{t('invoices.statement.empty')}</Text>}
      {statements?.map((s) => {
        const money = (minor: number) => formatMoney(minor, s.currency, language);
        return (
          <Paper withBorder p="sm" key={s.currency}>
            <Title order={4} dir="auto">
              {s.buyerName} · {s.currency}
            </Title>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('invoices.statement.date')}</Table.Th>
                  <Table.Th>{t('invoices.statement.document')}</Table.Th>
                  <Table.Th ta="end">{t('invoices.statement.debit')}</Table.Th>
                  <Table.Th ta="end">{t('invoices.statement.creditColumn')}</Table.Th>
                  <Table.Th ta="end">{t('invoices.statement.balance')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                <Table.Tr>
                  <Table.Td>{s.from}</Table.Td>
                  <Table.Td>{t('invoices.statement.opening')}</Table.Td>
                  <Table.Td />
                  <Table.Td />
                  <Table.Td ta="end">{money(s.openingMinor)}</Table.Td>
                </Table.Tr>
                {s.lines.map((l, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>{l.date}</Table.Td>
                    <Table.Td>
                      {t(`invoices.statement.kinds.${l.kind}`)} {l.reference}
                    </Table.Td>
                    <Table.Td ta="end">{l.debitMinor ? money(l.debitMinor) : ''}</Table.Td>
                    <Table.Td ta="end">{l.creditMinor ? money(l.creditMinor) : ''}</Table.Td>
                    <Table.Td ta="end">{money(l.balanceMinor)}</Table.Td>
                  </Table.Tr>
                ))}
                <Table.Tr>
                  <Table.Td>{s.to}</Table.Td>
                  <Table.Td fw={700}>{t('invoices.statement.closing')}</Table.Td>
                  <Table.Td />
                  <Table.Td />
                  <Table.Td ta="end" fw={700} data-testid="statement-closing">
                    {money(s.closingMinor)}
                  </Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
            {s.unallocatedCreditMinor > 0 && (
              <Text size="sm">
                {t('invoices.statement.credit')}: {money(s.unallocatedCreditMinor)}
              </Text>
            )}
          </Paper>
        );
      })}
    </Stack>
  );
}
