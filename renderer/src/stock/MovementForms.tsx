import { Grid, Stack, Text } from '@mantine/core';
import { IconArrowsExchange, IconPackageImport } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
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
import { formatSignedQty } from './stockFormat.ts';

/** #/stock/receive: goods in from a supplier, at a unit cost in the base currency. */
export function ReceiveForm({ initialSku }: { initialSku: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { profile } = useCompany();
  const form = useMovementForm();
  const { sku, setSku, quantity, setQuantity, skuRef, quantityRef, nextLine } = useSkuLine(initialSku);
  const { warehouses, warehouse, setWarehouse } = useWarehouseChoice();
  const [unitCost, setUnitCost] = useState('');
  const [supplier, setSupplier] = useState('');
  const [reference, setReference] = useState('');
  const [date, setDate] = useState('');
  // A line being entered; supplier and reference stay for the next line of the delivery.
  useUnsavedChanges(quantity.trim() !== '' || unitCost.trim() !== '');
  const currency = profile?.baseCurrency ?? '';
  const unitCostLabel = t('stock.fields.unitCost', { currency });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await form.run(
      () =>
        getClient().call('stock.receive', {
          sku: sku.trim(),
          warehouse,
          quantity: quantity,
          unitCost,
          ...(supplier.trim() === '' ? {} : { supplier }),
          ...(reference.trim() === '' ? {} : { reference }),
          ...(date === '' ? {} : { occurredAt: date }),
        }),
      (m) => t('stock.receive.done', { quantity: formatSignedQty(m[0]?.quantityMilli ?? 0, language), sku: m[0]?.sku ?? sku, warehouse: m[0]?.warehouseCode ?? '' }),
    );
    if (ok) {
      // Next line of the same delivery: same warehouse, supplier and reference; a new SKU.
      setUnitCost('');
      nextLine();
    }
  };

  return (
    <Stack gap="md">
      <FormFrame title={t('stock.receive.title')} icon={<IconPackageImport size={18} />} onSubmit={(e) => void submit(e)} testId="receive-form">
        <Grid gap="sm">
          <SkuField value={sku} onChange={setSku} inputRef={skuRef} form={form} testId="receive-sku" />
          <WarehouseField value={warehouse} onChange={setWarehouse} data={warehouses} form={form} testId="receive-warehouse" />
          <StockOfSku sku={sku} form={form} />
          <QuantityField value={quantity} onChange={setQuantity} inputRef={quantityRef} form={form} testId="receive-quantity" />
          <AmountField
            label={unitCostLabel}
            required
            value={unitCost}
            onChange={setUnitCost}
            error={form.errorOf('unitCost', unitCostLabel) ?? form.errorOf('totalCost', unitCostLabel)}
            testId="receive-unit-cost"
          />
          <DateField value={date} onChange={setDate} form={form} />
          <TextField label={t('stock.fields.supplier')} path="supplier" value={supplier} onChange={setSupplier} form={form} testId="receive-supplier" />
          <TextField
            label={t('stock.fields.reference')}
            description={t('stock.hints.reference')}
            path="reference"
            value={reference}
            onChange={setReference}
            form={form}
            testId="receive-reference"
          />
        </Grid>
        <SubmitRow form={form} icon={<IconPackageImport size={14} />} label={t('stock.receive.submit')} testId="receive-submit">
          {currency === '' && (
            <Text size="xs" c="orange" mt="xs">
              {t('stock.needsCompany')}
            </Text>
          )}
        </SubmitRow>
      </FormFrame>
      <RecentLog log={form.log} />
    </Stack>
  );
}

/** #/stock/transfer: stock from one warehouse to another (two movements, value unchanged). */
export function TransferForm({ initialSku }: { initialSku: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const form = useMovementForm();
  const { sku, setSku, quantity, setQuantity, skuRef, quantityRef, nextLine } = useSkuLine(initialSku);
  const { warehouses, warehouse: from, setWarehouse: setFrom } = useWarehouseChoice();
  const [to, setTo] = useState('');
  const [reference, setReference] = useState('');
  useUnsavedChanges(quantity.trim() !== '');
  const chosenTo = warehouses.some((w) => w.value === to) ? to : (warehouses.find((w) => w.value !== from)?.value ?? to);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await form.run(
      () =>
        getClient().call('stock.transfer', {
          sku: sku.trim(),
          from,
          to: chosenTo,
          quantity: quantity,
          ...(reference.trim() === '' ? {} : { reference }),
        }),
      (m) => {
        const out = m.find((x) => x.kind === 'transfer_out');
        const into = m.find((x) => x.kind === 'transfer_in');
        return t('stock.transfer.done', {
          quantity: formatSignedQty(Math.abs(out?.quantityMilli ?? 0), language).replace('+', ''),
          sku: out?.sku ?? sku,
          from: out?.warehouseCode ?? from,
          to: into?.warehouseCode ?? chosenTo,
        });
      },
    );
    if (ok) nextLine();
  };

  const half = { base: 6, sm: 3 };
  return (
    <Stack gap="md">
      <FormFrame title={t('stock.transfer.title')} icon={<IconArrowsExchange size={18} />} onSubmit={(e) => void submit(e)} testId="transfer-form">
        <Grid gap="sm">
          <SkuField value={sku} onChange={setSku} inputRef={skuRef} form={form} testId="transfer-sku" />
          <WarehouseField label={t('stock.fields.from')} path="from" value={from} onChange={setFrom} data={warehouses} form={form} testId="transfer-from" span={half} />
          <WarehouseField label={t('stock.fields.to')} path="to" value={chosenTo} onChange={setTo} data={warehouses} form={form} testId="transfer-to" span={half} />
          <StockOfSku sku={sku} form={form} />
          <QuantityField value={quantity} onChange={setQuantity} inputRef={quantityRef} form={form} testId="transfer-quantity" />
          <TextField label={t('stock.fields.reference')} path="reference" value={reference} onChange={setReference} form={form} span={{ base: 12, sm: 9 }} />
        </Grid>
        <SubmitRow form={form} icon={<IconArrowsExchange size={14} />} label={t('stock.transfer.submit')} testId="transfer-submit" />
      </FormFrame>
      <RecentLog log={form.log} />
    </Stack>
  );
}
