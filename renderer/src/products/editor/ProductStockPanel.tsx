import { Alert, Anchor, Badge, Button, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { IconPackageImport, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../../../shared/catalog/product.ts';
import { formatQuantity } from '../../../../shared/quantity.ts';
import { formatMoney, formatNumber } from '../../format.ts';
import { getClient } from '../../lib/api.ts';
import { describeError } from '../../lib/errors.ts';
import { useLanguage } from '../../lib/preferences.tsx';
import { hrefFor } from '../../lib/router.ts';
import { useLoad } from '../../lib/useLoad.ts';

/** Stock of a product (or of each of its variants) per warehouse, with links to its history. */
export function ProductStockPanel({ product }: { product: Product }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const ids = product.kind === 'parent' ? product.variants.map((v) => v.id).slice(0, 1000) : [product.id];
  const levels = useLoad(`levels-${ids.join(',')}-${product.revision}`, () =>
    ids.length === 0 ? Promise.resolve({ currency: null, total: 0, rows: [] }) : getClient().call('stock.levels', { productIds: ids, limit: 1000 }),
  );
  const qty = (milli: number) => formatNumber(formatQuantity(milli) as `${number}`, language, { maximumFractionDigits: 3 });

  return (
    <Stack gap="sm">
      <Group gap="xs">
        {product.kind !== 'parent' && (
          <Button component="a" href={hrefFor(`stock/receive/${encodeURIComponent(product.sku)}`)} variant="light" leftSection={<IconPackageImport size={14} />}>
            {t('stock.receive.title')}
          </Button>
        )}
        <Button variant="subtle" leftSection={<IconRefresh size={14} />} onClick={levels.reload}>
          {t('data.refresh')}
        </Button>
      </Group>
      {levels.error !== null && (
        <Alert color="red" variant="light" p="xs" role="alert">
          {t('stock.levels.loadFailed')} {describeError(i18n, levels.error)}
        </Alert>
      )}
      {levels.data === undefined ? (
        levels.error === null && <Loader size="sm" />
      ) : levels.data.rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('stock.levels.noneForProduct')}
        </Text>
      ) : (
        <Table striped withTableBorder data-testid="product-stock">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('stock.columns.sku')}</Table.Th>
              <Table.Th>{t('stock.columns.warehouse')}</Table.Th>
              <Table.Th ta="end">{t('stock.columns.onHand')}</Table.Th>
              <Table.Th ta="end">{t('stock.columns.reserved')}</Table.Th>
              <Table.Th ta="end">{t('stock.columns.available')}</Table.Th>
              <Table.Th ta="end">{t('stock.columns.reorderPoint')}</Table.Th>
              <Table.Th ta="end">{t('stock.columns.value')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {levels.data.rows.map((l) => (
              <Table.Tr key={`${l.productId}-${l.warehouseId}`}>
                <Table.Td dir="ltr">{l.sku}</Table.Td>
                <Table.Td>{l.warehouseCode}</Table.Td>
                <Table.Td ta="end">{qty(l.onHandMilli)}</Table.Td>
                <Table.Td ta="end">{qty(l.reservedMilli)}</Table.Td>
                <Table.Td ta="end">
                  {qty(l.availableMilli)}{' '}
                  {l.low && (
                    <Badge size="xs" color="red" variant="light">
                      {t('stock.levels.low')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td ta="end">{l.reorderPointMilli === null ? '—' : qty(l.reorderPointMilli)}</Table.Td>
                <Table.Td ta="end">{levels.data?.currency ? formatMoney(l.valueMinor, levels.data.currency, language) : '—'}</Table.Td>
                <Table.Td>
                  <Anchor href={hrefFor(`stock/movements/${encodeURIComponent(l.sku)}`)} size="sm">
                    {t('stock.movements.title')}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {levels.data !== undefined && levels.data.rows.length > 0 && (
        <Text size="xs" c="dimmed" data-testid="reserved-note">
          {t('stockOps.reservedNote')}
        </Text>
      )}
    </Stack>
  );
}
