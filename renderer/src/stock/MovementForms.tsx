import { Alert, Button, Grid, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconArrowsExchange, IconPackageImport } from '@tabler/icons-react';
import { useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../../../shared/errors.ts';
import type { Movement } from '../../../shared/stock/schemas.ts';
import { formatDateTime, formatMoney } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { useCompany } from '../lib/company.tsx';
import { describeError } from '../lib/errors.ts';
import { issuesByPath, issuesOf, translateIssue } from '../lib/issues.ts';
import { notify } from '../lib/notifications.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { useReference } from '../lib/reference.ts';
import { useUnsavedChanges } from '../lib/unsavedChanges.ts';
import { useBarcodeScanner } from '../lib/useBarcodeScanner.ts';
import { SkuInput } from './SkuInput.tsx';
import { SkuStock } from './SkuStock.tsx';
import { formatSignedQty, issueAt } from './stockFormat.ts';

/** The state every movement form shares: issues by path, a general problem, the session's log. */
export function useMovementForm() {
  const { t, i18n } = useTranslation();
  const [issues, setIssues] = useState<ReadonlyMap<string, FieldIssue>>(new Map());
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [log, setLog] = useState<{ movements: Movement[]; currency: string | null }[]>([]);
  const [version, setVersion] = useState(0);

  const errorOf = (path: string, label: string): string | undefined => {
    const issue = issueAt(issues, path);
    return issue ? translateIssue(i18n, issue, label) : undefined;
  };

  const run = async (call: () => Promise<{ movements: Movement[]; currency: string | null }>, success: (m: Movement[]) => string): Promise<boolean> => {
    setIssues(new Map());
    setProblem(null);
    setBusy(true);
    try {
      const result = await call();
      setLog((l) => [result, ...l].slice(0, 20));
      setVersion((v) => v + 1);
      notify({ kind: 'success', title: success(result.movements) });
      return true;
    } catch (error) {
      const found = issuesOf(error);
      setIssues(issuesByPath(found));
      // Issues without an input of their own (or another failure) go above the button.
      const placed = new Set(['sku', 'productId', 'warehouse', 'from', 'to', 'quantity', 'unitCost', 'totalCost', 'supplier', 'reference', 'occurredAt', 'reason', 'shipmentId', 'movementId']);
      const stray = found.filter((i) => !placed.has(i.path));
      setProblem(found.length === 0 ? describeError(i18n, error) : stray.length > 0 ? stray.map((i) => translateIssue(i18n, i, '')).join(' ') : null);
      notify({ kind: 'error', title: t('stock.saveFailed'), message: found.length > 0 ? t('stock.fixFields') : describeError(i18n, error) });
      return false;
    } finally {
      setBusy(false);
    }
  };

  return { issues, setIssues, problem, busy, log, version, errorOf, run };
}

export function RecentLog({ log }: { log: { movements: Movement[]; currency: string | null }[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (log.length === 0) return null;
  const rows = log.flatMap((entry) => entry.movements.map((m) => ({ m, currency: entry.currency })));
  return (
    <Paper withBorder p="sm">
      <Title order={2} size="h4" mb="xs">
        {t('stock.recent')}
      </Title>
      <Table striped data-testid="recent-movements">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('stock.columns.date')}</Table.Th>
            <Table.Th>{t('stock.columns.kind')}</Table.Th>
            <Table.Th>{t('stock.columns.sku')}</Table.Th>
            <Table.Th>{t('stock.columns.warehouse')}</Table.Th>
            <Table.Th ta="end">{t('stock.columns.quantity')}</Table.Th>
            <Table.Th ta="end">{t('stock.columns.value')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ m, currency }) => (
            <Table.Tr key={m.id}>
              <Table.Td>{formatDateTime(m.occurredAt, language)}</Table.Td>
              <Table.Td>{t(`stock.kinds.${m.kind}`)}</Table.Td>
              <Table.Td dir="ltr">{m.sku}</Table.Td>
              <Table.Td>{m.warehouseCode}</Table.Td>
              <Table.Td ta="end">{formatSignedQty(m.quantityMilli, language)}</Table.Td>
              <Table.Td ta="end">{currency ? formatMoney(m.valueMinor, currency, language) : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

export function FormFrame({ title, icon, children, onSubmit, testId }: { title: string; icon: ReactNode; children: ReactNode; onSubmit: (e: FormEvent) => void; testId: string }) {
  return (
    <form onSubmit={onSubmit} noValidate aria-label={title} data-testid={testId}>
      <Paper withBorder p="sm" maw={900}>
        <Group gap="xs" mb="sm">
          {icon}
          <Title order={2} size="h3">
            {title}
          </Title>
        </Group>
        {children}
      </Paper>
    </form>
  );
}

/** Active warehouses as select options, code first (what people say: "MAIN", "FBA-DE"). */
export function useWarehouseOptions(): { value: string; label: string }[] {
  const { ref } = useReference('warehouses');
  return (ref.warehouses ?? []).filter((w) => w.active).map((w) => ({ value: w.code, label: `${w.code} – ${w.name}` }));
}

/** A scan anywhere in the form (or in its SKU field) fills the SKU in and moves on to the quantity. */
export function useSkuScan(setSku: (sku: string) => void, quantityRef: RefObject<HTMLInputElement | null>) {
  const { t, i18n } = useTranslation();
  useBarcodeScanner(({ code }) => {
    getClient()
      .call('products.lookupCode', { code })
      .then((found) => {
        if (!found) {
          notify({ kind: 'error', title: t('scanner.notFound', { code }) });
          return;
        }
        setSku(found.sku);
        quantityRef.current?.focus();
      })
      .catch((error: unknown) => notify({ kind: 'error', title: t('scanner.failed'), message: describeError(i18n, error) }));
  });
}

/** #/stock/receive: goods in from a supplier, at a unit cost in the base currency. */
export function ReceiveForm({ initialSku }: { initialSku: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { profile } = useCompany();
  const warehouses = useWarehouseOptions();
  const form = useMovementForm();
  const [sku, setSku] = useState(initialSku);
  const [warehouse, setWarehouse] = useState('MAIN');
  const [quantity, setQuantity] = useState('');
  const [unitCost, setUnitCost] = useState('');
  const [supplier, setSupplier] = useState('');
  const [reference, setReference] = useState('');
  const [date, setDate] = useState('');
  const quantityRef = useRef<HTMLInputElement>(null);
  const skuRef = useRef<HTMLInputElement>(null);
  useSkuScan(setSku, quantityRef);
  // A line being entered; supplier and reference stay for the next line of the delivery.
  useUnsavedChanges(quantity.trim() !== '' || unitCost.trim() !== '');
  const currency = profile?.baseCurrency ?? '';
  const chosenWarehouse = warehouses.some((w) => w.value === warehouse) ? warehouse : (warehouses[0]?.value ?? warehouse);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await form.run(
      () =>
        getClient().call('stock.receive', {
          sku: sku.trim(),
          warehouse: chosenWarehouse,
          quantity,
          unitCost,
          ...(supplier.trim() === '' ? {} : { supplier }),
          ...(reference.trim() === '' ? {} : { reference }),
          ...(date === '' ? {} : { occurredAt: date }),
        }),
      (m) => t('stock.receive.done', { quantity: formatSignedQty(m[0]?.quantityMilli ?? 0, language), sku: m[0]?.sku ?? sku, warehouse: m[0]?.warehouseCode ?? '' }),
    );
    if (ok) {
      // Next line of the same delivery: same warehouse, supplier and reference; a new SKU.
      setSku('');
      setQuantity('');
      setUnitCost('');
      skuRef.current?.focus();
    }
  };

  return (
    <Stack gap="md">
      <FormFrame title={t('stock.receive.title')} icon={<IconPackageImport size={18} />} onSubmit={(e) => void submit(e)} testId="receive-form">
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <SkuInput value={sku} onChange={setSku} label={t('stock.fields.sku')} error={form.errorOf('sku', t('stock.fields.sku'))} inputRef={skuRef} required testId="receive-sku" />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <NativeSelect
              label={t('stock.fields.warehouse')}
              value={chosenWarehouse}
              onChange={(e) => setWarehouse(e.currentTarget.value)}
              data={warehouses}
              error={form.errorOf('warehouse', t('stock.fields.warehouse'))}
              data-testid="receive-warehouse"
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <SkuStock sku={sku} version={form.version} />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 3 }}>
            <TextInput
              ref={quantityRef}
              label={t('stock.fields.quantity')}
              labelProps={{ 'data-required-mark': true }}
              value={quantity}
              onChange={(e) => setQuantity(e.currentTarget.value)}
              error={form.errorOf('quantity', t('stock.fields.quantity'))}
              dir="ltr"
              inputMode="decimal"
              data-testid="receive-quantity"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 3 }}>
            <TextInput
              label={t('stock.fields.unitCost', { currency })}
              labelProps={{ 'data-required-mark': true }}
              value={unitCost}
              onChange={(e) => setUnitCost(e.currentTarget.value)}
              error={form.errorOf('unitCost', t('stock.fields.unitCost', { currency })) ?? form.errorOf('totalCost', t('stock.fields.unitCost', { currency }))}
              dir="ltr"
              inputMode="decimal"
              data-testid="receive-unit-cost"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t('stock.fields.date')}
              description={t('stock.hints.date')}
              type="date"
              value={date}
              onChange={(e) => setDate(e.currentTarget.value)}
              error={form.errorOf('occurredAt', t('stock.fields.date'))}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t('stock.fields.supplier')}
              value={supplier}
              onChange={(e) => setSupplier(e.currentTarget.value)}
              error={form.errorOf('supplier', t('stock.fields.supplier'))}
              className="kontor-auto-dir"
              data-testid="receive-supplier"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t('stock.fields.reference')}
              description={t('stock.hints.reference')}
              value={reference}
              onChange={(e) => setReference(e.currentTarget.value)}
              error={form.errorOf('reference', t('stock.fields.reference'))}
              className="kontor-auto-dir"
              data-testid="receive-reference"
            />
          </Grid.Col>
        </Grid>
        {form.problem && (
          <Alert color="red" variant="light" p="xs" mt="sm" role="alert">
            {form.problem}
          </Alert>
        )}
        {currency === '' && (
          <Text size="xs" c="orange" mt="xs">
            {t('stock.needsCompany')}
          </Text>
        )}
        <Group mt="sm">
          <Button type="submit" loading={form.busy} leftSection={<IconPackageImport size={14} />} data-testid="receive-submit">
            {t('stock.receive.submit')}
          </Button>
        </Group>
      </FormFrame>
      <RecentLog log={form.log} />
    </Stack>
  );
}

/** #/stock/transfer: stock from one warehouse to another (two movements, value unchanged). */
export function TransferForm({ initialSku }: { initialSku: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const warehouses = useWarehouseOptions();
  const form = useMovementForm();
  const [sku, setSku] = useState(initialSku);
  const [from, setFrom] = useState('MAIN');
  const [to, setTo] = useState('');
  const [quantity, setQuantity] = useState('');
  const [reference, setReference] = useState('');
  const quantityRef = useRef<HTMLInputElement>(null);
  const skuRef = useRef<HTMLInputElement>(null);
  useSkuScan(setSku, quantityRef);
  useUnsavedChanges(quantity.trim() !== '');
  const chosenFrom = warehouses.some((w) => w.value === from) ? from : (warehouses[0]?.value ?? from);
  const chosenTo = warehouses.some((w) => w.value === to) ? to : (warehouses.find((w) => w.value !== chosenFrom)?.value ?? to);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await form.run(
      () =>
        getClient().call('stock.transfer', {
          sku: sku.trim(),
          from: chosenFrom,
          to: chosenTo,
          quantity,
          ...(reference.trim() === '' ? {} : { reference }),
        }),
      (m) => {
        const out = m.find((x) => x.kind === 'transfer_out');
        const into = m.find((x) => x.kind === 'transfer_in');
        return t('stock.transfer.done', {
          quantity: formatSignedQty(Math.abs(out?.quantityMilli ?? 0), language).replace('+', ''),
          sku: out?.sku ?? sku,
          from: out?.warehouseCode ?? chosenFrom,
          to: into?.warehouseCode ?? chosenTo,
        });
      },
    );
    if (ok) {
      setSku('');
      setQuantity('');
      skuRef.current?.focus();
    }
  };

  return (
    <Stack gap="md">
      <FormFrame title={t('stock.transfer.title')} icon={<IconArrowsExchange size={18} />} onSubmit={(e) => void submit(e)} testId="transfer-form">
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <SkuInput value={sku} onChange={setSku} label={t('stock.fields.sku')} error={form.errorOf('sku', t('stock.fields.sku'))} inputRef={skuRef} required testId="transfer-sku" />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 3 }}>
            <NativeSelect
              label={t('stock.fields.from')}
              value={chosenFrom}
              onChange={(e) => setFrom(e.currentTarget.value)}
              data={warehouses}
              error={form.errorOf('from', t('stock.fields.from'))}
              data-testid="transfer-from"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 3 }}>
            <NativeSelect
              label={t('stock.fields.to')}
              value={chosenTo}
              onChange={(e) => setTo(e.currentTarget.value)}
              data={warehouses}
              error={form.errorOf('to', t('stock.fields.to'))}
              data-testid="transfer-to"
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <SkuStock sku={sku} version={form.version} />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 3 }}>
            <TextInput
              ref={quantityRef}
              label={t('stock.fields.quantity')}
              labelProps={{ 'data-required-mark': true }}
              value={quantity}
              onChange={(e) => setQuantity(e.currentTarget.value)}
              error={form.errorOf('quantity', t('stock.fields.quantity'))}
              dir="ltr"
              inputMode="decimal"
              data-testid="transfer-quantity"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 9 }}>
            <TextInput
              label={t('stock.fields.reference')}
              value={reference}
              onChange={(e) => setReference(e.currentTarget.value)}
              error={form.errorOf('reference', t('stock.fields.reference'))}
              className="kontor-auto-dir"
            />
          </Grid.Col>
        </Grid>
        {form.problem && (
          <Alert color="red" variant="light" p="xs" mt="sm" role="alert">
            {form.problem}
          </Alert>
        )}
        <Group mt="sm">
          <Button type="submit" loading={form.busy} leftSection={<IconArrowsExchange size={14} />} data-testid="transfer-submit">
            {t('stock.transfer.submit')}
          </Button>
        </Group>
      </FormFrame>
      <RecentLog log={form.log} />
    </Stack>
  );
}
