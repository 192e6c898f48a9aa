import { Alert, Badge, Button, Group, NativeSelect, Paper, Select, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../../../shared/errors.ts';
import { WAREHOUSE_KINDS, type Warehouse, type WarehouseKind } from '../../../shared/stock/schemas.ts';
import { countryName } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { describeError } from '../lib/errors.ts';
import { describeProblem, issuesByPath, issuesOf, translateIssue } from '../lib/issues.ts';
import { notify } from '../lib/notifications.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { refresh, useReference } from '../lib/reference.ts';
import { countryOptions, nameOrCodeFilter } from '../settings/options.ts';

/** #/stock/warehouses: own stores, 3PLs, marketplace fulfilment and consignment stock. */
export function WarehousesPanel() {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const { ref, error } = useReference('warehouses');
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<WarehouseKind>('own');
  const [country, setCountry] = useState<string | null>(null);
  const [issues, setIssues] = useState<ReadonlyMap<string, FieldIssue>>(new Map());
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const countries = useMemo(() => countryOptions(language), [language]);

  const labels = {
    code: t('stock.warehouses.code'),
    name: t('stock.warehouses.name'),
    kind: t('stock.warehouses.kind'),
    country: t('company.fields.country'),
  };
  const errorOf = (path: keyof typeof labels) => {
    const issue = issues.get(path);
    return issue ? translateIssue(i18n, issue, labels[path]) : undefined;
  };

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    setBusy(true);
    try {
      const created = await getClient().call('warehouses.create', { code, name, kind, country });
      await refresh('warehouses');
      notify({ kind: 'success', title: t('stock.warehouses.created', { code: created.code }) });
      setCode('');
      setName('');
      setIssues(new Map());
    } catch (reason) {
      const found = issuesOf(reason);
      setIssues(issuesByPath(found));
      if (found.length === 0) setProblem(describeError(i18n, reason));
    } finally {
      setBusy(false);
    }
  };

  const setActive = async (warehouse: Warehouse, active: boolean) => {
    try {
      await getClient().call('warehouses.update', { id: warehouse.id, active });
      await refresh('warehouses');
    } catch (reason) {
      notify({ kind: 'error', title: t('stock.warehouses.updateFailed', { code: warehouse.code }), message: describeProblem(i18n, reason) });
    }
  };

  return (
    <Stack gap="md" maw={1000}>
      <form onSubmit={(e) => void create(e)} noValidate aria-label={t('stock.warehouses.new')} data-testid="warehouse-form">
        <Paper withBorder p="sm">
          <Title order={2} size="h4" mb="xs">
            {t('stock.warehouses.new')}
          </Title>
          <Group gap="sm" align="flex-start">
            <TextInput
              label={labels.code}
              labelProps={{ 'data-required-mark': true }}
              description={t('stock.warehouses.codeHint')}
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              error={errorOf('code')}
              dir="ltr"
              w={140}
              data-testid="warehouse-code"
            />
            <TextInput
              label={labels.name}
              labelProps={{ 'data-required-mark': true }}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={errorOf('name')}
              className="kontor-auto-dir"
              w={220}
              data-testid="warehouse-name"
            />
            <NativeSelect
              label={labels.kind}
              value={kind}
              onChange={(e) => setKind(e.currentTarget.value as WarehouseKind)}
              data={WAREHOUSE_KINDS.map((k) => ({ value: k, label: t(`stock.warehouses.kinds.${k}`) }))}
              error={errorOf('kind')}
              w={200}
              data-testid="warehouse-kind"
            />
            <Select
              label={labels.country}
              data={countries}
              value={country}
              onChange={setCountry}
              searchable
              clearable
              filter={nameOrCodeFilter}
              nothingFoundMessage={t('company.nothingFound')}
              error={errorOf('country')}
              limit={300}
              w={200}
            />
            <Button type="submit" mt={22} loading={busy} leftSection={<IconPlus size={14} />} data-testid="warehouse-create">
              {t('stock.warehouses.create')}
            </Button>
          </Group>
          {problem && (
            <Alert color="red" variant="light" p="xs" mt="xs" role="alert">
              {problem}
            </Alert>
          )}
        </Paper>
      </form>

      {error !== undefined && (
        <Alert color="red" variant="light" p="xs" role="alert">
          {t('stock.warehouses.loadFailed')} {describeError(i18n, error)}
        </Alert>
      )}
      <Table striped withTableBorder data-testid="warehouse-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{labels.code}</Table.Th>
            <Table.Th>{labels.name}</Table.Th>
            <Table.Th>{labels.kind}</Table.Th>
            <Table.Th>{labels.country}</Table.Th>
            <Table.Th>{t('stock.warehouses.active')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(ref.warehouses ?? []).map((w) => (
            <Table.Tr key={w.id}>
              <Table.Td dir="ltr" style={{ fontFamily: 'var(--mantine-font-family-monospace)' }}>
                {w.code}
              </Table.Td>
              <Table.Td dir="auto">{w.name}</Table.Td>
              <Table.Td>
                <Badge size="sm" variant="light" color="gray">
                  {t(`stock.warehouses.kinds.${w.kind}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{w.country ? countryName(w.country, language) : '—'}</Table.Td>
              <Table.Td>
                <Switch
                  size="xs"
                  checked={w.active}
                  onChange={(e) => void setActive(w, e.currentTarget.checked)}
                  aria-label={t('stock.warehouses.activeOf', { code: w.code })}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {ref.warehouses?.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('stock.warehouses.none')}
        </Text>
      )}
    </Stack>
  );
}
