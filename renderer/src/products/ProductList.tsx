import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Chip,
  Group,
  Menu,
  NativeSelect,
  Select,
  Stack,
  Switch,
  Text,
  Title,
  Tooltip,
  TreeSelect,
} from '@mantine/core';
import { IconAdjustmentsHorizontal, IconChevronDown, IconColumns, IconPlus, IconX } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRODUCT_STATUSES, type ProductStatus } from '../../../shared/catalog/product.ts';
import type { FieldIssue } from '../../../shared/errors.ts';
import { formatAmount, parseAmount } from '../../../shared/money.ts';
import { formatQuantity } from '../../../shared/quantity.ts';
import { CURRENCY_CODES, minorUnitsOf } from '../../../shared/reference/currencies.ts';
import { DataGrid, type DataGridHandle, type DataGridSelection, type GridColumn } from '../components/DataGrid.tsx';
import { InlineEdit } from '../components/InlineEdit.tsx';
import { formatDateTime, formatInteger, formatMoney, formatNumber } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { useCompany } from '../lib/company.tsx';
import { callErrorOf, describeError } from '../lib/errors.ts';
import { describeProblem, issuesOf } from '../lib/issues.ts';
import { notify } from '../lib/notifications.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { useReference } from '../lib/reference.ts';
import { hrefFor, navigate } from '../lib/router.ts';
import { BARCODE_INPUT_ATTRIBUTE, useBarcodeScanner } from '../lib/useBarcodeScanner.ts';
import { usePagedRows } from '../lib/usePagedRows.ts';
import { BulkDialog, type BulkKind } from './BulkDialog.tsx';
import { categoryPath, categoryTree } from './categoryTree.ts';
import {
  ALWAYS_SHOWN,
  listQuery,
  parseHiddenColumns,
  parseListSettings,
  PRODUCT_COLUMNS,
  rangeBetween,
  SORT_FIELD_OF,
  type ListFilters,
  type ListSorting,
  type ProductColumn,
  type ProductRow,
} from './listQuery.ts';
import { ProductThumbnail } from './ProductThumbnail.tsx';
import { ReorderEdit } from './ReorderEdit.tsx';
import { STATUS_COLORS } from './status.ts';
import { RetryAlert } from '../components/RetryAlert.tsx';
import { ListSearchInput } from '../components/ListSearchInput.tsx';

const PAGE_SIZE = 100;
const COLUMNS_KEY = 'kontor.products.hiddenColumns';
const SETTINGS_KEY = 'kontor.products.listSettings';
/** The largest page products.list answers: what "select all" and Shift ranges fetch ids with. */
const ID_CHUNK = 500;

/** The list as it was left, so coming back from a product finds the same filters and row. */
let remembered: { filters: ListFilters; sorting: ListSorting[]; active: number } | null = null;

function quantityText(milli: number, language: ReturnType<typeof useLanguage>): string {
  return formatNumber(formatQuantity(milli) as `${number}`, language, { maximumFractionDigits: 3 });
}

/** #/products: the catalogue as a virtualised grid, paged from the core as it scrolls. */
export function ProductList({ onCreate }: { onCreate: () => void }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const { profile } = useCompany();
  const { ref, error: refError, retry } = useReference('languages', 'categories', 'priceLists', 'warehouses');
  const catalogLanguages = ref.languages;
  const categories = useMemo(() => ref.categories ?? [], [ref.categories]);
  const warehouses = useMemo(() => (ref.warehouses ?? []).filter((w) => w.active), [ref.warehouses]);
  const nameLanguages = useMemo(() => [language, ...(catalogLanguages ?? [])], [language, catalogLanguages]);

  const [filters, setFilters] = useState<ListFilters>(
    () =>
      remembered?.filters ?? {
        search: '',
        status: [],
        category: null,
        tag: null,
        showVariants: false,
        warehouse: 'MAIN',
        priceList: 'RETAIL',
        currency: profile?.baseCurrency ?? 'EUR',
        // A Moroccan house keeps its books in MAD and may price in EUR: the last choice is kept.
        ...parseListSettings(localStorage.getItem(SETTINGS_KEY)),
      },
  );
  const [searchText, setSearchText] = useState(filters.search);
  const [sorting, setSorting] = useState<ListSorting[]>(() => remembered?.sorting ?? []);
  const [hidden, setHidden] = useState<ProductColumn[]>(() => parseHiddenColumns(localStorage.getItem(COLUMNS_KEY)));
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [anchor, setAnchor] = useState<number | null>(null);
  const [selecting, setSelecting] = useState(false);
  const [editing, setEditing] = useState<{ id: number; field: 'price' | 'reorder' } | null>(null);
  const [bulk, setBulk] = useState<BulkKind | null>(null);
  const [tags, setTags] = useState<string[]>([]);
  const gridRef = useRef<DataGridHandle>(null);
  const activeRef = useRef(remembered?.active ?? -1);

  // The search asks the core once typing pauses.
  useEffect(() => {
    const timer = setTimeout(() => setFilters((f) => (f.search === searchText ? f : { ...f, search: searchText })), 250);
    return () => clearTimeout(timer);
  }, [searchText]);

  useEffect(() => {
    remembered = { filters, sorting, active: activeRef.current };
  }, [filters, sorting]);

  useEffect(() => {
    localStorage.setItem(COLUMNS_KEY, JSON.stringify(hidden));
  }, [hidden]);

  useEffect(() => {
    localStorage.setItem(SETTINGS_KEY, JSON.stringify({ priceList: filters.priceList, currency: filters.currency, warehouse: filters.warehouse }));
  }, [filters.priceList, filters.currency, filters.warehouse]);

  useEffect(() => {
    getClient()
      .call('catalog.tags.list', { limit: 200 })
      .then((list) => setTags(list.map((x) => x.tag)))
      .catch((error: unknown) => notify({ kind: 'error', title: t('products.tagsFailed'), message: describeError(i18n, error) }));
  }, [t, i18n]);

  // Titles in the interface language when the catalog is written in it; else the catalog's first.
  const titleLanguage = catalogLanguages?.includes(language) ? language : undefined;
  const query = useMemo(() => listQuery(filters, sorting, titleLanguage), [filters, sorting, titleLanguage]);
  // The reorder points need a warehouse that exists (MAIN may have been renamed): the chosen one,
  // else the first active one. The first page waits for the reference lists, so it is asked once.
  const warehouse = warehouses.some((w) => w.code === filters.warehouse) ? filters.warehouse : (warehouses[0]?.code ?? '');
  const ready = catalogLanguages !== undefined && ref.warehouses !== undefined;
  const queryKey = ready ? JSON.stringify(query) + warehouse + (hidden.includes('thumbnail') ? '' : ':thumbs') : null;

  const fetchPage = useCallback(
    async (offset: number, limit: number) => {
      const page = await getClient().call('products.list', { ...query, offset, limit });
      // The reorder points of this page in the chosen warehouse (parents have none: their variants do).
      const ids = page.rows.filter((r) => r.kind !== 'parent').map((r) => r.id);
      const levels =
        ids.length === 0 || warehouse === ''
          ? { rows: [] }
          : await getClient().call('stock.levels', { warehouse, productIds: ids, limit: 1000 });
      const byProduct = new Map(levels.rows.map((l) => [l.productId, l]));
      // The main image of each row, for the thumbnail column (the images themselves load as rows show).
      const thumbnails = hidden.includes('thumbnail') || page.rows.length === 0 ? [] : await getClient().call('products.thumbnails', { ids: page.rows.map((r) => r.id) });
      const imageOf = new Map(thumbnails.map((x) => [x.productId, x.imageId]));
      return {
        total: page.total,
        rows: page.rows.map((r): ProductRow => ({ ...r, level: byProduct.get(r.id) ?? null, thumbnailId: imageOf.get(r.id) ?? null })),
      };
    },
    [query, warehouse, hidden],
  );
  const paged = usePagedRows<ProductRow>(queryKey, fetchPage, { pageSize: PAGE_SIZE });
  const total = paged.total;

  /** Ids of rows [from, to] of the current query: held ones from the cache, the rest asked for. */
  const idsBetween = useCallback(
    async (from: number, to: number): Promise<number[]> => {
      const ids: number[] = [];
      let missingFrom: number | null = null;
      const flush = async (end: number) => {
        if (missingFrom === null) return;
        for (let offset = missingFrom; offset < end; offset += ID_CHUNK) {
          const page = await getClient().call('products.list', { ...query, offset, limit: Math.min(ID_CHUNK, end - offset) });
          ids.push(...page.rows.map((r) => r.id));
        }
        missingFrom = null;
      };
      for (let i = from; i <= to; i++) {
        const row = paged.rowAt(i);
        if (row) {
          await flush(i);
          ids.push(row.id);
        } else if (missingFrom === null) {
          missingFrom = i;
        }
      }
      await flush(to + 1);
      return ids;
    },
    [paged, query],
  );

  const selectRange = useCallback(
    async (from: number, to: number) => {
      setSelecting(true);
      try {
        const ids = await idsBetween(from, to);
        setSelected((prev) => new Set([...prev, ...ids]));
      } catch (error) {
        notify({ kind: 'error', title: t('products.selectFailed'), message: describeError(i18n, error) });
      } finally {
        setSelecting(false);
      }
    },
    [idsBetween, t, i18n],
  );

  const selection = useMemo<DataGridSelection<ProductRow>>(
    () => ({
      isSelected: (row) => selected.has(row.id),
      onSelect: (row, index, { range }) => {
        if (range) {
          const { from, to } = rangeBetween(anchor, index);
          void selectRange(from, to);
        } else {
          setSelected((prev) => {
            const next = new Set(prev);
            if (next.has(row.id)) next.delete(row.id);
            else next.add(row.id);
            return next;
          });
        }
        setAnchor(index);
      },
      allState: selected.size === 0 ? 'none' : total !== null && selected.size >= total ? 'all' : 'some',
      onToggleAll: () => {
        if (selected.size > 0) {
          setSelected(new Set());
          setAnchor(null);
        } else if (total !== null && total > 0) {
          void selectRange(0, total - 1);
        }
      },
      labelOf: (row) => t('products.selectRow', { sku: row.sku }),
      selectAllLabel: t('products.selectAll'),
    }),
    [selected, anchor, total, selectRange, t],
  );

  // The selection belongs to a query: a new filter starts without one.
  const [selectionKey, setSelectionKey] = useState(queryKey);
  if (queryKey !== null && selectionKey !== queryKey) {
    setSelectionKey(queryKey);
    setSelected(new Set());
    setAnchor(null);
    setEditing(null);
  }

  const savePrice = useCallback(
    async (row: ProductRow, text: string): Promise<string | null> => {
      const label = t('products.columns.price');
      let amountMinor: number | null = null;
      if (text.trim() !== '') {
        const parsed = parseAmount(text, filters.currency);
        if (!parsed.ok || parsed.amountMinor < 0) {
          return t(parsed.ok ? 'products.issues.negative' : parsed.reason === 'decimals' ? 'products.issues.amountDecimals' : 'products.issues.amount', {
            field: label,
            currency: filters.currency,
            decimals: minorUnitsOf(filters.currency) ?? 2,
          });
        }
        amountMinor = parsed.amountMinor;
      }
      try {
        const saved = await getClient().call('products.updateListFields', {
          id: row.id,
          revision: row.revision,
          price: { priceList: filters.priceList, currency: filters.currency, amountMinor },
        });
        paged.update(
          (r) => r.id === row.id,
          (r) => ({ ...r, revision: saved.revision, updatedAt: saved.updatedAt, price: saved.price }),
        );
        return null;
      } catch (error) {
        if (callErrorOf(error)?.code === 'CONFLICT') {
          // Someone else changed the product: show what is stored now, and say so.
          const index = paged.findIndex((r) => r.id === row.id);
          notify({ kind: 'info', title: t('products.conflictReloaded', { sku: row.sku }), message: t('products.conflictHint') });
          setEditing(null);
          if (index >= 0) {
            await paged.reloadIndex(index).catch((reason: unknown) =>
              notify({ kind: 'error', title: t('products.loadFailed'), message: describeError(i18n, reason) }),
            );
          }
          return null;
        }
        return describeProblem(i18n, error, label);
      }
    },
    [filters.currency, filters.priceList, paged, t, i18n],
  );

  const saveReorder = useCallback(
    async (row: ProductRow, point: string, quantity: string): Promise<FieldIssue[]> => {
      try {
        const level = await getClient().call('stock.setReorderRule', {
          productId: row.id,
          warehouse,
          reorderPoint: point.trim() === '' ? null : point,
          ...(point.trim() === '' ? {} : { reorderQuantity: quantity }),
        });
        paged.update(
          (r) => r.id === row.id,
          (r) => ({ ...r, level }),
        );
        return [];
      } catch (error) {
        const issues = issuesOf(error);
        return issues.length > 0 ? issues : [{ path: '', key: 'errors.withDetail', message: describeError(i18n, error), params: { message: t('products.reorder.failed'), detail: describeError(i18n, error) } }];
      }
    },
    [warehouse, paged, t, i18n],
  );

  const columns = useMemo<GridColumn<ProductRow>[]>(() => {
    const all: Record<ProductColumn, GridColumn<ProductRow>> = {
      thumbnail: {
        id: 'thumbnail',
        accessorFn: (r) => r.thumbnailId ?? 0,
        header: '',
        // Narrow: the row's 30 px; the columns beside gave up the room so the grid still fits 1280 px.
        size: 36,
        enableSorting: false,
        cell: (c) => <ProductThumbnail imageId={c.row.original.thumbnailId} sku={c.row.original.sku} />,
      },
      sku: {
        id: 'sku',
        accessorKey: 'sku',
        header: t('products.columns.sku'),
        size: 130,
        cell: (c) => (
          <span>
            <Anchor href={hrefFor(`products/${c.row.original.id}`)} tabIndex={-1} c="inherit" underline="hover" size="sm" dir="ltr">
              {c.row.original.sku}
            </Anchor>
            {c.row.original.kind === 'parent' && (
              <Badge size="xs" variant="light" color="grape" ms={6} title={t('products.variantCount', { count: c.row.original.variantCount })}>
                {c.row.original.variantCount}
              </Badge>
            )}
          </span>
        ),
      },
      title: {
        id: 'title',
        accessorFn: (r) => r.title ?? '',
        header: t('products.columns.title'),
        size: 200,
        cell: (c) => {
          const r = c.row.original;
          return (
            <span dir="auto">
              {r.title ?? <Text span c="dimmed">{t('products.untitled')}</Text>}
              {r.optionLabel && (
                <Text span c="dimmed">
                  {' · '}
                  <bdi>{r.optionLabel}</bdi>
                </Text>
              )}
            </span>
          );
        },
      },
      status: {
        id: 'status',
        accessorKey: 'status',
        header: t('products.columns.status'),
        size: 90,
        cell: (c) => (
          <Badge size="sm" variant="light" color={STATUS_COLORS[c.row.original.status]}>
            {t(`products.status.${c.row.original.status}`)}
          </Badge>
        ),
      },
      category: {
        id: 'category',
        accessorFn: (r) => categoryPath(r.categoryId, categories, nameLanguages),
        header: t('products.columns.category'),
        size: 112,
        enableSorting: false,
      },
      gtin: {
        id: 'gtin',
        accessorFn: (r) => r.gtin ?? '',
        header: t('products.columns.gtin'),
        size: 112,
        enableSorting: false,
        cell: (c) => <span dir="ltr">{c.row.original.gtin ?? ''}</span>,
      },
      unit: {
        id: 'unit',
        accessorKey: 'unit',
        header: t('products.columns.unit'),
        size: 70,
        enableSorting: false,
        cell: (c) => t(`units.${c.row.original.unit}`),
      },
      price: {
        id: 'price',
        accessorFn: (r) => r.price?.amountMinor ?? -1,
        header: t('products.columns.priceIn', { currency: filters.currency }),
        size: 110,
        meta: { align: 'end' },
        cell: (c) => {
          const r = c.row.original;
          return (
            <InlineEdit
              display={r.price ? formatMoney(r.price.amountMinor, r.price.currency, language) : '—'}
              initial={r.price ? formatAmount(r.price.amountMinor, r.price.currency) : ''}
              editing={editing?.id === r.id && editing.field === 'price'}
              onStart={() => setEditing({ id: r.id, field: 'price' })}
              onDone={() => {
                setEditing(null);
                gridRef.current?.focus();
              }}
              onCommit={(text) => savePrice(r, text)}
              label={t('products.editPrice', { sku: r.sku })}
              testId={`price-${r.sku}`}
            />
          );
        },
      },
      onHand: {
        id: 'onHand',
        accessorKey: 'onHandMilli',
        header: t('products.columns.onHand'),
        size: 85,
        meta: { align: 'end' },
        cell: (c) => quantityText(c.row.original.onHandMilli, language),
      },
      reorderPoint: {
        id: 'reorderPoint',
        accessorFn: (r) => r.level?.reorderPointMilli ?? -1,
        header: t('products.columns.reorderIn', { warehouse }),
        size: 115,
        enableSorting: false,
        meta: { align: 'end' },
        cell: (c) => {
          const r = c.row.original;
          if (r.kind === 'parent') return <Text span c="dimmed" size="xs">{t('products.reorder.onVariants')}</Text>;
          const point = r.level?.reorderPointMilli ?? null;
          const reorderQuantity = r.level?.reorderQuantityMilli ?? null;
          return (
            <ReorderEdit
              display={point === null ? '—' : quantityText(point, language)}
              point={point === null ? '' : formatQuantity(point)}
              quantity={reorderQuantity === null ? '' : formatQuantity(reorderQuantity)}
              editing={editing?.id === r.id && editing.field === 'reorder'}
              onStart={() => setEditing({ id: r.id, field: 'reorder' })}
              onDone={() => {
                setEditing(null);
                gridRef.current?.focus();
              }}
              onSave={(p, q) => saveReorder(r, p, q)}
              label={t('products.editReorder', { sku: r.sku, warehouse })}
              testId={`reorder-${r.sku}`}
            />
          );
        },
      },
      updated: {
        id: 'updated',
        accessorKey: 'updatedAt',
        header: t('products.columns.updated'),
        size: 130,
        cell: (c) => formatDateTime(c.row.original.updatedAt, language),
      },
    };
    return PRODUCT_COLUMNS.filter((c) => !hidden.includes(c)).map((c) => ({
      ...all[c],
      enableSorting: SORT_FIELD_OF[c] !== undefined,
    }));
  }, [t, language, categories, nameLanguages, hidden, editing, filters.currency, warehouse, savePrice, saveReorder]);

  const open = useCallback((row: ProductRow) => navigate(`products/${row.id}`), []);

  // A scanner anywhere on the list (or in its search box) opens the product it reads.
  useBarcodeScanner(({ code }) => {
    getClient()
      .call('products.lookupCode', { code })
      .then((found) => {
        if (found) navigate(`products/${found.id}`);
        else notify({ kind: 'error', title: t('scanner.notFound', { code }) });
      })
      .catch((error: unknown) => notify({ kind: 'error', title: t('scanner.failed'), message: describeError(i18n, error) }));
  });

  // Back from a product: the row it was opened from is the active one again.
  const restored = useRef(false);
  useEffect(() => {
    if (restored.current || total === null) return;
    restored.current = true;
    if (activeRef.current >= 0 && activeRef.current < total) gridRef.current?.activate(activeRef.current);
  }, [total]);

  const setFilter = <K extends keyof ListFilters>(key: K, value: ListFilters[K]) => setFilters((f) => ({ ...f, [key]: value }));

  const treeData = useMemo(
    () => [{ value: 'none', label: t('products.filters.uncategorised') }, ...categoryTree(categories, nameLanguages)],
    [categories, nameLanguages, t],
  );
  const filtered =
    filters.search.trim() !== '' || filters.status.length > 0 || filters.category !== null || filters.tag !== null;

  const columnLabels: Record<ProductColumn, string> = {
    thumbnail: t('catalogSettings.thumbnails.column'),
    sku: t('products.columns.sku'),
    title: t('products.columns.title'),
    status: t('products.columns.status'),
    category: t('products.columns.category'),
    gtin: t('products.columns.gtin'),
    unit: t('products.columns.unit'),
    price: t('products.columns.price'),
    onHand: t('products.columns.onHand'),
    reorderPoint: t('products.columns.reorderPoint'),
    updated: t('products.columns.updated'),
  };

  return (
    <Stack gap="xs" h="calc(100dvh - var(--app-shell-header-height, 48px) - 2 * var(--mantine-spacing-md))" data-testid="product-list">
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Group gap="sm" wrap="nowrap" align="baseline">
          <Title order={1}>{t('nav.products')}</Title>
          <Text size="sm" c="dimmed" data-testid="product-count" aria-live="polite">
            {total === null ? t('app.loading') : t('products.count', { count: total, formatted: formatInteger(total, language) })}
            {selected.size > 0 && ` · ${t('products.selectedCount', { count: selected.size, formatted: formatInteger(selected.size, language) })}`}
          </Text>
        </Group>
        <Group gap="xs" wrap="nowrap">
          <Menu position="bottom-end" closeOnItemClick={false}>
            <Menu.Target>
              <Button variant="subtle" leftSection={<IconAdjustmentsHorizontal size={14} />} title={t('products.filters.more')}>
                <span dir="ltr">
                  {filters.priceList} · {filters.currency} · {warehouse}
                </span>
              </Button>
            </Menu.Target>
            <Menu.Dropdown p="xs">
              <Stack gap="xs" w={240}>
                <NativeSelect
                  label={t('products.filters.priceList')}
                  value={filters.priceList}
                  onChange={(e) => setFilter('priceList', e.currentTarget.value)}
                  data={(ref.priceLists ?? [{ code: 'RETAIL', name: 'Retail' }]).map((p) => ({ value: p.code, label: `${p.code} – ${p.name}` }))}
                />
                <Select
                  label={t('products.filters.currency')}
                  value={filters.currency}
                  onChange={(v) => v && setFilter('currency', v)}
                  data={[...CURRENCY_CODES]}
                  searchable
                  allowDeselect={false}
                  comboboxProps={{ withinPortal: false }}
                />
                <NativeSelect
                  label={t('products.filters.warehouse')}
                  description={t('products.filters.warehouseHint')}
                  value={warehouse}
                  onChange={(e) => setFilter('warehouse', e.currentTarget.value)}
                  data={warehouses.map((w) => ({ value: w.code, label: `${w.code} – ${w.name}` }))}
                />
              </Stack>
            </Menu.Dropdown>
          </Menu>
          <Menu position="bottom-end" closeOnItemClick={false}>
            <Menu.Target>
              <Button variant="subtle" leftSection={<IconColumns size={14} />} data-testid="column-chooser">
                {t('products.columnsMenu')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown p="xs">
              <Stack gap={6}>
                {PRODUCT_COLUMNS.map((c) => (
                  <Checkbox
                    key={c}
                    label={columnLabels[c]}
                    checked={!hidden.includes(c)}
                    disabled={ALWAYS_SHOWN.includes(c)}
                    onChange={(e) => {
                      const shown = e.currentTarget.checked;
                      setHidden((h) => (shown ? h.filter((x) => x !== c) : [...h, c]));
                    }}
                  />
                ))}
              </Stack>
            </Menu.Dropdown>
          </Menu>
          <Menu position="bottom-end">
            <Menu.Target>
              <Button variant="default" rightSection={<IconChevronDown size={14} />} disabled={selected.size === 0 || selecting} loading={selecting} data-testid="bulk-menu">
                {t('products.bulk.menu', { count: selected.size })}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => setBulk('category')}>{t('products.bulk.category')}</Menu.Item>
              <Menu.Item onClick={() => setBulk('status')}>{t('products.bulk.status')}</Menu.Item>
              <Menu.Item onClick={() => setBulk('price')}>{t('products.bulk.price')}</Menu.Item>
              <Menu.Divider />
              <Menu.Item onClick={() => setSelected(new Set())}>{t('products.bulk.clear')}</Menu.Item>
            </Menu.Dropdown>
          </Menu>
          <Tooltip label={t('products.newShortcut')}>
            <Button leftSection={<IconPlus size={14} />} onClick={onCreate} aria-keyshortcuts="N Control+N" data-testid="new-product">
              {t('products.new')}
            </Button>
          </Tooltip>
        </Group>
      </Group>

      <Group gap="xs" wrap="wrap" align="center">
        <ListSearchInput
          value={searchText}
          onChange={setSearchText}
          label={t('products.filters.search')}
          clearLabel={t('products.filters.clearSearch')}
          onArrowDown={() => gridRef.current?.focus()}
          width={220}
          testId="product-search"
          barcodeAttribute={BARCODE_INPUT_ATTRIBUTE}
        />
        <Chip.Group multiple value={filters.status} onChange={(v) => setFilter('status', v.filter((s): s is ProductStatus => (PRODUCT_STATUSES as readonly string[]).includes(s)))}>
          <Group gap={4} role="group" aria-label={t('products.filters.status')}>
            {PRODUCT_STATUSES.map((s) => (
              <Chip key={s} value={s} size="xs" variant="outline">
                {t(`products.status.${s}`)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        <TreeSelect
          data={treeData}
          value={filters.category}
          onChange={(v) => setFilter('category', v)}
          placeholder={t('products.filters.category')}
          aria-label={t('products.filters.category')}
          clearable
          searchable
          defaultExpandAll
          nothingFoundMessage={t('company.nothingFound')}
          w={170}
          data-testid="category-filter"
        />
        <Select
          data={tags}
          value={filters.tag}
          onChange={(v) => setFilter('tag', v)}
          placeholder={t('products.filters.tag')}
          aria-label={t('products.filters.tag')}
          clearable
          searchable
          nothingFoundMessage={t('company.nothingFound')}
          w={130}
        />
        <Switch
          size="xs"
          label={t('products.filters.showVariants')}
          checked={filters.showVariants}
          onChange={(e) => setFilter('showVariants', e.currentTarget.checked)}
        />
        {filtered && (
          <Button
            variant="subtle"
            color="gray"
            leftSection={<IconX size={14} />}
            onClick={() => {
              setSearchText('');
              setFilters((f) => ({ ...f, search: '', status: [], category: null, tag: null }));
            }}
          >
            {t('products.filters.reset')}
          </Button>
        )}
      </Group>

      {(paged.error !== null || refError !== undefined) && (
        <RetryAlert
          message={`${t('products.loadFailed')} ${describeError(i18n, paged.error ?? refError)}`}
          onRetry={() => {
            paged.reload();
            retry();
          }}
        />
      )}

      <div style={{ flex: 1, minHeight: 0 }}>
        <DataGrid
          ref={gridRef}
          data={paged.rows}
          columns={columns}
          getRowId={(row) => String(row.id)}
          label={t('products.gridLabel')}
          height="100%"
          paging={{ rowCount: total ?? 0, indexOf: paged.indexOf, onRangeChange: paged.onRangeChange }}
          sorting={sorting}
          onSortingChange={(s) => setSorting(s.slice(0, 1))}
          selection={selection}
          resetKey={queryKey ?? undefined}
          onActivate={open}
          onActiveRowChange={(row) => {
            if (row) activeRef.current = paged.findIndex((r) => r.id === row.id);
            if (remembered) remembered.active = activeRef.current;
          }}
          onGridKeyDown={(event, active) => {
            if (event.key === 'F2' && active.row) {
              event.preventDefault();
              const field = event.shiftKey ? 'reorder' : 'price';
              if (field === 'reorder' && active.row.kind === 'parent') return;
              if (field === 'reorder' ? !hidden.includes('reorderPoint') : !hidden.includes('price')) setEditing({ id: active.row.id, field });
            }
          }}
          emptyMessage={total === null ? t('app.loading') : filtered ? t('products.noMatch') : t('products.empty')}
          data-testid="product-grid"
        />
      </div>
      <Text size="xs" c="dimmed">
        {t('products.keysHint')}
      </Text>

      {bulk !== null && (
        <BulkDialog
          kind={bulk}
          ids={[...selected]}
          categories={categories}
          nameLanguages={nameLanguages}
          priceLists={ref.priceLists ?? []}
          onClose={() => setBulk(null)}
          onDone={() => {
            setBulk(null);
            paged.reload();
          }}
        />
      )}
    </Stack>
  );
}
