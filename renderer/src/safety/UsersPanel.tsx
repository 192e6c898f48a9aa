import { Alert, Badge, Button, Group, Paper, PasswordInput, Select, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { IconLogout, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../shared/contract/permissions.ts';
import type { UserView } from '../../../shared/contract/users.ts';
import { formatDateTime } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { notify } from '../lib/notifications.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { useLoad } from '../lib/useLoad.ts';
import { callText } from './callText.ts';
import { useSession } from './session.tsx';

/** #/settings/users: sign-in on or off, the people, their roles; the signed-in person's own password. */
export function UsersPanel() {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const { status, refresh } = useSession();
  const users = useLoad<UserView[]>(`users:${status?.user?.id ?? 0}`, () => getClient().call('users.list', {}));
  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`safety.users.roles.${r}`) }));

  const act = async (work: () => Promise<unknown>, done?: string) => {
    try {
      await work();
      if (done) notify({ kind: 'success', title: done });
      users.reload();
      refresh();
    } catch (error) {
      notify({ kind: 'error', title: callText(i18n, error) });
    }
  };

  return (
    <Stack gap="lg" maw={960}>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={2} size="h3">
            {t('safety.users.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {status?.signInRequired ? t('safety.users.onIntro') : t('safety.users.offIntro')}
          </Text>
          {status?.user ? (
            <Group>
              <Text>{t('safety.signIn.signedInAs', { name: status.user.displayName, role: t(`safety.users.roles.${status.user.role}`) })}</Text>
              <Button size="xs" variant="default" leftSection={<IconLogout size={14} />} onClick={() => void act(() => getClient().call('session.signOut', {}))}>
                {t('safety.signIn.signOut')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </Paper>
      {users.error ? <Alert color="gray">{t('safety.users.forbidden')}</Alert> : null}
      {users.data && users.data.length > 0 ? (
        <Paper withBorder p="md">
          <Table data-testid="user-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('safety.users.displayName')}</Table.Th>
                <Table.Th>{t('safety.users.username')}</Table.Th>
                <Table.Th>{t('safety.users.role')}</Table.Th>
                <Table.Th>{t('safety.users.disabled')}</Table.Th>
                <Table.Th>{t('safety.users.newPassword')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>
                    {u.displayName}
                    {u.lockedUntil && u.lockedUntil > new Date().toISOString() ? (
                      <Badge color="orange" ms="xs" variant="light">
                        {t('safety.users.lockedUntil', { when: formatDateTime(u.lockedUntil, language) })}
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{u.username}</Table.Td>
                  <Table.Td>
                    <Select size="xs" data={roleOptions} value={u.role} allowDeselect={false} onChange={(role) => role && void act(() => getClient().call('users.update', { id: u.id, role: role }), t('safety.users.saved'))} />
                  </Table.Td>
                  <Table.Td>
                    <Switch checked={u.disabled} onChange={(e) => void act(() => getClient().call('users.update', { id: u.id, disabled: e.currentTarget.checked }), t('safety.users.saved'))} />
                  </Table.Td>
                  <Table.Td>
                    <SetPassword onSet={(password) => act(() => getClient().call('users.update', { id: u.id, password }), t('safety.users.saved'))} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      ) : null}
      {users.data ? <AddUser isFirst={users.data.length === 0} onAdded={() => (users.reload(), refresh())} /> : null}
    </Stack>
  );
}

function SetPassword({ onSet }: { onSet: (password: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  return (
    <Group gap="xs" wrap="nowrap">
      <PasswordInput size="xs" w={170} value={value} onChange={(e) => setValue(e.currentTarget.value)} aria-label={t('safety.users.newPassword')} autoComplete="new-password" />
      <Button size="xs" variant="default" disabled={value === ''} onClick={() => void onSet(value).then(() => setValue(''))}>
        {t('safety.users.setPassword')}
      </Button>
    </Group>
  );
}

function AddUser({ isFirst, onAdded }: { isFirst: boolean; onAdded: () => void }) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState({ username: '', displayName: '', role: (isFirst ? 'owner' : 'staff') as Role, password: '' });
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setError(null);
    try {
      const user = await getClient().call('users.create', draft);
      notify({ kind: 'success', title: t('safety.users.created', { name: user.displayName }) });
      setDraft({ username: '', displayName: '', role: 'staff', password: '' });
      onAdded();
    } catch (failure) {
      setError(callText(i18n, failure));
    }
  };
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('safety.users.add')}
        </Title>
        <Group grow align="flex-start">
          <TextInput label={t('safety.users.displayName')} value={draft.displayName} onChange={(e) => setDraft({ ...draft, displayName: e.currentTarget.value })} />
          <TextInput label={t('safety.users.username')} value={draft.username} onChange={(e) => setDraft({ ...draft, username: e.currentTarget.value })} autoComplete="off" />
          <Select label={t('safety.users.role')} data={ROLES.map((r) => ({ value: r, label: t(`safety.users.roles.${r}`) }))} value={draft.role} allowDeselect={false} disabled={isFirst} onChange={(role) => role && setDraft({ ...draft, role: role })} />
          <PasswordInput label={t('safety.users.password')} value={draft.password} onChange={(e) => setDraft({ ...draft, password: e.currentTarget.value })} autoComplete="new-password" />
        </Group>
        {error ? (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        ) : null}
        <Button w="fit-content" leftSection={<IconUserPlus size={16} />} onClick={() => void submit()}>
          {t('safety.users.add')}
        </Button>
      </Stack>
    </Paper>
  );
}
