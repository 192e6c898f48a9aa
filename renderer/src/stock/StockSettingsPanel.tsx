import { Alert, Badge, Button, Group, Paper, Radio, Stack, Switch, Text, Title } from '@mantine/core';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StockSettings } from '../../../shared/stock/schemas.ts';
import { VALUATION_METHODS } from '../../../shared/stock/schemas.ts';
import { getClient } from '../lib/api.ts';
import { describeProblem } from '../lib/issues.ts';
import { notify } from '../lib/notifications.ts';
import { useLoad } from '../lib/useLoad.ts';
import { useUnsavedChanges } from '../lib/unsavedChanges.ts';

/**
 * #/settings/stock: whether stock may go below zero, and how it is valued (moving average or
 * FIFO). The core fixes the method once any stock has moved; a refused change says so here.
 */
export function StockSettingsPanel() {
  const { t, i18n } = useTranslation();
  const loaded = useLoad('stock-settings', () => getClient().call('stock.settings.get', {}));
  const [draft, setDraft] = useState<StockSettings | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const stored = loaded.data;
  const current = draft ?? stored;
  const dirty = draft !== null && stored !== undefined && (draft.allowNegativeStock !== stored.allowNegativeStock || draft.valuationMethod !== stored.valuationMethod);
  useUnsavedChanges(dirty);

  if (loaded.error) {
    return (
      <Alert color="red" role="alert" title={t('stockOps.settings.loadFailed')}>
        <Button size="xs" mt="xs" onClick={loaded.reload}>
          {t('app.retry')}
        </Button>
      </Alert>
    );
  }
  if (!current || !stored) return <Text c="dimmed">{t('app.loading')}</Text>;

  const save = async () => {
    if (!draft) return;
    setProblem(null);
    setBusy(true);
    try {
      const change: Partial<StockSettings> = {};
      if (draft.allowNegativeStock !== stored.allowNegativeStock) change.allowNegativeStock = draft.allowNegativeStock;
      if (draft.valuationMethod !== stored.valuationMethod) change.valuationMethod = draft.valuationMethod;
      const saved = await getClient().call('stock.settings.set', change);
      loaded.setData(saved);
      setDraft(null);
      notify({ kind: 'success', title: t('stockOps.settings.saved') });
    } catch (error) {
      const message = describeProblem(i18n, error, t('stockOps.settings.method'));
      setProblem(message);
      notify({ kind: 'error', title: t('stockOps.settings.saveFailed'), message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" maw={720}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('stockOps.settings.title')}
        </Title>
        {dirty && (
          <Badge color="orange" variant="light">
            {t('unsaved.badge')}
          </Badge>
        )}
      </Group>
      <Stack gap="lg">
        <Switch
          label={t('stockOps.settings.allowNegative')}
          description={t('stockOps.settings.allowNegativeHint')}
          checked={current.allowNegativeStock}
          onChange={(e) => {
            const allowNegativeStock = e.currentTarget.checked;
            setDraft({ ...current, allowNegativeStock });
          }}
          data-testid="stock-allow-negative"
        />
        <Radio.Group
          label={t('stockOps.settings.method')}
          description={t('stockOps.settings.methodHint')}
          value={current.valuationMethod}
          onChange={(v) => setDraft({ ...current, valuationMethod: v })}
        >
          <Stack gap="xs" mt="xs">
            {VALUATION_METHODS.map((m) => (
              <Radio key={m} value={m} label={t(`stockOps.methods.${m}`)} description={t(`stockOps.methodHints.${m}`)} data-testid={`stock-method-${m}`} />
            ))}
          </Stack>
        </Radio.Group>
      </Stack>
      {problem && (
        <Alert color="red" variant="light" p="xs" mt="md" role="alert" data-testid="stock-settings-problem">
          {problem}
        </Alert>
      )}
      <Group mt="md">
        <Button leftSection={<IconDeviceFloppy size={14} />} disabled={!dirty} loading={busy} onClick={() => void save()} data-testid="stock-settings-save">
          {t('stockOps.save')}
        </Button>
        <Button variant="default" disabled={!dirty} onClick={() => setDraft(null)}>
          {t('stockOps.undo')}
        </Button>
      </Group>
    </Paper>
  );
}
