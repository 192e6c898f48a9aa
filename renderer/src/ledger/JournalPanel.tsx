import { ActionIcon, Badge, Button, Group, NativeSelect, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconArrowBackUp, IconPlus } from '@tabler/icons-react';
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { JournalLineView } from '../../../shared/ledger/schemas.ts';
import { DataGrid, type GridColumn } from '../components/DataGrid.tsx';
import { formatDate, formatInteger, formatMoney } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { describeProblem } from '../lib/issues.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { usePagedRows } from '../lib/usePagedRows.ts';
import { ManualEntryDialog, ReverseDialog } from './ManualEntryDialog.tsx';
import { PeriodInputs } from './PeriodInputs.tsx';
import { DAY } from './period.ts';
import { RetryAlert } from '../components/RetryAlert.tsx';

const JOURNALS = ['SALES', 'BANK', 'STOCK', 'MISC'] as const;
const JOURNAL_COLORS: Record<string, string> = { SALES: 'blue', BANK: 'teal', STOCK: 'grape', MISC: 'gray' };

interface Filter {
  from: string;
  to: string;
  journal: string;
  account: string;
  text: string;
}

/** #/ledger/journal: every posted line, oldest first, filtered by period, journal, account and text. */
export function JournalPanel({ period, onPeriod, accounts }: { period: { from: string; to: string }; onPeriod: (p: { from: string; to: string }) => void; accounts: readonly { code: string; name: string }[] }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const [draft, setDraft] = useState({ journal: '', account: '', text: '' });
  const [filter, setFilter] = useState<Filter>({ ...period, journal: '', account: '', text: '' });
  const [currency, setCurrency] = useState<string | null>(null);
  const [writing, setWriting] = useState(false);
  const [reversing, setReversing] = useState<{ id: number; label: string } | null>(null);
  if (filter.from !== period.from || filter.to !== period.to) setFilter({ ...filter, ...period });

  const ready = DAY.test(filter.from) && DAY.test(filter.to);
  const queryKey = ready ? JSON.stringify(filter) : null;
  const fetchPage = useCallback(
    async (offset: number, limit: number) => {
      const page = await getClient().call('ledger.journal', {
        from: filter.from,
        to: filter.to,
        ...(filter.journal ? { journal: filter.journal as (typeof JOURNALS)[number] } : {}),
        ...(filter.account ? { account: filter.account } : {}),
        ...(filter.text ? { text: filter.text } : {}),
        offset,
        limit,
      });
      setCurrency(page.currency);
      return page;
    },
    [filter],
  );
  const paged = usePagedRows<JournalLineView>(queryKey, fetchPage, { pageSize: 200 });

  const money = (minor: number) => (minor === 0 || !currency ? '' : formatMoney(minor, currency, language));
  const columns = useMemo<GridColumn<JournalLineView>[]>(
    () => [
      { id: 'date', accessorKey: 'date', header: t('ledger.columns.date'), size: 105, enableSorting: false, cell: (c) => formatDate(`${c.row.original.date}T12:00:00Z`, language) },
      {
        id: 'journal',
        accessorKey: 'journal',
        header: t('ledger.columns.journal'),
        size: 150,
        enableSorting: false,
        cell: (c) => (
          <Badge size="sm" variant="light" color={JOURNAL_COLORS[c.row.original.journal] ?? 'gray'}>
            {t(`ledger.journals.${c.row.original.journal}`)}
          </Badge>
        ),
      },
      { id: 'number', accessorKey: 'number', header: t('ledger.columns.number'), size: 70, enableSorting: false, meta: { align: 'end' } },
      { id: 'reference', accessorKey: 'reference', header: t('ledger.columns.reference'), size: 100, enableSorting: false },
      {
        id: 'description',
        accessorKey: 'description',
        header: t('ledger.columns.description'),
        size: 260,
        enableSorting: false,
        cell: (c) => {
          const l = c.row.original;
          const text = l.lineDescription ?? l.description;
          return <span dir="auto">{l.reversesId !== null ? `${text} · ${t('ledger.journal.reversal', { id: l.reversesId })}` : text}</span>;
        },
      },
      { id: 'account', accessorKey: 'account', header: t('ledger.columns.account'), size: 80, enableSorting: false },
      { id: 'accountName', accessorKey: 'accountName', header: t('ledger.columns.accountName'), size: 180, enableSorting: false, cell: (c) => <span dir="auto">{c.row.original.accountName}</span> },
      { id: 'party', accessorFn: (l) => l.partyName ?? '', header: t('ledger.columns.party'), size: 140, enableSorting: false },
      { id: 'debit', accessorKey: 'debitMinor', header: t('ledger.columns.debit'), size: 120, enableSorting: false, meta: { align: 'end' }, cell: (c) => <span dir="ltr">{money(c.row.original.debitMinor)}</span> },
      { id: 'credit', accessorKey: 'creditMinor', header: t('ledger.columns.credit'), size: 120, enableSorting: false, meta: { align: 'end' }, cell: (c) => <span dir="ltr">{money(c.row.original.creditMinor)}</span> },
      {
        id: 'actions',
        header: '',
        size: 48,
        enableSorting: false,
        cell: (c) => {
          const l = c.row.original;
          if (l.sourceKind === 'reversal') return null;
          const label = `${t(`ledger.journals.${l.journal}`)} ${l.number}`;
          return (
            <Tooltip label={t('ledger.reverse.action')}>
              <ActionIcon variant="subtle" color="gray" size="sm" aria-label={`${t('ledger.reverse.action')} ${label}`} onClick={() => setReversing({ id: l.entryId, label })}>
                <IconArrowBackUp size={14} />
              </ActionIcon>
            </Tooltip>
          );
        },
      },
    ],
    // money depends on currency and language only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, language, currency],
  );

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilter({ ...period, ...draft, text: draft.text.trim() });
  };
  const problem = paged.error !== null ? describeProblem(i18n, paged.error) : null;
  return (
    <Stack gap="xs" h="100%">
      <form onSubmit={apply} aria-label={t('ledger.tabs.journal')}>
        <Group gap="sm" align="flex-end">
          <PeriodInputs from={period.from} to={period.to} onChange={onPeriod} />
          <NativeSelect
            label={t('ledger.filters.journal')}
            value={draft.journal}
            onChange={(e) => setDraft({ ...draft, journal: e.currentTarget.value })}
            data={[{ value: '', label: t('ledger.journals.all') }, ...JOURNALS.map((j) => ({ value: j, label: t(`ledger.journals.${j}`) }))]}
            w={170}
          />
          <NativeSelect
            label={t('ledger.filters.account')}
            value={draft.account}
            onChange={(e) => setDraft({ ...draft, account: e.currentTarget.value })}
            data={[{ value: '', label: '—' }, ...accounts.map((a) => ({ value: a.code, label: `${a.code} ${a.name}` }))]}
            w={220}
          />
          <TextInput label={t('ledger.filters.text')} placeholder={t('ledger.filters.textPlaceholder')} value={draft.text} onChange={(e) => setDraft({ ...draft, text: e.currentTarget.value })} w={220} />
          <Button type="submit" variant="default">
            {t('ledger.filters.apply')}
          </Button>
          <Button variant="light" leftSection={<IconPlus size={14} />} onClick={() => setWriting(true)} disabled={!currency}>
            {t('ledger.manualEntry.open')}
          </Button>
          {paged.total !== null && (
            <Text size="sm" c="dimmed" mb={6} data-testid="journal-count">
              {t('ledger.journal.count', { count: paged.total, formatted: formatInteger(paged.total, language) })}
            </Text>
          )}
        </Group>
      </form>
      {problem && (
        <RetryAlert message={problem} onRetry={paged.reload} />
      )}
      <div style={{ flex: 1, minHeight: 0 }}>
        <DataGrid
          data={paged.rows}
          columns={columns}
          getRowId={(l) => String(l.lineId)}
          label={t('ledger.journal.gridLabel')}
          height="100%"
          paging={{ rowCount: paged.total ?? 0, indexOf: paged.indexOf, onRangeChange: paged.onRangeChange }}
          resetKey={queryKey ?? ''}
          emptyMessage={paged.total === null ? t('app.loading') : t('ledger.journal.empty')}
          data-testid="journal-grid"
        />
      </div>
      {currency && <ManualEntryDialog opened={writing} onClose={() => setWriting(false)} onPosted={paged.reload} accounts={accounts} currency={currency} />}
      <ReverseDialog entry={reversing} onClose={() => setReversing(null)} onPosted={paged.reload} />
    </Stack>
  );
}
