import { Alert, Anchor, Group, Stack, Tabs, Title } from '@mantine/core';
import {
  IconAdjustments,
  IconArrowBackUp,
  IconArrowsDiff,
  IconCoin,
  IconTruckDelivery,
  IconArrowsExchange,
  IconBuildingWarehouse,
  IconClipboardList,
  IconHistory,
  IconInfoCircle,
  IconListDetails,
  IconPackageImport,
} from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useCompany } from '../lib/company.tsx';
import { hrefFor, navigate } from '../lib/router.ts';
import { LevelsPanel } from './LevelsPanel.tsx';
import { CorrectionForm } from './CorrectionForm.tsx';
import { ReceiveForm, TransferForm } from './MovementForms.tsx';
import { AdjustForm, ReturnForm, ShipForm } from './OutflowForms.tsx';
import { parseCorrectionArg } from './movementChoices.ts';
import { ValuationPanel } from './ValuationPanel.tsx';
import { MovementsPanel } from './MovementsPanel.tsx';
import { StocktakeList, StocktakeSheet } from './StocktakePanel.tsx';
import { WarehousesPanel } from './WarehousesPanel.tsx';

export const STOCK_TABS = ['levels', 'movements', 'receive', 'ship', 'transfer', 'adjust', 'return', 'correct', 'stocktake', 'valuation', 'warehouses'] as const;
export type StockTab = (typeof STOCK_TABS)[number];

function isStockTab(value: string | undefined): value is StockTab {
  return (STOCK_TABS as readonly (string | undefined)[]).includes(value);
}

/** The last part of a route, decoded ("stock/movements/RUG%2F01" → "RUG/01"); '' when absent or malformed. */
function decodePart(part: string | undefined): string {
  if (part === undefined) return '';
  try {
    return decodeURIComponent(part);
  } catch {
    // A hand-typed "%" that is not an escape: take the text as it is rather than fail the screen.
    return part;
  }
}

/**
 * #/stock/<tab>[/<sku or id>]: levels, movement history per SKU, receiving goods, transfers,
 * stock counts and warehouses. Each tab is its own route, so a reload (or a link from a product)
 * opens it directly.
 */
export function StockArea({ path }: { path: readonly string[] }) {
  const { t } = useTranslation();
  const { profile } = useCompany();
  const [head, ...rest] = path;
  const tab = isStockTab(head) ? head : null;
  const arg = decodePart(rest.join('/') || undefined);

  useEffect(() => {
    if (tab === null) navigate('stock/levels', { replace: true });
  }, [tab]);
  if (tab === null) return null;

  const stocktakeId = tab === 'stocktake' && /^\d+$/.test(arg) ? Number(arg) : null;
  const correction = parseCorrectionArg(arg);
  return (
    <Stack gap="xs" h="calc(100dvh - var(--app-shell-header-height, 48px) - 2 * var(--mantine-spacing-md))">
      <Group justify="space-between" wrap="nowrap">
        <Title order={1}>{t('nav.stock')}</Title>
      </Group>
      {profile === null && (
        <Alert color="orange" variant="light" p="xs" icon={<IconInfoCircle size={16} />}>
          {t('stock.needsCompany')} <Anchor href={hrefFor('settings/company')}>{t('settings.tabs.company')}</Anchor>
        </Alert>
      )}
      <Tabs
        value={tab}
        onChange={(value) => value && navigate(`stock/${value}`)}
        keepMounted={false}
        style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}
        styles={{ panel: { flex: 1, minHeight: 0, overflow: 'auto' } }}
      >
        <Tabs.List>
          <Tabs.Tab value="levels" leftSection={<IconListDetails size={14} />}>
            {t('stock.tabs.levels')}
          </Tabs.Tab>
          <Tabs.Tab value="movements" leftSection={<IconHistory size={14} />}>
            {t('stock.tabs.movements')}
          </Tabs.Tab>
          <Tabs.Tab value="receive" leftSection={<IconPackageImport size={14} />}>
            {t('stock.tabs.receive')}
          </Tabs.Tab>
          <Tabs.Tab value="ship" leftSection={<IconTruckDelivery size={14} />}>
            {t('stockOps.tabs.ship')}
          </Tabs.Tab>
          <Tabs.Tab value="transfer" leftSection={<IconArrowsExchange size={14} />}>
            {t('stock.tabs.transfer')}
          </Tabs.Tab>
          <Tabs.Tab value="adjust" leftSection={<IconAdjustments size={14} />}>
            {t('stockOps.tabs.adjust')}
          </Tabs.Tab>
          <Tabs.Tab value="return" leftSection={<IconArrowBackUp size={14} className="kontor-flip-rtl" />}>
            {t('stockOps.tabs.return')}
          </Tabs.Tab>
          <Tabs.Tab value="correct" leftSection={<IconArrowsDiff size={14} />}>
            {t('stockOps.tabs.correct')}
          </Tabs.Tab>
          <Tabs.Tab value="stocktake" leftSection={<IconClipboardList size={14} />}>
            {t('stock.tabs.stocktake')}
          </Tabs.Tab>
          <Tabs.Tab value="valuation" leftSection={<IconCoin size={14} />}>
            {t('stockOps.tabs.valuation')}
          </Tabs.Tab>
          <Tabs.Tab value="warehouses" leftSection={<IconBuildingWarehouse size={14} />}>
            {t('stock.tabs.warehouses')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="levels" pt="sm">
          <LevelsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="movements" pt="sm">
          <MovementsPanel sku={arg} />
        </Tabs.Panel>
        <Tabs.Panel value="receive" pt="sm">
          <ReceiveForm key={arg} initialSku={arg} />
        </Tabs.Panel>
        <Tabs.Panel value="transfer" pt="sm">
          <TransferForm key={arg} initialSku={arg} />
        </Tabs.Panel>
        <Tabs.Panel value="ship" pt="sm">
          <ShipForm key={arg} initialSku={arg} />
        </Tabs.Panel>
        <Tabs.Panel value="adjust" pt="sm">
          <AdjustForm key={arg} initialSku={arg} />
        </Tabs.Panel>
        <Tabs.Panel value="return" pt="sm">
          <ReturnForm key={arg} initialSku={arg} />
        </Tabs.Panel>
        <Tabs.Panel value="correct" pt="sm">
          <CorrectionForm key={arg} initialSku={correction.sku} initialMovementId={correction.movementId} />
        </Tabs.Panel>
        <Tabs.Panel value="valuation" pt="sm">
          <ValuationPanel />
        </Tabs.Panel>
        <Tabs.Panel value="stocktake" pt="sm">
          {stocktakeId === null ? <StocktakeList /> : <StocktakeSheet key={stocktakeId} id={stocktakeId} />}
        </Tabs.Panel>
        <Tabs.Panel value="warehouses" pt="sm">
          <WarehousesPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
