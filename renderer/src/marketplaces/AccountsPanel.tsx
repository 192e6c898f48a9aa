import { Alert, Badge, Button, Group, NativeSelect, NumberInput, Paper, PasswordInput, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconCategory, IconPlugConnected, IconPlus, IconTrash } from '@tabler/icons-react';
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

/** The settings and secrets each platform asks for, by field name of its schemas. */
const FIELDS: Record<Platform, { settings: string[]; credentials: string[] }> = {
  shopify: { settings: ['shopUrl'], credentials: ['accessToken'] },
  woocommerce: { settings: ['siteUrl'], credentials: ['consumerKey', 'consumerSecret'] },
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
                    <Button size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} />} onClick={() => void remove(a)}>
                      {t('marketplaces.accounts.delete')}
                    </Button>
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
        credentials: Object.fromEntries(fields.credentials.map((f) => [f, values[f] ?? ''])),
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
