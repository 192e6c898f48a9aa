import { Alert, Button, Group, Modal, NativeSelect, Select, Stack, Text, TextInput, TreeSelect } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Category } from '../../../shared/catalog/category.ts';
import type { BulkUpdate, PriceList } from '../../../shared/catalog/list.ts';
import { changePrice, percentToBasisPoints, PRICE_ROUNDINGS, type PriceRounding } from '../../../shared/catalog/pricing.ts';
import { PRODUCT_STATUSES, type ProductStatus } from '../../../shared/catalog/product.ts';
import { CURRENCY_CODES } from '../../../shared/reference/currencies.ts';
import { formatInteger, formatMoney } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { describeProblem } from '../lib/issues.ts';
import { notify } from '../lib/notifications.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { categoryTree } from './categoryTree.ts';
import { parsePercent } from './percent.ts';

export type BulkKind = 'category' | 'status' | 'price';

const ALL = '';

/**
 * One change for every selected product: a category, a status, or prices by a percentage with
 * rounding. It says how many products it is about to change, and only then changes them, all or
 * nothing (products.bulkUpdate runs in one transaction).
 */
export function BulkDialog({
  kind,
  ids,
  categories,
  nameLanguages,
  priceLists,
  onClose,
  onDone,
}: {
  kind: BulkKind;
  ids: number[];
  categories: readonly Category[];
  nameLanguages: readonly string[];
  priceLists: readonly PriceList[];
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const [category, setCategory] = useState<string | null>(null);
  const [status, setStatus] = useState<ProductStatus>('active');
  const [percent, setPercent] = useState('');
  const [rounding, setRounding] = useState<PriceRounding>('none');
  const [priceList, setPriceList] = useState(ALL);
  const [currency, setCurrency] = useState(ALL);
  const [problem, setProblem] = useState<string | null>(null);
  const [percentError, setPercentError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const tree = useMemo(
    () => [{ value: 'none', label: t('products.bulk.noCategory') }, ...categoryTree(categories, nameLanguages)],
    [categories, nameLanguages, t],
  );
  const parsedPercent = parsePercent(percent);
  const exampleCurrency = currency === ALL ? 'EUR' : currency;
  const example =
    parsedPercent === null ? null : changePrice(4990, percentToBasisPoints(parsedPercent), rounding, exampleCurrency);

  const ready = kind === 'category' ? category !== null : kind === 'status' ? true : parsedPercent !== null;

  const apply = async () => {
    setProblem(null);
    let set: BulkUpdate['set'];
    if (kind === 'category') set = { categoryId: category === 'none' || category === null ? null : Number(category) };
    else if (kind === 'status') set = { status };
    else {
      if (parsedPercent === null) {
        setPercentError(t('products.bulk.percentInvalid'));
        return;
      }
      set = {
        priceChange: {
          percent: parsedPercent,
          rounding,
          ...(priceList === ALL ? {} : { priceList }),
          ...(currency === ALL ? {} : { currency }),
        },
      };
    }
    setBusy(true);
    try {
      const result = await getClient().call('products.bulkUpdate', { ids, set });
      notify({
        kind: 'success',
        title:
          kind === 'price'
            ? t('products.bulk.donePrices', { count: result.updated, prices: formatInteger(result.pricesChanged, language) })
            : t('products.bulk.done', { count: result.updated, formatted: formatInteger(result.updated, language) }),
      });
      onDone();
    } catch (error) {
      setProblem(describeProblem(i18n, error, t('products.bulk.title')));
    } finally {
      setBusy(false);
    }
  };

  const title = t(kind === 'category' ? 'products.bulk.categoryTitle' : kind === 'status' ? 'products.bulk.statusTitle' : 'products.bulk.priceTitle');
  return (
    <Modal opened onClose={onClose} title={title} size="md" data-testid="bulk-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void apply();
        }}
      >
        <Stack gap="sm">
          {kind === 'category' && (
            <TreeSelect
              label={t('products.fields.category')}
              data={tree}
              value={category}
              onChange={setCategory}
              searchable
              defaultExpandAll
              data-autofocus
              comboboxProps={{ withinPortal: false }}
            />
          )}
          {kind === 'status' && (
            <NativeSelect
              label={t('products.fields.status')}
              value={status}
              onChange={(e) => setStatus(e.currentTarget.value as ProductStatus)}
              data={PRODUCT_STATUSES.map((s) => ({ value: s, label: t(`products.status.${s}`) }))}
              data-autofocus
            />
          )}
          {kind === 'price' && (
            <>
              <Group grow align="flex-start">
                <TextInput
                  label={t('products.bulk.percent')}
                  description={t('products.bulk.percentHint')}
                  value={percent}
                  onChange={(e) => {
                    setPercent(e.currentTarget.value);
                    setPercentError(null);
                  }}
                  error={percentError}
                  dir="ltr"
                  data-autofocus
                  data-testid="bulk-percent"
                />
                <NativeSelect
                  label={t('products.bulk.rounding')}
                  value={rounding}
                  onChange={(e) => setRounding(e.currentTarget.value as PriceRounding)}
                  data={PRICE_ROUNDINGS.map((r) => ({ value: r, label: t(`products.rounding.${r === '.99' ? 'p99' : r === '0.05' ? 'p05' : r}`) }))}
                  data-testid="bulk-rounding"
                />
              </Group>
              <Group grow align="flex-start">
                <NativeSelect
                  label={t('products.filters.priceList')}
                  value={priceList}
                  onChange={(e) => setPriceList(e.currentTarget.value)}
                  data={[{ value: ALL, label: t('products.bulk.allPriceLists') }, ...priceLists.map((p) => ({ value: p.code, label: p.code }))]}
                />
                <Select
                  label={t('products.filters.currency')}
                  value={currency}
                  onChange={(v) => setCurrency(v ?? ALL)}
                  data={[{ value: ALL, label: t('products.bulk.allCurrencies') }, ...CURRENCY_CODES.map((c) => ({ value: c, label: c }))]}
                  searchable
                  allowDeselect={false}
                  comboboxProps={{ withinPortal: false }}
                />
              </Group>
              {example !== null && (
                <Text size="sm" c="dimmed" data-testid="bulk-example">
                  {t('products.bulk.example', {
                    before: formatMoney(4990, exampleCurrency, language),
                    after: formatMoney(example, exampleCurrency, language),
                  })}
                </Text>
              )}
            </>
          )}
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={16} />} p="xs" data-testid="bulk-confirm-text">
            {t('products.bulk.confirm', { count: ids.length, formatted: formatInteger(ids.length, language) })}
          </Alert>
          {problem && (
            <Alert color="red" variant="light" p="xs" role="alert">
              {problem}
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!ready} data-testid="bulk-apply">
              {t('products.bulk.apply', { count: ids.length, formatted: formatInteger(ids.length, language) })}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
