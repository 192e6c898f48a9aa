import { ActionIcon, Alert, Button, Group, Modal, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseAmount } from '../../../shared/money.ts';
import { formatMoney } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { describeProblem } from '../lib/issues.ts';
import { notify } from '../lib/notifications.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { isoDay } from './period.ts';

interface Line {
  account: string;
  debit: string;
  credit: string;
}

const empty = (): Line => ({ account: '', debit: '', credit: '' });

/** A manual entry in the MISC journal: lines until debits equal credits, then posted (and final). */
export function ManualEntryDialog({ opened, onClose, onPosted, accounts, currency }: { opened: boolean; onClose: () => void; onPosted: () => void; accounts: readonly { code: string; name: string }[]; currency: string }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const [date, setDate] = useState(() => isoDay(new Date()));
  const [description, setDescription] = useState('');
  const [reference, setReference] = useState('');
  const [lines, setLines] = useState<Line[]>([empty(), empty()]);
  const [problem, setProblem] = useState<string | null>(null);

  const minor = (text: string): number => {
    const r = parseAmount(text, currency);
    return text.trim() !== '' && r.ok ? r.amountMinor : 0;
  };
  const debit = lines.reduce((a, l) => a + minor(l.debit), 0);
  const credit = lines.reduce((a, l) => a + minor(l.credit), 0);
  const set = (i: number, change: Partial<Line>) => setLines(lines.map((l, k) => (k === i ? { ...l, ...change } : l)));

  const post = async () => {
    setProblem(null);
    try {
      await getClient().call('ledger.entries.postManual', {
        date,
        description,
        ...(reference.trim() ? { reference: reference.trim() } : {}),
        lines: lines.filter((l) => l.account || l.debit || l.credit),
      });
      notify({ kind: 'success', title: t('ledger.manualEntry.posted') });
      setDescription('');
      setReference('');
      setLines([empty(), empty()]);
      onPosted();
      onClose();
    } catch (error) {
      setProblem(describeProblem(i18n, error));
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('ledger.manualEntry.title')} size="xl">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('ledger.manualEntry.note')}
        </Text>
        <Group grow>
          <TextInput type="date" label={t('ledger.columns.date')} value={date} onChange={(e) => setDate(e.currentTarget.value)} required />
          <TextInput label={t('ledger.columns.reference')} value={reference} onChange={(e) => setReference(e.currentTarget.value)} />
        </Group>
        <TextInput label={t('ledger.columns.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} required />
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('ledger.columns.account')}</Table.Th>
              <Table.Th>{t('ledger.columns.debit')}</Table.Th>
              <Table.Th>{t('ledger.columns.credit')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((l, i) => (
              <Table.Tr key={i}>
                <Table.Td>
                  <NativeSelect aria-label={t('ledger.columns.account')} value={l.account} onChange={(e) => set(i, { account: e.currentTarget.value })} data={[{ value: '', label: '—' }, ...accounts.map((a) => ({ value: a.code, label: `${a.code} ${a.name}` }))]} size="xs" />
                </Table.Td>
                <Table.Td>
                  <TextInput aria-label={t('ledger.columns.debit')} value={l.debit} onChange={(e) => set(i, { debit: e.currentTarget.value })} size="xs" dir="ltr" />
                </Table.Td>
                <Table.Td>
                  <TextInput aria-label={t('ledger.columns.credit')} value={l.credit} onChange={(e) => set(i, { credit: e.currentTarget.value })} size="xs" dir="ltr" />
                </Table.Td>
                <Table.Td>
                  <ActionIcon variant="subtle" color="gray" aria-label={t('ledger.manualEntry.removeLine')} disabled={lines.length <= 2} onClick={() => setLines(lines.filter((_, k) => k !== i))}>
                    <IconTrash size={14} />
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group justify="space-between">
          <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={() => setLines([...lines, empty()])}>
            {t('ledger.manualEntry.addLine')}
          </Button>
          <Text size="sm" c={debit === credit && debit > 0 ? 'teal' : 'orange'} dir="ltr">
            {formatMoney(debit, currency, language)} / {formatMoney(credit, currency, language)}
          </Text>
        </Group>
        {problem && (
          <Alert color="red" variant="light" p="xs" role="alert" icon={<IconAlertTriangle size={16} />}>
            {problem}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="subtle" onClick={onClose}>
            {t('ledger.export.close')}
          </Button>
          <Button onClick={() => void post()} disabled={debit !== credit || debit === 0}>
            {t('ledger.manualEntry.post')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The one correction the journal allows: a reversing entry, dated and with a reason. */
export function ReverseDialog({ entry, onClose, onPosted }: { entry: { id: number; label: string } | null; onClose: () => void; onPosted: () => void }) {
  const { t, i18n } = useTranslation();
  const [date, setDate] = useState(() => isoDay(new Date()));
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const reverse = async () => {
    if (!entry) return;
    setProblem(null);
    try {
      await getClient().call('ledger.entries.reverse', { entryId: entry.id, date, ...(reason.trim() ? { reason: reason.trim() } : {}) });
      notify({ kind: 'success', title: t('ledger.reverse.done', { entry: entry.label }) });
      onPosted();
      onClose();
    } catch (error) {
      setProblem(describeProblem(i18n, error));
    }
  };
  return (
    <Modal opened={entry !== null} onClose={onClose} title={t('ledger.reverse.title', { entry: entry?.label ?? '' })}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('ledger.reverse.note')}
        </Text>
        <TextInput type="date" label={t('ledger.columns.date')} value={date} onChange={(e) => setDate(e.currentTarget.value)} required />
        <TextInput label={t('ledger.reverse.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        {problem && (
          <Alert color="red" variant="light" p="xs" role="alert" icon={<IconAlertTriangle size={16} />}>
            {problem}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="subtle" onClick={onClose}>
            {t('ledger.export.close')}
          </Button>
          <Button color="orange" onClick={() => void reverse()}>
            {t('ledger.reverse.post')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
