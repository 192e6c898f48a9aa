import { Alert, Box, Button, FileButton, Group, Image, Stack, Text } from '@mantine/core';
import { IconPhoto, IconTrash, IconUpload } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOGO_MAX_BYTES, LOGO_MIME_TYPES, type Logo } from '../../../shared/company/profile.ts';
import { getClient } from '../lib/api.ts';
import { useCompany } from '../lib/company.tsx';
import { callErrorOf, describeError } from '../lib/errors.ts';
import { translateIssue } from '../lib/issues.ts';
import { notify } from '../lib/notifications.ts';

type LogoMime = Logo['mimeType'];

function isLogoMime(type: string): type is LogoMime {
  return (LOGO_MIME_TYPES as readonly string[]).includes(type);
}

/** Base64 in chunks: String.fromCharCode(...bytes) on 512 KiB would overflow the call stack. */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/**
 * The logo: a file picker that sends the image to company.setLogo, a preview (a data: URL, so
 * nothing is fetched from anywhere), and removal. The core checks the bytes again (the type
 * must match the content); the checks here just answer sooner.
 */
export function LogoEditor() {
  const { t, i18n } = useTranslation();
  const { profile, setProfile } = useCompany();
  const [preview, setPreview] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const hasLogo = profile?.hasLogo ?? false;
  // A preview loaded earlier stays in state after a removal; without a logo there is none to show.
  const shown = hasLogo ? preview : null;

  useEffect(() => {
    if (!hasLogo) return;
    let current = true;
    getClient()
      .call('company.getLogo', {})
      .then((logo) => {
        if (current) setPreview(logo ? `data:${logo.mimeType};base64,${logo.dataBase64}` : null);
      })
      .catch((error: unknown) => {
        if (current) setProblem(`${t('company.logo.loadFailed')} ${describeError(i18n, error)}`);
      });
    return () => {
      current = false;
    };
  }, [hasLogo, t, i18n]);

  if (profile === null) {
    return (
      <Text size="sm" c="dimmed">
        {t('company.logo.saveFirst')}
      </Text>
    );
  }

  const upload = async (file: File | null) => {
    if (!file) return;
    setProblem(null);
    const label = t('company.sections.logo');
    const local = (key: string) => translateIssue(i18n, { path: '', key, message: '' }, label);
    if (!isLogoMime(file.type)) return setProblem(local('validation.logo.type'));
    if (file.size === 0) return setProblem(local('validation.logo.empty'));
    if (file.size > LOGO_MAX_BYTES) return setProblem(local('validation.logo.tooLarge'));
    setBusy(true);
    try {
      const dataBase64 = toBase64(new Uint8Array(await file.arrayBuffer()));
      const saved = await getClient().call('company.setLogo', { mimeType: file.type, dataBase64 });
      setProfile(saved);
      setPreview(`data:${file.type};base64,${dataBase64}`);
      notify({ kind: 'success', title: t('company.logo.uploaded') });
    } catch (error) {
      const issue = callErrorOf(error)?.details?.issues?.[0];
      const message = issue ? translateIssue(i18n, issue, label) : describeError(i18n, error);
      setProblem(message);
      notify({ kind: 'error', title: t('company.logo.failed'), message });
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setProblem(null);
    setBusy(true);
    try {
      setProfile(await getClient().call('company.removeLogo', {}));
      setPreview(null);
      notify({ kind: 'success', title: t('company.logo.removed') });
    } catch (error) {
      notify({ kind: 'error', title: t('company.logo.failed'), message: describeError(i18n, error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="xs">
      <Group gap="md" align="center" wrap="nowrap">
        <Box
          w={160}
          h={80}
          style={{
            border: '1px dashed var(--mantine-color-default-border)',
            borderRadius: 'var(--mantine-radius-sm)',
            display: 'grid',
            placeItems: 'center',
            flexShrink: 0,
            // A logo is previewed on white, what invoices print on; an empty box stays in the theme.
            background: shown ? 'white' : undefined,
          }}
        >
          {shown ? (
            <Image src={shown} alt={t('company.logo.alt')} fit="contain" w={152} h={72} data-testid="logo-preview" />
          ) : (
            <IconPhoto size={28} color="var(--mantine-color-gray-5)" aria-label={t('company.logo.none')} />
          )}
        </Box>
        <Stack gap={6}>
          <Group gap="xs">
            <FileButton onChange={(file) => void upload(file)} accept={LOGO_MIME_TYPES.join(',')} disabled={busy}>
              {(props) => (
                <Button {...props} variant="default" leftSection={<IconUpload size={14} />} loading={busy}>
                  {hasLogo ? t('company.logo.replace') : t('company.logo.choose')}
                </Button>
              )}
            </FileButton>
            {hasLogo && (
              <Button variant="subtle" color="red" leftSection={<IconTrash size={14} />} onClick={() => void remove()} disabled={busy}>
                {t('company.logo.remove')}
              </Button>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {t('company.logo.hint')}
          </Text>
        </Stack>
      </Group>
      {problem && (
        <Alert color="red" variant="light" p="xs" role="alert">
          {problem}
        </Alert>
      )}
    </Stack>
  );
}
