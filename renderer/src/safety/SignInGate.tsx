import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { callErrorOf } from '../lib/errors.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { callText } from './callText.ts';
import { DatabaseCheckBanner } from './DatabaseCheckBanner.tsx';
import { SessionProvider, useSession } from './session.tsx';

/** The shell behind sign-in when sign-in is on (a shared PC); the shell as it is when it is off. */
export function SignInGate({ children }: { children: ReactNode }) {
  return (
    <SessionProvider>
      <Gate>{children}</Gate>
    </SessionProvider>
  );
}

function Gate({ children }: { children: ReactNode }) {
  const { status } = useSession();
  if (status?.signInRequired && !status.user) return <SignInScreen />;
  return (
    <>
      {children}
      <DatabaseCheckBanner />
    </>
  );
}

function SignInScreen() {
  const { t, i18n } = useTranslation();
  const { refresh } = useSession();
  const language = useLanguage();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await getClient().call('session.signIn', { username, password });
      setPassword('');
      refresh();
    } catch (failure) {
      const details = callErrorOf(failure)?.details;
      if (details?.reason === 'credentials') setError(t('safety.signIn.wrong'));
      else if (details?.reason === 'locked' && typeof details.lockedUntil === 'string') {
        setError(t('safety.signIn.locked', { when: formatDateTime(details.lockedUntil, language) }));
      } else setError(callText(i18n, failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Center mih="100vh" p="xl">
      <Paper withBorder p="xl" w={380}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <Stack>
            <Title order={1} size="h3">
              {t('safety.signIn.title')}
            </Title>
            <TextInput label={t('safety.signIn.username')} value={username} onChange={(e) => setUsername(e.currentTarget.value)} autoComplete="username" autoFocus data-testid="sign-in-username" />
            <PasswordInput label={t('safety.signIn.password')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} autoComplete="current-password" data-testid="sign-in-password" />
            {error ? (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            ) : null}
            <Button type="submit" loading={busy} disabled={username.trim() === ''}>
              {t('safety.signIn.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
