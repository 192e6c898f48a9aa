import { Alert, Anchor, Badge, Button, Checkbox, Group, Modal, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconExternalLink, IconUserPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BuyerSnapshot } from '../../../shared/invoicing/documents.ts';
import { ContactPicker } from '../contacts/ContactPicker.tsx';
import { countryName } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { describeProblem, issuesOf, translateIssue } from '../lib/issues.ts';
import { notify } from '../lib/notifications.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { hrefFor } from '../lib/router.ts';

/** The buyer a contact makes (invoices.buyerFromContact): what the draft will carry. */
export async function buyerOfContact(contactId: number): Promise<BuyerSnapshot> {
  return getClient().call('invoices.buyerFromContact', { contactId });
}

/**
 * The document's buyer, chosen from contacts: a search as you type (FTS, accents and Arabic
 * folded; arrows and Enter pick), the buyer as the document will print it, a link to the contact,
 * and a small form that creates a contact and uses it at once. `locked`: a credit note's buyer is
 * its invoice's.
 */
export function BuyerField({
  buyer,
  onPick,
  onWriteOut,
  locked,
  autoFocus,
}: {
  buyer: BuyerSnapshot | null;
  onPick: (buyer: BuyerSnapshot | null) => void;
  onWriteOut: () => void;
  locked: boolean;
  autoFocus: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const [creating, setCreating] = useState(false);

  const pick = async (contactId: number | null) => {
    setError(null);
    if (contactId === null) return onPick(null);
    try {
      onPick(await buyerOfContact(contactId));
    } catch (e) {
      const issues = issuesOf(e);
      setError(issues.length > 0 ? issues.map((i) => translateIssue(i18n, i, '')).join(' · ') : `${t('buyers.picker.failed')} ${describeProblem(i18n, e)}`);
    }
  };

  return (
    <Stack gap={6} data-testid="buyer-field">
      {!locked && (
        <Group align="flex-end" gap="xs" wrap="wrap">
          <div style={{ flex: '1 1 320px', maxWidth: 480 }}>
            <ContactPicker
              label={t('buyers.picker.label')}
              value={buyer?.contactId == null ? null : { id: buyer.contactId, name: buyer.name }}
              onChange={(picked) => void pick(picked?.id ?? null)}
              // The field shows the chosen contact's name again when it loses focus: that is not typed.
              onSearchTextChange={(text) => text !== buyer?.name && setTyped(text)}
              error={error ?? undefined}
              testId="buyer-contact"
              autoFocus={autoFocus}
            />
          </div>
          <Button variant="default" leftSection={<IconUserPlus size={14} />} onClick={() => setCreating(true)} data-testid="buyer-new-contact">
            {t('buyers.picker.newContact')}
          </Button>
          <Button variant="subtle" size="compact-sm" onClick={onWriteOut} data-testid="buyer-write-out">
            {t('buyers.picker.writeOut')}
          </Button>
        </Group>
      )}
      {!locked && buyer === null && (
        <Text size="xs" c="dimmed">
          {t('buyers.picker.hint')}
        </Text>
      )}
      {buyer !== null && <BuyerSummary buyer={buyer} />}
      {creating && (
        <NewContactModal
          name={typed}
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            void pick(id);
          }}
        />
      )}
    </Stack>
  );
}

/** The buyer as the document will print it, with what decides its taxes. */
function BuyerSummary({ buyer }: { buyer: BuyerSnapshot }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const address = buyer.billingAddress;
  return (
    <Paper withBorder p="xs" data-testid="buyer-summary">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={0}>
          <Text fw={600} dir="auto">
            {buyer.name}
          </Text>
          {buyer.organisationName && (
            <Text size="sm" dir="auto">
              {buyer.organisationName}
            </Text>
          )}
          {address && (
            <Text size="sm" dir="auto">
              {[address.line1, address.line2, [address.postalCode, address.city].filter(Boolean).join(' ')].filter(Boolean).join(', ')}
            </Text>
          )}
          <Text size="sm">{countryName(buyer.country, language)}</Text>
        </Stack>
        <Stack gap={4} align="flex-end">
          <Group gap={4}>
            <Badge size="sm" variant="light" color={buyer.isBusiness ? 'blue' : 'gray'}>
              {t(buyer.isBusiness ? 'buyers.summary.business' : 'buyers.summary.consumer')}
            </Badge>
            {buyer.paymentTermsDays !== null && (
              <Badge size="sm" variant="light" color="gray">
                {buyer.paymentTermsDays === 0 ? t('buyers.summary.termsNow') : t('buyers.summary.termsDays', { count: buyer.paymentTermsDays })}
              </Badge>
            )}
          </Group>
          {buyer.taxIds.map((id) => (
            <Text key={`${id.scheme}:${id.value}`} size="xs" data-testid="buyer-tax-id">
              {t(`taxSchemes.${id.scheme}`, { defaultValue: id.scheme })}: <bdi dir="ltr">{id.value}</bdi>
            </Text>
          ))}
          {buyer.contactId !== null && (
            <Anchor href={hrefFor(`contacts/${buyer.contactId}`)} size="xs" data-testid="buyer-open-contact">
              <Group gap={2} component="span">
                <IconExternalLink size={12} />
                {t('buyers.picker.openContact')}
              </Group>
            </Anchor>
          )}
        </Stack>
      </Group>
    </Paper>
  );
}

/** Name, country, VAT ID, email: enough to invoice; the rest is added on the contact's page. */
function NewContactModal({ name: initialName, onClose, onCreated }: { name: string; onClose: () => void; onCreated: (id: number) => void }) {
  const { t, i18n } = useTranslation();
  const [name, setName] = useState(initialName);
  const [person, setPerson] = useState(false);
  const [country, setCountry] = useState('');
  const [vatId, setVatId] = useState('');
  const [email, setEmail] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const created = await getClient().call('contacts.create', {
        kind: person ? 'person' : 'organisation',
        name,
        role: 'buyer',
        country: country.trim() === '' ? null : country.trim().toUpperCase(),
        taxIds: vatId.trim() === '' ? [] : [{ scheme: 'EU_VAT', value: vatId }],
        emails: email.trim() === '' ? [] : [{ address: email }],
      });
      notify({ kind: 'success', title: t('buyers.create.created', { name: created.name }) });
      onCreated(created.id);
    } catch (e) {
      const issues = issuesOf(e);
      if (issues.length === 0) setFailure(describeProblem(i18n, e));
      // Issues name the contact's fields: taxIds.0.value is the VAT ID here, emails.0.address the email.
      setProblems(Object.fromEntries(issues.map((i) => [i.path.split('.')[0] ?? i.path, translateIssue(i18n, i, '')])));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('buyers.create.title')} data-testid="buyer-new-contact-dialog">
      <form onSubmit={(e) => void submit(e)}>
        <Stack gap="xs">
          <TextInput label={t('buyers.create.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={problems.name} required autoFocus dir="auto" data-testid="new-contact-name" />
          <Checkbox label={t('buyers.create.person')} checked={person} onChange={(e) => setPerson(e.currentTarget.checked)} />
          <TextInput label={t('buyers.create.country')} value={country} maxLength={2} onChange={(e) => setCountry(e.currentTarget.value.toUpperCase())} error={problems.country} required w={160} dir="ltr" data-testid="new-contact-country" />
          <TextInput label={t('buyers.create.vatId')} value={vatId} onChange={(e) => setVatId(e.currentTarget.value)} error={problems.taxIds} dir="ltr" data-testid="new-contact-vat" />
          <TextInput label={t('buyers.create.email')} value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={problems.emails} dir="ltr" />
          {failure && (
            <Alert color="red" variant="light" role="alert">
              {failure}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('buyers.create.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="new-contact-submit">
              {t('buyers.create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
