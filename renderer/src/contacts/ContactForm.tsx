import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  List,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconAlertTriangle, IconCopy, IconDeviceFloppy, IconPlus, IconTrash, IconWorldWww } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { addressLayout } from '../../../shared/address/layout.ts';
import { CONTACT_ROLES, CONTACT_SOURCES, KNOWN_MARKETPLACES, PAYMENT_TERMS_KINDS, type Contact } from '../../../shared/contacts/contact.ts';
import type { DuplicateCandidate } from '../../../shared/contacts/list.ts';
import type { FieldIssue } from '../../../shared/errors.ts';
import { TAX_ID_SCHEMES } from '../../../shared/validation/taxIds.ts';
import { countryName, formatPhone, languageName } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { useCompany } from '../lib/company.tsx';
import { callErrorOf, describeError } from '../lib/errors.ts';
import { translateIssue } from '../lib/issues.ts';
import { notify } from '../lib/notifications.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { hrefFor } from '../lib/router.ts';
import { countryOptions, currencyOptions, nameOrCodeFilter } from '../settings/options.ts';
import { isolate } from './bidi.ts';
import { ContactPicker } from './ContactPicker.tsx';
import { draftFromContact, draftPathOf, draftToInput, emptyAddress, emptyDraft, newKey, type AddressDraft, type ContactDraft } from './contactDraft.ts';

/** Languages a buyer may read, as ISO 639-1 codes; named by Intl in the interface language. */
const BUYER_LANGUAGES = ['ar', 'de', 'en', 'es', 'fr', 'it', 'nl', 'pl', 'pt', 'ru', 'tr', 'zh', 'ja', 'ko', 'sv', 'da', 'cs', 'el', 'hi', 'id', 'ms', 'th', 'vi'];

function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Title order={2} size="h5">
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Paper>
  );
}

/** Live hints while typing: contacts that share a tax ID, email or phone, or have a similar name. */
function DuplicateHints({ draft, excludeId }: { draft: ContactDraft; excludeId?: number }) {
  const { t, i18n } = useTranslation();
  const [found, setFound] = useState<DuplicateCandidate[]>([]);
  const probe = useMemo(
    () => ({
      name: draft.name,
      emails: draft.emails.map((e) => e.address).filter((e) => e.trim() !== ''),
      phones: draft.phones.map((p) => p.number).filter((p) => p.trim() !== ''),
      taxIds: draft.taxIds.filter((x) => x.value.trim() !== '').map((x) => ({ scheme: x.scheme, value: x.value })),
      country: draft.addresses[0]?.country || draft.country || undefined,
      ...(excludeId === undefined ? {} : { excludeId }),
    }),
    [draft.name, draft.emails, draft.phones, draft.taxIds, draft.addresses, draft.country, excludeId],
  );
  const key = JSON.stringify(probe);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      getClient()
        .call('contacts.duplicates', JSON.parse(key) as typeof probe)
        .then((list) => current && setFound(list))
        .catch((e: unknown) => current && notify({ kind: 'error', title: t('contacts.duplicates.failed'), message: describeError(i18n, e) }));
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key, t, i18n]);
  if (found.length === 0) return null;
  return (
    <Alert color="yellow" variant="light" icon={<IconCopy size={16} />} title={t('contacts.duplicates.hintTitle', { count: found.length })} data-testid="duplicate-hints" role="status">
      <List size="sm" spacing={4}>
        {found.map((c) => (
          <List.Item key={c.id}>
            <Anchor href={hrefFor(`contacts/${c.id}`)} target="_blank">
              <bdi>{c.name}</bdi>
            </Anchor>{' '}
            {c.reasons.map((r) => (
              <Badge key={r} size="xs" variant="outline" color={r === 'similarName' || r === 'sameName' ? 'gray' : 'orange'} ms={4}>
                {t(`contacts.duplicates.reason.${r}`)}
                {c.matched[r] && r !== 'sameName' && r !== 'similarName' && (
                  <>
                    : <bdi dir="ltr">{r === 'phone' ? formatPhone(c.matched[r]) : c.matched[r]}</bdi>
                  </>
                )}
              </Badge>
            ))}
          </List.Item>
        ))}
      </List>
      <Text size="xs" c="dimmed" mt={4}>
        {t('contacts.duplicates.hintNote')}
      </Text>
    </Alert>
  );
}

/**
 * Create or edit a contact. Keyboard first: the name has the focus, Tab walks the fields in reading
 * order, Ctrl+Enter (or Ctrl+S) saves from anywhere, Escape cancels; "+" buttons add rows and the
 * new row's first input takes the focus.
 */
export function ContactForm({ contact, onSaved, onCancel }: { contact?: Contact; onSaved: (c: Contact) => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const { profile } = useCompany();
  const [draft, setDraft] = useState<ContactDraft>(() => (contact ? draftFromContact(contact) : emptyDraft(profile?.country ?? '', '')));
  const [issues, setIssues] = useState<Map<string, FieldIssue>>(new Map());
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const focusNext = useRef<string | null>(null);
  const countries = useMemo(() => countryOptions(language), [language]);
  const currencies = useMemo(() => currencyOptions(language), [language]);
  const languages = useMemo(() => BUYER_LANGUAGES.map((code) => ({ value: code, label: languageName(code, language) })).sort((a, b) => a.label.localeCompare(b.label)), [language]);

  useEffect(() => {
    if (focusNext.current === null) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });

  const set = <K extends keyof ContactDraft>(key: K, value: ContactDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const errorOf = (path: string, label: string): string | undefined => {
    const issue = issues.get(path);
    return issue ? translateIssue(i18n, issue, label) : undefined;
  };
  const updateRow = <L extends 'emails' | 'phones' | 'taxIds' | 'addresses' | 'marketplaceIds'>(list: L, key: string, change: Partial<ContactDraft[L][number]>) =>
    setDraft((d) => ({ ...d, [list]: (d[list] as { key: string }[]).map((row) => (row.key === key ? { ...row, ...change } : row)) }));
  const removeRow = (list: 'emails' | 'phones' | 'taxIds' | 'addresses' | 'marketplaceIds', key: string) =>
    setDraft((d) => ({ ...d, [list]: (d[list] as { key: string }[]).filter((row) => row.key !== key) }));
  const addRow = <L extends 'emails' | 'phones' | 'taxIds' | 'addresses' | 'marketplaceIds'>(list: L, row: ContactDraft[L][number], focusField: string) => {
    focusNext.current = `contact-${list}-${row.key}-${focusField}`;
    setDraft((d) => ({ ...d, [list]: [...d[list], row] }));
  };

  const save = useCallback(async () => {
    const { input, issues: local } = draftToInput(draft);
    if (local.length > 0) {
      setIssues(new Map(local.map((i) => [i.path, { path: i.path, key: i.key, message: i.key }])));
      return;
    }
    setSaving(true);
    setProblem(null);
    try {
      const saved = contact
        ? await getClient().call('contacts.update', { ...input, id: contact.id, revision: contact.revision })
        : await getClient().call('contacts.create', input);
      setIssues(new Map());
      onSaved(saved);
    } catch (error) {
      const found = callErrorOf(error)?.details?.issues ?? [];
      if (found.length > 0) {
        const map = new Map<string, FieldIssue>();
        for (const issue of found) {
          const path = draftPathOf(draft, issue.path);
          if (!map.has(path)) map.set(path, { ...issue, path });
        }
        setIssues(map);
        setProblem(t('contacts.form.fixFields', { count: map.size }));
        const first = [...map.keys()][0];
        if (first !== undefined) document.getElementById(`contact-${first.replaceAll('.', '-')}`)?.focus();
      } else {
        setProblem(describeError(i18n, error));
      }
    } finally {
      setSaving(false);
    }
  }, [draft, contact, onSaved, t, i18n]);

  const onKeyDown = (event: React.KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && (event.key === 'Enter' || event.key.toLowerCase() === 's')) {
      event.preventDefault();
      void save();
    } else if (event.key === 'Escape' && !document.querySelector('[data-combobox-dropdown], .mantine-Combobox-dropdown')) {
      event.preventDefault();
      onCancel();
    }
  };

  const id = (path: string) => `contact-${path.replaceAll('.', '-')}`;
  const firstCountry = draft.addresses[0]?.country || draft.country || profile?.country || '';

  return (
    <form
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={onKeyDown}
      noValidate
      data-testid="contact-form"
    >
      <Stack gap="sm" maw={980}>
        <Group justify="space-between" wrap="nowrap">
          <Title order={1}>{contact ? t('contacts.form.editTitle', { name: isolate(contact.name) }) : t('contacts.form.newTitle')}</Title>
          <Group gap="xs">
            <Button variant="default" onClick={onCancel}>
              {t('contacts.form.cancel')}
            </Button>
            <Tooltip label={t('contacts.form.saveShortcut')}>
              <Button type="submit" leftSection={<IconDeviceFloppy size={14} />} loading={saving} aria-keyshortcuts="Control+Enter Control+S" data-testid="contact-save">
                {t('contacts.form.save')}
              </Button>
            </Tooltip>
          </Group>
        </Group>
        {problem !== null && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={16} />} role="alert" data-testid="contact-form-problem">
            {problem}
          </Alert>
        )}
        <DuplicateHints draft={draft} {...(contact ? { excludeId: contact.id } : {})} />

        <Section title={t('contacts.form.identity')}>
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <SegmentedControl
                fullWidth
                value={draft.kind}
                onChange={(v) => set('kind', v)}
                data={[
                  { value: 'organisation', label: t('contacts.kind.organisation') },
                  { value: 'person', label: t('contacts.kind.person') },
                ]}
                aria-label={t('contacts.fields.kind')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <SegmentedControl
                fullWidth
                value={draft.role}
                onChange={(v) => set('role', v)}
                data={CONTACT_ROLES.map((r) => ({ value: r, label: t(`contacts.role.${r}`) }))}
                aria-label={t('contacts.fields.role')}
                data-testid="contact-role"
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: draft.kind === 'person' ? 6 : 12 }}>
              <TextInput
                id={id('name')}
                label={draft.kind === 'person' ? t('contacts.fields.personName') : t('contacts.fields.organisationName')}
                value={draft.name}
                onChange={(e) => set('name', e.currentTarget.value)}
                error={errorOf('name', t('contacts.fields.name'))}
                required
                autoFocus
                className="kontor-auto-dir"
                data-testid="contact-name"
              />
            </Grid.Col>
            {draft.kind === 'person' && (
              <>
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <TextInput id={id('jobTitle')} label={t('contacts.fields.jobTitle')} value={draft.jobTitle} onChange={(e) => set('jobTitle', e.currentTarget.value)} className="kontor-auto-dir" />
                </Grid.Col>
                <Grid.Col span={12}>
                  <ContactPicker
                    label={t('contacts.fields.organisation')}
                    kind="organisation"
                    value={draft.organisationId === null ? null : { id: draft.organisationId, name: draft.organisationName ?? String(draft.organisationId) }}
                    onChange={(v) => setDraft((d) => ({ ...d, organisationId: v?.id ?? null, organisationName: v?.name ?? null }))}
                    error={errorOf('organisationId', t('contacts.fields.organisation'))}
                    {...(contact ? { excludeId: contact.id } : {})}
                  />
                </Grid.Col>
              </>
            )}
          </Grid>
        </Section>

        <Grid gap="sm">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Section
              title={t('contacts.fields.emails')}
              actions={
                <ActionIcon variant="subtle" aria-label={t('contacts.form.addEmail')} onClick={() => addRow('emails', { key: newKey(), address: '' }, 'address')} disabled={draft.emails.length >= 10}>
                  <IconPlus size={16} />
                </ActionIcon>
              }
            >
              <Stack gap={6}>
                {draft.emails.map((e, i) => (
                  <Group key={e.key} gap={4} wrap="nowrap" align="flex-start">
                    <TextInput
                      id={id(`emails.${e.key}.address`)}
                      flex={1}
                      type="email"
                      dir="ltr"
                      aria-label={t('contacts.fields.emailN', { n: i + 1 })}
                      placeholder="buyer@example.com"
                      value={e.address}
                      onChange={(ev) => updateRow('emails', e.key, { address: ev.currentTarget.value })}
                      error={errorOf(`emails.${e.key}.address`, t('contacts.fields.email')) ?? errorOf(`emails.${e.key}`, t('contacts.fields.email'))}
                      data-testid={`contact-email-${i}`}
                    />
                    <ActionIcon variant="subtle" color="gray" mt={4} aria-label={t('contacts.form.remove')} onClick={() => removeRow('emails', e.key)}>
                      <IconTrash size={14} />
                    </ActionIcon>
                  </Group>
                ))}
              </Stack>
            </Section>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Section
              title={t('contacts.fields.phones')}
              actions={
                <ActionIcon variant="subtle" aria-label={t('contacts.form.addPhone')} onClick={() => addRow('phones', { key: newKey(), number: '' }, 'number')} disabled={draft.phones.length >= 10}>
                  <IconPlus size={16} />
                </ActionIcon>
              }
            >
              <Stack gap={6}>
                {draft.phones.map((p, i) => (
                  <Group key={p.key} gap={4} wrap="nowrap" align="flex-start">
                    <TextInput
                      id={id(`phones.${p.key}.number`)}
                      flex={1}
                      type="tel"
                      dir="ltr"
                      aria-label={t('contacts.fields.phoneN', { n: i + 1 })}
                      placeholder="+49 40 1234567"
                      description={i === 0 && firstCountry ? t('contacts.form.phoneHint', { country: countryName(firstCountry, language) }) : undefined}
                      value={p.number}
                      onChange={(ev) => updateRow('phones', p.key, { number: ev.currentTarget.value })}
                      error={errorOf(`phones.${p.key}.number`, t('contacts.fields.phone')) ?? errorOf(`phones.${p.key}`, t('contacts.fields.phone'))}
                      data-testid={`contact-phone-${i}`}
                    />
                    <ActionIcon variant="subtle" color="gray" mt={4} aria-label={t('contacts.form.remove')} onClick={() => removeRow('phones', p.key)}>
                      <IconTrash size={14} />
                    </ActionIcon>
                  </Group>
                ))}
              </Stack>
            </Section>
          </Grid.Col>
        </Grid>

        <Section
          title={t('contacts.fields.addresses')}
          actions={
            <Group gap={4}>
              <Button size="compact-xs" variant="subtle" leftSection={<IconPlus size={12} />} onClick={() => addRow('addresses', emptyAddress('billing', firstCountry), 'line1')}>
                {t('contacts.addressKind.billing')}
              </Button>
              <Button size="compact-xs" variant="subtle" leftSection={<IconPlus size={12} />} onClick={() => addRow('addresses', emptyAddress('shipping', firstCountry), 'line1')}>
                {t('contacts.addressKind.shipping')}
              </Button>
            </Group>
          }
        >
          <Stack gap="sm">
            {draft.addresses.length === 0 && (
              <Select
                id={id('country')}
                label={t('contacts.fields.countryOnly')}
                data={countries}
                value={draft.country || null}
                onChange={(v) => set('country', v ?? '')}
                searchable
                clearable
                filter={nameOrCodeFilter}
                w={280}
              />
            )}
            {draft.addresses.map((a) => (
              <AddressFields
                key={a.key}
                address={a}
                countries={countries}
                onChange={(change) => updateRow('addresses', a.key, change)}
                onRemove={() => removeRow('addresses', a.key)}
                errorOf={(field, label) => errorOf(`addresses.${a.key}.${field}`, label)}
                idOf={(field) => id(`addresses.${a.key}.${field}`)}
              />
            ))}
          </Stack>
        </Section>

        <Section
          title={t('contacts.fields.taxIds')}
          actions={
            <ActionIcon
              variant="subtle"
              aria-label={t('contacts.form.addTaxId')}
              onClick={() => addRow('taxIds', { key: newKey(), scheme: firstCountry === 'MA' ? 'MA_ICE' : 'EU_VAT', value: '' }, 'value')}
              disabled={draft.taxIds.length >= 20}
              data-testid="contact-add-tax-id"
            >
              <IconPlus size={16} />
            </ActionIcon>
          }
        >
          <Stack gap={6}>
            {draft.taxIds.map((x) => (
              <Group key={x.key} gap={4} wrap="nowrap" align="flex-start">
                <Select
                  w={220}
                  aria-label={t('contacts.fields.taxScheme')}
                  data={TAX_ID_SCHEMES.map((s) => ({ value: s, label: t(`taxSchemes.${s}`) }))}
                  value={x.scheme}
                  onChange={(v) => v && updateRow('taxIds', x.key, { scheme: v })}
                  allowDeselect={false}
                />
                <TextInput
                  id={id(`taxIds.${x.key}.value`)}
                  flex={1}
                  dir="ltr"
                  aria-label={t('contacts.fields.taxValue')}
                  value={x.value}
                  onChange={(ev) => updateRow('taxIds', x.key, { value: ev.currentTarget.value })}
                  error={errorOf(`taxIds.${x.key}.value`, t('contacts.fields.taxValue')) ?? errorOf(`taxIds.${x.key}`, t('contacts.fields.taxValue'))}
                  data-testid="contact-tax-value"
                />
                <ActionIcon variant="subtle" color="gray" mt={4} aria-label={t('contacts.form.remove')} onClick={() => removeRow('taxIds', x.key)}>
                  <IconTrash size={14} />
                </ActionIcon>
              </Group>
            ))}
            <Text size="xs" c="dimmed" data-testid="vies-note">
              {t('contacts.vies.note')}
            </Text>
          </Stack>
        </Section>

        <Section title={t('contacts.form.terms')}>
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <Select label={t('contacts.fields.language')} data={languages} value={draft.language || null} onChange={(v) => set('language', v ?? '')} searchable clearable />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <Select label={t('contacts.fields.currency')} data={currencies} value={draft.currency || null} onChange={(v) => set('currency', v ?? '')} searchable clearable filter={nameOrCodeFilter} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <Group gap={4} wrap="nowrap" align="flex-end">
                <TextInput
                  id={id('creditLimit.amountMinor')}
                  label={t('contacts.fields.creditLimit')}
                  dir="ltr"
                  value={draft.creditLimit}
                  onChange={(e) => set('creditLimit', e.currentTarget.value)}
                  error={errorOf('creditLimit.amountMinor', t('contacts.fields.creditLimit')) ?? errorOf('creditLimit.currency', t('contacts.fields.creditLimit'))}
                  flex={1}
                />
                <Select w={90} aria-label={t('contacts.fields.creditCurrency')} data={currencies.map((c) => c.value)} value={draft.creditCurrency || draft.currency || null} onChange={(v) => set('creditCurrency', v ?? '')} searchable />
              </Group>
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 8 }}>
              <SegmentedControl
                fullWidth
                value={draft.paymentKind}
                onChange={(v) => set('paymentKind', v)}
                data={PAYMENT_TERMS_KINDS.map((k) => ({ value: k, label: t(`contacts.payment.${k}`) }))}
                aria-label={t('contacts.fields.paymentTerms')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              {draft.paymentKind !== 'prepayment' && (
                <TextInput
                  id={id('paymentTerms.days')}
                  aria-label={t('contacts.fields.paymentDays')}
                  rightSection={<Text size="xs" c="dimmed">{t('contacts.payment.daysUnit')}</Text>}
                  rightSectionWidth={48}
                  inputMode="numeric"
                  dir="ltr"
                  value={draft.paymentDays}
                  onChange={(e) => set('paymentDays', e.currentTarget.value)}
                  error={errorOf('paymentTerms.days', t('contacts.fields.paymentDays'))}
                />
              )}
            </Grid.Col>
          </Grid>
        </Section>

        <Section title={t('contacts.form.more')}>
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                id={id('website')}
                label={t('contacts.fields.website')}
                dir="ltr"
                leftSection={<IconWorldWww size={14} />}
                value={draft.website}
                onChange={(e) => set('website', e.currentTarget.value)}
                error={errorOf('website', t('contacts.fields.website'))}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TagsInput label={t('contacts.fields.tags')} value={draft.tags} onChange={(v) => set('tags', v)} clearable className="kontor-auto-dir" error={errorOf('tags', t('contacts.fields.tags'))} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Select
                label={t('contacts.fields.source')}
                data={CONTACT_SOURCES.map((s) => ({ value: s, label: t(`contacts.source.${s}`) }))}
                value={draft.source || null}
                onChange={(v) => set('source', (v ?? ''))}
                clearable
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput label={t('contacts.fields.sourceDetail')} value={draft.sourceDetail} onChange={(e) => set('sourceDetail', e.currentTarget.value)} className="kontor-auto-dir" />
            </Grid.Col>
            <Grid.Col span={12}>
              <Stack gap={6}>
                <Group justify="space-between">
                  <Text size="sm" fw={500}>
                    {t('contacts.fields.marketplaceIds')}
                  </Text>
                  <ActionIcon variant="subtle" aria-label={t('contacts.form.addMarketplaceId')} onClick={() => addRow('marketplaceIds', { key: newKey(), marketplace: 'alibaba', buyerId: '' }, 'buyerId')}>
                    <IconPlus size={16} />
                  </ActionIcon>
                </Group>
                {draft.marketplaceIds.map((m) => (
                  <Group key={m.key} gap={4} wrap="nowrap" align="flex-start">
                    <Select w={160} aria-label={t('contacts.fields.marketplace')} data={[...KNOWN_MARKETPLACES]} value={m.marketplace} onChange={(v) => v && updateRow('marketplaceIds', m.key, { marketplace: v })} allowDeselect={false} />
                    <TextInput
                      id={id(`marketplaceIds.${m.key}.buyerId`)}
                      flex={1}
                      dir="ltr"
                      aria-label={t('contacts.fields.buyerId')}
                      value={m.buyerId}
                      onChange={(ev) => updateRow('marketplaceIds', m.key, { buyerId: ev.currentTarget.value })}
                      error={errorOf(`marketplaceIds.${m.key}.buyerId`, t('contacts.fields.buyerId'))}
                    />
                    <ActionIcon variant="subtle" color="gray" mt={4} aria-label={t('contacts.form.remove')} onClick={() => removeRow('marketplaceIds', m.key)}>
                      <IconTrash size={14} />
                    </ActionIcon>
                  </Group>
                ))}
              </Stack>
            </Grid.Col>
            <Grid.Col span={12}>
              <Textarea label={t('contacts.fields.notes')} value={draft.notes} onChange={(e) => set('notes', e.currentTarget.value)} autosize minRows={2} maxRows={8} className="kontor-auto-dir" />
            </Grid.Col>
          </Grid>
        </Section>
        <Text size="xs" c="dimmed">
          {t('contacts.form.keysHint')}
        </Text>
      </Stack>
    </form>
  );
}

/** One address, its fields in the order and with the names its country uses. */
function AddressFields({
  address: a,
  countries,
  onChange,
  onRemove,
  errorOf,
  idOf,
}: {
  address: AddressDraft;
  countries: { value: string; label: string }[];
  onChange: (change: Partial<AddressDraft>) => void;
  onRemove: () => void;
  errorOf: (field: string, label: string) => string | undefined;
  idOf: (field: string) => string;
}) {
  const { t } = useTranslation();
  const layout = addressLayout(a.country || 'ZZ');
  const postalLabel = t(`contacts.address.postal.${layout.postalCodeName}`);
  const regionLabel = t(`contacts.address.region.${layout.regionName}`);
  const postal = layout.hasPostalCode || a.postalCode !== '' ? (
    <Grid.Col span={{ base: 4, sm: 3 }} key="postal">
      <TextInput id={idOf('postalCode')} label={postalLabel} dir="ltr" placeholder={layout.example} value={a.postalCode} onChange={(e) => onChange({ postalCode: e.currentTarget.value })} error={errorOf('postalCode', postalLabel)} />
    </Grid.Col>
  ) : null;
  const city = (
    <Grid.Col span={{ base: 8, sm: layout.showRegion ? 4 : 5 }} key="city">
      <TextInput id={idOf('city')} label={t('contacts.address.city')} value={a.city} onChange={(e) => onChange({ city: e.currentTarget.value })} error={errorOf('city', t('contacts.address.city'))} required className="kontor-auto-dir" />
    </Grid.Col>
  );
  const region =
    layout.showRegion || a.region !== '' ? (
      <Grid.Col span={{ base: 6, sm: 3 }} key="region">
        <TextInput id={idOf('region')} label={regionLabel} value={a.region} onChange={(e) => onChange({ region: e.currentTarget.value })} className="kontor-auto-dir" />
      </Grid.Col>
    ) : null;
  const ordered = layout.order === 'postalCity' ? [postal, city, region] : [city, region, postal];
  return (
    <Paper withBorder p="xs" radius="sm" bg="var(--mantine-color-default-hover)" data-testid="contact-address">
      <Grid gap="xs">
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <SegmentedControl
            size="xs"
            fullWidth
            value={a.kind}
            onChange={(v) => onChange({ kind: v })}
            data={[
              { value: 'billing', label: t('contacts.addressKind.billing') },
              { value: 'shipping', label: t('contacts.addressKind.shipping') },
            ]}
            aria-label={t('contacts.fields.addressKind')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 10, sm: 7 }}>
          <Select
            id={idOf('country')}
            aria-label={t('contacts.address.country')}
            placeholder={t('contacts.address.country')}
            data={countries}
            value={a.country || null}
            onChange={(v) => onChange({ country: v ?? '' })}
            searchable
            filter={nameOrCodeFilter}
            error={errorOf('country', t('contacts.address.country'))}
            data-testid="contact-address-country"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 2, sm: 1 }}>
          <ActionIcon variant="subtle" color="gray" mt={4} aria-label={t('contacts.form.removeAddress')} onClick={onRemove}>
            <IconTrash size={14} />
          </ActionIcon>
        </Grid.Col>
        <Grid.Col span={12}>
          <TextInput id={idOf('recipient')} aria-label={t('contacts.address.recipient')} placeholder={t('contacts.address.recipient')} value={a.recipient} onChange={(e) => onChange({ recipient: e.currentTarget.value })} className="kontor-auto-dir" />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 7 }}>
          <TextInput id={idOf('line1')} label={t('contacts.address.line1')} value={a.line1} onChange={(e) => onChange({ line1: e.currentTarget.value })} error={errorOf('line1', t('contacts.address.line1'))} required className="kontor-auto-dir" />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 5 }}>
          <TextInput id={idOf('line2')} label={t('contacts.address.line2')} value={a.line2} onChange={(e) => onChange({ line2: e.currentTarget.value })} className="kontor-auto-dir" />
        </Grid.Col>
        {ordered}
      </Grid>
    </Paper>
  );
}
