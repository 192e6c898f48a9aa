import { Alert, Badge, Button, Group, Paper, SegmentedControl, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconCalendar, IconInfoCircle } from '@tabler/icons-react';
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Valuation } from '../../../shared/stock/schemas.ts';
import { DataGrid, type GridColumn } from '../components/DataGrid.tsx';
import { formatDate, formatDateTime, formatInteger, formatMoney } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { describeProblem } from '../lib/issues.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { hrefFor } from '../lib/router.ts';
import { useLoad } from '../lib/useLoad.ts';
import { usePagedRows } from '../lib/usePagedRows.ts';
import { formatQty } from './stockFormat.ts';
import { splitByWarehouse, type WarehouseValueRow } from './valuationSplit.ts';
import { RetryAlert } from '../components/RetryAlert.tsx';

type ValuationRow = Valuation['rows'][number];
type Summary = Pick<Valuation, 'at' | 'method' | 'currency' | 'total' | 'totalValueMinor'>;

/** The most product × warehouse rows the by-warehouse view loads at once (the core's page limit). */
const WAREHOUSE_VIEW_LIMIT = 100_000;

/**
 * #/stock/valuation: quantity, value and average cost per product now or at the end of a chosen
 * day, by the company's valuation method (moving average or FIFO); by warehouse, each product's
 * value is split by the quantities each warehouse held (the core values per product).
 */
export function ValuationPanel() {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const [typed, setTyped] = useState('');
  const [at, setAt] = useState('');
  const [view, setView] = useState<'product' | 'warehouse'>('product');
  const [summary, setSummary] = useState<{ key: string; value: Summary } | null>(null);

  const queryKey = JSON.stringify({ at });
  const fetchPage = useCallback(
    async (offset: number, limit: number) => {
      const page = await getClient().call('stock.valuation', { ...(at === '' ? {} : { at }), offset, limit });
      setSummary({ key: queryKey, value: page });
      return { rows: page.rows, total: page.total };
    },
    [at, queryKey],
  );
  const paged = usePagedRows<ValuationRow>(view === 'product' ? queryKey : null, fetchPage, { pageSize: 200 });

  const byWarehouse = useLoad(view === 'warehouse' ? queryKey : null, async () => {
    const client = getClient();
    // "Now" for the quantities is the end of today: onHandAt needs a date.
    const day = at === '' ? new Date().toISOString().slice(0, 10) : at;
    const [values, holdings] = await Promise.all([
      client.call('stock.valuation', { ...(at === '' ? {} : { at }), limit: WAREHOUSE_VIEW_LIMIT }),
      client.call('stock.onHandAt', { at: day, limit: WAREHOUSE_VIEW_LIMIT }),
    ]);
    setSummary({ key: queryKey, value: values });
    return { rows: splitByWarehouse(values.rows, holdings.rows), truncated: values.total > values.rows.length || holdings.total > holdings.rows.length };
  });

  const shown = summary?.key === queryKey ? summary.value : null;
  const currency = shown?.currency ?? null;
  const money = useCallback((minor: number | null) => (minor === null || currency === null ? '—' : formatMoney(minor, currency, language)), [currency, language]);

  const productColumns = useMemo<GridColumn<ValuationRow>[]>(
    () => [
      {
        id: 'sku',
        accessorKey: 'sku',
        header: t('stock.columns.sku'),
        size: 180,
        enableSorting: false,
        cell: (c) => (
          <a href={hrefFor(`stock/movements/${encodeURIComponent(c.row.original.sku)}`)} tabIndex={-1} dir="ltr" style={{ color: 'inherit' }}>
            {c.row.original.sku}
          </a>
        ),
      },
      { id: 'quantity', accessorKey: 'quantityMilli', header: t('stock.columns.quantity'), size: 110, enableSorting: false, meta: { align: 'end' }, cell: (c) => formatQty(c.row.original.quantityMilli, language) },
      { id: 'unit', accessorKey: 'unit', header: t('products.columns.unit'), size: 70, enableSorting: false, cell: (c) => t(`units.${c.row.original.unit}`) },
      { id: 'average', accessorFn: (r) => r.averageCostMinor ?? 0, header: t('stockOps.valuation.averageCost'), size: 130, enableSorting: false, meta: { align: 'end' }, cell: (c) => money(c.row.original.averageCostMinor) },
      { id: 'value', accessorKey: 'valueMinor', header: t('stock.columns.value'), size: 140, enableSorting: false, meta: { align: 'end' }, cell: (c) => money(c.row.original.valueMinor) },
    ],
    [t, language, money],
  );

  const warehouseColumns = useMemo<GridColumn<WarehouseValueRow>[]>(
    () => [
      { id: 'sku', accessorKey: 'sku', header: t('stock.columns.sku'), size: 180, cell: (c) => <span dir="ltr">{c.row.original.sku}</span> },
      { id: 'warehouse', accessorKey: 'warehouseCode', header: t('stock.columns.warehouse'), size: 120 },
      { id: 'quantity', accessorKey: 'quantityMilli', header: t('stock.columns.quantity'), size: 110, meta: { align: 'end' }, cell: (c) => formatQty(c.row.original.quantityMilli, language) },
      { id: 'unit', accessorKey: 'unit', header: t('products.columns.unit'), size: 70, cell: (c) => t(`units.${c.row.original.unit}`) },
      { id: 'value', accessorFn: (r) => r.valueMinor ?? 0, header: t('stockOps.valuation.warehouseValue'), size: 160, meta: { align: 'end' }, cell: (c) => money(c.row.original.valueMinor) },
    ],
    [t, language, money],
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAt(typed);
  };

  const problem = view === 'product' ? paged.error : byWarehouse.error;
  return (
    <Stack gap="xs" h="100%">
      <form onSubmit={submit} aria-label={t('stockOps.valuation.title')}>
        <Group gap="sm" align="flex-end">
          <TextInput
            label={t('stockOps.valuation.at')}
            description={t('stockOps.valuation.atHint')}
            type="date"
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            leftSection={<IconCalendar size={14} />}
            w={220}
            data-testid="valuation-date"
          />
          <Button type="submit" variant="default" data-testid="valuation-show">
            {t('stockOps.valuation.show')}
          </Button>
          {at !== '' && (
            <Button
              variant="subtle"
              onClick={() => {
                setTyped('');
                setAt('');
              }}
            >
              {t('stockOps.valuation.now')}
            </Button>
          )}
          <SegmentedControl
            value={view}
            onChange={(v) => setView(v)}
            data={[
              { value: 'product', label: t('stockOps.valuation.byProduct') },
              { value: 'warehouse', label: t('stockOps.valuation.byWarehouse') },
            ]}
            data-testid="valuation-view"
          />
        </Group>
      </form>
      {shown && (
        <Paper withBorder p="xs" data-testid="valuation-summary">
          <Group gap="lg" wrap="wrap">
            <Group gap={6}>
              <Text size="sm" c="dimmed">
                {t('stockOps.valuation.asOf')}
              </Text>
              <Text size="sm" fw={500} data-testid="valuation-at">
                {shown.at === null ? t('stockOps.valuation.nowLabel') : formatDate(at, language, 'UTC')}
              </Text>
            </Group>
            <Group gap={6}>
              <Text size="sm" c="dimmed">
                {t('stockOps.valuation.method')}
              </Text>
              <Tooltip label={t(`stockOps.methodHints.${shown.method}`)} multiline w={320}>
                <Badge variant="light" tt="none" data-testid="valuation-method">
                  {t(`stockOps.methods.${shown.method}`)}
                </Badge>
              </Tooltip>
            </Group>
            <Group gap={6}>
              <Text size="sm" c="dimmed">
                {t('stockOps.valuation.products')}
              </Text>
              <Text size="sm" fw={500}>
                {formatInteger(shown.total, language)}
              </Text>
            </Group>
            <Group gap={6}>
              <Text size="sm" c="dimmed">
                {t('stockOps.valuation.total')}
              </Text>
              <Text size="sm" fw={700} data-testid="valuation-total">
                {money(shown.totalValueMinor)}
              </Text>
            </Group>
            {shown.at !== null && (
              <Text size="xs" c="dimmed">
                {t('stockOps.valuation.endOfDay', { at: formatDateTime(shown.at, language) })}
              </Text>
            )}
          </Group>
        </Paper>
      )}
      {view === 'warehouse' && (
        <Text size="xs" c="dimmed">
          <IconInfoCircle size={12} style={{ verticalAlign: 'middle' }} /> {t('stockOps.valuation.splitHint')}
        </Text>
      )}
      {problem !== null && problem !== undefined && (
        <RetryAlert message={describeProblem(i18n, problem, t('stockOps.valuation.at'))} onRetry={view === 'product' ? paged.reload : byWarehouse.reload} />
      )}
      {view === 'warehouse' && byWarehouse.data?.truncated && (
        <Alert color="orange" variant="light" p="xs">
          {t('stockOps.valuation.truncated', { limit: formatInteger(WAREHOUSE_VIEW_LIMIT, language) })}
        </Alert>
      )}
      <div style={{ flex: 1, minHeight: 280 }}>
        {view === 'product' ? (
          <DataGrid
            data={paged.rows}
            columns={productColumns}
            getRowId={(r) => String(r.productId)}
            label={t('stockOps.valuation.gridLabel')}
            height="100%"
            paging={{ rowCount: paged.total ?? 0, indexOf: paged.indexOf, onRangeChange: paged.onRangeChange }}
            resetKey={queryKey}
            emptyMessage={paged.total === null ? t('app.loading') : t('stockOps.valuation.empty')}
            data-testid="valuation-grid"
          />
        ) : (
          <DataGrid
            data={byWarehouse.data?.rows ?? []}
            columns={warehouseColumns}
            getRowId={(r) => r.key}
            label={t('stockOps.valuation.gridLabelWarehouse')}
            height="100%"
            resetKey={queryKey}
            emptyMessage={byWarehouse.loading ? t('app.loading') : t('stockOps.valuation.empty')}
            data-testid="valuation-warehouse-grid"
          />
        )}
      </div>
    </Stack>
  );
}
