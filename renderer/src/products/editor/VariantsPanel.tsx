import { ActionIcon, Alert, Anchor, Badge, Button, Group, Paper, Stack, TagsInput, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconPlus, IconSparkles, IconTrash } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_OPTIONS, MAX_VARIANTS, type Product, type VariantSummary } from '../../../../shared/catalog/product.ts';
import type { FieldIssue } from '../../../../shared/errors.ts';
import { formatQuantity } from '../../../../shared/quantity.ts';
import { DataGrid, type GridColumn } from '../../components/DataGrid.tsx';
import { formatInteger, formatMoney, formatNumber } from '../../format.ts';
import { getClient } from '../../lib/api.ts';
import { describeProblem, issuesByPath, issuesOf, translateIssue } from '../../lib/issues.ts';
import { notify } from '../../lib/notifications.ts';
import { useLanguage } from '../../lib/preferences.tsx';
import { hrefFor } from '../../lib/router.ts';
import { uid } from '../productDraft.ts';
import { STATUS_COLORS } from '../status.ts';

interface OptionDraft {
  uid: string;
  name: string;
  values: string[];
}

/**
 * A parent's options (Size: S, M, L × Colour: Indigo, Saffron) and the variant for each
 * combination: products.generateVariants creates the missing ones. Below, the variants with their
 * SKU, option values, GTIN (editable here: it is what the scanner reads), price and stock.
 */
export function VariantsPanel({
  product,
  dirty,
  onReplace,
  onVariantChanged,
}: {
  product: Product;
  /** Unsaved changes in the editor: generating variants would have to overwrite them. */
  dirty: boolean;
  onReplace: (product: Product) => void;
  onVariantChanged: (variant: VariantSummary) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const [options, setOptions] = useState<OptionDraft[]>(() =>
    product.options.length > 0
      ? product.options.map((o) => ({ uid: uid('o'), name: o.name, values: [...o.values] }))
      : [{ uid: uid('o'), name: '', values: [] }],
  );
  const [issues, setIssues] = useState<ReadonlyMap<string, FieldIssue>>(new Map());
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [gtinProblem, setGtinProblem] = useState<string | null>(null);

  const combinations = options.reduce((n, o) => n * Math.max(o.values.length, 0), 1);
  const errorOf = (path: string, label: string) => {
    const issue = issues.get(path);
    return issue ? translateIssue(i18n, issue, label) : undefined;
  };
  const optionsIssue = issues.get('options') ?? issues.get('productId');

  const generate = async () => {
    setProblem(null);
    setIssues(new Map());
    setBusy(true);
    try {
      const result = await getClient().call('products.generateVariants', {
        productId: product.id,
        revision: product.revision,
        options: options.map((o) => ({ name: o.name, values: o.values })),
      });
      notify({
        kind: 'success',
        title: t('products.variants.generated', { count: result.created, formatted: formatInteger(result.created, language) }),
        ...(result.skipped > 0 ? { message: t('products.variants.skipped', { count: result.skipped, formatted: formatInteger(result.skipped, language) }) } : {}),
      });
      onReplace(result.product);
    } catch (error) {
      const found = issuesOf(error);
      setIssues(issuesByPath(found));
      if (found.length === 0) setProblem(describeProblem(i18n, error));
    } finally {
      setBusy(false);
    }
  };

  const saveGtin = async (variant: VariantSummary, text: string): Promise<void> => {
    const gtin = text.trim() === '' ? null : text.trim();
    if (gtin === variant.gtin) return;
    setGtinProblem(null);
    try {
      const saved = await getClient().call('products.update', { id: variant.id, revision: variant.revision, gtin });
      onVariantChanged({ ...variant, gtin: saved.gtin, revision: saved.revision });
      notify({ kind: 'success', title: t('products.variants.gtinSaved', { sku: variant.sku }) });
    } catch (error) {
      const message = describeProblem(i18n, error, t('products.columns.gtin'));
      setGtinProblem(`${variant.sku}: ${message}`);
      notify({ kind: 'error', title: t('products.variants.gtinFailed', { sku: variant.sku }), message });
    }
  };

  const saveRef = useRef(saveGtin);
  useEffect(() => {
    saveRef.current = saveGtin;
  });
  const productOptions = product.options;
  const columns = useMemo<GridColumn<VariantSummary>[]>(
    () => [
      {
        id: 'sku',
        accessorKey: 'sku',
        header: t('products.columns.sku'),
        size: 220,
        cell: (c) => (
          <Anchor href={hrefFor(`products/${c.row.original.id}`)} size="sm" dir="ltr" tabIndex={-1}>
            {c.row.original.sku}
          </Anchor>
        ),
      },
      ...productOptions.map((o) => o.name).map(
        (name): GridColumn<VariantSummary> => ({
          id: `option-${name}`,
          accessorFn: (v) => v.optionValues[name] ?? '',
          header: name,
          size: 110,
          // "100 ml" is Latin: isolated, it does not turn into "ml 100" in an Arabic window.
          cell: (c) => <bdi>{c.row.original.optionValues[name] ?? ''}</bdi>,
        }),
      ),
      {
        id: 'gtin',
        accessorFn: (v) => v.gtin ?? '',
        header: t('products.columns.gtin'),
        size: 170,
        enableSorting: false,
        cell: (c) => (
          <GtinCell variant={c.row.original} onSave={(v, text) => saveRef.current(v, text)} label={t('products.variants.gtinOf', { sku: c.row.original.sku })} />
        ),
      },
      {
        id: 'price',
        accessorFn: (v) => v.prices[0]?.tiers[0]?.amountMinor ?? -1,
        header: t('products.columns.price'),
        size: 120,
        meta: { align: 'end' },
        cell: (c) => {
          const price = c.row.original.prices[0];
          const tier = price?.tiers[0];
          return price && tier ? `${formatMoney(tier.amountMinor, price.currency, language)}` : '—';
        },
      },
      {
        id: 'onHand',
        accessorKey: 'onHandMilli',
        header: t('products.columns.onHand'),
        size: 90,
        meta: { align: 'end' },
        cell: (c) => formatNumber(formatQuantity(c.row.original.onHandMilli) as `${number}`, language, { maximumFractionDigits: 3 }),
      },
      {
        id: 'status',
        accessorKey: 'status',
        header: t('products.columns.status'),
        size: 90,
        cell: (c) => (
          <Badge size="sm" variant="light" color={STATUS_COLORS[c.row.original.status]}>
            {t(`products.status.${c.row.original.status}`)}
          </Badge>
        ),
      },
    ],
    [t, language, productOptions],
  );

  return (
    <Stack gap="md">
      <Paper withBorder p="sm" component="section" aria-label={t('products.variants.options')}>
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4">
            {t('products.variants.options')}
          </Title>
          <Button
            variant="light"
            leftSection={<IconPlus size={14} />}
            disabled={options.length >= MAX_OPTIONS}
            onClick={() => setOptions((o) => [...o, { uid: uid('o'), name: '', values: [] }])}
          >
            {t('products.variants.addOption')}
          </Button>
        </Group>
        <Text size="xs" c="dimmed" mb="xs">
          {t('products.variants.hint')}
        </Text>
        <Stack gap="xs">
          {options.map((option, i) => (
            <Group key={option.uid} gap="sm" align="flex-start" wrap="nowrap">
              <TextInput
                label={t('products.variants.optionName', { n: i + 1 })}
                placeholder={t('products.variants.optionNameExample')}
                value={option.name}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setOptions((o) => o.map((x, k) => (k === i ? { ...x, name: value } : x)));
                }}
                error={errorOf(`options.${i}.name`, t('products.variants.optionName', { n: i + 1 }))}
                w={180}
                className="kontor-auto-dir"
                data-testid={`option-${i}-name`}
              />
              <TagsInput
                label={t('products.variants.optionValues', { n: i + 1 })}
                placeholder={t('products.variants.valuesPlaceholder')}
                value={option.values}
                onChange={(values) => setOptions((o) => o.map((x, k) => (k === i ? { ...x, values } : x)))}
                error={
                  errorOf(`options.${i}.values`, t('products.variants.optionValues', { n: i + 1 })) ??
                  [...issues.entries()].filter(([p]) => p.startsWith(`options.${i}.values.`)).map(([, issue]) => translateIssue(i18n, issue, option.name))[0]
                }
                splitChars={[',', ';']}
                acceptValueOnBlur
                style={{ flex: 1 }}
                data-testid={`option-${i}-values`}
              />
              <ActionIcon
                color="red"
                mt={22}
                aria-label={t('products.variants.removeOption', { n: i + 1 })}
                disabled={options.length <= 1 || i < product.options.length}
                onClick={() => setOptions((o) => o.filter((_, k) => k !== i))}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
        </Stack>
        {optionsIssue && (
          <Alert color="red" variant="light" p="xs" mt="xs" role="alert" icon={<IconAlertTriangle size={16} />}>
            {translateIssue(i18n, optionsIssue, t('products.variants.options'))}
          </Alert>
        )}
        {problem && (
          <Alert color="red" variant="light" p="xs" mt="xs" role="alert">
            {problem}
          </Alert>
        )}
        <Group mt="sm" gap="sm">
          <Tooltip label={t('products.variants.saveFirst')} disabled={!dirty}>
            <Button
              leftSection={<IconSparkles size={14} />}
              onClick={() => void generate()}
              loading={busy}
              disabled={dirty || combinations === 0 || combinations > MAX_VARIANTS}
              data-testid="generate-variants"
            >
              {t('products.variants.generate', { count: combinations, formatted: formatInteger(combinations, language) })}
            </Button>
          </Tooltip>
          {dirty && (
            <Text size="xs" c="orange">
              {t('products.variants.saveFirst')}
            </Text>
          )}
        </Group>
      </Paper>

      <section aria-label={t('products.variants.title')}>
        <Title order={2} size="h4" mb="xs">
          {t('products.variants.title')} ({formatInteger(product.variants.length, language)})
        </Title>
        {gtinProblem && (
          <Alert color="red" variant="light" p="xs" mb="xs" role="alert" withCloseButton onClose={() => setGtinProblem(null)} closeButtonLabel={t('notifications.close')}>
            {gtinProblem}
          </Alert>
        )}
        {product.variants.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('products.variants.none')}
          </Text>
        ) : (
          <DataGrid
            data={product.variants}
            columns={columns}
            getRowId={(v) => String(v.id)}
            label={t('products.variants.title')}
            height={Math.min(product.variants.length * 30 + 34, 420)}
            data-testid="variant-grid"
          />
        )}
      </section>
    </Stack>
  );
}

/** A variant's GTIN, typed or scanned into the cell; saved on Enter or when the cell is left. */
function GtinCell({ variant, onSave, label }: { variant: VariantSummary; onSave: (v: VariantSummary, text: string) => Promise<void>; label: string }) {
  const [text, setText] = useState(variant.gtin ?? '');
  const [seen, setSeen] = useState(variant.gtin);
  const saving = useRef(false);
  const save = () => {
    if (saving.current) return;
    saving.current = true;
    void onSave(variant, text).finally(() => {
      saving.current = false;
    });
  };
  if (seen !== variant.gtin) {
    setSeen(variant.gtin);
    setText(variant.gtin ?? '');
  }
  return (
    <TextInput
      size="xs"
      value={text}
      onChange={(e) => setText(e.currentTarget.value)}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') {
          e.preventDefault();
          save();
        }
      }}
      onBlur={save}
      onMouseDown={(e) => e.stopPropagation()}
      aria-label={label}
      dir="ltr"
      styles={{ input: { height: 24, minHeight: 24 } }}
      data-testid={`gtin-${variant.sku}`}
    />
  );
}
