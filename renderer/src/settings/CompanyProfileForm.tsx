import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Fieldset,
  Grid,
  Group,
  List,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconAlertTriangle, IconDeviceFloppy, IconPlus, IconTrash } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ADDRESS_KINDS } from '../../../shared/company/profile.ts';
import { LANGUAGES } from '../../../shared/contract/app.ts';
import type { FieldIssue } from '../../../shared/errors.ts';
import { TAX_ID_SCHEMES } from '../../../shared/validation/taxIds.ts';
import { formatDateTime } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { useCompany } from '../lib/company.tsx';
import { callErrorOf, describeError } from '../lib/errors.ts';
import { translateIssue } from '../lib/issues.ts';
import { notify } from '../lib/notifications.ts';
import { useLanguage } from '../lib/preferences.tsx';
import {
  describeFieldKey,
  draftFromProfile,
  draftToInput,
  emptyAddress,
  emptyBankAccount,
  emptyDraft,
  emptyTaxId,
  entryKeyOf,
  issuesByField,
  labelKeyOf,
  sameProfile,
  validateDraft,
  type AddressDraft,
  type AddressKind,
  type BankAccountDraft,
  type CompanyDraft,
  type ListField,
  type TaxIdDraft,
} from './companyDraft.ts';
import { LogoEditor } from './LogoEditor.tsx';
import { countryOptions, currencyOptions, monthOptions, nameOrCodeFilter } from './options.ts';

type TopField = Exclude<keyof CompanyDraft, ListField>;
type EntryOf<L extends ListField> = CompanyDraft[L][number];

const MAX_ENTRIES: Record<ListField, number> = { addresses: 10, bankAccounts: 10, taxIds: 20 };

/** DOM id of an input, from its field key ("bankAccounts.b3.iban" → "company-bankAccounts-b3-iban"). */
function inputId(key: string): string {
  return `company-${key.replaceAll('.', '-')}`;
}

function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={2} size="h4">
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Paper>
  );
}

/**
 * The company profile form. Checks with CompanyProfileInputSchema, the schema company.save is
 * checked with: an input's problem shows once it has been left (blur) or after Save was
 * pressed; problems the core reports (FieldIssue paths such as "bankAccounts.0.iban") land on
 * the same inputs. A failed save keeps everything typed.
 */
export function CompanyProfileForm() {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const { profile, setProfile } = useCompany();

  const [draft, setDraft] = useState<CompanyDraft>(() => (profile ? draftFromProfile(profile) : emptyDraft(language)));
  const [baseline, setBaseline] = useState(draft);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverIssues, setServerIssues] = useState<ReadonlyMap<string, FieldIssue>>(new Map());
  const [generalProblem, setGeneralProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  // When the profile is replaced from outside (the demo company was created), show it.
  const shownProfile = useRef(profile);
  useEffect(() => {
    if (profile && profile !== shownProfile.current && profile.updatedAt !== shownProfile.current?.updatedAt) {
      const next = draftFromProfile(profile);
      setDraft(next);
      setBaseline(next);
    }
    shownProfile.current = profile;
  }, [profile]);

  const clientIssues = useMemo(() => issuesByField(draft, validateDraft(draft)), [draft]);
  const dirty = !sameProfile(draft, baseline);

  const countries = useMemo(() => countryOptions(language), [language]);
  const currencies = useMemo(() => currencyOptions(language), [language]);
  const months = useMemo(() => monthOptions(language), [language]);
  const languages = useMemo(() => LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) })), [t]);
  const addressKinds = useMemo(() => ADDRESS_KINDS.map((k) => ({ value: k, label: t(`company.addressKinds.${k}`) })), [t]);
  const taxSchemes = useMemo(() => TAX_ID_SCHEMES.map((s) => ({ value: s, label: t(`taxSchemes.${s}`) })), [t]);

  /** The issue shown on an input: the core's, else the form's once the input was left or Save pressed. */
  const issueFor = useCallback(
    (key: string): FieldIssue | undefined =>
      serverIssues.get(key) ?? (submitted || touched.has(key) ? clientIssues.get(key) : undefined),
    [serverIssues, clientIssues, submitted, touched],
  );

  const labelOf = useCallback(
    (key: string, withEntry: boolean): string => {
      const { list, position, field } = describeFieldKey(draft, key);
      const label = t(labelKeyOf(list, field));
      if (!withEntry || !list || field === '') return label;
      return `${t(entryKeyOf(list), { n: position })} – ${label}`;
    },
    [draft, t],
  );

  const errorFor = (key: string): string | undefined => {
    const issue = issueFor(key);
    return issue ? translateIssue(i18n, issue, labelOf(key, false)) : undefined;
  };

  const touch = (key: string) =>
    setTouched((prev) => {
      if (prev.has(key)) return prev;
      const next = new Set(prev);
      next.add(key);
      return next;
    });

  const forgetServerIssue = (key: string) =>
    setServerIssues((prev) => {
      if (!prev.has(key)) return prev;
      const next = new Map(prev);
      next.delete(key);
      return next;
    });

  const setField = <K extends TopField>(field: K, value: CompanyDraft[K]) => {
    forgetServerIssue(field);
    setDraft((d) => {
      const next = { ...d, [field]: value };
      // A new company's addresses are most likely in its own country: fill the blanks in.
      if (field === 'country' && typeof value === 'string' && value !== '') {
        next.addresses = d.addresses.map((a) => (a.country === '' ? { ...a, country: value } : a));
      }
      return next;
    });
  };

  const setEntry = <L extends ListField, F extends Exclude<keyof EntryOf<L>, 'uid'>>(
    list: L,
    uid: string,
    field: F,
    value: EntryOf<L>[F],
  ) => {
    forgetServerIssue(`${list}.${uid}.${String(field)}`);
    forgetServerIssue(list);
    setDraft((d) => ({
      ...d,
      [list]: (d[list] as EntryOf<L>[]).map((e) => (e.uid === uid ? { ...e, [field]: value } : e)),
    }));
  };

  const addEntry = (list: ListField) => {
    forgetServerIssue(list);
    setDraft((d) => {
      if (list === 'addresses') {
        const kind: AddressKind = d.addresses.some((a) => a.kind === 'registered') ? 'warehouse' : 'registered';
        return { ...d, addresses: [...d.addresses, emptyAddress(kind, d.country)] };
      }
      if (list === 'bankAccounts') return { ...d, bankAccounts: [...d.bankAccounts, emptyBankAccount(d.baseCurrency)] };
      return { ...d, taxIds: [...d.taxIds, emptyTaxId(d.country)] };
    });
    // Put the cursor into the new entry's first input, where the person will type next.
    setTimeout(() => {
      const entries = formRef.current?.querySelectorAll<HTMLElement>(`[data-list="${list}"]`);
      entries?.[entries.length - 1]?.querySelector<HTMLElement>('input')?.focus();
    }, 0);
  };

  const removeEntry = (list: ListField, uid: string) => {
    forgetServerIssue(list);
    setServerIssues((prev) => new Map([...prev].filter(([key]) => !key.startsWith(`${list}.${uid}.`))));
    setDraft((d) => ({ ...d, [list]: (d[list] as { uid: string }[]).filter((e) => e.uid !== uid) }));
  };

  // Moves the cursor to the first input with a problem after a refused save.
  useEffect(() => {
    if (focusRequest === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (saving) return;
    setSubmitted(true);
    setGeneralProblem(null);
    if (validateDraft(draft).length > 0) {
      setFocusRequest((n) => n + 1);
      return;
    }
    setSaving(true);
    try {
      const saved = await getClient().call('company.save', draftToInput(draft));
      const next = draftFromProfile(saved);
      shownProfile.current = saved;
      setProfile(saved);
      setDraft(next);
      setBaseline(next);
      setTouched(new Set());
      setSubmitted(false);
      setServerIssues(new Map());
      notify({ kind: 'success', title: t('company.saved') });
    } catch (error) {
      const issues = callErrorOf(error)?.details?.issues ?? [];
      if (issues.length > 0) {
        setServerIssues(issuesByField(draft, issues));
        setFocusRequest((n) => n + 1);
      } else {
        setGeneralProblem(describeError(i18n, error));
      }
      notify({ kind: 'error', title: t('company.saveFailed'), message: describeError(i18n, error) });
    } finally {
      setSaving(false);
    }
  };

  // Ctrl+S / ⌘S saves, as in every other desktop program.
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void saveRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  /** The common props of an input: id, visible label, error, and "left once" on blur. */
  const field = (key: string, required = false) => ({
    id: inputId(key),
    label: labelOf(key, false),
    error: errorFor(key),
    // The asterisk comes from CSS (styles.css), not from Mantine's " *" text: the label's text
    // must be exactly the label, so that getByLabel('Tax ID', { exact: true }) finds it.
    labelProps: required ? { 'data-required-mark': true } : undefined,
    'aria-required': required || undefined,
    onBlur: () => touch(key),
  });

  /**
   * A free-text input: names and addresses may be Latin or Arabic in either interface language,
   * so the text's own first letter decides its direction ("14, Rue Ibn Khaldoun" must not read
   * "Rue Ibn Khaldoun ,14" in the Arabic form). Not for selects: their text is the interface's.
   */
  const freeText = (key: string, required = false) => ({ ...field(key, required), dir: 'auto' });

  // Everything that currently has a problem to show, in form order, for the summary.
  const shownKeys = useMemo(() => {
    const keys = new Set<string>([...serverIssues.keys()]);
    if (submitted) for (const key of clientIssues.keys()) keys.add(key);
    return [...keys];
  }, [serverIssues, clientIssues, submitted]);

  const listProblem = (list: ListField) => {
    const message = errorFor(list);
    return message ? (
      <Alert color="red" variant="light" p="xs" mb="sm" icon={<IconAlertTriangle size={16} />} role="alert" data-testid={`${list}-error`}>
        {message}
      </Alert>
    ) : null;
  };

  /** A list of the profile (addresses, bank accounts, tax IDs): its add button, its problem, its entries. */
  const listSection = (list: ListField, title: string, addLabel: string, empty: string | null, entries: ReactNode[]) => (
    <Section
      title={title}
      actions={
        <Button variant="light" leftSection={<IconPlus size={14} />} onClick={() => addEntry(list)} disabled={draft[list].length >= MAX_ENTRIES[list]}>
          {addLabel}
        </Button>
      }
    >
      {listProblem(list)}
      {entries.length === 0 && empty !== null ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Stack gap="sm">{entries}</Stack>
      )}
    </Section>
  );

  const textField = (key: TopField, required = false, hint?: string) => (
    <TextInput
      {...freeText(key, required)}
      description={hint}
      value={draft[key]}
      onChange={(e) => setField(key, e.currentTarget.value as never)}
    />
  );

  const countrySelect = (key: string, value: string, onChange: (v: string) => void, required = true) => (
    <Select
      {...field(key, required)}
      data={countries}
      value={value === '' ? null : value}
      onChange={(v) => onChange(v ?? '')}
      searchable
      filter={nameOrCodeFilter}
      nothingFoundMessage={t('company.nothingFound')}
      placeholder={t('company.searchCountry')}
      limit={300}
    />
  );

  const currencySelect = (key: string, value: string, onChange: (v: string) => void, hint?: string) => (
    <Select
      {...field(key, true)}
      description={hint}
      data={currencies}
      value={value === '' ? null : value}
      onChange={(v) => onChange(v ?? '')}
      searchable
      filter={nameOrCodeFilter}
      nothingFoundMessage={t('company.nothingFound')}
      placeholder={t('company.searchCountry')}
      limit={300}
    />
  );

  /**
   * The remove button of a list entry: in the entry's top corner on the reading end (top-right
   * in LTR, top-left in Arabic), or `inline` at the end of a one-row entry.
   */
  const removeButton = (list: ListField, uid: string, position: number, disabled = false, inline = false) => {
    const label = t(list === 'addresses' ? 'company.removeAddress' : list === 'bankAccounts' ? 'company.removeBankAccount' : 'company.removeTaxId', {
      n: position,
    });
    return (
      <Tooltip label={label}>
        <ActionIcon
          color="red"
          aria-label={label}
          onClick={() => removeEntry(list, uid)}
          disabled={disabled}
          style={inline ? { marginTop: 22, flexShrink: 0 } : { position: 'absolute', top: 6, insetInlineEnd: 6 }}
        >
          <IconTrash size={16} />
        </ActionIcon>
      </Tooltip>
    );
  };

  const entryLegend = (list: ListField, position: number, extra?: ReactNode) => (
    <Group gap="xs" wrap="nowrap">
      <Text fw={600} size="sm">
        {t(entryKeyOf(list), { n: position })}
      </Text>
      {extra}
    </Group>
  );

  const addressFieldset = (a: AddressDraft, index: number) => {
    const k = (f: string) => `addresses.${a.uid}.${f}`;
    const set = <F extends Exclude<keyof AddressDraft, 'uid'>>(f: F, v: AddressDraft[F]) => setEntry('addresses', a.uid, f, v);
    const name = t('company.address', { n: index + 1 });
    return (
      <Fieldset key={a.uid} legend={entryLegend('addresses', index + 1)} aria-label={name} data-list="addresses" data-testid={`address-${index + 1}`} pos="relative">
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
            <Select
              {...field(k('kind'), true)}
              data={addressKinds}
              value={a.kind}
              allowDeselect={false}
              onChange={(v) => v && set('kind', v)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, lg: 6 }}>
            <TextInput {...freeText(k('line1'), true)} value={a.line1} onChange={(e) => set('line1', e.currentTarget.value)} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
            <TextInput {...freeText(k('line2'))} value={a.line2} onChange={(e) => set('line2', e.currentTarget.value)} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
            <TextInput {...freeText(k('postalCode'))} value={a.postalCode} onChange={(e) => set('postalCode', e.currentTarget.value)} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
            <TextInput {...freeText(k('city'), true)} value={a.city} onChange={(e) => set('city', e.currentTarget.value)} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
            <TextInput {...freeText(k('region'))} value={a.region} onChange={(e) => set('region', e.currentTarget.value)} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>{countrySelect(k('country'), a.country, (v) => set('country', v))}</Grid.Col>
        </Grid>
        {removeButton('addresses', a.uid, index + 1, draft.addresses.length <= 1)}
      </Fieldset>
    );
  };

  const bankFieldset = (b: BankAccountDraft, index: number) => {
    const k = (f: string) => `bankAccounts.${b.uid}.${f}`;
    const set = <F extends Exclude<keyof BankAccountDraft, 'uid'>>(f: F, v: BankAccountDraft[F]) =>
      setEntry('bankAccounts', b.uid, f, v);
    const name = t('company.bankAccount', { n: index + 1 });
    return (
      <Fieldset key={b.uid} legend={entryLegend('bankAccounts', index + 1)} aria-label={name} data-list="bankAccounts" data-testid={`bank-account-${index + 1}`} pos="relative">
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 6, lg: 5 }}>
            <TextInput
              {...field(k('iban'), true)}
              value={b.iban}
              onChange={(e) => set('iban', e.currentTarget.value)}
              // IBANs and BICs are Latin letters and digits, read left to right even in Arabic.
              dir="ltr"
              spellCheck={false}
              autoComplete="off"
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
            <TextInput
              {...field(k('bic'))}
              description={t('company.hints.bic')}
              value={b.bic}
              onChange={(e) => set('bic', e.currentTarget.value)}
              dir="ltr"
              spellCheck={false}
              autoComplete="off"
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, lg: 4 }}>{currencySelect(k('currency'), b.currency, (v) => set('currency', v))}</Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, lg: 5 }}>
            <TextInput {...freeText(k('bankName'))} value={b.bankName} onChange={(e) => set('bankName', e.currentTarget.value)} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <TextInput {...freeText(k('accountHolder'))} value={b.accountHolder} onChange={(e) => set('accountHolder', e.currentTarget.value)} />
          </Grid.Col>
        </Grid>
        {removeButton('bankAccounts', b.uid, index + 1)}
      </Fieldset>
    );
  };

  const taxFieldset = (tx: TaxIdDraft, index: number) => {
    const k = (f: string) => `taxIds.${tx.uid}.${f}`;
    const name = t('company.taxId', { n: index + 1 });
    return (
      <Fieldset key={tx.uid} legend={entryLegend('taxIds', index + 1)} aria-label={name} data-list="taxIds" data-testid={`tax-id-${index + 1}`}>
        <Group align="flex-start" gap="sm" wrap="nowrap">
          <Select
            {...field(k('scheme'), true)}
            data={taxSchemes}
            value={tx.scheme}
            allowDeselect={false}
            onChange={(v) => v && setEntry('taxIds', tx.uid, 'scheme', v)}
            w={280}
            style={{ flexShrink: 0 }}
          />
          <TextInput
            {...field(k('value'), true)}
            value={tx.value}
            onChange={(e) => setEntry('taxIds', tx.uid, 'value', e.currentTarget.value)}
            dir="ltr"
            spellCheck={false}
            autoComplete="off"
            style={{ flex: 1 }}
          />
          {removeButton('taxIds', tx.uid, index + 1, false, true)}
        </Group>
      </Fieldset>
    );
  };

  return (
    <form ref={formRef} onSubmit={(e) => void save(e)} noValidate aria-label={t('company.title')} data-testid="company-form">
      <Stack gap="md" maw={1100} pb={64}>
        <div>
          <Title order={1}>{t('company.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('company.intro')}
          </Text>
        </div>

        {shownKeys.length > 0 && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t('company.fixFields')} role="alert" data-testid="form-problems">
            <List size="sm" spacing={2}>
              {shownKeys.map((key) => {
                const issue = serverIssues.get(key) ?? clientIssues.get(key);
                if (!issue) return null;
                const label = key === '' ? t('company.title') : labelOf(key, true);
                return (
                  <List.Item key={key}>
                    <Anchor
                      component="button"
                      type="button"
                      size="sm"
                      onClick={() => document.getElementById(inputId(key))?.focus()}
                    >
                      {label}
                    </Anchor>
                    {': '}
                    {translateIssue(i18n, issue, label)}
                  </List.Item>
                );
              })}
            </List>
          </Alert>
        )}
        {generalProblem && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t('company.saveFailed')} role="alert">
            {generalProblem}
          </Alert>
        )}

        <Section title={t('company.sections.identity')}>
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, sm: 6, lg: 6 }}>{textField('legalName', true, t('company.hints.legalName'))}</Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>{textField('tradeName', false, t('company.hints.tradeName'))}</Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
              <Select
                {...field('defaultLanguage', true)}
                description={t('company.hints.defaultLanguage')}
                data={languages}
                value={draft.defaultLanguage}
                allowDeselect={false}
                onChange={(v) => v && setField('defaultLanguage', v)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>{countrySelect('country', draft.country, (v) => setField('country', v))}</Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
              {currencySelect('baseCurrency', draft.baseCurrency, (v) => setField('baseCurrency', v), t('company.hints.baseCurrency'))}
            </Grid.Col>
            <Grid.Col span={{ base: 6, lg: 3 }}>
              <Select
                {...field('fiscalMonth', true)}
                data={months}
                value={draft.fiscalMonth === '' ? null : draft.fiscalMonth}
                onChange={(v) => setField('fiscalMonth', v ?? '')}
                allowDeselect={false}
                placeholder={t('months.placeholder')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, lg: 3 }}>
              <NumberInput
                {...field('fiscalDay', true)}
                value={draft.fiscalDay}
                onChange={(v) => setField('fiscalDay', String(v))}
                min={1}
                max={31}
                allowDecimal={false}
                allowNegative={false}
                clampBehavior="none"
              />
            </Grid.Col>
          </Grid>
        </Section>

        <Section title={t('company.sections.contact')}>
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, sm: 6, lg: 4 }}>
              <TextInput {...field('email')} type="email" dir="ltr" value={draft.email} onChange={(e) => setField('email', e.currentTarget.value)} autoComplete="email" />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6, lg: 4 }}>
              <TextInput
                {...field('phone')}
                type="tel"
                dir="ltr"
                description={t('company.hints.phone')}
                value={draft.phone}
                onChange={(e) => setField('phone', e.currentTarget.value)}
                autoComplete="tel"
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 4 }}>
              <TextInput
                {...field('website')}
                type="url"
                dir="ltr"
                description={t('company.hints.website')}
                value={draft.website}
                onChange={(e) => setField('website', e.currentTarget.value)}
                autoComplete="url"
              />
            </Grid.Col>
          </Grid>
        </Section>

        {listSection('addresses', t('company.sections.addresses'), t('company.addAddress'), null, draft.addresses.map(addressFieldset))}
        {listSection('bankAccounts', t('company.sections.bankAccounts'), t('company.addBankAccount'), t('company.noBankAccounts'), draft.bankAccounts.map(bankFieldset))}
        {listSection('taxIds', t('company.sections.taxIds'), t('company.addTaxId'), t('company.noTaxIds'), draft.taxIds.map(taxFieldset))}

        <Section title={t('company.sections.logo')}>
          <LogoEditor />
        </Section>
      </Stack>

      <Box
        style={{
          position: 'sticky',
          bottom: 0,
          zIndex: 5,
          background: 'var(--mantine-color-body)',
          borderTop: '1px solid var(--mantine-color-default-border)',
          marginInline: 'calc(var(--mantine-spacing-md) * -1)',
          paddingInline: 'var(--mantine-spacing-md)',
        }}
        py="xs"
      >
        <Group gap="sm" maw={1100}>
          <Button type="submit" loading={saving} disabled={saving} leftSection={<IconDeviceFloppy size={14} />} data-testid="company-save">
            {t('company.save')}
          </Button>
          {dirty && (
            <Badge color="orange" variant="light" data-testid="company-dirty">
              {t('company.unsaved')}
            </Badge>
          )}
          {profile && !dirty && (
            <Text size="xs" c="dimmed">
              {t('company.lastSaved', { when: formatDateTime(profile.updatedAt, language) })}
            </Text>
          )}
        </Group>
      </Box>
    </form>
  );
}
