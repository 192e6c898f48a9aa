import { Anchor, Badge, CloseButton, Group, NativeSelect, Stack, Switch, Text } from '@mantine/core';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Level } from '../../../shared/stock/schemas.ts';
import { DataGrid, type DataGridHandle, type GridColumn } from '../components/DataGrid.tsx';
import { formatInteger, formatMoney } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { describeError } from '../lib/errors.ts';
import { notify } from '../lib/notifications.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { useReference } from '../lib/reference.ts';
import { hrefFor, navigate } from '../lib/router.ts';
import { useBarcodeScanner } from '../lib/useBarcodeScanner.ts';
import { usePagedRows } from '../lib/usePagedRows.ts';
import { formatQty } from './stockFormat.ts';
import { RetryAlert } from '../components/RetryAlert.tsx';

const ALL = '';

/**
 * #/stock/levels: on hand, reserved, available, reorder point and value per product and
 * warehouse, paged from the core. A scan shows the scanned product's rows and selects the first.
 */
export function LevelsPanel() {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const { ref } = useReference('warehouses');
  const [warehouse, setWarehouse] = useState(ALL);
  const [lowOnly, setLowOnly] = useState(false);
  const [scanned, setScanned] = useState<{ sku: string; ids: number[] } | null>(null);
  const [currency, setCurrency] = useState<string | null>(null);
  const gridRef = useRef<DataGridHandle>(null);

  const queryKey = JSON.stringify({ warehouse, lowOnly, ids: scanned?.ids ?? null });
  const fetchPage = useCallback(
    async (offset: number, limit: number) => {
      const page = await getClient().call('stock.levels', {
        ...(warehouse === ALL ? {} : { warehouse }),
        ...(scanned ? { productIds: scanned.ids } : {}),
        lowOnly,
        offset,
        limit,
      });
      setCurrency(page.currency);
      return page;
    },
    [warehouse, lowOnly, scanned],
  );
  const paged = usePagedRows<Level>(queryKey, fetchPage, { pageSize: 200 });

  useBarcodeScanner(({ code }) => {
    const client = getClient();
    client
      .call('products.lookupCode', { code })
      .then(async (found) => {
        if (!found) {
          notify({ kind: 'error', title: t('scanner.notFound', { code }) });
          return;
        }
        // A parent has no stock of its own: its variants do.
        const ids = found.kind === 'parent' ? (await client.call('products.get', { id: found.id })).variants.map((v) => v.id) : [found.id];
        setScanned({ sku: found.sku, ids: ids.slice(0, 1000) });
        setTimeout(() => {
          gridRef.current?.activate(0);
          gridRef.current?.focus();
        }, 300);
      })
      .catch((error: unknown) => notify({ kind: 'error', title: t('scanner.failed'), message: describeError(i18n, error) }));
  });

  const columns = useMemo<GridColumn<Level>[]>(
    () => [
      {
        id: 'sku',
        accessorKey: 'sku',
        header: t('stock.columns.sku'),
        size: 200,
        enableSorting: false,
        cell: (c) => (
          <Anchor href={hrefFor(`products/${c.row.original.productId}`)} size="sm" tabIndex={-1} dir="ltr" c="inherit">
            {c.row.original.sku}
          </Anchor>
        ),
      },
      { id: 'warehouse', accessorKey: 'warehouseCode', header: t('stock.columns.warehouse'), size: 110, enableSorting: false },
      { id: 'onHand', accessorKey: 'onHandMilli', header: t('stock.columns.onHand'), size: 100, enableSorting: false, meta: { align: 'end' }, cell: (c) => formatQty(c.row.original.onHandMilli, language) },
      { id: 'reserved', accessorKey: 'reservedMilli', header: t('stock.columns.reserved'), size: 100, enableSorting: false, meta: { align: 'end' }, cell: (c) => formatQty(c.row.original.reservedMilli, language) },
      {
        id: 'available',
        accessorKey: 'availableMilli',
        header: t('stock.columns.available'),
        size: 110,
        enableSorting: false,
        meta: { align: 'end' },
        cell: (c) => formatQty(c.row.original.availableMilli, language),
      },
      {
        id: 'reorderPoint',
        accessorFn: (l) => l.reorderPointMilli ?? -1,
        header: t('stock.columns.reorderPoint'),
        size: 110,
        enableSorting: false,
        meta: { align: 'end' },
        cell: (c) => (c.row.original.reorderPointMilli === null ? '—' : formatQty(c.row.original.reorderPointMilli, language)),
      },
      {
        id: 'reorderQuantity',
        accessorFn: (l) => l.reorderQuantityMilli ?? -1,
        header: t('stock.columns.reorderQuantity'),
        size: 110,
        enableSorting: false,
        meta: { align: 'end' },
        cell: (c) => (c.row.original.reorderQuantityMilli === null ? '—' : formatQty(c.row.original.reorderQuantityMilli, language)),
      },
      {
        id: 'value',
        accessorKey: 'valueMinor',
        header: t('stock.columns.value'),
        size: 130,
        enableSorting: false,
        meta: { align: 'end' },
        cell: (c) => (currency ? formatMoney(c.row.original.valueMinor, currency, language) : '—'),
      },
      {
        id: 'low',
        accessorFn: (l) => (l.low ? 1 : 0),
        header: t('stock.columns.state'),
        size: 90,
        enableSorting: false,
        cell: (c) =>
          c.row.original.low ? (
            <Badge size="sm" color="red" variant="light">
              {t('stock.levels.low')}
            </Badge>
          ) : null,
      },
    ],
    [t, language, currency],
  );

  const warehouses = ref.warehouses ?? [];
  return (
    <Stack gap="xs" h="100%">
      <Group gap="sm" align="center">
        <NativeSelect
          aria-label={t('stock.fields.warehouse')}
          value={warehouse}
          onChange={(e) => setWarehouse(e.currentTarget.value)}
          data={[{ value: ALL, label: t('stock.allWarehouses') }, ...warehouses.map((w) => ({ value: w.code, label: `${w.code} – ${w.name}` }))]}
          w={220}
          data-testid="levels-warehouse"
        />
        <Switch label={t('stock.levels.lowOnly')} checked={lowOnly} onChange={(e) => setLowOnly(e.currentTarget.checked)} data-testid="levels-low" />
        {scanned && (
          <Badge
            size="lg"
            variant="light"
            style={{ textTransform: 'none' }}
            rightSection={<CloseButton size="xs" aria-label={t('stock.levels.clearScan')} onClick={() => setScanned(null)} />}
            data-testid="levels-scanned"
          >
            {t('stock.levels.scanned', { sku: scanned.sku })}
          </Badge>
        )}
        <Text size="sm" c="dimmed" data-testid="levels-count">
          {paged.total === null ? t('app.loading') : t('stock.levels.count', { count: paged.total, formatted: formatInteger(paged.total, language) })}
        </Text>
      </Group>
      {paged.error !== null && (
        <RetryAlert message={`${t('stock.levels.loadFailed')} ${describeError(i18n, paged.error)}`} onRetry={paged.reload} />
      )}
      <div style={{ flex: 1, minHeight: 0 }}>
        <DataGrid
          ref={gridRef}
          data={paged.rows}
          columns={columns}
          getRowId={(l) => `${l.productId}-${l.warehouseId}`}
          label={t('stock.levels.title')}
          height="100%"
          paging={{ rowCount: paged.total ?? 0, indexOf: paged.indexOf, onRangeChange: paged.onRangeChange }}
          resetKey={queryKey}
          onActivate={(l) => navigate(`stock/movements/${encodeURIComponent(l.sku)}`)}
          emptyMessage={paged.total === null ? t('app.loading') : t('stock.levels.empty')}
          data-testid="levels-grid"
        />
      </div>
      <Text size="xs" c="dimmed">
        {t('stock.levels.keysHint')}
      </Text>
      <Text size="xs" c="dimmed" data-testid="reserved-note">
        {t('stockOps.reservedNote')}
      </Text>
    </Stack>
  );
}
