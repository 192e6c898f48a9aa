import { Alert, Badge, Button, Group, Radio, ScrollArea, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconArrowsDiff } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatMoney } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { describeProblem } from '../lib/issues.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { useUnsavedChanges } from '../lib/unsavedChanges.ts';
import { FormFrame, RecentLog, useMovementForm } from './MovementFields.tsx';
import { SkuInput } from './SkuInput.tsx';
import { correctionBlock } from './movementChoices.ts';
import { RECENT_MOVEMENTS, useSkuMovements } from './skuMovements.ts';
import { formatSignedQty } from './stockFormat.ts';

/**
 * #/stock/correct/<sku>[@<movement id>]: movements are never edited; a wrong one is reversed by a
 * new movement (both halves for a transfer) and then recorded again correctly. The list offers the
 * SKU's latest movements; those already corrected, and corrections themselves, cannot be chosen.
 */
export function CorrectionForm({ initialSku, initialMovementId }: { initialSku: string; initialMovementId: number | null }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const form = useMovementForm();
  const [sku, setSku] = useState(initialSku);
  const [chosen, setChosen] = useState<number | null>(initialMovementId);
  const [reason, setReason] = useState('');
  useUnsavedChanges(reason.trim() !== '' || (chosen !== null && chosen !== initialMovementId));
  const history = useSkuMovements(sku, form.version);
  const movements = history?.movements ?? [];
  const selected = movements.find((m) => m.id === chosen && correctionBlock(m) === null) ?? null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!selected) return;
    const ok = await form.run(
      () => getClient().call('stock.correct', { movementId: selected.id, ...(reason.trim() === '' ? {} : { reason }) }),
      (m) => t('stockOps.correct.done', { id: selected.id, count: m.length }),
    );
    if (ok) {
      setChosen(null);
      setReason('');
    }
  };

  return (
    <Stack gap="md">
      <FormFrame title={t('stockOps.correct.title')} icon={<IconArrowsDiff size={18} />} onSubmit={(e) => void submit(e)} testId="correct-form">
        <Text size="sm" c="dimmed" mb="sm">
          {t('stockOps.correct.hint')}
        </Text>
        <Group align="flex-end" gap="sm" mb="sm">
          <div style={{ width: 320 }}>
            <SkuInput value={sku} onChange={(v) => { setSku(v); setChosen(null); }} label={t('stock.fields.sku')} error={form.errorOf('sku', t('stock.fields.sku'))} required testId="correct-sku" />
          </div>
        </Group>
        {history?.problem ? (
          <Alert color="red" variant="light" p="xs" role="alert">
            {describeProblem(i18n, history.problem, t('stock.fields.sku'))}
          </Alert>
        ) : sku.trim() === '' ? (
          <Text size="sm" c="dimmed">
            {t('stockOps.correct.pickSku')}
          </Text>
        ) : history && movements.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('stock.movements.empty')}
          </Text>
        ) : (
          <Radio.Group
            value={chosen === null ? null : String(chosen)}
            onChange={(v) => setChosen(Number(v))}
            label={t('stockOps.correct.movement', { count: RECENT_MOVEMENTS })}
            labelProps={{ 'data-required-mark': true }}
            error={form.errorOf('movementId', t('stockOps.correct.movementField'))}
          >
            <ScrollArea.Autosize mah={320} mt="xs">
              <Table striped fz="sm" data-testid="correct-movements">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={40} />
                    <Table.Th>#</Table.Th>
                    <Table.Th>{t('stock.columns.date')}</Table.Th>
                    <Table.Th>{t('stock.columns.kind')}</Table.Th>
                    <Table.Th>{t('stock.columns.warehouse')}</Table.Th>
                    <Table.Th ta="end">{t('stock.columns.quantity')}</Table.Th>
                    <Table.Th ta="end">{t('stock.columns.valueChange')}</Table.Th>
                    <Table.Th>{t('stock.columns.state')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {movements.map((m) => {
                    const block = correctionBlock(m);
                    return (
                      <Table.Tr key={m.id} data-testid={`correct-row-${m.id}`} style={{ opacity: block ? 0.55 : 1, cursor: block ? 'default' : 'pointer' }} onClick={() => block === null && setChosen(m.id)}>
                        <Table.Td>
                          <Radio value={String(m.id)} disabled={block !== null} aria-label={t('stockOps.correct.choose', { id: m.id })} />
                        </Table.Td>
                        <Table.Td>{m.id}</Table.Td>
                        <Table.Td>{formatDateTime(m.occurredAt, language)}</Table.Td>
                        <Table.Td>{t(`stock.kinds.${m.kind}`)}</Table.Td>
                        <Table.Td>{m.warehouseCode}</Table.Td>
                        <Table.Td ta="end">
                          <Text span size="sm" dir="ltr">
                            {formatSignedQty(m.quantityMilli, language)}
                          </Text>
                        </Table.Td>
                        <Table.Td ta="end">{history?.currency ? formatMoney(m.valueMinor, history.currency, language) : '—'}</Table.Td>
                        <Table.Td>
                          {block === 'alreadyCorrected' && (
                            <Badge size="xs" variant="light" color="gray">
                              {t('stock.movements.correctedBy', { id: m.correctedById })}
                            </Badge>
                          )}
                          {block === 'isCorrection' && (
                            <Badge size="xs" variant="light" color="orange">
                              {t('stock.movements.corrects', { id: m.correctsId })}
                            </Badge>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
          </Radio.Group>
        )}
        <TextInput
          mt="sm"
          label={t('stockOps.fields.reason')}
          description={t('stockOps.correct.reasonHint')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={form.errorOf('reason', t('stockOps.fields.reason'))}
          className="kontor-auto-dir"
          data-testid="correct-reason"
        />
        {selected && (
          <Text size="sm" mt="sm" data-testid="correct-preview">
            {t('stockOps.correct.preview', {
              id: selected.id,
              kind: t(`stock.kinds.${selected.kind}`),
              quantity: `\u2066${formatSignedQty(-selected.quantityMilli, language)}\u2069`,
              warehouse: selected.warehouseCode,
            })}
          </Text>
        )}
        {form.problem && (
          <Alert color="red" variant="light" p="xs" mt="sm" role="alert">
            {form.problem}
          </Alert>
        )}
        <Group mt="sm">
          <Button type="submit" loading={form.busy} disabled={selected === null} leftSection={<IconArrowsDiff size={14} />} data-testid="correct-submit">
            {t('stockOps.correct.submit')}
          </Button>
        </Group>
      </FormFrame>
      <RecentLog log={form.log} />
    </Stack>
  );
}
