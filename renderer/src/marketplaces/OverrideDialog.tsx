import { Alert, Button, Group, Modal, NativeSelect, NumberInput, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRICE_ROUNDINGS, type PriceRounding } from '../../../shared/catalog/pricing.ts';
import { getClient } from '../lib/api.ts';
import { describeProblem } from '../lib/issues.ts';
import { notify } from '../lib/notifications.ts';
import { useLoad } from '../lib/useLoad.ts';

/** Title, description, price rule and stock buffer of one product on one account; empty follows the account. */
export function OverrideDialog({ accountId, accountName, productId, sku, onClose }: { accountId: number; accountName: string; productId: number; sku: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const current = useLoad(`override:${accountId}:${productId}`, () => getClient().call('marketplaces.overrides.get', { accountId, productId }));
  return (
    <Modal opened onClose={onClose} title={t('marketplaces.overrides.heading', { sku, account: accountName })} size="lg">
      {current.error !== null && <Alert color="red">{describeProblem(i18n, current.error)}</Alert>}
      {current.data !== undefined && <OverrideForm key={String(current.data !== null)} initial={current.data} accountId={accountId} productId={productId} onClose={onClose} />}
    </Modal>
  );
}

interface Override {
  title: string | null;
  description: string | null;
  markupPercent: number | null;
  rounding: PriceRounding | null;
  quantityBuffer: number | null;
}

function OverrideForm({ initial, accountId, productId, onClose }: { initial: Override | null; accountId: number; productId: number; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [title, setTitle] = useState(initial?.title ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [markup, setMarkup] = useState<number | ''>(initial?.markupPercent ?? '');
  const [rounding, setRounding] = useState<PriceRounding | ''>(initial?.rounding ?? '');
  const [buffer, setBuffer] = useState<number | ''>(initial?.quantityBuffer ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const save = async () => {
    try {
      await getClient().call('marketplaces.overrides.set', {
        accountId,
        productId,
        title: title.trim() || null,
        description: description.trim() || null,
        markupPercent: markup === '' ? null : markup,
        rounding: rounding === '' ? null : rounding,
        quantityBuffer: buffer === '' ? null : buffer,
      });
      notify({ kind: 'success', title: t('marketplaces.overrides.saved') });
      onClose();
    } catch (error) {
      setProblem(describeProblem(i18n, error));
    }
  };
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('marketplaces.overrides.note')}
      </Text>
      <TextInput label={t('marketplaces.overrides.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
      <Textarea label={t('marketplaces.overrides.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} autosize minRows={3} />
      <Group grow>
        <NumberInput label={t('marketplaces.overrides.markup')} value={markup} decimalScale={2} onChange={(v) => setMarkup(typeof v === 'number' ? v : '')} />
        <NativeSelect
          label={t('marketplaces.overrides.rounding')}
          value={rounding}
          onChange={(e) => setRounding(e.currentTarget.value as PriceRounding | '')}
          data={[{ value: '', label: t('marketplaces.overrides.inherit') }, ...PRICE_ROUNDINGS.map((r) => ({ value: r, label: r }))]}
        />
        <NumberInput label={t('marketplaces.overrides.buffer')} value={buffer} min={0} allowDecimal={false} onChange={(v) => setBuffer(typeof v === 'number' ? v : '')} />
      </Group>
      {problem !== null && <Alert color="red">{problem}</Alert>}
      <Group>
        <Button onClick={() => void save()}>{t('marketplaces.overrides.save')}</Button>
      </Group>
    </Stack>
  );
}
