import { Alert, Stack, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../shared/marketplaces/schemas.ts';
import { getClient } from '../lib/api.ts';
import { describeProblem } from '../lib/issues.ts';
import { notify } from '../lib/notifications.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { useLoad } from '../lib/useLoad.ts';

/** Where each Kontor category goes on one account; saved when a field is left, remembered for every product of it. */
export function CategoryMapping({ account }: { account: AccountView }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const categories = useLoad('categories', () => getClient().call('catalog.categories.list', {}));
  const mappings = useLoad(`mappings:${account.id}`, () => getClient().call('marketplaces.categories.list', { accountId: account.id }));
  const save = async (categoryId: number, value: string) => {
    const before = mappings.data?.find((m) => m.categoryId === categoryId)?.remoteCategory ?? '';
    if (value.trim() === before) return;
    try {
      mappings.setData(await getClient().call('marketplaces.categories.map', { accountId: account.id, categoryId, remoteCategory: value.trim() || null }));
      notify({ kind: 'success', title: t('marketplaces.categories.saved') });
    } catch (error) {
      notify({ kind: 'error', title: describeProblem(i18n, error) });
    }
  };
  const error = categories.error ?? mappings.error;
  return (
    <Stack gap="xs">
      <Text fw={500}>{t('marketplaces.categories.heading', { account: account.name })}</Text>
      <Text size="xs" c="dimmed">
        {account.platform === 'shopify' ? t('marketplaces.categories.noteFree') : t('marketplaces.categories.noteId')}
      </Text>
      {error !== null && <Alert color="red">{describeProblem(i18n, error)}</Alert>}
      {categories.data?.length === 0 && <Text size="sm">{t('marketplaces.categories.none')}</Text>}
      {categories.data && mappings.data && categories.data.length > 0 && (
        <Table>
          <Table.Tbody>
            {categories.data.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td style={{ paddingInlineStart: 8 + c.depth * 16 }}>{c.names[language] ?? Object.values(c.names)[0] ?? c.code}</Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    defaultValue={mappings.data?.find((m) => m.categoryId === c.id)?.remoteCategory ?? ''}
                    onBlur={(e) => void save(c.id, e.currentTarget.value)}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
