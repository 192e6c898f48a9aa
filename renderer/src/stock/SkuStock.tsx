import { Anchor, Badge, Group, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Level } from '../../../shared/stock/schemas.ts';
import { getClient } from '../lib/api.ts';
import { describeError } from '../lib/errors.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { hrefFor } from '../lib/router.ts';
import { formatQty } from './stockFormat.ts';

/**
 * What is on hand of the SKU being typed, per warehouse: the receive and transfer forms show it
 * beside the quantity, so nobody moves stock that is not there. `version` reloads it after a write.
 */
export function SkuStock({ sku, version }: { sku: string; version: number }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const [state, setState] = useState<{ sku: string; levels: Level[] | null; title: string | null; problem: string | null } | null>(null);

  useEffect(() => {
    const code = sku.trim();
    if (code === '') return;
    let current = true;
    const timer = setTimeout(() => {
      const client = getClient();
      client
        .call('products.lookupCode', { code })
        .then(async (found) => {
          if (!found) return { levels: null, title: null };
          const page = await client.call('stock.levels', { productIds: [found.id], limit: 100 });
          return { levels: page.rows, title: found.sku };
        })
        .then((result) => {
          if (current) setState({ sku: code, ...result, problem: null });
        })
        .catch((error: unknown) => {
          if (current) setState({ sku: code, levels: null, title: null, problem: describeError(i18n, error) });
        });
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [sku, version, i18n]);

  if (state === null || sku.trim() === '' || state.sku !== sku.trim()) return null;
  if (state.problem) {
    return (
      <Text size="xs" c="red" role="alert">
        {state.problem}
      </Text>
    );
  }
  if (state.levels === null) {
    return (
      <Text size="xs" c="dimmed" data-testid="sku-stock">
        {t('stock.unknownSku', { sku: sku.trim() })}
      </Text>
    );
  }
  return (
    <Group gap={6} data-testid="sku-stock">
      <Text size="xs" c="dimmed">
        {t('stock.onHandOf', { sku: state.title ?? sku })}
      </Text>
      {state.levels.length === 0 ? (
        <Text size="xs" c="dimmed">
          {t('stock.nothingOnHand')}
        </Text>
      ) : (
        state.levels.map((l) => (
          <Badge key={l.warehouseId} variant="light" color={l.low ? 'red' : 'gray'} size="sm" style={{ textTransform: 'none' }}>
            {l.warehouseCode}: {formatQty(l.onHandMilli, language)} {t(`units.${l.unit}`, { defaultValue: l.unit })}
          </Badge>
        ))
      )}
      {state.title && (
        <Anchor href={hrefFor(`stock/movements/${encodeURIComponent(state.title)}`)} size="xs">
          {t('stock.movements.title')}
        </Anchor>
      )}
    </Group>
  );
}
