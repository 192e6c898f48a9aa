import { Alert, Button, Grid, Group, NativeSelect, Paper, Table, TextInput, Title } from '@mantine/core';
import { useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../../../shared/errors.ts';
import type { Movement } from '../../../shared/stock/schemas.ts';
import { formatDateTime, formatMoney } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { describeError } from '../lib/errors.ts';
import { issuesByPath, issuesOf, translateIssue } from '../lib/issues.ts';
import { notify } from '../lib/notifications.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { useReference } from '../lib/reference.ts';
import { useBarcodeScanner } from '../lib/useBarcodeScanner.ts';
import { SkuInput } from './SkuInput.tsx';
import { SkuStock } from './SkuStock.tsx';
import { formatSignedQty, issueAt } from './stockFormat.ts';

/**
 * The fields every stock movement form has (SKU with scanner, warehouse, quantity, date, reference)
 * and its submit row. Each form keeps only what is its own: the call, the extra fields, the reset.
 */

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

export type MovementForm = ReturnType<typeof useMovementForm>;

/** The line being entered: SKU and quantity, the scanner filling the SKU, and focus for the next line. */
export function useSkuLine(initialSku: string) {
  const [sku, setSku] = useState(initialSku);
  const [quantity, setQuantity] = useState('');
  const quantityRef = useRef<HTMLInputElement>(null);
  const skuRef = useRef<HTMLInputElement>(null);
  useSkuScan(setSku, quantityRef);
  return {
    sku,
    setSku,
    quantity,
    setQuantity,
    quantityRef,
    skuRef,
    /** After a saved line: a new SKU and quantity, the rest stays (same delivery, same order). */
    nextLine: () => {
      setSku('');
      setQuantity('');
      skuRef.current?.focus();
    },
  };
}

/** A warehouse picked by code, falling back to the first active one while the list loads or changes. */
export function useWarehouseChoice(initial = 'MAIN') {
  const warehouses = useWarehouseOptions();
  const [warehouse, setWarehouse] = useState(initial);
  const chosen = warehouses.some((w) => w.value === warehouse) ? warehouse : (warehouses[0]?.value ?? warehouse);
  return { warehouses, warehouse: chosen, setWarehouse };
}

interface LineFieldProps {
  value: string;
  onChange: (value: string) => void;
  inputRef: RefObject<HTMLInputElement | null>;
  form: MovementForm;
  testId: string;
}

export function SkuField({ value, onChange, inputRef, form, testId }: LineFieldProps) {
  const { t } = useTranslation();
  return (
    <Grid.Col span={{ base: 12, sm: 6 }}>
      <SkuInput value={value} onChange={onChange} label={t('stock.fields.sku')} error={form.errorOf('sku', t('stock.fields.sku'))} inputRef={inputRef} required testId={testId} />
    </Grid.Col>
  );
}

export function WarehouseField(props: {
  label?: string;
  path?: string;
  value: string;
  onChange: (code: string) => void;
  data: { value: string; label: string }[];
  form: MovementForm;
  testId: string;
  span?: Record<string, number>;
}) {
  const { t } = useTranslation();
  const label = props.label ?? t('stock.fields.warehouse');
  return (
    <Grid.Col span={props.span ?? { base: 12, sm: 6 }}>
      <NativeSelect
        label={label}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
        data={props.data}
        error={props.form.errorOf(props.path ?? 'warehouse', label)}
        data-testid={props.testId}
      />
    </Grid.Col>
  );
}

export function StockOfSku({ sku, form }: { sku: string; form: MovementForm }) {
  return (
    <Grid.Col span={12}>
      <SkuStock sku={sku} version={form.version} />
    </Grid.Col>
  );
}

export function QuantityField({ value, onChange, inputRef, form, testId, label, description }: LineFieldProps & { label?: string; description?: string }) {
  const { t } = useTranslation();
  const text = label ?? t('stock.fields.quantity');
  return (
    <Grid.Col span={{ base: 6, sm: 3 }}>
      <TextInput
        ref={inputRef}
        label={text}
        description={description}
        labelProps={{ 'data-required-mark': true }}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        error={form.errorOf('quantity', text)}
        dir="ltr"
        inputMode="decimal"
        data-testid={testId}
      />
    </Grid.Col>
  );
}

/** A decimal amount typed in the base currency (unit cost). */
export function AmountField(props: { label: string; description?: string; required?: boolean; value: string; onChange: (v: string) => void; error: string | undefined; testId: string }) {
  return (
    <Grid.Col span={{ base: 6, sm: 3 }}>
      <TextInput
        label={props.label}
        description={props.description}
        {...(props.required ? { labelProps: { 'data-required-mark': true } } : {})}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
        error={props.error}
        dir="ltr"
        inputMode="decimal"
        data-testid={props.testId}
      />
    </Grid.Col>
  );
}

/** The day the movement happened; empty means now. */
export function DateField({ value, onChange, form, span }: { value: string; onChange: (v: string) => void; form: MovementForm; span?: Record<string, number> }) {
  const { t } = useTranslation();
  return (
    <Grid.Col span={span ?? { base: 12, sm: 6 }}>
      <TextInput
        label={t('stock.fields.date')}
        description={t('stock.hints.date')}
        type="date"
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        error={form.errorOf('occurredAt', t('stock.fields.date'))}
      />
    </Grid.Col>
  );
}

/** Free text in the person's own script (reference, supplier, reason). */
export function TextField(props: {
  label: string;
  description?: string;
  required?: boolean;
  path: string;
  value: string;
  onChange: (v: string) => void;
  form: MovementForm;
  testId?: string;
  span?: number | Record<string, number>;
}) {
  return (
    <Grid.Col span={props.span ?? { base: 12, sm: 6 }}>
      <TextInput
        label={props.label}
        description={props.description}
        {...(props.required ? { labelProps: { 'data-required-mark': true } } : {})}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
        error={props.form.errorOf(props.path, props.label)}
        className="kontor-auto-dir"
        {...(props.testId ? { 'data-testid': props.testId } : {})}
      />
    </Grid.Col>
  );
}

/** The problem the core named no field for, then the submit button. */
export function SubmitRow({ form, icon, label, testId, children }: { form: MovementForm; icon: ReactNode; label: string; testId: string; children?: ReactNode }) {
  return (
    <>
      {form.problem && (
        <Alert color="red" variant="light" p="xs" mt="sm" role="alert">
          {form.problem}
        </Alert>
      )}
      {children}
      <Group mt="sm">
        <Button type="submit" loading={form.busy} leftSection={icon} data-testid={testId}>
          {label}
        </Button>
      </Group>
    </>
  );
}

