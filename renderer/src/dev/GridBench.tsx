import { Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataGrid, type GridColumn } from '../components/DataGrid.tsx';
import { countryName, formatDate, formatInteger, formatMoney } from '../format.ts';
import { useLanguage } from '../lib/preferences.tsx';

interface BenchRow {
  id: number;
  sku: string;
  name: string;
  country: string;
  stock: number;
  priceMinor: number;
  currency: string;
  updatedAt: number;
}

const WORDS = ['Kilim', 'Tajine', 'Babouche', 'Argan oil', 'Pouf', 'Lantern', 'Linen shirt', 'Olive soap', 'Saffron', 'Wool blanket'];
const COUNTRIES = ['MA', 'DE', 'FR', 'ES', 'IT', 'NL', 'AE', 'SG', 'US', 'CN'];
const CURRENCIES = ['EUR', 'MAD', 'USD'];

/** Deterministic rows, so a test can name the last one: row i has SKU "SKU-<i, 6 digits>". */
export function benchRows(count: number): BenchRow[] {
  const base = Date.UTC(2026, 0, 1);
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    sku: `SKU-${String(i + 1).padStart(6, '0')}`,
    name: `${WORDS[i % WORDS.length] ?? ''} ${Math.floor(i / WORDS.length) + 1}`,
    country: COUNTRIES[(i * 7) % COUNTRIES.length] ?? 'MA',
    stock: (i * 37) % 1000,
    priceMinor: 100 + ((i * 7919) % 100_000),
    currency: CURRENCIES[i % CURRENCIES.length] ?? 'EUR',
    updatedAt: base - ((i * 3_600_000) % (365 * 86_400_000)),
  }));
}

/**
 * The data grid with 100,000 generated rows: a test bench for the grid (tests/e2e/data-grid.e2e.ts),
 * reachable at #/dev/grid only with ?dev in the URL; not in the navigation.
 */
export function GridBench() {
  const { t } = useTranslation();
  const language = useLanguage();
  const data = useMemo(() => benchRows(100_000), []);
  const [active, setActive] = useState<BenchRow | null>(null);
  const [opened, setOpened] = useState<BenchRow | null>(null);

  const columns = useMemo<GridColumn<BenchRow>[]>(
    () => [
      { accessorKey: 'id', header: '#', size: 80, meta: { align: 'end' }, cell: (c) => formatInteger(c.row.original.id, language) },
      { accessorKey: 'sku', header: 'SKU', size: 120 },
      { accessorKey: 'name', header: t('nav.products'), size: 220 },
      {
        accessorKey: 'country',
        header: t('company.fields.country'),
        size: 160,
        cell: (c) => countryName(c.row.original.country, language),
      },
      {
        accessorKey: 'stock',
        header: t('nav.stock'),
        size: 90,
        meta: { align: 'end' },
        cell: (c) => formatInteger(c.row.original.stock, language),
      },
      {
        accessorKey: 'priceMinor',
        header: t('grid.devPrice'),
        size: 130,
        meta: { align: 'end' },
        cell: (c) => formatMoney(c.row.original.priceMinor, c.row.original.currency, language),
      },
      {
        accessorKey: 'updatedAt',
        header: t('grid.devUpdated'),
        size: 110,
        cell: (c) => formatDate(c.row.original.updatedAt, language, 'UTC'),
      },
    ],
    [t, language],
  );

  return (
    <Stack gap="sm" h="100%">
      <Title order={1}>{t('grid.devTitle')}</Title>
      <Text size="sm" c="dimmed" data-testid="grid-bench-status">
        {t('grid.devIntro', { rows: formatInteger(data.length, language), active: active?.sku ?? t('grid.devNone') })}
      </Text>
      {opened && (
        <Text size="sm" role="status" data-testid="grid-bench-opened">
          {t('grid.devActivated', { id: opened.sku })}
        </Text>
      )}
      <DataGrid
        data={data}
        columns={columns}
        getRowId={(row) => String(row.id)}
        label={t('grid.devTitle')}
        height="calc(100vh - 190px)"
        onActiveRowChange={setActive}
        onActivate={setOpened}
        data-testid="bench-grid"
      />
    </Stack>
  );
}
