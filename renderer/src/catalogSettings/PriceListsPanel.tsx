import { Alert, Button, Grid, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconDeviceFloppy, IconPlus } from '@tabler/icons-react';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PriceList } from '../../../shared/catalog/list.ts';
import { PRICE_LIST_KINDS } from '../../../shared/catalog/priceLists.ts';
import type { FieldIssue } from '../../../shared/errors.ts';
import { CURRENCY_CODES } from '../../../shared/reference/currencies.ts';
import { currencyName } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { useCompany } from '../lib/company.tsx';
import { describeProblem, issuesByPath, issuesOf, translateIssue } from '../lib/issues.ts';
import { notify } from '../lib/notifications.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { refresh, useReference } from '../lib/reference.ts';
import { useUnsavedChanges } from '../lib/unsavedChanges.ts';

type ListDraft = { name: string; kind: PriceList['kind']; currency: string };

function draftOf(list: PriceList): ListDraft {
  return { name: list.name, kind: list.kind, currency: list.currency ?? '' };
}

function useCurrencyOptions(): { value: string; label: string }[] {
  const { t } = useTranslation();
  const language = useLanguage();
  const { profile } = useCompany();
  return useMemo(
    () => [
      { value: '', label: t('catalogSettings.priceLists.baseCurrency', { currency: profile?.baseCurrency ?? '—' }) },
      ...CURRENCY_CODES.map((c) => ({ value: c, label: `${c} – ${currencyName(c, language)}` })),
    ],
    [t, language, profile?.baseCurrency],
  );
}

/**
 * #/settings/catalog, price lists: RETAIL and WHOLESALE come with every company; more can be added
 * (a wholesale list in EUR for European buyers next to the one in MAD). The code is fixed once
 * made, since products and imports name a list by it; name, kind and currency can change.
 */
export function PriceListsPanel() {
  const { t, i18n } = useTranslation();
  const { ref, error, retry } = useReference('priceLists');
  const currencies = useCurrencyOptions();
  const [edits, setEdits] = useState<ReadonlyMap<number, ListDraft>>(new Map());
  const [rowIssues, setRowIssues] = useState<ReadonlyMap<number, ReadonlyMap<string, FieldIssue>>>(new Map());
  const [busy, setBusy] = useState(false);
  const lists = ref.priceLists;
  useUnsavedChanges(edits.size > 0);

  if (error !== undefined) {
    return (
      <Alert color="red" role="alert" title={t('catalogSettings.loadFailed')}>
        <Button size="xs" mt="xs" onClick={retry}>
          {t('app.retry')}
        </Button>
      </Alert>
    );
  }
  if (lists === undefined) return <Text c="dimmed">{t('app.loading')}</Text>;

  const change = (list: PriceList, patch: Partial<ListDraft>) =>
    setEdits((prev) => {
      const next = new Map(prev);
      const draft = { ...(prev.get(list.id) ?? draftOf(list)), ...patch };
      const original = draftOf(list);
      if (draft.name === original.name && draft.kind === original.kind && draft.currency === original.currency) next.delete(list.id);
      else next.set(list.id, draft);
      return next;
    });

  const saveAll = async () => {
    setBusy(true);
    const failed = new Map<number, ReadonlyMap<string, FieldIssue>>();
    const kept = new Map<number, ListDraft>();
    for (const [id, draft] of edits) {
      try {
        await getClient().call('catalog.priceLists.update', { id, name: draft.name, kind: draft.kind, currency: draft.currency === '' ? null : draft.currency });
      } catch (reason) {
        const issues = issuesOf(reason);
        failed.set(id, issues.length > 0 ? issuesByPath(issues) : new Map([['', { path: '', key: 'errors.INTERNAL', message: describeProblem(i18n, reason), params: {} }]]));
        kept.set(id, draft);
      }
    }
    setRowIssues(failed);
    setEdits(kept);
    await refresh('priceLists');
    setBusy(false);
    if (failed.size === 0) notify({ kind: 'success', title: t('catalogSettings.priceLists.saved') });
    else notify({ kind: 'error', title: t('catalogSettings.priceLists.saveFailed'), message: t('catalogSettings.fixFields') });
  };

  return (
    <Stack>
      <Paper withBorder p="sm">
        <Title order={2} size="h4" mb="xs">
          {t('catalogSettings.priceLists.title')}
        </Title>
        <Text size="xs" c="dimmed" mb="sm">
          {t('catalogSettings.priceLists.hint')}
        </Text>
        <Table data-testid="price-lists" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={160}>{t('catalogSettings.priceLists.code')}</Table.Th>
              <Table.Th>{t('catalogSettings.priceLists.name')}</Table.Th>
              <Table.Th w={170}>{t('catalogSettings.priceLists.kind')}</Table.Th>
              <Table.Th w={260}>{t('catalogSettings.priceLists.currency')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lists.map((list) => {
              const draft = edits.get(list.id) ?? draftOf(list);
              const issues = rowIssues.get(list.id) ?? new Map<string, FieldIssue>();
              const err = (path: string, label: string) => {
                const issue = issues.get(path);
                return issue ? translateIssue(i18n, issue, `${label} (${list.code})`) : undefined;
              };
              return (
                <Table.Tr key={list.id} data-testid={`price-list-${list.code}`}>
                  <Table.Td ff="monospace" dir="ltr">
                    {list.code}
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={t('catalogSettings.priceLists.nameOf', { code: list.code })}
                      value={draft.name}
                      onChange={(e) => change(list, { name: e.currentTarget.value })}
                      error={err('name', t('catalogSettings.priceLists.name')) ?? err('', t('catalogSettings.priceLists.name'))}
                      size="xs"
                      className="kontor-auto-dir"
                    />
                  </Table.Td>
                  <Table.Td>
                    <NativeSelect
                      aria-label={t('catalogSettings.priceLists.kindOf', { code: list.code })}
                      value={draft.kind}
                      onChange={(e) => change(list, { kind: e.currentTarget.value as PriceList['kind'] })}
                      data={PRICE_LIST_KINDS.map((k) => ({ value: k, label: t(`catalogSettings.priceLists.kinds.${k}`) }))}
                      size="xs"
                    />
                  </Table.Td>
                  <Table.Td>
                    <NativeSelect
                      aria-label={t('catalogSettings.priceLists.currencyOf', { code: list.code })}
                      value={draft.currency}
                      onChange={(e) => change(list, { currency: e.currentTarget.value })}
                      data={currencies}
                      error={err('currency', t('catalogSettings.priceLists.currency'))}
                      size="xs"
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        <Group mt="sm">
          <Button size="xs" leftSection={<IconDeviceFloppy size={14} />} disabled={edits.size === 0} loading={busy} onClick={() => void saveAll()} data-testid="price-lists-save">
            {t('catalogSettings.save')}
          </Button>
          <Button size="xs" variant="default" disabled={edits.size === 0} onClick={() => setEdits(new Map())}>
            {t('catalogSettings.undo')}
          </Button>
        </Group>
      </Paper>
      <NewPriceList />
    </Stack>
  );
}

function NewPriceList() {
  const { t, i18n } = useTranslation();
  const currencies = useCurrencyOptions();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<PriceList['kind']>('wholesale');
  const [currency, setCurrency] = useState('');
  const [issues, setIssues] = useState<ReadonlyMap<string, FieldIssue>>(new Map());
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useUnsavedChanges(code.trim() !== '' || name.trim() !== '');

  const errorOf = (path: string, label: string) => {
    const issue = issues.get(path);
    return issue ? translateIssue(i18n, issue, label) : undefined;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setIssues(new Map());
    setProblem(null);
    setBusy(true);
    try {
      const created = await getClient().call('catalog.priceLists.create', { code, name, kind, currency: currency === '' ? null : currency });
      notify({ kind: 'success', title: t('catalogSettings.priceLists.created', { code: created.code }) });
      setCode('');
      setName('');
      setCurrency('');
      await refresh('priceLists');
    } catch (error) {
      const found = issuesOf(error);
      setIssues(issuesByPath(found));
      if (found.length === 0) setProblem(describeProblem(i18n, error));
      notify({ kind: 'error', title: t('catalogSettings.priceLists.createFailed'), message: found.length > 0 ? t('catalogSettings.fixFields') : describeProblem(i18n, error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('catalogSettings.priceLists.new')} data-testid="price-list-new">
      <Paper withBorder p="sm">
        <Title order={3} size="h5" mb="xs">
          {t('catalogSettings.priceLists.new')}
        </Title>
        <Grid gap="sm" align="flex-start">
          <Grid.Col span={{ base: 12, sm: 3 }}>
            <TextInput
              label={t('catalogSettings.priceLists.code')}
              description={t('catalogSettings.priceLists.codeHint')}
              labelProps={{ 'data-required-mark': true }}
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              error={errorOf('code', t('catalogSettings.priceLists.code'))}
              dir="ltr"
              spellCheck={false}
              data-testid="price-list-code"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 3 }}>
            <TextInput
              label={t('catalogSettings.priceLists.name')}
              description={t('catalogSettings.priceLists.nameHint')}
              labelProps={{ 'data-required-mark': true }}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={errorOf('name', t('catalogSettings.priceLists.name'))}
              className="kontor-auto-dir"
              data-testid="price-list-name"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 2 }}>
            <NativeSelect
              label={t('catalogSettings.priceLists.kind')}
              value={kind}
              onChange={(e) => setKind(e.currentTarget.value as PriceList['kind'])}
              data={PRICE_LIST_KINDS.map((k) => ({ value: k, label: t(`catalogSettings.priceLists.kinds.${k}`) }))}
              data-testid="price-list-kind"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 4 }}>
            <NativeSelect
              label={t('catalogSettings.priceLists.currency')}
              value={currency}
              onChange={(e) => setCurrency(e.currentTarget.value)}
              data={currencies}
              error={errorOf('currency', t('catalogSettings.priceLists.currency'))}
              data-testid="price-list-currency"
            />
          </Grid.Col>
        </Grid>
        {problem && (
          <Alert color="red" variant="light" p="xs" mt="sm" role="alert">
            {problem}
          </Alert>
        )}
        <Group mt="sm">
          <Button type="submit" size="xs" leftSection={<IconPlus size={14} />} loading={busy} data-testid="price-list-create">
            {t('catalogSettings.priceLists.create')}
          </Button>
        </Group>
      </Paper>
    </form>
  );
}
