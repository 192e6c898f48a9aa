import { Alert, Button, Group, Modal, Radio, Stack, Table, Text } from '@mantine/core';
import { IconArrowsJoin, IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../shared/contacts/contact.ts';
import { countryName, formatPhone } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { describeError } from '../lib/errors.ts';
import { describeProblem } from '../lib/issues.ts';
import { notify } from '../lib/notifications.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { isolate } from './bidi.ts';
import { ContactPicker, type PickedContact } from './ContactPicker.tsx';

/**
 * Merges two contacts. The person picks which one is kept (its values win; its empty fields are
 * filled from the other); everything that refers to the other (people, receipts, invoices, its
 * timeline) moves to the kept one in one transaction, and the merge is logged.
 */
export function MergeDialog({ first, second, onClose, onMerged }: { first: Contact; second?: PickedContact; onClose: () => void; onMerged: (kept: Contact) => void }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const [other, setOther] = useState<PickedContact | null>(second ?? null);
  const [otherContact, setOtherContact] = useState<Contact | null>(null);
  const [keep, setKeep] = useState<'first' | 'second'>('first');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (other === null) return;
    let current = true;
    getClient()
      .call('contacts.get', { id: other.id })
      .then((c) => current && setOtherContact(c))
      .catch((e: unknown) => current && setProblem(describeError(i18n, e)));
    return () => {
      current = false;
    };
  }, [other, i18n]);
  const shown = other === null ? null : otherContact;

  const merge = async () => {
    if (shown === null) return;
    setBusy(true);
    setProblem(null);
    const [kept, gone] = keep === 'first' ? [first, shown] : [shown, first];
    try {
      const result = await getClient().call('contacts.merge', { keepId: kept.id, mergeId: gone.id });
      notify({ kind: 'success', title: t('contacts.merge.done', { kept: isolate(kept.name), merged: isolate(gone.name) }) });
      onMerged(result.contact);
    } catch (error) {
      setProblem(describeProblem(i18n, error));
    } finally {
      setBusy(false);
    }
  };

  // Emails, phones and tax IDs are written left to right whatever the interface language.
  const summary = (c: Contact): [string, string, 'ltr' | 'auto'][] => [
    [t('contacts.fields.role'), t(`contacts.role.${c.role}`), 'auto'],
    [t('contacts.columns.country'), c.country ? countryName(c.country, language) : '—', 'auto'],
    [t('contacts.fields.emails'), c.emails.map((e) => e.address).join(', ') || '—', 'ltr'],
    [t('contacts.fields.phones'), c.phones.map((p) => formatPhone(p.number)).join(', ') || '—', 'ltr'],
    [t('contacts.fields.taxIds'), c.taxIds.map((x) => x.value).join(', ') || '—', 'ltr'],
    [t('contacts.fields.addresses'), String(c.addresses.length), 'auto'],
  ];

  return (
    <Modal opened onClose={onClose} title={t('contacts.merge.title')} size="xl" data-testid="merge-dialog">
      <Stack gap="sm">
        {second === undefined && (
          <ContactPicker label={t('contacts.merge.with')} value={other} onChange={setOther} kind={first.kind} excludeId={first.id} testId="merge-picker" autoFocus />
        )}
        {shown !== null && (
          <>
            <Radio.Group value={keep} onChange={(v) => setKeep(v)} label={t('contacts.merge.keepWhich')}>
              <Table withTableBorder withColumnBorders mt="xs" layout="fixed">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w="22%" />
                    {[first, shown].map((c, i) => (
                      <Table.Th key={c.id}>
                        <Radio value={i === 0 ? 'first' : 'second'} label={<bdi>{c.name}</bdi>} data-testid={`merge-keep-${i}`} />
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {summary(first).map(([label], row) => (
                    <Table.Tr key={label}>
                      <Table.Td>
                        <Text size="sm" c="dimmed">
                          {label}
                        </Text>
                      </Table.Td>
                      {[first, shown].map((c) => (
                        <Table.Td key={c.id}>
                          <Text size="sm" style={{ wordBreak: 'break-word' }}>
                            <bdi dir={summary(c)[row]?.[2]}>{summary(c)[row]?.[1]}</bdi>
                          </Text>
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Radio.Group>
            <Alert variant="light" color="blue" icon={<IconInfoCircle size={16} />}>
              {t('contacts.merge.explain', { kept: isolate((keep === 'first' ? first : shown).name), merged: isolate((keep === 'first' ? shown : first).name) })}
            </Alert>
          </>
        )}
        {problem !== null && (
          <Alert color="red" variant="light" role="alert">
            {problem}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('contacts.form.cancel')}
          </Button>
          <Button color="orange" leftSection={<IconArrowsJoin size={14} />} onClick={() => void merge()} disabled={shown === null} loading={busy} data-testid="merge-confirm">
            {t('contacts.merge.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
