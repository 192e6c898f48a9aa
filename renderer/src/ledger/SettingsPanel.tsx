import { Alert, Button, Group, NumberInput, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconLock } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LedgerSettings } from '../../../shared/ledger/schemas.ts';
import { formatDate } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { describeProblem } from '../lib/issues.ts';
import { notify } from '../lib/notifications.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { useLoad } from '../lib/useLoad.ts';

/** #/ledger/settings: the period lock, and the numbers DATEV and FEC files carry. */
export function SettingsPanel() {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const lock = useLoad('lock', () => getClient().call('ledger.lock.get', {}));
  const settings = useLoad('settings', () => getClient().call('ledger.settings.get', {}));
  const [through, setThrough] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const closePeriod = async (event: FormEvent) => {
    event.preventDefault();
    // Irreversible by design (the database refuses to move the date back): ask once.
    if (!window.confirm(t('ledger.settings.lockConfirm', { date: through }))) return;
    setProblem(null);
    try {
      lock.setData(await getClient().call('ledger.lock.set', { through }));
      notify({ kind: 'success', title: t('ledger.settings.locked', { date: through }) });
    } catch (error) {
      setProblem(describeProblem(i18n, error));
    }
  };
  const locked = lock.data?.lockedThrough ?? null;
  return (
    <Stack gap="md" maw={720}>
      {problem && (
        <Alert color="red" variant="light" p="xs" role="alert" icon={<IconAlertTriangle size={16} />}>
          {problem}
        </Alert>
      )}
      <Paper withBorder p="sm">
        <Title order={3} size="h5">
          {t('ledger.settings.lockTitle')}
        </Title>
        <Text size="sm" c="dimmed" mb="xs">
          {t('ledger.settings.lockNote')}
        </Text>
        <Text size="sm" mb="xs" data-testid="locked-through">
          {locked ? `${t('ledger.settings.lockedThrough')} ${formatDate(`${locked}T12:00:00Z`, language)}` : t('ledger.settings.notLocked')}
        </Text>
        <form onSubmit={(e) => void closePeriod(e)}>
          <Group align="flex-end">
            <TextInput type="date" label={t('ledger.settings.lockDate')} value={through} onChange={(e) => setThrough(e.currentTarget.value)} w={170} required />
            <Button type="submit" color="orange" variant="light" leftSection={<IconLock size={14} />}>
              {t('ledger.settings.lock')}
            </Button>
          </Group>
        </form>
      </Paper>
      {settings.data && <ExportSettings key={JSON.stringify(settings.data)} initial={settings.data} onSaved={settings.setData} onProblem={setProblem} />}
    </Stack>
  );
}

function ExportSettings({ initial, onSaved, onProblem }: { initial: LedgerSettings; onSaved: (s: LedgerSettings) => void; onProblem: (p: string | null) => void }) {
  const { t, i18n } = useTranslation();
  const [datev, setDatev] = useState(initial.datev);
  const [siren, setSiren] = useState(initial.fec.siren ?? '');
  const save = async (event: FormEvent) => {
    event.preventDefault();
    onProblem(null);
    try {
      const saved = await getClient().call('ledger.settings.set', {
        datev: { consultantNumber: datev.consultantNumber, clientNumber: datev.clientNumber, accountLength: datev.accountLength },
        fec: { siren: siren.trim() === '' ? null : siren.replace(/\s/g, '') },
      });
      onSaved(saved);
      notify({ kind: 'success', title: t('ledger.settings.saved') });
    } catch (error) {
      onProblem(describeProblem(i18n, error));
    }
  };
  const num = (v: string | number): number | null => (typeof v === 'number' ? v : v.trim() === '' ? null : Number(v));
  return (
    <form onSubmit={(e) => void save(e)}>
      <Stack gap="md">
        <Paper withBorder p="sm">
          <Title order={3} size="h5" mb="xs">
            {t('ledger.settings.datevTitle')}
          </Title>
          <Group>
            <NumberInput label={t('ledger.settings.consultantNumber')} value={datev.consultantNumber ?? ''} onChange={(v) => setDatev({ ...datev, consultantNumber: num(v) })} min={1001} max={9999999} w={220} allowDecimal={false} />
            <NumberInput label={t('ledger.settings.clientNumber')} value={datev.clientNumber ?? ''} onChange={(v) => setDatev({ ...datev, clientNumber: num(v) })} min={1} max={99999} w={220} allowDecimal={false} />
            <NumberInput label={t('ledger.settings.accountLength')} value={datev.accountLength} onChange={(v) => setDatev({ ...datev, accountLength: num(v) ?? 4 })} min={4} max={8} w={160} allowDecimal={false} />
          </Group>
        </Paper>
        <Paper withBorder p="sm">
          <Title order={3} size="h5" mb="xs">
            {t('ledger.settings.fecTitle')}
          </Title>
          <TextInput label={t('ledger.settings.siren')} value={siren} onChange={(e) => setSiren(e.currentTarget.value)} w={220} />
        </Paper>
        <Group>
          <Button type="submit">{t('ledger.settings.save')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
