import {
  ActionIcon,
  Alert,
  Badge,
  Box,
  Button,
  Checkbox,
  Grid,
  Group,
  Modal,
  NativeSelect,
  Paper,
  Stack,
  Table,
  TagsInput,
  Text,
  TextInput,
  Title,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { IconDeviceFloppy, IconFolderPlus, IconPlus, IconTrash, IconArrowBackUp } from '@tabler/icons-react';
import { useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTRIBUTE_TYPES, type AttributeType, type Category } from '../../../shared/catalog/category.ts';
import { RTL_LANGUAGES } from '../../../shared/catalog/languages.ts';
import type { FieldIssue } from '../../../shared/errors.ts';
import { formatInteger, languageName } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { callErrorOf } from '../lib/errors.ts';
import { describeProblem, issuesByPath, issuesOf, translateIssue } from '../lib/issues.ts';
import { notify } from '../lib/notifications.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { refresh, useReference } from '../lib/reference.ts';
import { useUnsavedChanges } from '../lib/unsavedChanges.ts';
import { attributeLabel, categoryName } from '../products/categoryTree.ts';
import {
  createInput,
  draftFromCategory,
  emptyAttribute,
  newCategoryDraft,
  sameDraft,
  selfAndDescendants,
  updateInput,
  type AttributeDraft,
  type CategoryDraft,
} from './categoryDraft.ts';

type Selection = { kind: 'category'; id: number } | { kind: 'new'; parentId: number | null } | null;

/**
 * #/settings/catalog, categories: the tree on the start side (arrows move, Enter edits), the chosen
 * category's form on the other: code, names per catalog language, parent (moving), and its own
 * custom attributes; the attributes it inherits from its ancestors are listed read-only.
 */
export function CategoriesPanel() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { ref, error, retry } = useReference('languages', 'categories');
  const languages = ref.languages;
  const categories = ref.categories;
  const [selection, setSelection] = useState<Selection>(null);
  const treeRef = useRef<HTMLDivElement>(null);

  if (error !== undefined) {
    return (
      <Alert color="red" role="alert" title={t('catalogSettings.loadFailed')}>
        <Button size="xs" mt="xs" onClick={retry}>
          {t('app.retry')}
        </Button>
      </Alert>
    );
  }
  if (languages === undefined || categories === undefined) return <Text c="dimmed">{t('app.loading')}</Text>;

  const nameLanguages = [language, ...languages];
  const selectedId = selection?.kind === 'category' ? selection.id : null;
  const selectedCategory = selectedId === null ? undefined : categories.find((c) => c.id === selectedId);

  const moveFocus = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Enter') {
      // Enter edits the chosen category: into its form.
      event.preventDefault();
      document.querySelector<HTMLInputElement>('[data-testid="category-code"]')?.focus();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp' && event.key !== 'Home' && event.key !== 'End') return;
    event.preventDefault();
    const index = categories.findIndex((c) => c.id === selectedId);
    const last = categories.length - 1;
    const next =
      event.key === 'Home' ? 0 : event.key === 'End' ? last : event.key === 'ArrowDown' ? Math.min(last, index + 1) : Math.max(0, index - 1);
    const target = categories[next];
    if (target) {
      setSelection({ kind: 'category', id: target.id });
      treeRef.current?.querySelector<HTMLElement>(`[data-category-id="${target.id}"]`)?.focus();
    }
  };

  return (
    <Grid gap="md" align="flex-start">
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Paper withBorder p="sm">
          <Group justify="space-between" mb="xs" wrap="nowrap">
            <Title order={2} size="h4">
              {t('catalogSettings.categories.title')}
            </Title>
            <Group gap={4} wrap="nowrap">
              <Tooltip label={t('catalogSettings.categories.newTop')}>
                <ActionIcon variant="light" aria-label={t('catalogSettings.categories.newTop')} onClick={() => setSelection({ kind: 'new', parentId: null })} data-testid="category-new">
                  <IconPlus size={16} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label={t('catalogSettings.categories.newSub')}>
                <ActionIcon
                  variant="light"
                  aria-label={t('catalogSettings.categories.newSub')}
                  disabled={selectedCategory === undefined}
                  onClick={() => selectedCategory && setSelection({ kind: 'new', parentId: selectedCategory.id })}
                  data-testid="category-new-sub"
                >
                  <IconFolderPlus size={16} />
                </ActionIcon>
              </Tooltip>
            </Group>
          </Group>
          {categories.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('catalogSettings.categories.none')}
            </Text>
          ) : (
            <Box ref={treeRef} role="tree" aria-label={t('catalogSettings.categories.title')} onKeyDown={moveFocus} data-testid="category-tree">
              {categories.map((c, index) => {
                const active = c.id === selectedId;
                return (
                  <UnstyledButton
                    key={c.id}
                    role="treeitem"
                    aria-level={c.depth + 1}
                    aria-selected={active}
                    data-category-id={c.id}
                    // One tab stop for the tree: the chosen row, else the first.
                    tabIndex={active || (selectedId === null && index === 0) ? 0 : -1}
                    onClick={() => setSelection({ kind: 'category', id: c.id })}
                    onFocus={() => selectedId === null && setSelection({ kind: 'category', id: c.id })}
                    display="flex"
                    w="100%"
                    py={4}
                    px="xs"
                    style={{
                      paddingInlineStart: `calc(var(--mantine-spacing-xs) + ${c.depth * 18}px)`,
                      borderRadius: 'var(--mantine-radius-sm)',
                      background: active ? 'var(--mantine-color-blue-light)' : undefined,
                      alignItems: 'center',
                      gap: 8,
                    }}
                  >
                    <Text size="sm" fw={active ? 600 : 400} style={{ flex: 1 }} truncate dir="auto">
                      {categoryName(c, nameLanguages)}
                    </Text>
                    <Text size="xs" c="dimmed" ff="monospace" dir="ltr">
                      {c.code}
                    </Text>
                    {c.productCount > 0 && (
                      <Badge size="xs" variant="light" color="gray" title={t('catalogSettings.categories.productCount', { count: c.productCount, formatted: formatInteger(c.productCount, language) })}>
                        {formatInteger(c.productCount, language)}
                      </Badge>
                    )}
                  </UnstyledButton>
                );
              })}
            </Box>
          )}
          <Text size="xs" c="dimmed" mt="sm">
            {t('catalogSettings.categories.keysHint')}
          </Text>
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8 }}>
        {selection === null ? (
          <Paper withBorder p="md">
            <Text c="dimmed" size="sm">
              {t('catalogSettings.categories.pick')}
            </Text>
          </Paper>
        ) : selection.kind === 'new' ? (
          <CategoryForm
            key={`new-${selection.parentId ?? 'top'}`}
            initial={newCategoryDraft(selection.parentId, languages)}
            category={null}
            categories={categories}
            languages={languages}
            onSaved={(saved) => setSelection({ kind: 'category', id: saved.id })}
            onDeleted={() => setSelection(null)}
          />
        ) : selectedCategory ? (
          <CategoryForm
            key={`${selectedCategory.id}-${selectedCategory.updatedAt}`}
            initial={draftFromCategory(selectedCategory, languages)}
            category={selectedCategory}
            categories={categories}
            languages={languages}
            onSaved={(saved) => setSelection({ kind: 'category', id: saved.id })}
            onDeleted={() => setSelection(null)}
          />
        ) : null}
      </Grid.Col>
    </Grid>
  );
}

function CategoryForm({
  initial,
  category,
  categories,
  languages,
  onSaved,
  onDeleted,
}: {
  initial: CategoryDraft;
  category: Category | null;
  categories: readonly Category[];
  languages: readonly string[];
  onSaved: (category: Category) => void;
  onDeleted: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const [draft, setDraft] = useState(initial);
  const [issues, setIssues] = useState<ReadonlyMap<string, FieldIssue>>(new Map());
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [refusal, setRefusal] = useState<{ message: string; products: number } | null>(null);
  const dirty = !sameDraft(draft, initial);
  useUnsavedChanges(dirty);
  const nameLanguages = useMemo(() => [language, ...languages], [language, languages]);

  const parentOptions = useMemo(() => {
    const excluded = draft.id === null ? new Set<number>() : selfAndDescendants(draft.id, categories);
    return [
      { value: '', label: t('catalogSettings.categories.topLevel') },
      ...categories
        .filter((c) => !excluded.has(c.id))
        .map((c) => ({ value: String(c.id), label: `${'\u00A0\u00A0'.repeat(c.depth)}${categoryName(c, nameLanguages)} (${c.code})` })),
    ];
  }, [categories, draft.id, nameLanguages, t]);

  // What the category inherits: its (chosen) parent's own and inherited attributes.
  const parent = draft.parentId === null ? undefined : categories.find((c) => c.id === draft.parentId);
  const inherited = parent ? [...parent.inheritedAttributes, ...parent.attributes] : [];

  const errorOf = (path: string, label: string): string | undefined => {
    const issue = issues.get(path);
    return issue ? translateIssue(i18n, issue, label) : undefined;
  };

  /** An edited field's old complaint goes; the others stay until the next save. */
  const clearIssues = (prefix: string) =>
    setIssues((prev) => (prev.size === 0 ? prev : new Map([...prev].filter(([path]) => path !== prefix && !path.startsWith(`${prefix}.`)))));
  const setAttribute = (key: string, index: number, change: Partial<AttributeDraft>) => {
    clearIssues(`attributes.${index}`);
    setDraft((d) => ({ ...d, attributes: d.attributes.map((a) => (a.key === key ? { ...a, ...change } : a)) }));
  };

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    setIssues(new Map());
    setProblem(null);
    setBusy(true);
    try {
      const saved =
        draft.id === null
          ? await getClient().call('catalog.categories.create', createInput(draft))
          : await getClient().call('catalog.categories.update', updateInput({ ...draft, id: draft.id }));
      notify({ kind: 'success', title: t('catalogSettings.categories.saved', { code: saved.code }) });
      await refresh('categories');
      onSaved(saved);
    } catch (error) {
      const found = issuesOf(error);
      setIssues(issuesByPath(found));
      const placed = (path: string) => path === 'code' || path === 'parentId' || path === 'names' || path.startsWith('names.') || path.startsWith('attributes.');
      const stray = found.filter((i) => !placed(i.path));
      setProblem(found.length === 0 ? describeProblem(i18n, error) : stray.length > 0 ? stray.map((i) => translateIssue(i18n, i, '')).join(' ') : null);
      notify({ kind: 'error', title: t('catalogSettings.categories.saveFailed'), message: found.length > 0 ? t('catalogSettings.fixFields') : describeProblem(i18n, error) });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (unfileProducts: boolean) => {
    if (category === null) return;
    setBusy(true);
    try {
      const result = await getClient().call('catalog.categories.delete', { id: category.id, unfileProducts });
      setConfirmDelete(false);
      setRefusal(null);
      notify({
        kind: 'success',
        title: t('catalogSettings.categories.deleted', { code: category.code }),
        ...(result.productsUnfiled > 0 ? { message: t('catalogSettings.categories.unfiled', { count: result.productsUnfiled, formatted: formatInteger(result.productsUnfiled, language) }) } : {}),
      });
      await refresh('categories');
      onDeleted();
    } catch (error) {
      setConfirmDelete(false);
      const details = callErrorOf(error)?.details;
      const products = typeof details?.products === 'number' ? details.products : 0;
      setRefusal({ message: describeProblem(i18n, error), products: details?.key === 'catalogSettings.categories.inUse' ? products : 0 });
    } finally {
      setBusy(false);
    }
  };

  const title = category === null ? t('catalogSettings.categories.newTitle') : t('catalogSettings.categories.editTitle', { name: categoryName(category, nameLanguages) });
  const nameIssue = issues.get('names');

  return (
    <form
      onSubmit={(e) => void save(e)}
      onKeyDown={(e) => {
        // Ctrl+S saves, as in the product editor.
        if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
          e.preventDefault();
          if (dirty && !busy) void save();
        }
      }}
      noValidate
      aria-label={title}
      data-testid="category-form"
    >
      <Paper withBorder p="sm">
        <Group justify="space-between" mb="sm" wrap="nowrap">
          <Title order={2} size="h4" dir="auto">
            {title}
          </Title>
          {dirty && (
            <Badge color="orange" variant="light" data-testid="category-dirty">
              {t('unsaved.badge')}
            </Badge>
          )}
        </Group>
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              label={t('catalogSettings.categories.code')}
              description={t('catalogSettings.categories.codeHint')}
              labelProps={{ 'data-required-mark': true }}
              value={draft.code}
              onChange={(e) => {
                const code = e.currentTarget.value;
                clearIssues('code');
                setDraft((d) => ({ ...d, code }));
              }}
              error={errorOf('code', t('catalogSettings.categories.code'))}
              dir="ltr"
              spellCheck={false}
              data-testid="category-code"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 8 }}>
            <NativeSelect
              label={t('catalogSettings.categories.parent')}
              description={t('catalogSettings.categories.parentHint')}
              value={draft.parentId === null ? '' : String(draft.parentId)}
              onChange={(e) => {
                const value = e.currentTarget.value;
                clearIssues('parentId');
                setDraft((d) => ({ ...d, parentId: value === '' ? null : Number(value) }));
              }}
              data={parentOptions}
              error={errorOf('parentId', t('catalogSettings.categories.parent'))}
              data-testid="category-parent"
            />
          </Grid.Col>
          {Object.keys(draft.names).map((lang) => (
            <Grid.Col key={lang} span={{ base: 12, sm: 6 }}>
              <TextInput
                label={t('catalogSettings.categories.nameIn', { language: languageName(lang, language) })}
                value={draft.names[lang] ?? ''}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  clearIssues('names');
                  setDraft((d) => ({ ...d, names: { ...d.names, [lang]: value } }));
                }}
                error={errorOf(`names.${lang}`, t('catalogSettings.categories.nameIn', { language: languageName(lang, language) }))}
                dir={RTL_LANGUAGES.includes(lang) ? 'rtl' : 'ltr'}
                lang={lang}
                data-testid={`category-name-${lang}`}
              />
            </Grid.Col>
          ))}
        </Grid>
        {nameIssue && (
          <Text size="xs" c="red" mt={4} role="alert">
            {translateIssue(i18n, nameIssue, t('catalogSettings.categories.names'))}
          </Text>
        )}

        <Title order={3} size="h5" mt="lg" mb={4}>
          {t('catalogSettings.attributes.title')}
        </Title>
        <Text size="xs" c="dimmed" mb="xs">
          {t('catalogSettings.attributes.hint')}
        </Text>
        {inherited.length > 0 && (
          <Table withTableBorder fz="sm" mb="sm" data-testid="inherited-attributes">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('catalogSettings.attributes.inherited')}</Table.Th>
                <Table.Th>{t('catalogSettings.attributes.type')}</Table.Th>
                <Table.Th>{t('catalogSettings.attributes.from')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {inherited.map((a) => {
                const owner = categories.find((c) => c.id === a.categoryId);
                return (
                  <Table.Tr key={`${a.categoryId}-${a.code}`}>
                    <Table.Td>
                      <bdi>{attributeLabel(a, nameLanguages)}</bdi>{' '}
                      <Text span size="xs" c="dimmed" ff="monospace" dir="ltr">
                        {a.code}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {t(`catalogSettings.attributes.types.${a.type}`)}
                      {a.required ? ` · ${t('catalogSettings.attributes.required')}` : ''}
                    </Table.Td>
                    <Table.Td dir="auto">{owner ? categoryName(owner, nameLanguages) : ''}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
        <Stack gap="xs">
          {draft.attributes.map((a, index) => (
            <AttributeRow
              key={a.key}
              attribute={a}
              index={index}
              languages={languages}
              errorOf={errorOf}
              onChange={(change) => setAttribute(a.key, index, change)}
              onRemove={() => setDraft((d) => ({ ...d, attributes: d.attributes.filter((x) => x.key !== a.key) }))}
            />
          ))}
          {draft.attributes.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('catalogSettings.attributes.none')}
            </Text>
          )}
          <Group>
            <Button
              variant="light"
              size="xs"
              leftSection={<IconPlus size={14} />}
              onClick={() => setDraft((d) => ({ ...d, attributes: [...d.attributes, emptyAttribute()] }))}
              data-testid="attribute-add"
            >
              {t('catalogSettings.attributes.add')}
            </Button>
          </Group>
        </Stack>

        {problem && (
          <Alert color="red" variant="light" p="xs" mt="sm" role="alert">
            {problem}
          </Alert>
        )}
        {refusal && (
          <Alert color="orange" variant="light" p="xs" mt="sm" role="alert" data-testid="category-refusal">
            <Text size="sm">{refusal.message}</Text>
            {refusal.products > 0 && (
              <Button size="xs" color="red" variant="light" mt="xs" onClick={() => void remove(true)} loading={busy} data-testid="category-unfile-delete">
                {t('catalogSettings.categories.deleteUnfiling', { count: refusal.products, formatted: formatInteger(refusal.products, language) })}
              </Button>
            )}
          </Alert>
        )}
        <Group mt="md" justify="space-between">
          <Group gap="xs">
            <Button type="submit" loading={busy} leftSection={<IconDeviceFloppy size={14} />} disabled={!dirty} aria-keyshortcuts="Control+S" data-testid="category-save">
              {draft.id === null ? t('catalogSettings.categories.create') : t('catalogSettings.save')}
            </Button>
            <Button variant="default" leftSection={<IconArrowBackUp size={14} className="kontor-flip-rtl" />} disabled={!dirty} onClick={() => setDraft(initial)}>
              {t('catalogSettings.undo')}
            </Button>
          </Group>
          {category !== null && (
            <Button variant="subtle" color="red" leftSection={<IconTrash size={14} />} onClick={() => setConfirmDelete(true)} data-testid="category-delete">
              {t('catalogSettings.categories.delete')}
            </Button>
          )}
        </Group>
      </Paper>
      <Modal opened={confirmDelete} onClose={() => setConfirmDelete(false)} title={t('catalogSettings.categories.deleteTitle', { code: category?.code ?? '' })}>
        <Text size="sm">{t('catalogSettings.categories.deleteText')}</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setConfirmDelete(false)} data-autofocus>
            {t('catalogSettings.cancel')}
          </Button>
          <Button color="red" onClick={() => void remove(false)} loading={busy} data-testid="category-delete-confirm">
            {t('catalogSettings.categories.delete')}
          </Button>
        </Group>
      </Modal>
    </form>
  );
}

function AttributeRow({
  attribute,
  index,
  languages,
  errorOf,
  onChange,
  onRemove,
}: {
  attribute: AttributeDraft;
  index: number;
  languages: readonly string[];
  errorOf: (path: string, label: string) => string | undefined;
  onChange: (change: Partial<AttributeDraft>) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const n = index + 1;
  const codeLabel = t('catalogSettings.attributes.codeOf', { n });
  return (
    <Paper withBorder p="xs" bg="var(--mantine-color-default-hover)" data-testid={`attribute-${index}`}>
      <Grid gap="xs" align="flex-end">
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput
            label={codeLabel}
            placeholder="material"
            labelProps={{ 'data-required-mark': true }}
            value={attribute.code}
            onChange={(e) => onChange({ code: e.currentTarget.value })}
            error={errorOf(`attributes.${index}.code`, codeLabel)}
            dir="ltr"
            spellCheck={false}
            size="xs"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 3 }}>
          <NativeSelect
            label={t('catalogSettings.attributes.typeOf', { n })}
            value={attribute.type}
            onChange={(e) => onChange({ type: e.currentTarget.value as AttributeType })}
            data={ATTRIBUTE_TYPES.map((type) => ({ value: type, label: t(`catalogSettings.attributes.types.${type}`) }))}
            error={errorOf(`attributes.${index}.type`, t('catalogSettings.attributes.typeOf', { n }))}
            size="xs"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 3 }}>
          <Checkbox
            label={t('catalogSettings.attributes.required')}
            checked={attribute.required}
            onChange={(e) => onChange({ required: e.currentTarget.checked })}
            size="xs"
            mb={6}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 2 }}>
          <Group justify="flex-end">
            <Tooltip label={t('catalogSettings.attributes.remove', { n })}>
              <ActionIcon variant="subtle" color="red" aria-label={t('catalogSettings.attributes.remove', { n })} onClick={onRemove}>
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Grid.Col>
        {attribute.type === 'choice' && (
          <Grid.Col span={12}>
            <TagsInput
              label={t('catalogSettings.attributes.choicesOf', { n })}
              description={t('catalogSettings.attributes.choicesHint')}
              value={attribute.choices}
              onChange={(choices) => onChange({ choices })}
              error={errorOf(`attributes.${index}.choices`, t('catalogSettings.attributes.choicesOf', { n }))}
              size="xs"
              className="kontor-auto-dir"
              data-testid={`attribute-${index}-choices`}
            />
          </Grid.Col>
        )}
        {languages.map((lang) => {
          const label = t('catalogSettings.attributes.labelIn', { n, language: languageName(lang, language) });
          return (
            <Grid.Col key={lang} span={{ base: 6, sm: 3 }}>
              <TextInput
                label={label}
                value={attribute.labels[lang] ?? ''}
                onChange={(e) => onChange({ labels: { ...attribute.labels, [lang]: e.currentTarget.value } })}
                error={errorOf(`attributes.${index}.labels.${lang}`, label)}
                dir={RTL_LANGUAGES.includes(lang) ? 'rtl' : 'ltr'}
                lang={lang}
                size="xs"
              />
            </Grid.Col>
          );
        })}
      </Grid>
    </Paper>
  );
}
