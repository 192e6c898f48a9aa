import { Alert, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconHourglass } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Dashboard } from '../../../shared/ledger/dashboard.ts';
import { formatMoney, formatNumber, monthNames } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { describeProblem } from '../lib/issues.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { useLoad } from '../lib/useLoad.ts';
import { PeriodInputs } from '../ledger/PeriodInputs.tsx';
import { DAY, last12Months, lastYear, thisYear } from '../ledger/period.ts';
import { formatQuantity } from '../../../shared/quantity.ts';
import { minorUnitsOf } from '../../../shared/reference/currencies.ts';

const PRESETS = { last12: last12Months, thisYear, lastYear } as const;

function Card({ title, note, children, testId }: { title: string; note?: string; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="sm" data-testid={testId}>
      <Title order={3} size="h5">
        {title}
      </Title>
      {note && (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      )}
      <div style={{ marginTop: 8 }}>{children}</div>
    </Paper>
  );
}

/** A chart whose data does not exist yet: says so, draws nothing made up. */
function Waiting({ title }: { title: string }) {
  const { t } = useTranslation();
  return (
    <Card title={title} testId="waiting-for-invoices">
      <Group gap="xs" wrap="nowrap" align="flex-start" c="dimmed" mih={120}>
        <IconHourglass size={18} />
        <Text size="sm">{t('dashboard.waitingForInvoices')}</Text>
      </Group>
    </Card>
  );
}

/**
 * #/dashboard: stock value, goods shipped at cost, largest stock and low stock from the stock
 * ledger, for a chosen period, in the base currency; sales and receivables wait for invoices.
 * Charts are recharts (SVG, React components, the engine Mantine's own charts use).
 */
export function DashboardArea() {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const [period, setPeriod] = useState(last12Months);
  const ready = DAY.test(period.from) && DAY.test(period.to);
  const loaded = useLoad(ready ? `${period.from}|${period.to}` : null, () => getClient().call('dashboard.summary', period));
  const d = loaded.data;

  const months = monthNames(language);
  const monthLabel = (m: string) => `${months[Number(m.slice(5, 7)) - 1] ?? m} ${m.slice(2, 4)}`;
  const digits = d ? (minorUnitsOf(d.currency) ?? 2) : 2;
  const major = (minor: number) => minor / 10 ** digits;
  const money = (minor: number) => (d ? formatMoney(minor, d.currency, language) : '');
  const compact = (value: number) => formatNumber(value, language, { notation: 'compact', maximumFractionDigits: 1 });
  const series = (rows: Dashboard['stock']['valueByMonth']) => rows.map((r) => ({ month: monthLabel(r.month), value: major(r.valueMinor) }));

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('nav.dashboard')}</Title>
        <Group align="flex-end">
          <NativeSelect
            label={t('dashboard.period')}
            defaultValue="last12"
            onChange={(e) => setPeriod(PRESETS[e.currentTarget.value as keyof typeof PRESETS]())}
            data={Object.keys(PRESETS).map((k) => ({ value: k, label: t(`dashboard.presets.${k}`) }))}
            w={170}
          />
          <PeriodInputs from={period.from} to={period.to} onChange={setPeriod} />
        </Group>
      </Group>
      {loaded.error !== null && (
        <Alert color="red" variant="light" p="xs" role="alert" icon={<IconAlertTriangle size={16} />}>
          {describeProblem(i18n, loaded.error)}
        </Alert>
      )}
      {d && (
        <>
          <Text size="xs" c="dimmed">
            {t('dashboard.inCurrency', { currency: d.currency })}
          </Text>
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <Card title={t('dashboard.stockValue')} note={t('dashboard.stockValueNote')} testId="stock-value">
              <Text size="xl" fw={700} dir="ltr" ta="start">
                {money(d.stock.valueMinor)}
              </Text>
            </Card>
            <Card title={t('dashboard.lowStock')} testId="low-stock">
              <Text size="sm" mb={4}>
                {d.stock.lowStockCount === 0 ? t('dashboard.lowStockNone') : t('dashboard.lowStockCount', { count: d.stock.lowStockCount })}
              </Text>
              <Table verticalSpacing={2} fz="xs">
                <Table.Tbody>
                  {d.stock.lowStock.slice(0, 5).map((l) => (
                    <Table.Tr key={`${l.sku}|${l.warehouseCode}`}>
                      <Table.Td>{l.sku}</Table.Td>
                      <Table.Td>{l.warehouseCode}</Table.Td>
                      <Table.Td ta="end" dir="ltr">
                        {formatQuantity(l.availableMilli)} / {l.reorderPointMilli === null ? '—' : formatQuantity(l.reorderPointMilli)} {l.unit}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
            <Waiting title={t('dashboard.overdue')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Card title={t('dashboard.stockValueByMonth')} testId="stock-value-chart">
              <div dir="ltr" style={{ height: 220 }}>
                <ResponsiveContainer width="100%" height="100%">
                  <LineChart data={series(d.stock.valueByMonth)} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="month" fontSize={11} />
                    <YAxis fontSize={11} tickFormatter={compact} width={56} />
                    <Tooltip formatter={(v) => formatNumber(Number(v), language, { maximumFractionDigits: digits })} />
                    <Line type="linear" dataKey="value" name={t('dashboard.stockValue')} stroke="var(--mantine-color-blue-6)" strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} />
                  </LineChart>
                </ResponsiveContainer>
              </div>
            </Card>
            <Card title={t('dashboard.shippedAtCost')} note={t('dashboard.shippedAtCostNote')} testId="shipped-chart">
              <div dir="ltr" style={{ height: 204 }}>
                <ResponsiveContainer width="100%" height="100%">
                  <BarChart data={series(d.stock.shippedAtCostByMonth)} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="month" fontSize={11} />
                    <YAxis fontSize={11} tickFormatter={compact} width={56} />
                    <Tooltip formatter={(v) => formatNumber(Number(v), language, { maximumFractionDigits: digits })} />
                    <Bar dataKey="value" name={t('dashboard.shippedAtCost')} fill="var(--mantine-color-teal-6)" isAnimationActive={false} />
                  </BarChart>
                </ResponsiveContainer>
              </div>
            </Card>
            <Card title={t('dashboard.topByValue')} testId="top-by-value">
              {d.stock.topByValue.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('dashboard.noStock')}
                </Text>
              ) : (
                <div dir="ltr" style={{ height: 240 }}>
                  <ResponsiveContainer width="100%" height="100%">
                    <BarChart layout="vertical" data={d.stock.topByValue.map((p) => ({ sku: p.sku, value: major(p.valueMinor) }))} margin={{ top: 0, right: 16, bottom: 0, left: 8 }}>
                      <CartesianGrid strokeDasharray="3 3" />
                      <XAxis type="number" fontSize={11} tickFormatter={compact} />
                      <YAxis type="category" dataKey="sku" fontSize={11} width={130} />
                      <Tooltip formatter={(v) => formatNumber(Number(v), language, { maximumFractionDigits: digits })} />
                      <Bar dataKey="value" name={t('dashboard.stockValue')} fill="var(--mantine-color-grape-6)" isAnimationActive={false} />
                    </BarChart>
                  </ResponsiveContainer>
                </div>
              )}
            </Card>
            <Waiting title={t('dashboard.salesByMonth')} />
            <Waiting title={t('dashboard.salesByMarketplace')} />
            <Waiting title={t('dashboard.salesByCountry')} />
            <Waiting title={t('dashboard.topProducts')} />
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
