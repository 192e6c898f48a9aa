import { Alert, Anchor, Badge, Button, Grid, Group, Loader, Paper, Stack, Text, Timeline, Title, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconArrowsJoin, IconEdit, IconTrash } from '@tabler/icons-react';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatAddressLines } from '../../../shared/address/layout.ts';
import type { TimelineEntry } from '../../../shared/contacts/timeline.ts';
import { formatQuantity } from '../../../shared/quantity.ts';
import { countryName, currencyName, formatDate, formatDateTime, formatMoney, formatPhone, intlLocale, languageName } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { useCompany } from '../lib/company.tsx';
import { describeError } from '../lib/errors.ts';
import { describeProblem } from '../lib/issues.ts';
import { notify } from '../lib/notifications.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { hrefFor, navigate } from '../lib/router.ts';
import { useLoad } from '../lib/useLoad.ts';
import { isolate } from './bidi.ts';
import { MergeDialog } from './MergeDialog.tsx';
import { ContactDocumentsMenu } from '../invoices/ContactDocumentsMenu.tsx';

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="sm" component="section" aria-label={title}>
      <Text size="xs" tt="uppercase" c="dimmed" fw={600} mb={6}>
        {title}
      </Text>
      {children}
    </Paper>
  );
}

/** One timeline line in the interface language: contacts.timeline.<source>.<kind> with its details. */
function TimelineText({ entry }: { entry: TimelineEntry }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const { profile } = useCompany();
  const d = entry.details;
  const key = `contacts.timeline.${entry.source}.${entry.kind}`;
  if (!i18n.exists(key)) return <Text size="sm">{t('contacts.timeline.unknown', { source: entry.source, kind: entry.kind })}</Text>;
  const params: Record<string, string> = {};
  if (Array.isArray(d.fields)) {
    params.fields = new Intl.ListFormat(intlLocale(language), { type: 'unit' }).format(d.fields.map((f) => t(`contacts.fieldNames.${f}`, { defaultValue: f })));
  }
  if (typeof d.mergedName === 'string') params.name = isolate(d.mergedName);
  if (typeof d.file === 'string') params.file = isolate(d.file);
  if (typeof d.sku === 'string') params.sku = isolate(d.sku);
  if (typeof d.quantityMilli === 'number') params.quantity = `${formatQuantity(d.quantityMilli)} ${typeof d.unit === 'string' ? t(`units.${d.unit}`, { defaultValue: d.unit }) : ''}`.trim();
  if (typeof d.unitCostMinor === 'number' && profile) params.cost = formatMoney(d.unitCostMinor, profile.baseCurrency, language);
  // Documents and payments (electron/core/invoicing/timeline.ts).
  params.number = typeof d.number === 'string' ? isolate(d.number) : '';
  if (typeof d.documentKind === 'string') params.document = t(`invoices.kinds.${d.documentKind}`);
  if (typeof d.currency === 'string') {
    if (typeof d.grossMinor === 'number') params.amount = formatMoney(d.grossMinor, d.currency, language);
    if (typeof d.amountMinor === 'number') params.amount = formatMoney(d.amountMinor, d.currency, language);
  }
  if (typeof d.paymentStatus === 'string') {
    const overdue = d.paymentStatus !== 'paid' && typeof d.dueDate === 'string' && d.dueDate < new Date().toISOString().slice(0, 10);
    params.state = t(`invoices.status.${overdue ? 'overdue' : d.paymentStatus}`);
  }
  if (typeof d.receivedOn === 'string') params.date = formatDate(`${d.receivedOn}T12:00:00Z`, language);
  if (typeof d.method === 'string') params.method = t(`invoices.payments.methods.${d.method}`, { defaultValue: d.method });
  if (Array.isArray(d.numbers)) params.numbers = d.numbers.length === 0 ? '' : ` → ${d.numbers.map(isolate).join(', ')}`;
  const text = t(key, params);
  return (
    <Text size="sm" dir="auto">
      {entry.link ? <Anchor href={entry.link}>{text}</Anchor> : text}
      {d.corrected === true && (
        <Badge size="xs" color="gray" ms={6}>
          {t('contacts.timeline.corrected')}
        </Badge>
      )}
    </Text>
  );
}

/** #/contacts/<id>: what is known of a contact, its addresses as printed in their country, and its timeline. */
export function ContactDetail({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const loaded = useLoad(`contact:${id}`, () => getClient().call('contacts.get', { id }));
  const [entries, setEntries] = useState<TimelineEntry[]>([]);
  const [more, setMore] = useState(false);
  const [merging, setMerging] = useState(false);
  const contact = loaded.data;

  const loadTimeline = useCallback(
    (before?: string) => {
      getClient()
        .call('contacts.timeline', { id, limit: 30, ...(before ? { before } : {}) })
        .then((page) => {
          setEntries((old) => (before ? [...old, ...page.entries] : page.entries));
          setMore(page.more);
        })
        .catch((e: unknown) => notify({ kind: 'error', title: t('contacts.timeline.failed'), message: describeError(i18n, e) }));
    },
    [id, t, i18n],
  );
  useEffect(() => {
    if (contact) loadTimeline();
  }, [contact, loadTimeline]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || document.querySelector('[role="dialog"]')) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')) return;
      if (e.key === 'e') navigate(`contacts/${id}/edit`);
      else if (e.key === 'Escape') navigate('contacts');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [id]);

  if (loaded.error) {
    return (
      <Alert color="red" variant="light" icon={<IconAlertTriangle size={16} />} role="alert">
        {describeProblem(i18n, loaded.error)}{' '}
        <Anchor href={hrefFor('contacts')}>{t('contacts.detail.back')}</Anchor>
      </Alert>
    );
  }
  if (!contact) return <Loader size="sm" />;

  const remove = async () => {
    if (!window.confirm(t('contacts.detail.confirmDelete', { name: isolate(contact.name) }))) return;
    try {
      await getClient().call('contacts.delete', { id });
      notify({ kind: 'success', title: t('contacts.detail.deleted', { name: isolate(contact.name) }) });
      navigate('contacts');
    } catch (error) {
      notify({ kind: 'error', title: t('contacts.detail.deleteFailed'), message: describeProblem(i18n, error) });
    }
  };

  const terms = contact.paymentTerms.kind === 'prepayment' ? t('contacts.payment.prepayment') : t(`contacts.payment.${contact.paymentTerms.kind}Days`, { days: contact.paymentTerms.days });

  return (
    <Stack gap="sm" maw={1100} data-testid="contact-detail">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={2}>
          <Anchor href={hrefFor('contacts')} size="sm">
            {t('contacts.detail.back')}
          </Anchor>
          <Group gap="xs" align="baseline">
            <Title order={1} dir="auto" data-testid="contact-title">
              {contact.name}
            </Title>
            <Badge variant="light">{t(`contacts.kind.${contact.kind}`)}</Badge>
            <Badge variant="light" color={contact.role === 'supplier' ? 'grape' : contact.role === 'both' ? 'teal' : 'blue'}>
              {t(`contacts.role.${contact.role}`)}
            </Badge>
          </Group>
          {contact.organisationId !== null && (
            <Text size="sm">
              {contact.jobTitle ? `${contact.jobTitle} · ` : ''}
              <Anchor href={hrefFor(`contacts/${contact.organisationId}`)}>
                <bdi>{contact.organisationName}</bdi>
              </Anchor>
            </Text>
          )}
        </Stack>
        <Group gap="xs" wrap="nowrap">
          {contact.role !== 'supplier' && <ContactDocumentsMenu contactId={contact.id} />}
          <Button variant="default" leftSection={<IconArrowsJoin size={14} />} onClick={() => setMerging(true)} data-testid="contact-merge">
            {t('contacts.merge.button')}
          </Button>
          <Button variant="default" color="red" leftSection={<IconTrash size={14} />} onClick={() => void remove()}>
            {t('contacts.detail.delete')}
          </Button>
          <Tooltip label={t('contacts.detail.editShortcut')}>
            <Button leftSection={<IconEdit size={14} />} onClick={() => navigate(`contacts/${id}/edit`)} aria-keyshortcuts="E" data-testid="contact-edit">
              {t('contacts.detail.edit')}
            </Button>
          </Tooltip>
        </Group>
      </Group>

      <Grid gap="sm">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="sm">
            <Grid gap="sm">
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <Card title={t('contacts.detail.reach')}>
                  <Stack gap={2}>
                    {contact.emails.map((e) => (
                      <Anchor key={e.address} href={`mailto:${e.address}`} size="sm" dir="ltr">
                        {e.address}
                      </Anchor>
                    ))}
                    {contact.phones.map((p) => (
                      <Text key={p.number} size="sm" dir="ltr" ta="start">
                        {formatPhone(p.number)}
                      </Text>
                    ))}
                    {contact.website && (
                      <Anchor href={contact.website} target="_blank" rel="noreferrer" size="sm" dir="ltr">
                        {contact.website}
                      </Anchor>
                    )}
                    {contact.emails.length + contact.phones.length === 0 && !contact.website && <Text size="sm" c="dimmed">—</Text>}
                  </Stack>
                </Card>
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <Card title={t('contacts.form.terms')}>
                  <Stack gap={2}>
                    <Text size="sm">{terms}</Text>
                    <Text size="sm">
                      {t('contacts.fields.language')}: {contact.language ? languageName(contact.language, language) : '—'}
                    </Text>
                    <Text size="sm">
                      {t('contacts.fields.currency')}: {contact.currency ? `${contact.currency} – ${currencyName(contact.currency, language)}` : '—'}
                    </Text>
                    {contact.creditLimit && (
                      <Text size="sm">
                        {t('contacts.fields.creditLimit')}: {formatMoney(contact.creditLimit.amountMinor, contact.creditLimit.currency, language)}
                      </Text>
                    )}
                  </Stack>
                </Card>
              </Grid.Col>
            </Grid>
            <Card title={t('contacts.fields.addresses')}>
              {contact.addresses.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {contact.country ? countryName(contact.country, language) : t('contacts.detail.noAddress')}
                </Text>
              ) : (
                <Grid gap="sm">
                  {contact.addresses.map((a, i) => (
                    <Grid.Col key={i} span={{ base: 12, sm: 6 }}>
                      <Text size="xs" c="dimmed">
                        {t(`contacts.addressKind.${a.kind}`)}
                      </Text>
                      {/* One direction for the whole address, taken from its first line, so its lines align together. */}
                      <div dir="auto" data-testid="contact-address-lines">
                        {formatAddressLines(a, countryName(a.country, language)).map((line, j) => (
                          <Text key={j} size="sm">
                            {line}
                          </Text>
                        ))}
                      </div>
                    </Grid.Col>
                  ))}
                </Grid>
              )}
            </Card>
            <Card title={t('contacts.fields.taxIds')}>
              {contact.taxIds.length === 0 ? (
                <Text size="sm" c="dimmed">—</Text>
              ) : (
                contact.taxIds.map((x) => (
                  <Text key={`${x.scheme}${x.value}`} size="sm">
                    {t(`taxSchemes.${x.scheme}`)}: <span dir="ltr">{x.value}</span>
                  </Text>
                ))
              )}
              {contact.taxIds.some((x) => x.scheme === 'EU_VAT') && (
                <Text size="xs" c="dimmed" mt={4} data-testid="vies-note">
                  {t('contacts.vies.detail')}
                </Text>
              )}
            </Card>
            {contact.kind === 'organisation' && contact.people.length > 0 && (
              <Card title={t('contacts.detail.people')}>
                {contact.people.map((p) => (
                  <Text key={p.id} size="sm">
                    <Anchor href={hrefFor(`contacts/${p.id}`)}>
                      <bdi>{p.name}</bdi>
                    </Anchor>
                    {p.jobTitle ? ` · ${p.jobTitle}` : ''}
                  </Text>
                ))}
              </Card>
            )}
            <Card title={t('contacts.form.more')}>
              <Stack gap={4}>
                {contact.tags.length > 0 && (
                  <Group gap={4}>
                    {contact.tags.map((tag) => (
                      <Badge key={tag} variant="outline" size="sm" dir="auto">
                        {tag}
                      </Badge>
                    ))}
                  </Group>
                )}
                {contact.source && (
                  <Text size="sm">
                    {t('contacts.fields.source')}: {t(`contacts.source.${contact.source}`)}
                    {contact.sourceDetail ? ` · ${contact.sourceDetail}` : ''}
                  </Text>
                )}
                {contact.marketplaceIds.map((m) => (
                  <Text key={`${m.marketplace}:${m.buyerId}`} size="sm">
                    {m.marketplace}: <span dir="ltr">{m.buyerId}</span>
                  </Text>
                ))}
                {contact.notes && (
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} dir="auto">
                    {contact.notes}
                  </Text>
                )}
              </Stack>
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card title={t('contacts.timeline.title')}>
            <Timeline bulletSize={12} lineWidth={2} data-testid="contact-timeline">
              {entries.map((entry) => (
                <Timeline.Item key={entry.key}>
                  <TimelineText entry={entry} />
                  <Text size="xs" c="dimmed">
                    {formatDateTime(entry.at, language)}
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
            {more && (
              <Button variant="subtle" size="xs" mt="xs" onClick={() => loadTimeline(entries[entries.length - 1]?.at)}>
                {t('contacts.timeline.more')}
              </Button>
            )}
          </Card>
        </Grid.Col>
      </Grid>
      {merging && (
        <MergeDialog
          first={contact}
          onClose={() => setMerging(false)}
          onMerged={(kept) => {
            setMerging(false);
            if (kept.id === id) loaded.setData(kept);
            navigate(`contacts/${kept.id}`);
            loadTimeline();
          }}
        />
      )}
    </Stack>
  );
}
