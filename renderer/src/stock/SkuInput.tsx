import { Autocomplete, Group, Text } from '@mantine/core';
import { IconBarcode } from '@tabler/icons-react';
import { useEffect, useMemo, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductSearchHit } from '../../../shared/catalog/list.ts';
import { getClient } from '../lib/api.ts';
import { describeError } from '../lib/errors.ts';
import { notify } from '../lib/notifications.ts';
import { BARCODE_INPUT_ATTRIBUTE } from '../lib/useBarcodeScanner.ts';

/**
 * A SKU field with search (products.search as you type: SKU, GTIN or words of the title) that also
 * takes a barcode scan: the screen's scanner hook turns a scanned GTIN into the SKU.
 */
export function SkuInput({
  value,
  onChange,
  label,
  error,
  id,
  inputRef,
  required = false,
  testId,
}: {
  value: string;
  onChange: (sku: string) => void;
  label: string;
  error?: string | undefined;
  id?: string;
  inputRef?: Ref<HTMLInputElement>;
  required?: boolean;
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  const [hits, setHits] = useState<ProductSearchHit[]>([]);

  useEffect(() => {
    const text = value.trim();
    if (text.length < 2) return;
    let current = true;
    const timer = setTimeout(() => {
      getClient()
        .call('products.search', { text, limit: 12 })
        .then((found) => {
          if (current) setHits(found);
        })
        .catch((reason: unknown) => {
          if (current) notify({ kind: 'error', title: t('stock.skuSearchFailed'), message: describeError(i18n, reason) });
        });
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [value, t, i18n]);

  const short = value.trim().length < 2;
  const shown = useMemo(() => (short ? [] : hits), [short, hits]);
  const titles = useMemo(() => new Map(shown.map((h) => [h.sku, h.title])), [shown]);
  return (
    <Autocomplete
      id={id}
      ref={inputRef}
      label={label}
      labelProps={required ? { 'data-required-mark': true } : undefined}
      aria-required={required || undefined}
      value={value}
      onChange={onChange}
      data={shown.map((h) => h.sku)}
      filter={({ options }) => options}
      renderOption={({ option }) => (
        <Group gap="xs" wrap="nowrap">
          <Text size="sm" ff="monospace" dir="ltr">
            {option.value}
          </Text>
          <Text size="xs" c="dimmed" truncate dir="auto">
            {titles.get(option.value) ?? ''}
          </Text>
        </Group>
      )}
      leftSection={<IconBarcode size={14} />}
      placeholder={t('stock.skuPlaceholder')}
      error={error}
      dir="ltr"
      spellCheck={false}
      autoComplete="off"
      limit={12}
      {...{ [BARCODE_INPUT_ATTRIBUTE]: true }}
      data-testid={testId}
    />
  );
}
