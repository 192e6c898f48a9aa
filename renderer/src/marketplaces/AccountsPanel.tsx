import { ActionIcon, Alert, Badge, Button, Group, Menu, NativeSelect, NumberInput, Paper, PasswordInput, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconArchiveOff, IconCategory, IconCurrencyEuro, IconDots, IconPlugConnected, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PRICE_ROUNDINGS, type PriceRounding } from '../../../shared/catalog/pricing.ts';
import type { FieldIssue } from '../../../shared/errors.ts';
import { PLATFORMS, type AccountView, type Platform } from '../../../shared/marketplaces/schemas.ts';
import { getClient } from '../lib/api.ts';
import { describeError } from '../lib/errors.ts';
import { issuesByPath, issuesOf, translateIssue } from '../lib/issues.ts';
import { notify } from '../lib/notifications.ts';
import { useLoad } from '../lib/useLoad.ts';
import { CategoryMapping } from './CategoryMapping.tsx';

/** The settings and secrets each platform asks for, by field name of its schemas; `optional` secrets may stay empty. */
const FIELDS: Record<Platform, { settings: string[]; credentials: string[]; optional: string[] }> = {
  shopify: { settings: ['shopUrl'], credentials: ['accessToken'], optional: [] },
  // Images go to the WordPress media library, which needs a WordPress login (application password), not the WooCommerce keys.
  woocommerce: { settings: ['siteUrl'], credentials: ['consumerKey', 'consumerSecret'], optional: ['wpUsername', 'wpApplicationPassword'] },
};

/** #/marketplaces/accounts: several accounts per platform; credentials go in once and never come back. */
export function AccountsPanel() {
  const { t, i18n } = useTranslation();
  const accounts = useLoad('accounts', () => getClient().call('marketplaces.accounts.list', {}));
  const [adding, setAdding] = useState(false);
  const [testing, setTesting] = useState<number | null>(null);
  const [mapping, setMapping] = useState<number | null>(null);

  const test = async (account: AccountView) => {
    setTesting(account.id);
    try {
      const answer = await getClient().call('marketplaces.accounts.test', { id: account.id });
      notify(answer.ok ? { kind: 'success', title: t('marketplaces.accounts.connected', { message: answer.message }) } : { kind: 'error', title: t('marketplaces.accounts.refused', { message: answer.message }) });
      accounts.reload();
    } catch (error) {
      notify({ kind: 'error', title: describeError(i18n, error), message: error instanceof Error ? error.message : undefined });
    } finally {
      setTesting(null);
    }
  };
  /** Price-only sync, or removal of the archived products' listings: a job like any upload, reported under Uploads. */
  const change = async (account: AccountView, what: 'prices' | 'archived') => {
    try {
      const upload =
        what === 'prices'
          ? await getClient().call('marketplaces.prices.sync', { accountId: account.id })
          : await getClient().call('marketplaces.listings.remove', { accountId: account.id, selection: { archived: true } });
      if (upload === null) notify({ kind: 'info', title: t(what === 'prices' ? 'marketplaces.accounts.pricesUpToDate' : 'marketplaces.accounts.noArchived', { account: account.name }) });
      else notify({ kind: 'success', title: t(what === 'prices' ? 'marketplaces.accounts.pricesStarted' : 'marketplaces.accounts.removalStarted', { count: upload.total, account: account.name }) });
    } catch (error) {
      notify({ kind: 'error', title: describeError(i18n, error) });
    }
  };
  const remove = async (account: AccountView) => {
    try {
      await getClient().call('marketplaces.accounts.delete', { id: account.id });
      accounts.reload();
    } catch (error) {
      notify({ kind: 'error', title: describeError(i18n, error) });
    }
  };

  return (
    <Stack gap="sm" maw={1100}>
      {accounts.error !== null && <Alert color="red">{describeError(i18n, accounts.error)}</Alert>}
      {accounts.data?.length === 0 && !adding && <Alert color="gray">{t('marketplaces.accounts.empty')}</Alert>}
      {accounts.data && accounts.data.length > 0 && (
        <Table striped highlightOnHover data-testid="accounts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('marketplaces.accounts.name')}</Table.Th>
              <Table.Th>{t('marketplaces.accounts.platform')}</Table.Th>
              <Table.Th>{t('marketplaces.accounts.currency')}</Table.Th>
              <Table.Th>{t('marketplaces.accounts.listed')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {accounts.data.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <Text fw={500}>{a.name}</Text>
                  <Text size="xs" c="dimmed">
                    {addressOf(a)}
                  </Text>
                  {a.hasCredentials && (
                    <Badge size="xs" variant="light" color="teal" tt="none">
                      {t('marketplaces.accounts.credentialsStored')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{t(`marketplaces.platform.${a.platform}`)}</Table.Td>
                <Table.Td>{a.rules.currency}</Table.Td>
                <Table.Td>{a.listed}</Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end">
                    <Button size="xs" variant="light" leftSection={<IconPlugConnected size={14} />} loading={testing === a.id} onClick={() => void test(a)}>
                      {t('marketplaces.accounts.test')}
                    </Button>
                    <Button size="xs" variant="default" leftSection={<IconCategory size={14} />} onClick={() => setMapping(mapping === a.id ? null : a.id)}>
                      {t('marketplaces.categories.button')}
                    </Button>
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <ActionIcon variant="default" size="md" aria-label={t('marketplaces.accounts.more')} data-testid={`account-menu-${a.id}`}>
                          <IconDots size={14} />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item leftSection={<IconCurrencyEuro size={14} />} onClick={() => void change(a, 'prices')}>
                          {t('marketplaces.accounts.syncPrices')}
                        </Menu.Item>
                        <Menu.Item leftSection={<IconArchiveOff size={14} />} onClick={() => void change(a, 'archived')}>
                          {t('marketplaces.accounts.removeArchived')}
                        </Menu.Item>
                        <Menu.Divider />
                        <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => void remove(a)}>
                          {t('marketplaces.accounts.delete')}
                        </Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {accounts.data?.map((a) =>
        mapping === a.id ? (
          <Paper key={a.id} withBorder p="sm">
            <CategoryMapping account={a} />
          </Paper>
        ) : null,
      )}
      {adding ? (
        <AccountForm
          onDone={() => {
            setAdding(false);
            accounts.reload();
          }}
        />
      ) : (
        <Group>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            {t('marketplaces.accounts.add')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function AccountForm({ onDone }: { onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const [platform, setPlatform] = useState<Platform>('shopify');
  const [name, setName] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [rules, setRules] = useState({ currency: 'EUR', language: 'en', priceList: 'RETAIL', exchangeRate: '', markupPercent: 0, rounding: 'none' as PriceRounding, quantityBuffer: 0 });
  const [issues, setIssues] = useState<ReadonlyMap<string, FieldIssue>>(new Map());
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fields = FIELDS[platform];
  const label = (field: string) => t(`marketplaces.accounts.${field}`);
  const errorOf = (path: string, field: string) => {
    const issue = issues.get(path);
    return issue ? translateIssue(i18n, issue, label(field)) : undefined;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await getClient().call('marketplaces.accounts.create', {
        platform,
        name,
        settings: Object.fromEntries(fields.settings.map((f) => [f, values[f] ?? ''])),
        credentials: Object.fromEntries(
          [...fields.credentials, ...fields.optional.filter((f) => (values[f] ?? '').trim() !== '')].map((f): [string, string] => [f, values[f] ?? '']),
        ),
        rules: { ...rules, exchangeRate: rules.exchangeRate.trim() === '' ? null : rules.exchangeRate.trim() },
      });
      notify({ kind: 'success', title: t('marketplaces.accounts.saved') });
      onDone();
    } catch (error) {
      const found = issuesOf(error);
      setIssues(issuesByPath(found));
      if (found.length === 0) setProblem(describeError(i18n, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={(e: FormEvent) => void submit(e)} maw={760}>
      <Stack gap="sm">
        <SimpleGrid cols={2}>
          <NativeSelect
            label={t('marketplaces.accounts.platform')}
            value={platform}
            onChange={(e) => setPlatform(e.currentTarget.value as Platform)}
            data={PLATFORMS.map((p) => ({ value: p, label: t(`marketplaces.platform.${p}`) }))}
          />
          <TextInput label={t('marketplaces.accounts.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errorOf('name', 'name')} required />
          {fields.settings.map((f) => (
            <TextInput key={f} label={label(f)} placeholder="https://" value={values[f] ?? ''} onChange={(e) => setValues({ ...values, [f]: e.currentTarget.value })} error={errorOf(`settings.${f}`, f)} required />
          ))}
          {fields.credentials.map((f) => (
            <PasswordInput key={f} label={label(f)} autoComplete="off" value={values[f] ?? ''} onChange={(e) => setValues({ ...values, [f]: e.currentTarget.value })} error={errorOf(`credentials.${f}`, f)} required />
          ))}
          {fields.optional.map((f) =>
            f === 'wpUsername' ? (
              <TextInput key={f} label={label(f)} description={t('marketplaces.accounts.wpHint')} autoComplete="off" value={values[f] ?? ''} onChange={(e) => setValues({ ...values, [f]: e.currentTarget.value })} error={errorOf(`credentials.${f}`, f)} />
            ) : (
              <PasswordInput key={f} label={label(f)} description={t('marketplaces.accounts.wpPasswordHint')} autoComplete="off" value={values[f] ?? ''} onChange={(e) => setValues({ ...values, [f]: e.currentTarget.value })} error={errorOf(`credentials.${f}`, f)} />
            ),
          )}
          <TextInput label={label('currency')} value={rules.currency} maxLength={3} onChange={(e) => setRules({ ...rules, currency: e.currentTarget.value.toUpperCase() })} error={errorOf('rules.currency', 'currency')} />
          <TextInput label={label('language')} value={rules.language} maxLength={3} onChange={(e) => setRules({ ...rules, language: e.currentTarget.value.toLowerCase() })} />
          <TextInput label={label('priceList')} value={rules.priceList} onChange={(e) => setRules({ ...rules, priceList: e.currentTarget.value })} />
          <TextInput label={label('exchangeRate')} value={rules.exchangeRate} onChange={(e) => setRules({ ...rules, exchangeRate: e.currentTarget.value })} error={errorOf('rules.exchangeRate', 'exchangeRate')} />
          <NumberInput label={label('markup')} value={rules.markupPercent} decimalScale={2} onChange={(v) => setRules({ ...rules, markupPercent: typeof v === 'number' ? v : 0 })} />
          <NativeSelect label={label('rounding')} value={rules.rounding} data={[...PRICE_ROUNDINGS]} onChange={(e) => setRules({ ...rules, rounding: e.currentTarget.value as PriceRounding })} />
          <NumberInput label={label('buffer')} value={rules.quantityBuffer} min={0} allowDecimal={false} onChange={(v) => setRules({ ...rules, quantityBuffer: typeof v === 'number' ? v : 0 })} />
        </SimpleGrid>
        {problem !== null && <Alert color="red">{problem}</Alert>}
        <Group>
          <Button type="submit" loading={busy}>
            {t('marketplaces.accounts.save')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('marketplaces.accounts.cancel')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function addressOf(account: AccountView): string {
  const value = account.settings.shopUrl ?? account.settings.siteUrl;
  return typeof value === 'string' ? value : '';
}
