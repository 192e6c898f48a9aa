import { Grid, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { IconAdjustments, IconArrowBackUp, IconTruckDelivery } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatMoney } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { useCompany } from '../lib/company.tsx';
import { useLanguage } from '../lib/preferences.tsx';
import { useUnsavedChanges } from '../lib/unsavedChanges.ts';
import {
  AmountField,
  DateField,
  FormFrame,
  QuantityField,
  RecentLog,
  SkuField,
  StockOfSku,
  SubmitRow,
  TextField,
  useMovementForm,
  useSkuLine,
  useWarehouseChoice,
  WarehouseField,
} from './MovementFields.tsx';
import { returnableShipments } from './movementChoices.ts';
import { useSkuMovements } from './skuMovements.ts';
import { formatQty, formatSignedQty } from './stockFormat.ts';

/** #/stock/ship: goods out of a warehouse; the core stores the cost of goods on the movement. */
export function ShipForm({ initialSku }: { initialSku: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const form = useMovementForm();
  const { sku, setSku, quantity, setQuantity, skuRef, quantityRef, nextLine } = useSkuLine(initialSku);
  const { warehouses, warehouse, setWarehouse } = useWarehouseChoice();
  const [reference, setReference] = useState('');
  const [date, setDate] = useState('');
  // A line being entered (a quantity typed); the SKU alone is a look-up, and the reference stays for
  // the next line of the same order, so neither counts as an edit to lose.
  useUnsavedChanges(quantity.trim() !== '');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await form.run(
      () =>
        getClient().call('stock.ship', {
          sku: sku.trim(),
          warehouse,
          quantity: quantity,
          ...(reference.trim() === '' ? {} : { reference }),
          ...(date === '' ? {} : { occurredAt: date }),
        }),
      (m) => t('stockOps.ship.done', { quantity: formatQty(Math.abs(m[0]?.quantityMilli ?? 0), language), sku: m[0]?.sku ?? sku, warehouse: m[0]?.warehouseCode ?? '' }),
    );
    if (ok) nextLine();
  };

  return (
    <Stack gap="md">
      <FormFrame title={t('stockOps.ship.title')} icon={<IconTruckDelivery size={18} />} onSubmit={(e) => void submit(e)} testId="ship-form">
        <Grid gap="sm">
          <SkuField value={sku} onChange={setSku} inputRef={skuRef} form={form} testId="ship-sku" />
          <WarehouseField value={warehouse} onChange={setWarehouse} data={warehouses} form={form} testId="ship-warehouse" />
          <StockOfSku sku={sku} form={form} />
          <QuantityField value={quantity} onChange={setQuantity} inputRef={quantityRef} form={form} testId="ship-quantity" />
          <DateField value={date} onChange={setDate} form={form} span={{ base: 6, sm: 3 }} />
          <TextField
            label={t('stock.fields.reference')}
            description={t('stockOps.ship.referenceHint')}
            path="reference"
            value={reference}
            onChange={setReference}
            form={form}
            testId="ship-reference"
          />
        </Grid>
        <SubmitRow form={form} icon={<IconTruckDelivery size={14} />} label={t('stockOps.ship.submit')} testId="ship-submit" />
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
  const form = useMovementForm();
  const { sku, setSku, quantity, setQuantity, skuRef, quantityRef, nextLine } = useSkuLine(initialSku);
  const { warehouses, warehouse, setWarehouse } = useWarehouseChoice();
  const [reason, setReason] = useState('');
  const [unitCost, setUnitCost] = useState('');
  const [date, setDate] = useState('');
  useUnsavedChanges(quantity.trim() !== '' || reason.trim() !== '' || unitCost.trim() !== '');
  const currency = profile?.baseCurrency ?? '';
  const unitCostLabel = t('stockOps.adjust.unitCost', { currency });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await form.run(
      () =>
        getClient().call('stock.adjust', {
          sku: sku.trim(),
          warehouse,
          quantity: quantity,
          reason,
          ...(unitCost.trim() === '' ? {} : { unitCost }),
          ...(date === '' ? {} : { occurredAt: date }),
        }),
      (m) => t('stockOps.adjust.done', { quantity: formatSignedQty(m[0]?.quantityMilli ?? 0, language), sku: m[0]?.sku ?? sku, warehouse: m[0]?.warehouseCode ?? '' }),
    );
    if (ok) {
      setUnitCost('');
      setReason('');
      nextLine();
    }
  };

  return (
    <Stack gap="md">
      <FormFrame title={t('stockOps.adjust.title')} icon={<IconAdjustments size={18} />} onSubmit={(e) => void submit(e)} testId="adjust-form">
        <Grid gap="sm">
          <SkuField value={sku} onChange={setSku} inputRef={skuRef} form={form} testId="adjust-sku" />
          <WarehouseField value={warehouse} onChange={setWarehouse} data={warehouses} form={form} testId="adjust-warehouse" />
          <StockOfSku sku={sku} form={form} />
          <QuantityField value={quantity} onChange={setQuantity} inputRef={quantityRef} form={form} testId="adjust-quantity" label={t('stockOps.adjust.quantity')} description={t('stockOps.adjust.quantityHint')} />
          <AmountField
            label={unitCostLabel}
            description={t('stockOps.adjust.unitCostHint')}
            value={unitCost}
            onChange={setUnitCost}
            error={form.errorOf('unitCost', unitCostLabel)}
            testId="adjust-unit-cost"
          />
          <DateField value={date} onChange={setDate} form={form} />
          <TextField
            label={t('stockOps.fields.reason')}
            description={t('stockOps.adjust.reasonHint')}
            required
            path="reason"
            value={reason}
            onChange={setReason}
            form={form}
            testId="adjust-reason"
            span={12}
          />
        </Grid>
        <SubmitRow form={form} icon={<IconAdjustments size={14} />} label={t('stockOps.adjust.submit')} testId="adjust-submit" />
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
  const form = useMovementForm();
  const { sku, setSku, quantity, setQuantity, skuRef, quantityRef } = useSkuLine(initialSku);
  const { warehouses, warehouse, setWarehouse } = useWarehouseChoice();
  const [shipment, setShipment] = useState(AVERAGE);
  const [reason, setReason] = useState('');
  const [reference, setReference] = useState('');
  useUnsavedChanges(quantity.trim() !== '' || reason.trim() !== '');
  const history = useSkuMovements(sku, form.version);
  const shipments = history ? returnableShipments(history.movements) : [];
  const chosenShipment = shipments.find((m) => String(m.id) === shipment) ?? null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await form.run(
      () =>
        getClient().call('stock.return', {
          sku: sku.trim(),
          ...(chosenShipment ? { shipmentId: chosenShipment.id } : { warehouse }),
          quantity: quantity,
          ...(reason.trim() === '' ? {} : { reason }),
          ...(reference.trim() === '' ? {} : { reference }),
        }),
      (m) => t('stockOps.return.done', { quantity: formatQty(m[0]?.quantityMilli ?? 0, language), sku: m[0]?.sku ?? sku, warehouse: m[0]?.warehouseCode ?? '' }),
    );
    if (ok) {
      // The same SKU often comes back in several lots: keep it, ready for the next quantity.
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
          <SkuField value={sku} onChange={setSku} inputRef={skuRef} form={form} testId="return-sku" />
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
          <StockOfSku sku={sku} form={form} />
          <QuantityField value={quantity} onChange={setQuantity} inputRef={quantityRef} form={form} testId="return-quantity" />
          {chosenShipment ? (
            <Grid.Col span={{ base: 6, sm: 3 }}>
              <TextInput label={t('stock.fields.warehouse')} value={chosenShipment.warehouseCode} readOnly description={t('stockOps.return.warehouseOfShipment')} />
            </Grid.Col>
          ) : (
            <WarehouseField value={warehouse} onChange={setWarehouse} data={warehouses} form={form} testId="return-warehouse" span={{ base: 6, sm: 3 }} />
          )}
          <TextField
            label={t('stock.fields.reference')}
            description={t('stockOps.return.referenceHint')}
            path="reference"
            value={reference}
            onChange={setReference}
            form={form}
          />
          <TextField label={t('stockOps.fields.reason')} path="reason" value={reason} onChange={setReason} form={form} testId="return-reason" span={12} />
        </Grid>
        <SubmitRow form={form} icon={<IconArrowBackUp size={14} className="kontor-flip-rtl" />} label={t('stockOps.return.submit')} testId="return-submit">
          {history?.problem !== null && history?.problem !== undefined && (
            <Text size="xs" c="dimmed" mt="xs">
              {t('stockOps.return.noHistory')}
            </Text>
          )}
        </SubmitRow>
      </FormFrame>
      <RecentLog log={form.log} />
    </Stack>
  );
}
