import { Anchor, Badge, Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Movement } from '../../../shared/stock/schemas.ts';
import { DataGrid, type GridColumn } from '../components/DataGrid.tsx';
import { formatDateTime, formatInteger, formatMoney } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { describeError } from '../lib/errors.ts';
import { describeProblem } from '../lib/issues.ts';
import { notify } from '../lib/notifications.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { useReference } from '../lib/reference.ts';
import { hrefFor, navigate } from '../lib/router.ts';
import { useBarcodeScanner } from '../lib/useBarcodeScanner.ts';
import { usePagedRows } from '../lib/usePagedRows.ts';
import { SkuInput } from './SkuInput.tsx';
import { correctionBlock, correctionRoute } from './movementChoices.ts';
import { formatSignedQty } from './stockFormat.ts';
import { RetryAlert } from '../components/RetryAlert.tsx';

const ALL = '';
const KIND_COLORS: Record<Movement['kind'], string> = {
  receipt: 'teal',
  shipment: 'blue',
  adjustment: 'orange',
  transfer_out: 'grape',
  transfer_in: 'grape',
  return: 'cyan',
};

/** #/stock/movements/<sku>: one product's movement history, newest first, paged from the core. */
export function MovementsPanel({ sku }: { sku: string }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const { ref } = useReference('warehouses');
  const [typed, setTyped] = useState(sku);
  const [seenSku, setSeenSku] = useState(sku);
  if (seenSku !== sku) {
    setSeenSku(sku);
    setTyped(sku);
  }
  const [warehouse, setWarehouse] = useState(ALL);
  const [currency, setCurrency] = useState<string | null>(null);

  const queryKey = JSON.stringify({ sku, warehouse });
  const fetchPage = useCallback(
    async (offset: number, limit: number) => {
      if (sku === '') return { rows: [], total: 0 };
      const page = await getClient().call('stock.movements', { sku, ...(warehouse === ALL ? {} : { warehouse }), offset, limit });
      setCurrency(page.currency);
      return page;
    },
    [sku, warehouse],
  );
  const paged = usePagedRows<Movement>(queryKey, fetchPage, { pageSize: 200 });

  const show = (next: string) => navigate(`stock/movements/${encodeURIComponent(next.trim())}`);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (typed.trim() !== '') show(typed);
  };

  useBarcodeScanner(({ code }) => {
    getClient()
      .call('products.lookupCode', { code })
      .then((found) => {
        if (found) show(found.sku);
        else notify({ kind: 'error', title: t('scanner.notFound', { code }) });
      })
      .catch((error: unknown) => notify({ kind: 'error', title: t('scanner.failed'), message: describeError(i18n, error) }));
  });

  const columns = useMemo<GridColumn<Movement>[]>(
    () => [
      { id: 'date', accessorKey: 'occurredAt', header: t('stock.columns.date'), size: 140, enableSorting: false, cell: (c) => formatDateTime(c.row.original.occurredAt, language) },
      {
        id: 'kind',
        accessorKey: 'kind',
        header: t('stock.columns.kind'),
        size: 130,
        enableSorting: false,
        cell: (c) => (
          <Badge size="sm" variant="light" color={KIND_COLORS[c.row.original.kind]}>
            {t(`stock.kinds.${c.row.original.kind}`)}
          </Badge>
        ),
      },
      { id: 'warehouse', accessorKey: 'warehouseCode', header: t('stock.columns.warehouse'), size: 100, enableSorting: false },
      {
        id: 'quantity',
        accessorKey: 'quantityMilli',
        header: t('stock.columns.quantity'),
        size: 100,
        enableSorting: false,
        meta: { align: 'end' },
        cell: (c) => (
          <Text span size="sm" c={c.row.original.quantityMilli < 0 ? 'red' : 'teal'} dir="ltr">
            {formatSignedQty(c.row.original.quantityMilli, language)}
          </Text>
        ),
      },
      {
        id: 'unitCost',
        accessorFn: (m) => m.unitCostMinor ?? 0,
        header: t('stock.columns.unitCost'),
        size: 110,
        enableSorting: false,
        meta: { align: 'end' },
        cell: (c) => (c.row.original.unitCostMinor === null || !currency ? '—' : formatMoney(c.row.original.unitCostMinor, currency, language)),
      },
      {
        id: 'value',
        accessorKey: 'valueMinor',
        header: t('stock.columns.valueChange'),
        size: 120,
        enableSorting: false,
        meta: { align: 'end' },
        cell: (c) => (currency ? formatMoney(c.row.original.valueMinor, currency, language) : '—'),
      },
      {
        id: 'details',
        accessorFn: (m) => [m.supplier, m.reason, m.reference].filter(Boolean).join(' · '),
        header: t('stock.columns.details'),
        size: 260,
        enableSorting: false,
        cell: (c) => {
          const m = c.row.original;
          const parts = [m.supplier, m.reason, m.reference].filter((x): x is string => Boolean(x));
          const notes: string[] = [];
          if (m.stocktakeId !== null) notes.push(t('stock.movements.fromStocktake', { id: m.stocktakeId }));
          if (m.transferId !== null) notes.push(t('stock.movements.transfer', { id: m.transferId }));
          if (m.correctedById !== null) notes.push(t('stock.movements.correctedBy', { id: m.correctedById }));
          if (m.correctsId !== null) notes.push(t('stock.movements.corrects', { id: m.correctsId }));
          return <span dir="auto">{[...parts, ...notes].join(' · ')}</span>;
        },
      },
      { id: 'id', accessorKey: 'id', header: '#', size: 70, enableSorting: false, meta: { align: 'end' } },
      {
        id: 'correct',
        accessorFn: () => '',
        header: '',
        size: 110,
        enableSorting: false,
        cell: (c) =>
          correctionBlock(c.row.original) === null ? (
            <Anchor href={hrefFor(correctionRoute(c.row.original.sku, c.row.original.id))} size="xs" tabIndex={-1} data-testid={`correct-${c.row.original.id}`}>
              {t('stockOps.correct.action')}
            </Anchor>
          ) : null,
      },
    ],
    [t, language, currency],
  );

  const warehouses = ref.warehouses ?? [];
  const notFound = paged.error !== null && sku !== '' ? describeProblem(i18n, paged.error, t('stock.fields.sku')) : null;
  return (
    <Stack gap="xs" h="100%">
      <form onSubmit={submit} aria-label={t('stock.movements.title')}>
        <Group gap="sm" align="flex-end">
          <div style={{ width: 280 }}>
            <SkuInput value={typed} onChange={setTyped} label={t('stock.fields.sku')} testId="movements-sku" />
          </div>
          <Button type="submit" variant="default">
            {t('stock.movements.show')}
          </Button>
          <NativeSelect
            label={t('stock.fields.warehouse')}
            value={warehouse}
            onChange={(e) => setWarehouse(e.currentTarget.value)}
            data={[{ value: ALL, label: t('stock.allWarehouses') }, ...warehouses.map((w) => ({ value: w.code, label: w.code }))]}
            w={160}
          />
          {sku !== '' && paged.total !== null && (
            <Text size="sm" c="dimmed" mb={6} data-testid="movements-count">
              {t('stock.movements.count', { count: paged.total, formatted: formatInteger(paged.total, language) })}
            </Text>
          )}
          {sku !== '' && (
            <Anchor href={hrefFor(`stock/receive/${encodeURIComponent(sku)}`)} size="sm" mb={6}>
              {t('stock.receive.title')}
            </Anchor>
          )}
        </Group>
      </form>
      {notFound && (
        <RetryAlert message={notFound} onRetry={paged.reload} />
      )}
      {sku === '' ? (
        <Text size="sm" c="dimmed">
          {t('stock.movements.pick')}
        </Text>
      ) : (
        <div style={{ flex: 1, minHeight: 0 }}>
          <DataGrid
            data={paged.rows}
            columns={columns}
            getRowId={(m) => String(m.id)}
            label={t('stock.movements.gridLabel', { sku })}
            height="100%"
            paging={{ rowCount: paged.total ?? 0, indexOf: paged.indexOf, onRangeChange: paged.onRangeChange }}
            resetKey={queryKey}
            emptyMessage={paged.total === null ? t('app.loading') : t('stock.movements.empty')}
            data-testid="movements-grid"
          />
        </div>
      )}
    </Stack>
  );
}
