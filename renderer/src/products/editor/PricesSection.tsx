import { ActionIcon, Button, Group, NativeSelect, Paper, Select, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { PriceList } from '../../../../shared/catalog/list.ts';
import { CURRENCY_CODES } from '../../../../shared/reference/currencies.ts';
import { uid, type MoqDraft, type PriceDraft, type ProductDraft } from '../productDraft.ts';
import type { Bind } from './fieldBinding.ts';

const currencyData = CURRENCY_CODES.map((c) => ({ value: c, label: c }));

/**
 * Cost price, sales prices per price list and currency with quantity tiers ("from 10 pcs: 42.00"),
 * and the minimum order quantity per price list.
 */
export function PricesSection({
  draft,
  setDraft,
  bind,
  priceLists,
  defaultCurrency,
}: {
  draft: ProductDraft;
  setDraft: (change: (d: ProductDraft) => ProductDraft) => void;
  bind: Bind;
  priceLists: readonly PriceList[];
  defaultCurrency: string;
}) {
  const { t } = useTranslation();
  const listData = priceLists.map((p) => ({ value: p.code, label: `${p.code} – ${p.name}` }));
  const firstList = priceLists[0]?.code ?? 'RETAIL';
  // A list's own currency (catalog settings) is where its new prices start; else the base currency.
  const currencyOf = (code: string) => priceLists.find((p) => p.code === code)?.currency ?? defaultCurrency;

  const setPrice = (index: number, change: (p: PriceDraft) => PriceDraft) =>
    setDraft((d) => ({ ...d, prices: d.prices.map((p, i) => (i === index ? change(p) : p)) }));
  const setMoq = (index: number, change: (m: MoqDraft) => MoqDraft) =>
    setDraft((d) => ({ ...d, minimumOrders: d.minimumOrders.map((m, i) => (i === index ? change(m) : m)) }));

  const cost = bind('costPrice.amountMinor', t('products.fields.costPrice'));
  const costCurrency = bind('costPrice.currency', t('products.fields.currency'));
  return (
    <Stack gap="md">
      <Paper withBorder p="sm">
        <Title order={2} size="h4" mb="xs">
          {t('products.sections.cost')}
        </Title>
        <Group gap="sm" align="flex-start">
          <TextInput
            {...cost}
            description={t('products.hints.costPrice')}
            value={draft.costAmount}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setDraft((d) => ({ ...d, costAmount: value, costCurrency: d.costCurrency === '' ? defaultCurrency : d.costCurrency }));
            }}
            dir="ltr"
            w={180}
          />
          <Select
            {...costCurrency}
            data={currencyData}
            value={draft.costCurrency === '' ? null : draft.costCurrency}
            onChange={(v) => setDraft((d) => ({ ...d, costCurrency: v ?? '' }))}
            searchable
            w={110}
          />
        </Group>
      </Paper>

      <Paper withBorder p="sm">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4">
            {t('products.sections.prices')}
          </Title>
          <Button
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() =>
              setDraft((d) => ({
                ...d,
                prices: [...d.prices, { uid: uid('p'), priceList: firstList, currency: currencyOf(firstList), tiers: [{ uid: uid('t'), minQuantity: '1', amount: '' }] }],
              }))
            }
            data-testid="add-price"
          >
            {t('products.prices.add')}
          </Button>
        </Group>
        {draft.prices.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('products.prices.none')}
          </Text>
        ) : (
          <Stack gap="sm">
            {draft.prices.map((price, i) => {
              const name = t('products.prices.row', { n: i + 1 });
              return (
                <Paper key={price.uid} withBorder p="xs" bg="var(--mantine-color-default-hover)" aria-label={name} component="section">
                  <Group gap="sm" align="flex-start" mb={6}>
                    <NativeSelect
                      {...bind(`prices.${i}.priceList`, t('products.filters.priceList'))}
                      data={listData}
                      value={price.priceList}
                      onChange={(e) => {
                        const value = e.currentTarget.value;
                        // A row with no amount typed yet follows the list's currency; typed amounts keep theirs.
                        setPrice(i, (p) => ({ ...p, priceList: value, currency: p.tiers.every((x) => x.amount.trim() === '') ? currencyOf(value) : p.currency }));
                      }}
                      w={200}
                    />
                    <Select
                      {...bind(`prices.${i}.currency`, t('products.fields.currency'))}
                      data={currencyData}
                      value={price.currency}
                      onChange={(v) => v && setPrice(i, (p) => ({ ...p, currency: v }))}
                      searchable
                      allowDeselect={false}
                      w={110}
                    />
                    <Tooltip label={t('products.prices.remove', { n: i + 1 })}>
                      <ActionIcon
                        color="red"
                        mt={22}
                        aria-label={t('products.prices.remove', { n: i + 1 })}
                        onClick={() => setDraft((d) => ({ ...d, prices: d.prices.filter((_, k) => k !== i) }))}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                  <Table withRowBorders={false} layout="fixed" maw={460}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('products.prices.fromQuantity')}</Table.Th>
                        <Table.Th>{t('products.prices.unitPrice', { currency: price.currency })}</Table.Th>
                        <Table.Th w={40} />
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {price.tiers.map((tier, j) => {
                        const qty = bind(`prices.${i}.tiers.${j}.minQuantityMilli`, t('products.prices.fromQuantity'));
                        const amount = bind(`prices.${i}.tiers.${j}.amountMinor`, t('products.prices.unitPrice', { currency: price.currency }));
                        return (
                          <Table.Tr key={tier.uid}>
                            <Table.Td>
                              <TextInput
                                id={qty.id}
                                aria-label={`${name} – ${qty.label}`}
                                error={qty.error}
                                value={tier.minQuantity}
                                onChange={(e) => {
                                  const value = e.currentTarget.value;
                                  setPrice(i, (p) => ({ ...p, tiers: p.tiers.map((x, k) => (k === j ? { ...x, minQuantity: value } : x)) }));
                                }}
                                dir="ltr"
                              />
                            </Table.Td>
                            <Table.Td>
                              <TextInput
                                id={amount.id}
                                aria-label={`${name} – ${amount.label}`}
                                error={amount.error}
                                value={tier.amount}
                                onChange={(e) => {
                                  const value = e.currentTarget.value;
                                  setPrice(i, (p) => ({ ...p, tiers: p.tiers.map((x, k) => (k === j ? { ...x, amount: value } : x)) }));
                                }}
                                dir="ltr"
                                data-testid={`price-${i}-tier-${j}-amount`}
                              />
                            </Table.Td>
                            <Table.Td>
                              <ActionIcon
                                color="red"
                                aria-label={t('products.prices.removeTier', { n: j + 1 })}
                                disabled={price.tiers.length <= 1}
                                onClick={() => setPrice(i, (p) => ({ ...p, tiers: p.tiers.filter((_, k) => k !== j) }))}
                              >
                                <IconTrash size={14} />
                              </ActionIcon>
                            </Table.Td>
                          </Table.Tr>
                        );
                      })}
                    </Table.Tbody>
                  </Table>
                  <Button
                    variant="subtle"
                    size="compact-xs"
                    leftSection={<IconPlus size={12} />}
                    onClick={() => setPrice(i, (p) => ({ ...p, tiers: [...p.tiers, { uid: uid('t'), minQuantity: '', amount: '' }] }))}
                  >
                    {t('products.prices.addTier')}
                  </Button>
                </Paper>
              );
            })}
          </Stack>
        )}
      </Paper>

      <Paper withBorder p="sm">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4">
            {t('products.sections.moq')}
          </Title>
          <Button
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() => setDraft((d) => ({ ...d, minimumOrders: [...d.minimumOrders, { uid: uid('m'), priceList: firstList, quantity: '' }] }))}
          >
            {t('products.moq.add')}
          </Button>
        </Group>
        {draft.minimumOrders.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('products.moq.none')}
          </Text>
        ) : (
          <Stack gap="xs">
            {draft.minimumOrders.map((rule, i) => (
              <Group key={rule.uid} gap="sm" align="flex-start">
                <NativeSelect
                  {...bind(`minimumOrders.${i}.priceList`, t('products.filters.priceList'))}
                  data={listData}
                  value={rule.priceList}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    setMoq(i, (m) => ({ ...m, priceList: value }));
                  }}
                  w={200}
                />
                <TextInput
                  {...bind(`minimumOrders.${i}.quantityMilli`, t('products.moq.quantity'))}
                  value={rule.quantity}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    setMoq(i, (m) => ({ ...m, quantity: value }));
                  }}
                  rightSection={<Text size="xs" c="dimmed">{t(`units.${draft.unit}`)}</Text>}
                  rightSectionWidth={48}
                  dir="ltr"
                  w={160}
                />
                <ActionIcon
                  color="red"
                  mt={22}
                  aria-label={t('products.moq.remove', { n: i + 1 })}
                  onClick={() => setDraft((d) => ({ ...d, minimumOrders: d.minimumOrders.filter((_, k) => k !== i) }))}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            ))}
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}
