import { Alert, Anchor, Badge, Button, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowsJoin, IconCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../shared/contacts/contact.ts';
import type { DuplicatePair } from '../../../shared/contacts/list.ts';
import { countryName, formatPhone } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { describeProblem } from '../lib/issues.ts';
import { notify } from '../lib/notifications.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { hrefFor } from '../lib/router.ts';
import { useLoad } from '../lib/useLoad.ts';
import { MergeDialog } from './MergeDialog.tsx';

/** #/contacts/duplicates: every pair sharing a tax ID, email, phone or name (legal forms aside). */
export function DuplicatesPage() {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const [version, setVersion] = useState(0);
  const loaded = useLoad(`duplicates:${version}`, () => getClient().call('contacts.duplicatePairs', { limit: 200 }));
  const [merging, setMerging] = useState<{ first: Contact; pair: DuplicatePair } | null>(null);

  const openMerge = async (pair: DuplicatePair) => {
    try {
      const first = await getClient().call('contacts.get', { id: pair.a.id });
      setMerging({ first, pair });
    } catch (error) {
      notify({ kind: 'error', title: t('contacts.merge.failed'), message: describeProblem(i18n, error) });
    }
  };
  const distinct = async (pair: DuplicatePair) => {
    try {
      await getClient().call('contacts.markDistinct', { a: pair.a.id, b: pair.b.id });
      setVersion((v) => v + 1);
    } catch (error) {
      notify({ kind: 'error', title: t('contacts.duplicates.distinctFailed'), message: describeProblem(i18n, error) });
    }
  };

  return (
    <Stack gap="sm" maw={1100} data-testid="duplicates-page">
      <Anchor href={hrefFor('contacts')} size="sm">
        {t('contacts.detail.back')}
      </Anchor>
      <Group gap="sm" align="baseline">
        <Title order={1}>{t('contacts.duplicates.title')}</Title>
        {loaded.data && (
          <Text size="sm" c="dimmed">
            {t('contacts.duplicates.count', { count: loaded.data.total })}
          </Text>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {t('contacts.duplicates.intro')}
      </Text>
      {loaded.error !== null && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={16} />} role="alert">
          {describeProblem(i18n, loaded.error)}
        </Alert>
      )}
      {loaded.data === undefined && loaded.error === null && <Loader size="sm" />}
      {loaded.data?.pairs.length === 0 && (
        <Paper withBorder p="md">
          <Text size="sm">{t('contacts.duplicates.none')}</Text>
        </Paper>
      )}
      {loaded.data && loaded.data.pairs.length > 0 && (
        <Table withTableBorder striped verticalSpacing="xs" data-testid="duplicate-pairs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('contacts.duplicates.contactA')}</Table.Th>
              <Table.Th>{t('contacts.duplicates.contactB')}</Table.Th>
              <Table.Th>{t('contacts.duplicates.why')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {loaded.data.pairs.map((pair) => (
              <Table.Tr key={`${pair.a.id}-${pair.b.id}`}>
                {[pair.a, pair.b].map((c) => (
                  <Table.Td key={c.id}>
                    <Anchor href={hrefFor(`contacts/${c.id}`)}>
                      <bdi>{c.name}</bdi>
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {c.country ? countryName(c.country, language) : ''}
                    </Text>
                  </Table.Td>
                ))}
                <Table.Td>
                  <Group gap={4}>
                    {pair.reasons.map((r) => (
                      <Badge key={r} size="xs" variant="outline">
                        {t(`contacts.duplicates.reason.${r}`)}
                        {r !== 'sameName' && (
                          <>
                            : <bdi dir="ltr">{r === 'phone' ? formatPhone(pair.matched[r] ?? '') : pair.matched[r]}</bdi>
                          </>
                        )}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Button size="compact-sm" variant="light" color="orange" leftSection={<IconArrowsJoin size={12} />} onClick={() => void openMerge(pair)} data-testid="pair-merge">
                      {t('contacts.merge.button')}
                    </Button>
                    <Button size="compact-sm" variant="subtle" color="gray" leftSection={<IconCheck size={12} />} onClick={() => void distinct(pair)}>
                      {t('contacts.duplicates.distinct')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {merging && (
        <MergeDialog
          first={merging.first}
          second={{ id: merging.pair.b.id, name: merging.pair.b.name }}
          onClose={() => setMerging(null)}
          onMerged={() => {
            setMerging(null);
            setVersion((v) => v + 1);
          }}
        />
      )}
    </Stack>
  );
}
