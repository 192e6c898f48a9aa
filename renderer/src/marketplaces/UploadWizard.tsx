import { Alert, Anchor, Button, Group, List, NativeSelect, Stack, Stepper, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ValidationRow } from '../../../shared/marketplaces/schemas.ts';
import { getClient } from '../lib/api.ts';
import { describeError } from '../lib/errors.ts';
import { describeProblem, translateIssue } from '../lib/issues.ts';
import { hrefFor } from '../lib/router.ts';
import { useLoad } from '../lib/useLoad.ts';
import { UploadReport } from './UploadReport.tsx';

/**
 * #/marketplaces/upload: choose products → check them against the platform's rules (each problem
 * links to the product to fix) → upload with progress → the per-item report.
 */
export function UploadWizard() {
  const { t, i18n } = useTranslation();
  const accounts = useLoad('accounts', () => getClient().call('marketplaces.accounts.list', {}));
  const platforms = useLoad('platforms', () => getClient().call('marketplaces.platforms', {}));
  const [step, setStep] = useState(0);
  const [accountId, setAccountId] = useState<number | null>(null);
  const [filter, setFilter] = useState('');
  const [status, setStatus] = useState<'active' | 'any'>('active');
  const [report, setReport] = useState<{ total: number; invalid: number; rows: ValidationRow[] } | null>(null);
  const [uploadId, setUploadId] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const account = accounts.data?.find((a) => a.id === (accountId ?? accounts.data?.[0]?.id)) ?? null;
  const platform = platforms.data?.find((p) => p.platform === account?.platform);
  const selection = { filter, status };

  if (accounts.data?.length === 0) return <Alert color="gray">{t('marketplaces.wizard.noAccount')}</Alert>;

  const check = async () => {
    if (!account) return;
    setBusy(true);
    setProblem(null);
    try {
      setReport(await getClient().call('marketplaces.validate', { accountId: account.id, selection }));
      setStep(1);
    } catch (error) {
      setProblem(describeProblem(i18n, error));
    } finally {
      setBusy(false);
    }
  };
  const start = async () => {
    if (!account) return;
    setBusy(true);
    setProblem(null);
    try {
      const upload = await getClient().call('marketplaces.uploads.start', { accountId: account.id, selection });
      setUploadId(upload.id);
      setStep(2);
    } catch (error) {
      setProblem(describeError(i18n, error));
    } finally {
      setBusy(false);
    }
  };
  const images = platform?.fieldRules.images as { maxCount: number; maxBytes: number; maxMegapixels: number | null } | undefined;

  return (
    <Stack gap="md" maw={1100}>
      <Stepper active={step} size="sm">
        <Stepper.Step label={t('marketplaces.wizard.steps.choose')} />
        <Stepper.Step label={t('marketplaces.wizard.steps.validate')} />
        <Stepper.Step label={t('marketplaces.wizard.steps.upload')} />
      </Stepper>
      {problem !== null && <Alert color="red">{problem}</Alert>}
      {step === 0 && (
        <Stack gap="sm" maw={520}>
          <NativeSelect
            label={t('marketplaces.wizard.account')}
            value={String(account?.id ?? '')}
            onChange={(e) => setAccountId(Number(e.currentTarget.value))}
            data={(accounts.data ?? []).map((a) => ({ value: String(a.id), label: `${a.name} (${t(`marketplaces.platform.${a.platform}`)})` }))}
          />
          <TextInput label={t('marketplaces.wizard.products')} value={filter} onChange={(e) => setFilter(e.currentTarget.value)} placeholder="RUG-*" />
          <NativeSelect
            label={t('marketplaces.wizard.status')}
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value as 'active' | 'any')}
            data={[
              { value: 'active', label: t('marketplaces.wizard.activeOnly') },
              { value: 'any', label: t('marketplaces.wizard.allButArchived') },
            ]}
          />
          {images && (
            <Text size="xs" c="dimmed">
              {t(images.maxMegapixels === null ? 'marketplaces.wizard.imagesRule' : 'marketplaces.wizard.imagesRulePixels', {
                platform: t(`marketplaces.platform.${account?.platform ?? 'shopify'}`),
                count: images.maxCount,
                mb: Math.round(images.maxBytes / 1024 / 1024),
                mp: images.maxMegapixels ?? 0,
              })}
            </Text>
          )}
          <Group>
            <Button onClick={() => void check()} loading={busy} disabled={!account}>
              {t('marketplaces.wizard.check')}
            </Button>
          </Group>
        </Stack>
      )}
      {step === 1 && report && account && (
        <Stack gap="sm">
          <Alert color={report.invalid === 0 ? 'teal' : 'orange'}>
            {t('marketplaces.wizard.checked', { valid: report.total - report.invalid, total: report.total, account: account.name })}{' '}
            {report.invalid === 0 ? t('marketplaces.wizard.allValid') : t('marketplaces.wizard.invalidNote')}
          </Alert>
          {report.rows.length > 0 && (
            <List spacing="xs" data-testid="validation-problems">
              {report.rows.map((row) => (
                <List.Item key={row.productId}>
                  <Anchor href={hrefFor(`products/${row.productId}`)} ff="monospace">
                    {row.sku}
                  </Anchor>{' '}
                  — {row.issues.map((i) => translateIssue(i18n, i, i.path)).join(' ')}{' '}
                  <Anchor href={hrefFor(`products/${row.productId}`)} size="sm">
                    {t('marketplaces.wizard.fix')}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          )}
          <Group>
            <Button variant="default" onClick={() => setStep(0)}>
              {t('marketplaces.wizard.back')}
            </Button>
            <Button onClick={() => void start()} loading={busy}>
              {t('marketplaces.wizard.start', { count: report.total })}
            </Button>
          </Group>
        </Stack>
      )}
      {step === 2 && uploadId !== null && <UploadReport uploadId={uploadId} />}
    </Stack>
  );
}
