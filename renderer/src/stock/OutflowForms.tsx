import { Alert, Button, Grid, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { IconAdjustments, IconArrowBackUp, IconTruckDelivery } from '@tabler/icons-react';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatMoney } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { useCompany } from '../lib/company.tsx';
import { useLanguage } from '../lib/preferences.tsx';
import { useUnsavedChanges } from '../lib/unsavedChanges.ts';
import { FormFrame, RecentLog, useMovementForm, useSkuScan, useWarehouseOptions } from './MovementForms.tsx';
import { SkuInput } from './SkuInput.tsx';
import { SkuStock } from './SkuStock.tsx';
import { returnableShipments } from './movementChoices.ts';
import { useSkuMovements } from './skuMovements.ts';
import { formatQty, formatSignedQty } from './stockFormat.ts';

/** The problem line above a form's button, when the core named no field for it. */
function Problem({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <Alert color="red" variant="light" p="xs" mt="sm" role="alert">
      {text}
    </Alert>
  );
}

/** #/stock/ship: goods out of a warehouse; the core stores the cost of goods on the movement. */
export function ShipForm({ initialSku }: { initialSku: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const warehouses = useWarehouseOptions();
  const form = useMovementForm();
  const [sku, setSku] = useState(initialSku);
  const [warehouse, setWarehouse] = useState('MAIN');
  const [quantity, setQuantity] = useState('');
  const [reference, setReference] = useState('');
  const [date, setDate] = useState('');
  const quantityRef = useRef<HTMLInputElement>(null);
  const skuRef = useRef<HTMLInputElement>(null);
  useSkuScan(setSku, quantityRef);
  // A line being entered (a quantity typed); the SKU alone is a look-up, and the reference stays for
  // the next line of the same order, so neither counts as an edit to lose.
  useUnsavedChanges(quantity.trim() !== '');
  const chosenWarehouse = warehouses.some((w) => w.value === warehouse) ? warehouse : (warehouses[0]?.value ?? warehouse);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await form.run(
      () =>
        getClient().call('stock.ship', {
          sku: sku.trim(),
          warehouse: chosenWarehouse,
          quantity,
          ...(reference.trim() === '' ? {} : { reference }),
          ...(date === '' ? {} : { occurredAt: date }),
        }),
      (m) => t('stockOps.ship.done', { quantity: formatQty(Math.abs(m[0]?.quantityMilli ?? 0), language), sku: m[0]?.sku ?? sku, warehouse: m[0]?.warehouseCode ?? '' }),
    );
    if (ok) {
      setSku('');
      setQuantity('');
      skuRef.current?.focus();
    }
  };

  return (
    <Stack gap="md">
      <FormFrame title={t('stockOps.ship.title')} icon={<IconTruckDelivery size={18} />} onSubmit={(e) => void submit(e)} testId="ship-form">
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <SkuInput value={sku} onChange={setSku} label={t('stock.fields.sku')} error={form.errorOf('sku', t('stock.fields.sku'))} inputRef={skuRef} required testId="ship-sku" />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <NativeSelect
              label={t('stock.fields.warehouse')}
              value={chosenWarehouse}
              onChange={(e) => setWarehouse(e.currentTarget.value)}
              data={warehouses}
              error={form.errorOf('warehouse', t('stock.fields.warehouse'))}
              data-testid="ship-warehouse"
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
              data-testid="ship-quantity"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 3 }}>
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
              label={t('stock.fields.reference')}
              description={t('stockOps.ship.referenceHint')}
              value={reference}
              onChange={(e) => setReference(e.currentTarget.value)}
              error={form.errorOf('reference', t('stock.fields.reference'))}
              className="kontor-auto-dir"
              data-testid="ship-reference"
            />
          </Grid.Col>
        </Grid>
        <Problem text={form.problem} />
        <Group mt="sm">
          <Button type="submit" loading={form.busy} leftSection={<IconTruckDelivery size={14} />} data-testid="ship-submit">
            {t('stockOps.ship.submit')}
          </Button>
        </Group>
      </FormFrame>
      <RecentLog log={form.log} />
    </Stack>
  );
}

/** #/stock/adjust: a signed change of the quantity on hand with a reason (breakage, found, sample). */
export function AdjustForm({ initialSku }: { initialSku: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { profile } = useCompany();
  const warehouses = useWarehouseOptions();
  const form = useMovementForm();
  const [sku, setSku] = useState(initialSku);
  const [warehouse, setWarehouse] = useState('MAIN');
  const [quantity, setQuantity] = useState('');
  const [reason, setReason] = useState('');
  const [unitCost, setUnitCost] = useState('');
  const [date, setDate] = useState('');
  const quantityRef = useRef<HTMLInputElement>(null);
  const skuRef = useRef<HTMLInputElement>(null);
  useSkuScan(setSku, quantityRef);
  useUnsavedChanges(quantity.trim() !== '' || reason.trim() !== '' || unitCost.trim() !== '');
  const currency = profile?.baseCurrency ?? '';
  const chosenWarehouse = warehouses.some((w) => w.value === warehouse) ? warehouse : (warehouses[0]?.value ?? warehouse);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await form.run(
      () =>
        getClient().call('stock.adjust', {
          sku: sku.trim(),
          warehouse: chosenWarehouse,
          quantity,
          reason,
          ...(unitCost.trim() === '' ? {} : { unitCost }),
          ...(date === '' ? {} : { occurredAt: date }),
        }),
      (m) => t('stockOps.adjust.done', { quantity: formatSignedQty(m[0]?.quantityMilli ?? 0, language), sku: m[0]?.sku ?? sku, warehouse: m[0]?.warehouseCode ?? '' }),
    );
    if (ok) {
      setSku('');
      setQuantity('');
      setUnitCost('');
      setReason('');
      skuRef.current?.focus();
    }
  };

  return (
    <Stack gap="md">
      <FormFrame title={t('stockOps.adjust.title')} icon={<IconAdjustments size={18} />} onSubmit={(e) => void submit(e)} testId="adjust-form">
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <SkuInput value={sku} onChange={setSku} label={t('stock.fields.sku')} error={form.errorOf('sku', t('stock.fields.sku'))} inputRef={skuRef} required testId="adjust-sku" />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <NativeSelect
              label={t('stock.fields.warehouse')}
              value={chosenWarehouse}
              onChange={(e) => setWarehouse(e.currentTarget.value)}
              data={warehouses}
              error={form.errorOf('warehouse', t('stock.fields.warehouse'))}
              data-testid="adjust-warehouse"
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <SkuStock sku={sku} version={form.version} />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 3 }}>
            <TextInput
              ref={quantityRef}
              label={t('stockOps.adjust.quantity')}
              description={t('stockOps.adjust.quantityHint')}
              labelProps={{ 'data-required-mark': true }}
              value={quantity}
              onChange={(e) => setQuantity(e.currentTarget.value)}
              error={form.errorOf('quantity', t('stockOps.adjust.quantity'))}
              dir="ltr"
              inputMode="decimal"
              data-testid="adjust-quantity"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 3 }}>
            <TextInput
              label={t('stockOps.adjust.unitCost', { currency })}
              description={t('stockOps.adjust.unitCostHint')}
              value={unitCost}
              onChange={(e) => setUnitCost(e.currentTarget.value)}
              error={form.errorOf('unitCost', t('stockOps.adjust.unitCost', { currency }))}
              dir="ltr"
              inputMode="decimal"
              data-testid="adjust-unit-cost"
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
          <Grid.Col span={12}>
            <TextInput
              label={t('stockOps.fields.reason')}
              description={t('stockOps.adjust.reasonHint')}
              labelProps={{ 'data-required-mark': true }}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={form.errorOf('reason', t('stockOps.fields.reason'))}
              className="kontor-auto-dir"
              data-testid="adjust-reason"
            />
          </Grid.Col>
        </Grid>
        <Problem text={form.problem} />
        <Group mt="sm">
          <Button type="submit" loading={form.busy} leftSection={<IconAdjustments size={14} />} data-testid="adjust-submit">
            {t('stockOps.adjust.submit')}
          </Button>
        </Group>
      </FormFrame>
      <RecentLog log={form.log} />
    </Stack>
  );
}

const AVERAGE = '';

/**
 * #/stock/return: goods back from a buyer. Taken back against a shipment, they come in at that
 * shipment's cost (and at most what it shipped); without one, at the current average cost.
 */
export function ReturnForm({ initialSku }: { initialSku: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const warehouses = useWarehouseOptions();
  const form = useMovementForm();
  const [sku, setSku] = useState(initialSku);
  const [shipment, setShipment] = useState(AVERAGE);
  const [warehouse, setWarehouse] = useState('MAIN');
  const [quantity, setQuantity] = useState('');
  const [reason, setReason] = useState('');
  const [reference, setReference] = useState('');
  const quantityRef = useRef<HTMLInputElement>(null);
  const skuRef = useRef<HTMLInputElement>(null);
  useSkuScan(setSku, quantityRef);
  useUnsavedChanges(quantity.trim() !== '' || reason.trim() !== '');
  const history = useSkuMovements(sku, form.version);
  const shipments = history ? returnableShipments(history.movements) : [];
  const chosenShipment = shipments.find((m) => String(m.id) === shipment) ?? null;
  const chosenWarehouse = warehouses.some((w) => w.value === warehouse) ? warehouse : (warehouses[0]?.value ?? warehouse);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await form.run(
      () =>
        getClient().call('stock.return', {
          sku: sku.trim(),
          ...(chosenShipment ? { shipmentId: chosenShipment.id } : { warehouse: chosenWarehouse }),
          quantity,
          ...(reason.trim() === '' ? {} : { reason }),
          ...(reference.trim() === '' ? {} : { reference }),
        }),
      (m) => t('stockOps.return.done', { quantity: formatQty(m[0]?.quantityMilli ?? 0, language), sku: m[0]?.sku ?? sku, warehouse: m[0]?.warehouseCode ?? '' }),
    );
    if (ok) {
      setQuantity('');
      setReason('');
      setShipment(AVERAGE);
      quantityRef.current?.focus();
    }
  };

  return (
    <Stack gap="md">
      <FormFrame title={t('stockOps.return.title')} icon={<IconArrowBackUp size={18} className="kontor-flip-rtl" />} onSubmit={(e) => void submit(e)} testId="return-form">
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <SkuInput value={sku} onChange={setSku} label={t('stock.fields.sku')} error={form.errorOf('sku', t('stock.fields.sku'))} inputRef={skuRef} required testId="return-sku" />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <NativeSelect
              label={t('stockOps.return.shipment')}
              description={t('stockOps.return.shipmentHint')}
              value={chosenShipment ? String(chosenShipment.id) : AVERAGE}
              onChange={(e) => setShipment(e.currentTarget.value)}
              data={[
                { value: AVERAGE, label: t('stockOps.return.noShipment') },
                ...shipments.map((m) => ({
                  value: String(m.id),
                  label: t('stockOps.return.shipmentOption', {
                    id: m.id,
                    date: formatDateTime(m.occurredAt, language),
                    quantity: formatQty(Math.abs(m.quantityMilli), language),
                    warehouse: m.warehouseCode,
                    cost: history?.currency && m.unitCostMinor !== null ? formatMoney(m.unitCostMinor, history.currency, language) : '—',
                  }),
                })),
              ]}
              error={form.errorOf('shipmentId', t('stockOps.return.shipment'))}
              data-testid="return-shipment"
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
              data-testid="return-quantity"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 3 }}>
            {chosenShipment ? (
              <TextInput label={t('stock.fields.warehouse')} value={chosenShipment.warehouseCode} readOnly description={t('stockOps.return.warehouseOfShipment')} />
            ) : (
              <NativeSelect
                label={t('stock.fields.warehouse')}
                value={chosenWarehouse}
                onChange={(e) => setWarehouse(e.currentTarget.value)}
                data={warehouses}
                error={form.errorOf('warehouse', t('stock.fields.warehouse'))}
                data-testid="return-warehouse"
              />
            )}
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t('stock.fields.reference')}
              description={t('stockOps.return.referenceHint')}
              value={reference}
              onChange={(e) => setReference(e.currentTarget.value)}
              error={form.errorOf('reference', t('stock.fields.reference'))}
              className="kontor-auto-dir"
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <TextInput
              label={t('stockOps.fields.reason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={form.errorOf('reason', t('stockOps.fields.reason'))}
              className="kontor-auto-dir"
              data-testid="return-reason"
            />
          </Grid.Col>
        </Grid>
        {history?.problem !== null && history?.problem !== undefined && (
          <Text size="xs" c="dimmed" mt="xs">
            {t('stockOps.return.noHistory')}
          </Text>
        )}
        <Problem text={form.problem} />
        <Group mt="sm">
          <Button type="submit" loading={form.busy} leftSection={<IconArrowBackUp size={14} className="kontor-flip-rtl" />} data-testid="return-submit">
            {t('stockOps.return.submit')}
          </Button>
        </Group>
      </FormFrame>
      <RecentLog log={form.log} />
    </Stack>
  );
}
