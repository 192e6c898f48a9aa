import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Checkbox,
  Grid,
  Group,
  List,
  Loader,
  NativeSelect,
  Paper,
  Select,
  Stack,
  Switch,
  Tabs,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
  TreeSelect,
} from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft, IconDeviceFloppy, IconRefresh } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Category, CategoryAttribute } from '../../../shared/catalog/category.ts';
import type { PriceList } from '../../../shared/catalog/list.ts';
import { RTL_LANGUAGES } from '../../../shared/catalog/languages.ts';
import { PRODUCT_STATUSES, type ImageMeta, type Product, type ProductStatus, type VariantSummary } from '../../../shared/catalog/product.ts';
import { formatDimensions } from '../../../shared/catalog/units.ts';
import type { FieldIssue } from '../../../shared/errors.ts';
import { UNIT_CODES, type Unit } from '../../../shared/quantity.ts';
import { checkGtin } from '../../../shared/validation/gtin.ts';
import { checkHsCode } from '../../../shared/validation/hsCode.ts';
import { formatDateTime, languageName } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { useCompany } from '../lib/company.tsx';
import { callErrorOf, describeError } from '../lib/errors.ts';
import { describeProblem, issuesByPath, issuesOf, translateIssue } from '../lib/issues.ts';
import { notify } from '../lib/notifications.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { useUnsavedChanges } from '../lib/unsavedChanges.ts';
import { useReference } from '../lib/reference.ts';
import { hrefFor, navigate } from '../lib/router.ts';
import { useBarcodeScanner } from '../lib/useBarcodeScanner.ts';
import { useLoad } from '../lib/useLoad.ts';
import { countryOptions, nameOrCodeFilter } from '../settings/options.ts';
import { attributeLabel, attributesOf, categoryTree } from './categoryTree.ts';
import { ImagesPanel } from './editor/ImagesPanel.tsx';
import { inputId, type Bind } from './editor/fieldBinding.ts';
import { PricesSection } from './editor/PricesSection.tsx';
import { ProductStockPanel } from './editor/ProductStockPanel.tsx';
import { VariantsPanel } from './editor/VariantsPanel.tsx';
import { changedFields, draftFromProduct, draftToFields, imperialLength, imperialWeight, parseCm, type ProductDraft } from './productDraft.ts';
import { STATUS_COLORS } from './status.ts';

type Tab = 'general' | 'trade' | 'prices' | 'variants' | 'images' | 'stock';

/** #/products/<id>: loads the product, then the editor. */
export function ProductEditor({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const product = useLoad(`product-${id}`, () => getClient().call('products.get', { id }));
  const { ref, error: refError, retry } = useReference('languages', 'categories', 'priceLists');

  const back = (
    <Anchor href={hrefFor('products')} size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} className="kontor-flip-rtl" />
        {t('products.backToList')}
      </Group>
    </Anchor>
  );

  const error = product.error ?? refError;
  if (error !== null && error !== undefined) {
    const notFound = callErrorOf(error)?.code === 'NOT_FOUND';
    return (
      <Stack gap="sm" maw={720}>
        {back}
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={16} />} role="alert" title={notFound ? t('products.notFound', { id }) : t('products.loadFailed')}>
          <Group justify="space-between">
            <Text size="sm">{describeError(i18n, error)}</Text>
            {!notFound && (
              <Button
                size="xs"
                variant="light"
                leftSection={<IconRefresh size={14} />}
                onClick={() => {
                  product.reload();
                  retry();
                }}
              >
                {t('app.retry')}
              </Button>
            )}
          </Group>
        </Alert>
      </Stack>
    );
  }
  if (product.data === undefined || ref.languages === undefined || ref.categories === undefined || ref.priceLists === undefined) {
    return (
      <Stack gap="sm">
        {back}
        <Loader size="sm" aria-label={t('app.loading')} />
      </Stack>
    );
  }
  return (
    <Editor
      key={product.data.id}
      product={product.data}
      onReplace={product.setData}
      onReload={product.reload}
      languages={ref.languages}
      categories={ref.categories}
      priceLists={ref.priceLists}
      back={back}
    />
  );
}

interface EditorProps {
  product: Product;
  onReplace: (product: Product) => void;
  onReload: () => void;
  languages: readonly string[];
  categories: readonly Category[];
  priceLists: readonly PriceList[];
  back: ReactNode;
}

function Editor({ product, onReplace, onReload, languages, categories, priceLists, back }: EditorProps) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const { profile } = useCompany();
  const nameLanguages = useMemo(() => [language, ...languages], [language, languages]);
  const catalogLanguages = useMemo(() => [...new Set([...languages, ...Object.keys(product.texts)])], [languages, product.texts]);

  const [baseline, setBaseline] = useState(() => draftFromProduct(product, languages));
  const [draft, setDraftState] = useState(baseline);
  const [seenProduct, setSeenProduct] = useState(product);
  // A product answered by a save (or variants generated) replaces what the form shows.
  if (seenProduct !== product) {
    setSeenProduct(product);
    const fresh = draftFromProduct(product, languages);
    setBaseline(fresh);
    setDraftState(fresh);
  }
  const [tab, setTab] = useState<Tab>('general');
  const [textTab, setTextTab] = useState(languages[0] ?? 'en');
  const [imperial, setImperial] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [serverIssues, setServerIssues] = useState<ReadonlyMap<string, FieldIssue>>(new Map());
  const [touchedIssues, setTouchedIssues] = useState<ReadonlyMap<string, FieldIssue>>(new Map());
  const [conflict, setConflict] = useState(false);
  const [generalProblem, setGeneralProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);
  // Images and variants change the product's revision without touching the form.
  const [revision, setRevision] = useState(product.revision);
  const [images, setImages] = useState(product.images);
  const [variants, setVariants] = useState(product.variants);
  const [seenRevisionOf, setSeenRevisionOf] = useState(product);
  if (seenRevisionOf !== product) {
    setSeenRevisionOf(product);
    setRevision(product.revision);
    setImages(product.images);
    setVariants(product.variants);
  }
  const formRef = useRef<HTMLFormElement>(null);

  const attributes = useMemo(() => attributesOf(draft.categoryId, categories), [draft.categoryId, categories]);
  const baselineAttributes = useMemo(() => attributesOf(baseline.categoryId, categories), [baseline.categoryId, categories]);
  const parsed = useMemo(() => draftToFields(draft, attributes), [draft, attributes]);
  const baselineFields = useMemo(() => draftToFields(baseline, baselineAttributes).fields, [baseline, baselineAttributes]);
  const changes = useMemo(() => changedFields(parsed.fields, baselineFields), [parsed.fields, baselineFields]);
  const dirty = Object.keys(changes).length > 0 || parsed.issues.length > 0;
  useUnsavedChanges(dirty);
  const clientIssues = useMemo(() => issuesByPath(parsed.issues), [parsed.issues]);

  const setDraft = useCallback((change: (d: ProductDraft) => ProductDraft) => setDraftState(change), []);
  const setField = <K extends keyof ProductDraft>(key: K, value: ProductDraft[K]) => {
    setServerIssues((prev) => {
      if (![...prev.keys()].some((p) => p === key || p.startsWith(`${String(key)}.`))) return prev;
      return new Map([...prev].filter(([p]) => p !== key && !p.startsWith(`${String(key)}.`)));
    });
    setDraftState((d) => ({ ...d, [key]: value }));
  };

  const labelOf = useCallback(
    (path: string): string => {
      const parts = path.split('.');
      const [head = '', second = '', third = ''] = parts;
      switch (head) {
        case 'texts':
          if (second === '') return t('products.fields.title');
          return t(third === 'description' ? 'products.fields.descriptionIn' : 'products.fields.titleIn', { language: languageName(second, language) });
        case 'prices':
          if (path.endsWith('amountMinor')) return t('products.prices.unitPrice', { currency: draft.prices[Number(second)]?.currency ?? '' });
          if (path.endsWith('minQuantityMilli')) return t('products.prices.fromQuantity');
          if (path.endsWith('currency')) return t('products.fields.currency');
          return t('products.sections.prices');
        case 'minimumOrders':
          return t('products.moq.quantity');
        case 'costPrice':
          return t('products.fields.costPrice');
        case 'attributes': {
          const attribute = attributes.find((a) => a.code === second);
          return attribute ? attributeLabel(attribute, nameLanguages) : second;
        }
        case 'netWeightG':
          return t('products.fields.netWeight');
        case 'grossWeightG':
          return t('products.fields.grossWeight');
        case 'lengthMm':
          return t('products.fields.length');
        case 'widthMm':
          return t('products.fields.width');
        case 'heightMm':
          return t('products.fields.height');
        case 'categoryId':
          return t('products.fields.category');
        case 'originCountry':
          return t('products.fields.origin');
        case 'hsCode':
          return t('products.fields.hsCode');
        case 'gtin':
          return t('products.columns.gtin');
        case 'tags':
          return t('products.fields.tags');
        case 'brand':
        case 'sku':
        case 'unit':
        case 'status':
          return t(`products.fields.${head}`);
        default:
          return path;
      }
    },
    [t, language, draft.prices, attributes, nameLanguages],
  );

  const issueFor = useCallback(
    (path: string): FieldIssue | undefined => serverIssues.get(path) ?? touchedIssues.get(path) ?? (submitted ? clientIssues.get(path) : undefined),
    [serverIssues, touchedIssues, clientIssues, submitted],
  );

  const bind: Bind = (path, label) => {
    const issue = issueFor(path);
    return { id: inputId(path), label, error: issue ? translateIssue(i18n, issue, label) : undefined };
  };

  /** An immediate check of a code field when it is left (GTIN, HS code), with the core's validators. */
  const checkOnBlur = (path: 'gtin' | 'hsCode', value: string) => {
    const result = value.trim() === '' ? null : path === 'gtin' ? checkGtin(value) : checkHsCode(value);
    setTouchedIssues((prev) => {
      const next = new Map(prev);
      if (result && !result.ok) next.set(path, { path, key: result.key, message: result.message, ...(result.params ? { params: result.params } : {}) });
      else next.delete(path);
      return next;
    });
  };

  useEffect(() => {
    if (focusRequest === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  const tabOfPath = (path: string): Tab => {
    if (/^(prices|minimumOrders|costPrice)/.test(path)) return 'prices';
    if (/^(netWeightG|grossWeightG|lengthMm|widthMm|heightMm|hsCode|originCountry)/.test(path)) return 'trade';
    return 'general';
  };

  const showProblemsAt = (issues: readonly FieldIssue[]) => {
    const first = issues[0];
    if (!first) return;
    setTab(tabOfPath(first.path));
    const textLanguage = /^texts\.([a-z]{2,3})\./.exec(first.path)?.[1];
    if (textLanguage) setTextTab(textLanguage);
    setFocusRequest((n) => n + 1);
  };

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (saving) return;
    setSubmitted(true);
    setGeneralProblem(null);
    if (parsed.issues.length > 0) {
      showProblemsAt(parsed.issues);
      return;
    }
    if (Object.keys(changes).length === 0) {
      notify({ kind: 'info', title: t('products.editor.nothingToSave') });
      return;
    }
    setSaving(true);
    try {
      const saved = await getClient().call('products.update', { id: product.id, revision, ...changes });
      setSubmitted(false);
      setServerIssues(new Map());
      setTouchedIssues(new Map());
      onReplace(saved);
      notify({ kind: 'success', title: t('products.editor.saved', { sku: saved.sku }) });
    } catch (error) {
      const found = issuesOf(error);
      if (callErrorOf(error)?.code === 'CONFLICT') {
        setConflict(true);
      } else if (found.length > 0) {
        setServerIssues(issuesByPath(found));
        showProblemsAt(found);
      } else {
        setGeneralProblem(describeProblem(i18n, error));
      }
      notify({ kind: 'error', title: t('products.editor.saveFailed'), message: describeProblem(i18n, error) });
    } finally {
      setSaving(false);
    }
  };

  // Ctrl+S / ⌘S saves.
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void saveRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // A scan outside the inputs opens the product it reads (another one, or a variant of this one),
  // unless that would throw away unsaved changes.
  useBarcodeScanner(({ code }) => {
    getClient()
      .call('products.lookupCode', { code })
      .then((found) => {
        if (found && found.id !== product.id && dirty) notify({ kind: 'info', title: t('products.editor.scanUnsaved', { sku: found.sku }) });
        else if (found) navigate(`products/${found.id}`);
        else notify({ kind: 'error', title: t('scanner.notFound', { code }) });
      })
      .catch((error: unknown) => notify({ kind: 'error', title: t('scanner.failed'), message: describeError(i18n, error) }));
  });

  const countries = useMemo(() => countryOptions(language), [language]);
  const tree = useMemo(() => categoryTree(categories, nameLanguages), [categories, nameLanguages]);
  const mainTitle = product.texts[language]?.title ?? Object.values(product.texts)[0]?.title ?? (product.parent ? Object.values(product.parent.texts)[0]?.title : undefined) ?? '';

  const shownIssues = useMemo(() => {
    const all = new Map<string, FieldIssue>(serverIssues);
    for (const [path, issue] of touchedIssues) if (!all.has(path)) all.set(path, issue);
    if (submitted) for (const [path, issue] of clientIssues) if (!all.has(path)) all.set(path, issue);
    return [...all.entries()];
  }, [serverIssues, touchedIssues, clientIssues, submitted]);

  const textsIssue = issueFor('texts');

  const general = (
    <Stack gap="md">
      <Paper withBorder p="sm" component="section" aria-label={t('products.sections.texts')}>
        <Title order={2} size="h4" mb="xs">
          {t('products.sections.texts')}
        </Title>
        {product.kind === 'variant' && (
          <Text size="xs" c="dimmed" mb="xs">
            {t('products.editor.variantTexts')}
          </Text>
        )}
        {textsIssue && (
          <Alert color="red" variant="light" p="xs" mb="xs" role="alert">
            {translateIssue(i18n, textsIssue, t('products.fields.title'))}
          </Alert>
        )}
        <Tabs value={textTab} onChange={(v) => v && setTextTab(v)} variant="outline" keepMounted={false}>
          <Tabs.List>
            {catalogLanguages.map((l) => {
              const filled = (draft.texts[l]?.title ?? '') !== '';
              const hasIssue = shownIssues.some(([p]) => p.startsWith(`texts.${l}.`));
              return (
                <Tabs.Tab key={l} value={l} c={hasIssue ? 'red' : undefined} data-testid={`text-tab-${l}`}>
                  {languageName(l, language)}
                  {filled ? ' ✓' : ''}
                </Tabs.Tab>
              );
            })}
          </Tabs.List>
          {catalogLanguages.map((l) => {
            const dir = RTL_LANGUAGES.includes(l) ? 'rtl' : 'ltr';
            const parentTitle = product.parent?.texts[l]?.title;
            return (
              // `lang` picks the fonts; the direction is set on the inputs alone, so the labels stay in the interface's.
              <Tabs.Panel key={l} value={l} pt="sm" lang={l}>
                <Stack gap="xs">
                  <TextInput
                    {...bind(`texts.${l}.title`, labelOf(`texts.${l}.title`))}
                    value={draft.texts[l]?.title ?? ''}
                    placeholder={parentTitle}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      setServerIssues((prev) => new Map([...prev].filter(([p]) => p !== 'texts' && !p.startsWith(`texts.${l}.`))));
                      setDraft((d) => ({ ...d, texts: { ...d.texts, [l]: { title: value, description: d.texts[l]?.description ?? '' } } }));
                    }}
                    dir={dir}
                    data-testid={`title-${l}`}
                  />
                  <Textarea
                    {...bind(`texts.${l}.description`, labelOf(`texts.${l}.description`))}
                    value={draft.texts[l]?.description ?? ''}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      setDraft((d) => ({ ...d, texts: { ...d.texts, [l]: { title: d.texts[l]?.title ?? '', description: value } } }));
                    }}
                    autosize
                    minRows={3}
                    maxRows={12}
                    dir={dir}
                  />
                </Stack>
              </Tabs.Panel>
            );
          })}
        </Tabs>
      </Paper>

      <Paper withBorder p="sm" component="section" aria-label={t('products.sections.identity')}>
        <Title order={2} size="h4" mb="xs">
          {t('products.sections.identity')}
        </Title>
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
            <TextInput
              {...bind('sku', t('products.fields.sku'))}
              labelProps={{ 'data-required-mark': true }}
              value={draft.sku}
              onChange={(e) => setField('sku', e.currentTarget.value)}
              dir="ltr"
              spellCheck={false}
              autoComplete="off"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
            <NativeSelect
              {...bind('status', t('products.fields.status'))}
              value={draft.status}
              onChange={(e) => setField('status', e.currentTarget.value as ProductStatus)}
              data={PRODUCT_STATUSES.map((s) => ({ value: s, label: t(`products.status.${s}`) }))}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
            <NativeSelect
              {...bind('unit', t('products.fields.unit'))}
              value={draft.unit}
              onChange={(e) => setField('unit', e.currentTarget.value as Unit)}
              data={UNIT_CODES.map((u) => ({ value: u, label: t(`units.${u}`) }))}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
            <TextInput
              {...bind('gtin', t('products.columns.gtin'))}
              description={t('products.hints.gtin')}
              value={draft.gtin}
              onChange={(e) => {
                setTouchedIssues((prev) => (prev.has('gtin') ? new Map([...prev].filter(([p]) => p !== 'gtin')) : prev));
                setField('gtin', e.currentTarget.value);
              }}
              onBlur={(e) => checkOnBlur('gtin', e.currentTarget.value)}
              dir="ltr"
              inputMode="numeric"
              autoComplete="off"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, lg: 4 }}>
            <TreeSelect
              {...bind('categoryId', t('products.fields.category'))}
              data={tree}
              value={draft.categoryId === null ? null : String(draft.categoryId)}
              onChange={(v) => {
                const categoryId = v === null ? null : Number(v);
                const keep = new Set(attributesOf(categoryId, categories).map((a) => a.code));
                setDraft((d) => ({
                  ...d,
                  categoryId,
                  attributes: Object.fromEntries(Object.entries(d.attributes).filter(([code]) => keep.has(code))),
                }));
              }}
              clearable
              searchable
              defaultExpandAll
              nothingFoundMessage={t('company.nothingFound')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, lg: 4 }}>
            <TextInput {...bind('brand', t('products.fields.brand'))} value={draft.brand} onChange={(e) => setField('brand', e.currentTarget.value)} className="kontor-auto-dir" />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <TagsInput
              {...bind('tags', t('products.fields.tags'))}
              value={draft.tags}
              onChange={(tags) => setField('tags', tags)}
              splitChars={[',']}
              acceptValueOnBlur
              clearable
            />
          </Grid.Col>
        </Grid>
      </Paper>

      {attributes.length > 0 && (
        <Paper withBorder p="sm" component="section" aria-label={t('products.sections.attributes')}>
          <Title order={2} size="h4" mb="xs">
            {t('products.sections.attributes')}
          </Title>
          <Grid gap="sm">
            {attributes.map((attribute) => (
              <Grid.Col key={attribute.code} span={{ base: 12, sm: 6, lg: 3 }}>
                <AttributeField
                  attribute={attribute}
                  value={draft.attributes[attribute.code]}
                  onChange={(value) => {
                    setServerIssues((prev) => new Map([...prev].filter(([p]) => p !== `attributes.${attribute.code}`)));
                    setDraft((d) => ({ ...d, attributes: { ...d.attributes, [attribute.code]: value } }));
                  }}
                  bind={bind}
                  label={attributeLabel(attribute, nameLanguages)}
                />
              </Grid.Col>
            ))}
          </Grid>
        </Paper>
      )}
    </Stack>
  );

  const weightInput = (key: 'netWeightKg' | 'grossWeightKg', path: string, label: string) => (
    <TextInput
      {...bind(path, label)}
      value={draft[key]}
      onChange={(e) => setField(key, e.currentTarget.value)}
      rightSection={<Text size="xs" c="dimmed">kg</Text>}
      description={imperial ? imperialWeight(draft[key]) || ' ' : undefined}
      inputMode="decimal"
      data-testid={`field-${path}`}
    />
  );
  const lengthInput = (key: 'lengthCm' | 'widthCm' | 'heightCm', path: string, label: string) => (
    <TextInput
      {...bind(path, label)}
      value={draft[key]}
      onChange={(e) => setField(key, e.currentTarget.value)}
      rightSection={<Text size="xs" c="dimmed">cm</Text>}
      description={imperial ? imperialLength(draft[key]) || ' ' : undefined}
      inputMode="decimal"
      data-testid={`field-${path}`}
    />
  );
  const dims = (() => {
    const l = parseCm(draft.lengthCm);
    const w = parseCm(draft.widthCm);
    const h = parseCm(draft.heightCm);
    if (!l.ok || !w.ok || !h.ok) return null;
    const sides = { lengthMm: l.value, widthMm: w.value, heightMm: h.value };
    const metric = formatDimensions(sides, 'metric');
    return metric === null ? null : imperial ? `${metric} · ${formatDimensions(sides, 'imperial') ?? ''}` : metric;
  })();

  const trade = (
    <Stack gap="md">
      <Paper withBorder p="sm" component="section" aria-label={t('products.sections.customs')}>
        <Title order={2} size="h4" mb="xs">
          {t('products.sections.customs')}
        </Title>
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 6, lg: 4 }}>
            <TextInput
              {...bind('hsCode', t('products.fields.hsCode'))}
              description={t('products.hints.hsCode')}
              value={draft.hsCode}
              onChange={(e) => {
                setTouchedIssues((prev) => (prev.has('hsCode') ? new Map([...prev].filter(([p]) => p !== 'hsCode')) : prev));
                setField('hsCode', e.currentTarget.value);
              }}
              onBlur={(e) => checkOnBlur('hsCode', e.currentTarget.value)}
              dir="ltr"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, lg: 4 }}>
            <Select
              {...bind('originCountry', t('products.fields.origin'))}
              data={countries}
              value={draft.originCountry}
              onChange={(v) => setField('originCountry', v)}
              searchable
              clearable
              filter={nameOrCodeFilter}
              nothingFoundMessage={t('company.nothingFound')}
              placeholder={t('company.searchCountry')}
              limit={300}
            />
          </Grid.Col>
        </Grid>
      </Paper>
      <Paper withBorder p="sm" component="section" aria-label={t('products.sections.measures')}>
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4">
            {t('products.sections.measures')}
          </Title>
          <Switch size="xs" label={t('products.editor.showImperial')} checked={imperial} onChange={(e) => setImperial(e.currentTarget.checked)} data-testid="imperial-toggle" />
        </Group>
        <Grid gap="sm">
          <Grid.Col span={{ base: 6, lg: 3 }}>{weightInput('netWeightKg', 'netWeightG', t('products.fields.netWeight'))}</Grid.Col>
          <Grid.Col span={{ base: 6, lg: 3 }}>{weightInput('grossWeightKg', 'grossWeightG', t('products.fields.grossWeight'))}</Grid.Col>
        </Grid>
        <Grid gap="sm" mt="xs">
          <Grid.Col span={{ base: 4, lg: 2 }}>{lengthInput('lengthCm', 'lengthMm', t('products.fields.length'))}</Grid.Col>
          <Grid.Col span={{ base: 4, lg: 2 }}>{lengthInput('widthCm', 'widthMm', t('products.fields.width'))}</Grid.Col>
          <Grid.Col span={{ base: 4, lg: 2 }}>{lengthInput('heightCm', 'heightMm', t('products.fields.height'))}</Grid.Col>
        </Grid>
        {dims && (
          <Text size="sm" c="dimmed" mt="xs" dir="ltr" ta="start" data-testid="dimensions-summary">
            {dims}
          </Text>
        )}
      </Paper>
    </Stack>
  );

  const kindBadge =
    product.kind === 'parent' ? (
      <Badge variant="light" color="grape" size="sm">
        {t('products.variantCount', { count: variants.length })}
      </Badge>
    ) : product.kind === 'variant' && product.parent ? (
      <Text size="sm" c="dimmed">
        {t('products.editor.variantOf')}{' '}
        <Anchor href={hrefFor(`products/${product.parent.id}`)} size="sm" dir="ltr">
          {product.parent.sku}
        </Anchor>
        {product.optionValues && (
          <>
            {' · '}
            <bdi>{Object.values(product.optionValues).join(' / ')}</bdi>
          </>
        )}
      </Text>
    ) : null;

  return (
    <form ref={formRef} onSubmit={(e) => void save(e)} noValidate aria-label={t('products.editor.title', { sku: product.sku })} data-testid="product-editor">
      <Stack gap="sm" maw={1200} pb={64}>
        {back}
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2}>
            <Group gap="xs" align="baseline">
              <Title order={1} dir="ltr">
                {product.sku}
              </Title>
              <Badge variant="light" color={STATUS_COLORS[product.status]}>
                {t(`products.status.${product.status}`)}
              </Badge>
              {kindBadge}
            </Group>
            {mainTitle !== '' && (
              <Text size="sm" dir="auto">
                {mainTitle}
              </Text>
            )}
          </Stack>
        </Group>

        {conflict && (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={16} />} role="alert" title={t('products.editor.conflictTitle')} data-testid="conflict">
            <Group justify="space-between">
              <Text size="sm">{t('products.editor.conflictText')}</Text>
              <Button
                size="xs"
                variant="light"
                color="orange"
                leftSection={<IconRefresh size={14} />}
                onClick={() => {
                  setConflict(false);
                  onReload();
                }}
              >
                {t('products.editor.reload')}
              </Button>
            </Group>
          </Alert>
        )}
        {shownIssues.length > 0 && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={16} />} title={t('company.fixFields')} role="alert" data-testid="form-problems">
            <List size="sm" spacing={2}>
              {shownIssues.map(([path, issue]) => (
                <List.Item key={path}>
                  <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    onClick={() => {
                      setTab(tabOfPath(path));
                      const l = /^texts\.([a-z]{2,3})\./.exec(path)?.[1];
                      if (l) setTextTab(l);
                      setTimeout(() => document.getElementById(inputId(path))?.focus(), 0);
                    }}
                  >
                    {labelOf(path)}
                  </Anchor>
                  {': '}
                  {translateIssue(i18n, issue, labelOf(path))}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        {generalProblem && (
          <Alert color="red" variant="light" role="alert" title={t('products.editor.saveFailed')}>
            {generalProblem}
          </Alert>
        )}

        <Tabs value={tab} onChange={(v) => v && setTab(v as Tab)} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="general">{t('products.tabs.general')}</Tabs.Tab>
            <Tabs.Tab value="trade">{t('products.tabs.trade')}</Tabs.Tab>
            <Tabs.Tab value="prices">{t('products.tabs.prices')}</Tabs.Tab>
            {product.kind !== 'variant' && (
              <Tabs.Tab value="variants" data-testid="tab-variants">
                {t('products.tabs.variants')}
                {variants.length > 0 ? ` (${variants.length})` : ''}
              </Tabs.Tab>
            )}
            <Tabs.Tab value="images" data-testid="tab-images">
              {t('products.tabs.images')}
              {images.length > 0 ? ` (${images.length})` : ''}
            </Tabs.Tab>
            <Tabs.Tab value="stock" data-testid="tab-stock">
              {t('products.tabs.stock')}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="general" pt="sm">
            {general}
          </Tabs.Panel>
          <Tabs.Panel value="trade" pt="sm">
            {trade}
          </Tabs.Panel>
          <Tabs.Panel value="prices" pt="sm">
            <PricesSection draft={draft} setDraft={setDraft} bind={bind} priceLists={priceLists} defaultCurrency={profile?.baseCurrency ?? 'EUR'} />
          </Tabs.Panel>
          {product.kind !== 'variant' && (
            <Tabs.Panel value="variants" pt="sm">
              <VariantsPanel
                product={{ ...product, revision, images, variants }}
                dirty={dirty}
                onReplace={onReplace}
                onVariantChanged={(v: VariantSummary) => setVariants((list) => list.map((x) => (x.id === v.id ? v : x)))}
              />
            </Tabs.Panel>
          )}
          <Tabs.Panel value="images" pt="sm">
            <ImagesPanel
              product={{ ...product, revision, images }}
              onImages={(next: ImageMeta[], nextRevision: number) => {
                setImages(next);
                setRevision(nextRevision);
              }}
            />
          </Tabs.Panel>
          <Tabs.Panel value="stock" pt="sm">
            <ProductStockPanel product={{ ...product, revision, variants }} />
          </Tabs.Panel>
        </Tabs>
      </Stack>

      <Box
        style={{
          position: 'sticky',
          bottom: 0,
          zIndex: 5,
          background: 'var(--mantine-color-body)',
          borderTop: '1px solid var(--mantine-color-default-border)',
          marginInline: 'calc(var(--mantine-spacing-md) * -1)',
          paddingInline: 'var(--mantine-spacing-md)',
        }}
        py="xs"
      >
        <Group gap="sm" maw={1200}>
          <Button type="submit" loading={saving} disabled={saving} leftSection={<IconDeviceFloppy size={14} />} data-testid="product-save" aria-keyshortcuts="Control+S">
            {t('company.save')}
          </Button>
          {dirty ? (
            <Badge color="orange" variant="light" data-testid="product-dirty">
              {t('company.unsaved')}
            </Badge>
          ) : (
            <Text size="xs" c="dimmed">
              {t('company.lastSaved', { when: formatDateTime(product.updatedAt, language) })}
            </Text>
          )}
        </Group>
      </Box>
    </form>
  );
}

function AttributeField({
  attribute,
  value,
  onChange,
  bind,
  label,
}: {
  attribute: CategoryAttribute;
  value: string | boolean | undefined;
  onChange: (value: string | boolean) => void;
  bind: Bind;
  label: string;
}) {
  const props = bind(`attributes.${attribute.code}`, label);
  const required = attribute.required ? { labelProps: { 'data-required-mark': true }, 'aria-required': true } : {};
  switch (attribute.type) {
    case 'boolean':
      return <Checkbox id={props.id} label={label} error={props.error} checked={value === true} onChange={(e) => onChange(e.currentTarget.checked)} mt={24} />;
    case 'choice':
      return (
        <Select
          {...props}
          {...required}
          data={attribute.choices ?? []}
          value={typeof value === 'string' && value !== '' ? value : null}
          onChange={(v) => onChange(v ?? '')}
          clearable={!attribute.required}
        />
      );
    case 'number':
      return <TextInput {...props} {...required} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.currentTarget.value)} dir="ltr" inputMode="decimal" />;
    case 'text':
      return <TextInput {...props} {...required} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.currentTarget.value)} className="kontor-auto-dir" />;
  }
}
