import { Group, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** From/to as native date inputs (ISO values, the browser's own calendar, keyboard friendly). */
export function PeriodInputs({ from, to, onChange }: { from: string; to: string; onChange: (period: { from: string; to: string }) => void }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap">
      <TextInput type="date" label={t('ledger.period.from')} value={from} onChange={(e) => onChange({ from: e.currentTarget.value, to })} w={150} data-testid="period-from" />
      <TextInput type="date" label={t('ledger.period.to')} value={to} onChange={(e) => onChange({ from, to: e.currentTarget.value })} w={150} data-testid="period-to" />
    </Group>
  );
}
