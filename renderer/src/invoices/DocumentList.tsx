import { Badge, Button, Group, Menu, NativeSelect, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_FILTERS, DOCUMENT_KINDS, type DocumentRow } from '../../../shared/invoicing/documents.ts';
import { DataGrid, type GridColumn } from '../components/DataGrid.tsx';
import { formatDate, formatInteger, formatMoney } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { navigate } from '../lib/router.ts';
import { usePagedRows } from '../lib/usePagedRows.ts';
import { ContactPicker, type PickedContact } from '../contacts/ContactPicker.tsx';
import { hashIdParam, hashParam } from './hashQuery.ts';
import { statusColor, statusOf } from './status.ts';

type Filter = (typeof DOCUMENT_FILTERS)[number];

/** All documents, newest first, paged from the core, with status filters. */
export function DocumentList() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [filter, setFilter] = useState<Filter>(() => {
    const asked = hashParam('filter');
    return (DOCUMENT_FILTERS as readonly (string | null)[]).includes(asked) ? (asked as Filter) : 'all';
  });
  const [kind, setKind] = useState('');
  const [search, setSearch] = useState('');
  // One contact's documents (with "overdue": its overdue list); from a contact's page via ?contact=<id>.
  const [contact, setContact] = useState<PickedContact | null>(null);
  useEffect(() => {
    const id = hashIdParam('contact');
    if (id === null) return;
    getClient()
      .call('contacts.get', { id })
      .then((c) => setContact({ id: c.id, name: c.name }))
      .catch(() => setContact(null));
  }, []);

  const contactId = contact?.id ?? null;
  const queryKey = JSON.stringify({ filter, kind, search: search.trim(), contactId });
  const fetchPage = useCallback(
    (offset: number, limit: number) =>
      getClient().call('invoices.list', { filter, ...(kind === '' ? {} : { kind: kind as DocumentRow['kind'] }), search: search.trim() || null, buyerContactId: contactId, offset, limit }),
    [filter, kind, search, contactId],
  );
  const paged = usePagedRows<DocumentRow>(queryKey, fetchPage, { pageSize: 200 });

  const columns = useMemo<GridColumn<DocumentRow>[]>(
    () => [
      { id: 'number', accessorFn: (r) => r.number ?? '', header: t('invoices.columns.number'), size: 150, enableSorting: false, cell: (c) => c.row.original.number ?? '—' },
      { id: 'kind', accessorKey: 'kind', header: t('invoices.columns.kind'), size: 120, enableSorting: false, cell: (c) => t(`invoices.kinds.${c.row.original.kind}`) },
      { id: 'buyer', accessorKey: 'buyerName', header: t('invoices.columns.buyer'), size: 200, enableSorting: false, cell: (c) => <span dir="auto">{c.row.original.buyerName}</span> },
      {
        id: 'date',
        accessorFn: (r) => r.issueDate ?? '',
        header: t('invoices.columns.issueDate'),
        size: 110,
        enableSorting: false,
        cell: (c) => (c.row.original.issueDate ? formatDate(`${c.row.original.issueDate}T12:00:00Z`, language) : ''),
      },
      {
        id: 'due',
        accessorFn: (r) => r.dueDate ?? '',
        header: t('invoices.columns.dueDate'),
        size: 110,
        enableSorting: false,
        cell: (c) => (c.row.original.dueDate ? formatDate(`${c.row.original.dueDate}T12:00:00Z`, language) : ''),
      },
      {
        id: 'total',
        accessorKey: 'grossMinor',
        header: t('invoices.columns.total'),
        size: 130,
        enableSorting: false,
        meta: { align: 'end' },
        cell: (c) => formatMoney(c.row.original.grossMinor, c.row.original.currency, language),
      },
      {
        id: 'open',
        accessorKey: 'openMinor',
        header: t('invoices.columns.open'),
        size: 130,
        enableSorting: false,
        meta: { align: 'end' },
        cell: (c) => (c.row.original.kind === 'invoice' && c.row.original.status === 'issued' ? formatMoney(c.row.original.openMinor, c.row.original.currency, language) : ''),
      },
      {
        id: 'status',
        accessorKey: 'status',
        header: t('invoices.columns.status'),
        size: 130,
        enableSorting: false,
        cell: (c) => {
          const s = statusOf(c.row.original);
          return (
            <Badge size="sm" variant="light" color={statusColor[s]}>
              {t(`invoices.status.${s}`)}
            </Badge>
          );
        },
      },
    ],
    [t, language],
  );

  return (
    <Stack gap="xs" h="100%">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <SegmentedControl
          size="xs"
          value={filter}
          onChange={(v) => setFilter(v)}
          data={DOCUMENT_FILTERS.map((f) => ({ value: f, label: t(`invoices.filters.${f}`) }))}
          data-testid="document-filter"
        />
        <NativeSelect
          size="xs"
          aria-label={t('invoices.columns.kind')}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value)}
          data={[{ value: '', label: t('invoices.list.allKinds') }, ...DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`invoices.kinds.${k}`) }))]}
        />
        <div style={{ width: 240 }}>
          <ContactPicker label={t('buyers.filter.contact')} value={contact} onChange={setContact} testId="document-contact" />
        </div>
        <TextInput
          size="xs"
          leftSection={<IconSearch size={14} />}
          placeholder={t('invoices.list.search')}
          aria-label={t('invoices.list.search')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
        <Menu position="bottom-end">
          <Menu.Target>
            <Button size="xs" leftSection={<IconPlus size={14} />} data-testid="new-document">
              {t('invoices.actions.new')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {(['quote', 'proforma', 'invoice'] as const).map((k) => (
              <Menu.Item key={k} onClick={() => navigate(`invoices/documents/new/${k}`)} data-testid={`new-${k}`}>
                {t(`invoices.kinds.${k}`)}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
        {paged.total !== null && (
          <Text size="sm" c="dimmed" data-testid="document-count">
            {t('invoices.list.count', { count: paged.total, formatted: formatInteger(paged.total, language) })}
          </Text>
        )}
      </Group>
      <div style={{ flex: 1, minHeight: 0 }}>
        <DataGrid
          data={paged.rows}
          columns={columns}
          getRowId={(r) => String(r.id)}
          label={t('invoices.tabs.documents')}
          height="100%"
          paging={{ rowCount: paged.total ?? 0, indexOf: paged.indexOf, onRangeChange: paged.onRangeChange }}
          resetKey={queryKey}
          onActivate={(r) => navigate(`invoices/documents/${r.id}`)}
          emptyMessage={paged.total === null ? t('app.loading') : t('invoices.list.empty')}
          data-testid="document-grid"
        />
      </div>
    </Stack>
  );
}
