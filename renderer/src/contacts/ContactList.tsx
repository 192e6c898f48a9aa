import { Badge, Button, Group, Menu, SegmentedControl, Select, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconChevronDown, IconCopy, IconDownload, IconFileImport, IconPlus, IconX } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactFacets, ContactListQuery, ContactListRow } from '../../../shared/contacts/list.ts';
import { DataGrid, type DataGridHandle, type GridColumn } from '../components/DataGrid.tsx';
import { countryName, formatInteger, formatPhone } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { describeError } from '../lib/errors.ts';
import { notify } from '../lib/notifications.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { navigate } from '../lib/router.ts';
import { usePagedRows } from '../lib/usePagedRows.ts';
import { downloadBase64 } from './download.ts';
import { RetryAlert } from '../components/RetryAlert.tsx';
import { ListSearchInput } from '../components/ListSearchInput.tsx';

interface Filters {
  search: string;
  country: string | null;
  tag: string | null;
  role: 'all' | 'buyer' | 'supplier';
}

/** The list as it was left, so coming back from a contact finds the same filters. */
let remembered: Filters | null = null;

/** #/contacts: every contact in a virtualised grid, paged from the core; search and filters. */
export function ContactList({ onCreate }: { onCreate: () => void }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const [filters, setFilters] = useState<Filters>(() => remembered ?? { search: '', country: null, tag: null, role: 'all' });
  const [searchText, setSearchText] = useState(filters.search);
  const [sorting, setSorting] = useState<{ id: string; desc: boolean }[]>([]);
  const [facets, setFacets] = useState<ContactFacets>({ countries: [], tags: [] });
  const [exporting, setExporting] = useState(false);
  const gridRef = useRef<DataGridHandle>(null);

  useEffect(() => {
    const timer = setTimeout(() => setFilters((f) => (f.search === searchText ? f : { ...f, search: searchText })), 200);
    return () => clearTimeout(timer);
  }, [searchText]);
  useEffect(() => {
    remembered = filters;
  }, [filters]);
  useEffect(() => {
    getClient()
      .call('contacts.facets', {})
      .then(setFacets)
      .catch((error: unknown) => notify({ kind: 'error', title: t('contacts.list.facetsFailed'), message: describeError(i18n, error) }));
  }, [t, i18n]);

  const query = useMemo((): Omit<ContactListQuery, 'offset' | 'limit'> => {
    const sort = sorting[0];
    const field = sort?.id === 'country' ? 'country' : sort?.id === 'updated' ? 'updated' : 'name';
    return {
      ...(filters.search.trim() === '' ? {} : { search: filters.search }),
      ...(filters.country ? { country: filters.country } : {}),
      ...(filters.tag ? { tag: filters.tag } : {}),
      ...(filters.role === 'all' ? {} : { role: filters.role }),
      sort: sort ? { field, direction: sort.desc ? 'desc' : 'asc' } : { field: 'name', direction: 'asc' },
    };
  }, [filters, sorting]);
  const queryKey = JSON.stringify(query);
  const fetchPage = useCallback((offset: number, limit: number) => getClient().call('contacts.list', { ...query, offset, limit }), [query]);
  const paged = usePagedRows<ContactListRow>(queryKey, fetchPage, { pageSize: 100 });
  const total = paged.total;

  const columns = useMemo<GridColumn<ContactListRow>[]>(
    () => [
      {
        id: 'name',
        accessorKey: 'name',
        header: t('contacts.columns.name'),
        size: 330,
        cell: (c) => {
          const r = c.row.original;
          return (
            <span className="kontor-auto-dir" dir="auto">
              {r.name}
              {r.organisationName && (
                <Text span size="xs" c="dimmed">
                  {' · '}
                  {r.organisationName}
                </Text>
              )}
            </span>
          );
        },
      },
      {
        id: 'role',
        accessorKey: 'role',
        header: t('contacts.columns.role'),
        size: 110,
        enableSorting: false,
        cell: (c) => (
          <Badge size="xs" variant="light" color={c.row.original.role === 'supplier' ? 'grape' : c.row.original.role === 'both' ? 'teal' : 'blue'}>
            {t(`contacts.role.${c.row.original.role}`)}
          </Badge>
        ),
      },
      {
        id: 'country',
        accessorKey: 'country',
        header: t('contacts.columns.country'),
        size: 130,
        cell: (c) => (c.row.original.country ? countryName(c.row.original.country, language) : '—'),
      },
      { id: 'city', accessorKey: 'city', header: t('contacts.columns.city'), size: 130, enableSorting: false, cell: (c) => <span dir="auto">{c.row.original.city ?? ''}</span> },
      { id: 'email', accessorKey: 'email', header: t('contacts.columns.email'), size: 240, enableSorting: false, cell: (c) => <span dir="ltr">{c.row.original.email ?? ''}</span> },
      { id: 'phone', accessorKey: 'phone', header: t('contacts.columns.phone'), size: 170, enableSorting: false, cell: (c) => <span dir="ltr">{c.row.original.phone ? formatPhone(c.row.original.phone) : ''}</span> },
      { id: 'taxId', accessorKey: 'taxId', header: t('contacts.columns.taxId'), size: 150, enableSorting: false, cell: (c) => <span dir="ltr">{c.row.original.taxId ?? ''}</span> },
      { id: 'tags', accessorFn: (r) => r.tags.join(', '), header: t('contacts.columns.tags'), size: 160, enableSorting: false, cell: (c) => <span dir="auto">{c.row.original.tags.join(', ')}</span> },
    ],
    [t, language],
  );

  const exportAs = async (format: 'xlsx' | 'csv') => {
    setExporting(true);
    try {
      const { sort: _sort, ...filter } = query;
      const file = await getClient().call('contacts.export', { format, filter });
      downloadBase64(file.fileName, file.mimeType, file.dataBase64);
      notify({ kind: 'success', title: t('contacts.export.done', { count: file.rows, file: file.fileName }) });
    } catch (error) {
      notify({ kind: 'error', title: t('contacts.export.failed'), message: describeError(i18n, error) });
    } finally {
      setExporting(false);
    }
  };

  const filtered = filters.search.trim() !== '' || filters.country !== null || filters.tag !== null || filters.role !== 'all';
  const countryData = useMemo(() => facets.countries.map((c) => ({ value: c.country, label: `${countryName(c.country, language)} (${formatInteger(c.count, language)})` })), [facets, language]);

  return (
    <Stack gap="xs" h="calc(100dvh - var(--app-shell-header-height, 48px) - 2 * var(--mantine-spacing-md))" data-testid="contact-list">
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Group gap="sm" wrap="nowrap" align="baseline">
          <Title order={1}>{t('nav.contacts')}</Title>
          <Text size="sm" c="dimmed" data-testid="contact-count" aria-live="polite">
            {total === null ? t('app.loading') : t('contacts.list.count', { count: total, formatted: formatInteger(total, language) })}
          </Text>
        </Group>
        <Group gap="xs" wrap="nowrap">
          <Button variant="subtle" leftSection={<IconCopy size={14} />} onClick={() => navigate('contacts/duplicates')} data-testid="open-duplicates">
            {t('contacts.duplicates.title')}
          </Button>
          <Button variant="subtle" leftSection={<IconFileImport size={14} />} onClick={() => navigate('contacts/import')} data-testid="open-import">
            {t('contacts.import.title')}
          </Button>
          <Menu position="bottom-end">
            <Menu.Target>
              <Button variant="default" leftSection={<IconDownload size={14} />} rightSection={<IconChevronDown size={14} />} loading={exporting} data-testid="export-menu">
                {t('contacts.export.menu')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>{filtered ? t('contacts.export.filtered', { count: total ?? 0 }) : t('contacts.export.all')}</Menu.Label>
              <Menu.Item onClick={() => void exportAs('xlsx')}>{t('contacts.export.xlsx')}</Menu.Item>
              <Menu.Item onClick={() => void exportAs('csv')}>{t('contacts.export.csv')}</Menu.Item>
            </Menu.Dropdown>
          </Menu>
          <Tooltip label={t('contacts.list.newShortcut')}>
            <Button leftSection={<IconPlus size={14} />} onClick={onCreate} aria-keyshortcuts="N Control+N" data-testid="new-contact">
              {t('contacts.list.new')}
            </Button>
          </Tooltip>
        </Group>
      </Group>

      <Group gap="xs" wrap="wrap" align="center">
        <ListSearchInput
          value={searchText}
          onChange={setSearchText}
          label={t('contacts.list.search')}
          clearLabel={t('contacts.list.clearSearch')}
          onArrowDown={() => {
            // Down from the search box lands on the first match, so Enter opens it.
            gridRef.current?.focus();
            if ((total ?? 0) > 0) gridRef.current?.activate(0);
          }}
          width={260}
          testId="contact-search"
        />
        <SegmentedControl
          size="xs"
          value={filters.role}
          onChange={(v) => setFilters((f) => ({ ...f, role: v }))}
          data={[
            { value: 'all', label: t('contacts.list.allRoles') },
            { value: 'buyer', label: t('contacts.list.buyers') },
            { value: 'supplier', label: t('contacts.list.suppliers') },
          ]}
          aria-label={t('contacts.columns.role')}
        />
        <Select data={countryData} value={filters.country} onChange={(v) => setFilters((f) => ({ ...f, country: v }))} placeholder={t('contacts.columns.country')} aria-label={t('contacts.columns.country')} clearable searchable w={200} data-testid="country-filter" />
        <Select data={facets.tags.map((x) => x.tag)} value={filters.tag} onChange={(v) => setFilters((f) => ({ ...f, tag: v }))} placeholder={t('contacts.columns.tags')} aria-label={t('contacts.columns.tags')} clearable searchable w={150} />
        {filtered && (
          <Button
            variant="subtle"
            color="gray"
            leftSection={<IconX size={14} />}
            onClick={() => {
              setSearchText('');
              setFilters({ search: '', country: null, tag: null, role: 'all' });
            }}
          >
            {t('contacts.list.reset')}
          </Button>
        )}
      </Group>

      {paged.error !== null && (
        <RetryAlert message={`${t('contacts.list.loadFailed')} ${describeError(i18n, paged.error)}`} onRetry={paged.reload} />
      )}

      <div style={{ flex: 1, minHeight: 0 }}>
        <DataGrid
          ref={gridRef}
          data={paged.rows}
          columns={columns}
          getRowId={(row) => String(row.id)}
          label={t('contacts.list.gridLabel')}
          height="100%"
          paging={{ rowCount: total ?? 0, indexOf: paged.indexOf, onRangeChange: paged.onRangeChange }}
          sorting={sorting}
          onSortingChange={(s) => setSorting(s.slice(0, 1))}
          resetKey={queryKey}
          onActivate={(row) => navigate(`contacts/${row.id}`)}
          emptyMessage={total === null ? t('app.loading') : filtered ? t('contacts.list.noMatch') : t('contacts.list.empty')}
          data-testid="contact-grid"
        />
      </div>
      <Text size="xs" c="dimmed">
        {t('contacts.list.keysHint')}
      </Text>
    </Stack>
  );
}
