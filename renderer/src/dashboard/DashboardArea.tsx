import { Alert, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Dashboard } from '../../../shared/ledger/dashboard.ts';
import { countryName, formatDate, formatMoney, formatNumber, monthNames } from '../format.ts';
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

/** A horizontal bar chart of labelled amounts (major units), largest first. */
function RankedBars({ rows, name, color, digits, labelWidth = 130 }: { rows: { label: string; value: number }[]; name: string; color: string; digits: number; labelWidth?: number }) {
  const language = useLanguage();
  const compact = (value: number) => formatNumber(value, language, { notation: 'compact', maximumFractionDigits: 1 });
  // The chart is drawn left to right; an Arabic label mixing in a Latin word keeps its own order
  // only inside a right-to-left isolate (U+2067 … U+2069).
  const data = language === 'ar' ? rows.map((r) => ({ ...r, label: `\u2067${r.label}\u2069` })) : rows;
  return (
    <div dir="ltr" style={{ height: Math.max(120, 28 * rows.length + 40) }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart layout="vertical" data={data} margin={{ top: 0, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" fontSize={11} tickFormatter={compact} />
          <YAxis type="category" dataKey="label" fontSize={11} width={labelWidth} />
          <Tooltip formatter={(v) => formatNumber(Number(v), language, { maximumFractionDigits: digits })} />
          <Bar dataKey="value" name={name} fill={color} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

function NoSales() {
  const { t } = useTranslation();
  return (
    <Text size="sm" c="dimmed" mih={60}>
      {t('dashboard.noSales')}
    </Text>
  );
}

/**
 * #/dashboard, for a chosen period, in the base currency: stock value, goods shipped at cost,
 * largest stock and low stock from the stock ledger; sales by month, marketplace and country, top
 * products and overdue receivables from issued invoices and credit notes.
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
            <Card title={t('dashboard.overdue')} note={t('dashboard.overdueAt', { date: formatDate(d.overdueReceivables.at, language) })} testId="overdue">
              <Text size="xl" fw={700} dir="ltr" ta="start" c={d.overdueReceivables.count > 0 ? 'red.7' : undefined}>
                {money(d.overdueReceivables.totalMinor)}
              </Text>
              <Text size="sm" mb={4}>
                {d.overdueReceivables.count === 0 ? t('dashboard.overdueNone') : t('dashboard.overdueCount', { count: d.overdueReceivables.count })}
              </Text>
              {d.overdueReceivables.count > 0 && (
                <div dir="ltr" style={{ height: 90 }}>
                  <ResponsiveContainer width="100%" height="100%">
                    <BarChart data={d.overdueReceivables.buckets.map((b) => ({ bucket: b.bucket, value: major(b.minor) }))} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
                      <XAxis dataKey="bucket" fontSize={10} />
                      <YAxis fontSize={10} tickFormatter={compact} width={44} />
                      <Tooltip labelFormatter={(b) => t('dashboard.bucketDays', { bucket: typeof b === 'string' ? b : '' })} formatter={(v) => formatNumber(Number(v), language, { maximumFractionDigits: digits })} />
                      <Bar dataKey="value" name={t('dashboard.overdue')} fill="var(--mantine-color-red-6)" isAnimationActive={false} />
                    </BarChart>
                  </ResponsiveContainer>
                </div>
              )}
              <Table verticalSpacing={2} fz="xs">
                <Table.Tbody>
                  {d.overdueReceivables.oldest.slice(0, 3).map((o) => (
                    <Table.Tr key={o.number}>
                      <Table.Td>
                        <Text size="xs" dir="ltr" ta="start" style={{ whiteSpace: 'nowrap' }}>
                          {o.number}
                        </Text>
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {o.customer}
                        </Text>
                      </Table.Td>
                      <Table.Td>{t('dashboard.daysLate', { count: o.daysLate })}</Table.Td>
                      <Table.Td ta="end" dir="ltr" style={{ whiteSpace: 'nowrap' }}>
                        {money(o.openMinor)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
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
            <Card title={t('dashboard.salesByMonth')} note={t('dashboard.salesNote')} testId="sales-by-month">
              <div dir="ltr" style={{ height: 204 }}>
                <ResponsiveContainer width="100%" height="100%">
                  <BarChart data={d.salesByMonth.map((m) => ({ month: monthLabel(m.month), value: major(m.netMinor) }))} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="month" fontSize={11} />
                    <YAxis fontSize={11} tickFormatter={compact} width={56} />
                    <Tooltip formatter={(v) => formatNumber(Number(v), language, { maximumFractionDigits: digits })} />
                    <Bar dataKey="value" name={t('dashboard.netSales')} fill="var(--mantine-color-blue-6)" isAnimationActive={false} />
                  </BarChart>
                </ResponsiveContainer>
              </div>
            </Card>
            <Card title={t('dashboard.salesByMarketplace')} note={t('dashboard.marketplaceNote')} testId="sales-by-marketplace">
              {d.salesByMarketplace.length === 0 ? (
                <NoSales />
              ) : (
                <RankedBars
                  rows={d.salesByMarketplace.map((m) => ({ label: m.marketplace ?? t('dashboard.direct'), value: major(m.netMinor) }))}
                  name={t('dashboard.netSales')}
                  color="var(--mantine-color-indigo-6)"
                  digits={digits}
                />
              )}
            </Card>
            <Card title={t('dashboard.salesByCountry')} note={t('dashboard.salesNote')} testId="sales-by-country">
              {d.salesByCountry.length === 0 ? (
                <NoSales />
              ) : (
                <RankedBars
                  rows={d.salesByCountry.slice(0, 10).map((c) => ({ label: c.country ? countryName(c.country, language) : '—', value: major(c.netMinor) }))}
                  name={t('dashboard.netSales')}
                  color="var(--mantine-color-cyan-6)"
                  digits={digits}
                />
              )}
            </Card>
            <Card title={t('dashboard.topProducts')} note={t('dashboard.salesNote')} testId="top-products">
              {d.topProductsBySales.length === 0 ? (
                <NoSales />
              ) : (
                <RankedBars
                  rows={d.topProductsBySales.map((p) => ({ label: p.sku ?? p.name, value: major(p.netMinor) }))}
                  name={t('dashboard.netSales')}
                  color="var(--mantine-color-orange-6)"
                  digits={digits}
                />
              )}
            </Card>
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
