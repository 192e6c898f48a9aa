import { Alert, Badge, Button, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditRecord, AuditVerificationView } from '../../../shared/contract/audit.ts';
import { formatDateTime, formatInteger } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { useLoad } from '../lib/useLoad.ts';
import { callText } from './callText.ts';

const OP_COLORS: Record<AuditRecord['op'], string> = { baseline: 'gray', insert: 'teal', update: 'blue', delete: 'red' };
const TABLES = ['product', 'product_price', 'product_text', 'stock_movement', 'warehouse', 'stocktake', 'company', 'settings', 'app_user'];

/** The names of the fields whose value differs between before and after. */
function changedFields(record: AuditRecord): string[] {
  const before = record.before ?? {};
  const after = record.after ?? {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/** #/settings/audit: verify the chain, read who changed what. */
export function AuditPanel() {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const [table, setTable] = useState<string | null>(null);
  const [pages, setPages] = useState<AuditRecord[][]>([]);
  const [verification, setVerification] = useState<AuditVerificationView | null>(null);
  const [verifyError, setVerifyError] = useState<string | null>(null);
  const [verifying, setVerifying] = useState(false);
  const first = useLoad(`audit:${table ?? ''}`, () => getClient().call('audit.list', { limit: 100, ...(table ? { table } : {}) }));
  const records = [...(first.data?.records ?? []), ...pages.flat()];

  const verify = async () => {
    setVerifying(true);
    setVerifyError(null);
    try {
      setVerification(await getClient().call('audit.verify', {}));
    } catch (error) {
      setVerifyError(callText(i18n, error));
    } finally {
      setVerifying(false);
    }
  };

  const older = async () => {
    const last = records.at(-1);
    if (!last) return;
    const page = await getClient().call('audit.list', { limit: 100, beforeSeq: last.seq, ...(table ? { table } : {}) });
    setPages((p) => [...p, page.records]);
  };

  return (
    <Stack gap="lg" maw={1100}>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={2} size="h3">
            {t('safety.audit.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('safety.audit.intro')}
          </Text>
          <Button w="fit-content" leftSection={<IconShieldCheck size={16} />} loading={verifying} onClick={() => void verify()} data-testid="audit-verify">
            {verifying ? t('safety.audit.verifying') : t('safety.audit.verify')}
          </Button>
          {verifyError ? <Alert color="red">{verifyError}</Alert> : null}
          {verification?.ok ? <Alert color="teal">{t('safety.audit.ok', { count: verification.records })}</Alert> : null}
          {verification && !verification.ok ? (
            <Alert color="red" title={t('safety.audit.brokenTitle')} role="alert">
              <Stack gap={4}>
                {verification.firstBrokenLink ? <Text size="sm">{t('safety.audit.firstBroken', { seq: verification.firstBrokenLink.seq, message: verification.firstBrokenLink.message })}</Text> : null}
                {verification.missingTriggers.length > 0 ? <Text size="sm">{t('safety.audit.missingTriggers', { tables: verification.missingTriggers.join(', ') })}</Text> : null}
                {verification.unrecordedChanges.slice(0, 10).map((c) => (
                  <Text size="sm" key={`${c.table}${c.key}`}>
                    {t('safety.audit.unrecorded', { message: c.message })}
                  </Text>
                ))}
              </Stack>
            </Alert>
          ) : null}
        </Stack>
      </Paper>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Group justify="space-between">
            <Select
              label={t('safety.audit.filterTable')}
              data={[{ value: '', label: t('safety.audit.allTables') }, ...TABLES.map((name) => ({ value: name, label: name }))]}
              value={table ?? ''}
              onChange={(value) => {
                setPages([]);
                setTable(value ? value : null);
              }}
              w={260}
            />
            {first.data ? <Text c="dimmed">{t('safety.audit.total', { count: first.data.total, formatted: formatInteger(first.data.total, language) })}</Text> : null}
          </Group>
          {first.error ? <Alert color="red">{callText(i18n, first.error)}</Alert> : null}
          {records.length === 0 && first.data ? <Text c="dimmed">{t('safety.audit.empty')}</Text> : null}
          {records.length > 0 ? (
            <Table striped data-testid="audit-list">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('safety.audit.columns.seq')}</Table.Th>
                  <Table.Th>{t('safety.audit.columns.at')}</Table.Th>
                  <Table.Th>{t('safety.audit.columns.actor')}</Table.Th>
                  <Table.Th>{t('safety.audit.columns.op')}</Table.Th>
                  <Table.Th>{t('safety.audit.columns.table')}</Table.Th>
                  <Table.Th>{t('safety.audit.columns.key')}</Table.Th>
                  <Table.Th>{t('safety.audit.columns.fields')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {records.map((r) => (
                  <Table.Tr key={r.seq}>
                    <Table.Td>{r.seq}</Table.Td>
                    <Table.Td>{formatDateTime(r.at, language)}</Table.Td>
                    <Table.Td>{r.actor}</Table.Td>
                    <Table.Td>
                      {/* A badge's label may shrink to an ellipsis; in a table the column must make room instead. */}
                      <Badge color={OP_COLORS[r.op]} variant="light" style={{ minWidth: 'max-content' }}>
                        {t(`safety.audit.ops.${r.op}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{r.table}</Table.Td>
                    <Table.Td>{r.key}</Table.Td>
                    <Table.Td>
                      <Text size="xs" dir="ltr">
                        {r.op === 'update'
                          ? changedFields(r)
                              .map((k) => `${k}: ${JSON.stringify(r.before?.[k])} → ${JSON.stringify(r.after?.[k])}`)
                              .join('; ')
                          : changedFields(r).join(', ')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ) : null}
          {first.data && records.length < first.data.total ? (
            <Button variant="default" w="fit-content" onClick={() => void older()}>
              {t('safety.audit.more')}
            </Button>
          ) : null}
        </Stack>
      </Paper>
    </Stack>
  );
}
