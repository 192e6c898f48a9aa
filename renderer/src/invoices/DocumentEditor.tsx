import { ActionIcon, Alert, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../../shared/contract/index.ts';
import { LANGUAGES } from '../../../shared/contract/app.ts';
import type { BuyerSnapshot, DocumentKind, DraftInput, KontorDocument } from '../../../shared/invoicing/documents.ts';
import { formatRate } from '../../../shared/invoicing/tax.ts';
import { formatAmount } from '../../../shared/money.ts';
import { formatQuantity } from '../../../shared/quantity.ts';
import { CURRENCY_CODES } from '../../../shared/reference/currencies.ts';
import { formatMoney } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { useCompany } from '../lib/company.tsx';
import { describeError } from '../lib/errors.ts';
import { issuesOf, translateIssue } from '../lib/issues.ts';
import { notify } from '../lib/notifications.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { navigate } from '../lib/router.ts';
import { SkuInput } from '../stock/SkuInput.tsx';
import { BuyerField, buyerOfContact } from './BuyerField.tsx';
import { hashIdParam } from './hashQuery.ts';
import { PreviewFrame } from './PreviewFrame.tsx';

interface LineState {
  key: number;
  sku: string;
  name: string;
  quantity: string;
  unitPrice: string;
  discount: string;
  /** Credit notes: the invoice line this one credits. */
  creditOfLineId: number | null;
}

interface EditorState {
  /** The buyer from contacts; null while none is chosen or when the buyer is written out. */
  buyer: BuyerSnapshot | null;
  /** A one-off buyer typed here instead of a contact. */
  writtenOut: boolean;
  buyerName: string;
  buyerCountry: string;
  buyerVatId: string;
  currency: string;
  language: string;
  warehouse: string;
  dueDate: string;
  terms: string;
  lines: LineState[];
}

type Preview = CallOutput<'invoices.preview'>;

let nextKey = 1;
const emptyLine = (): LineState => ({ key: nextKey++, sku: '', name: '', quantity: '1', unitPrice: '', discount: '', creditOfLineId: null });

function stateOf(doc: KontorDocument | null, baseCurrency: string, language: string): EditorState {
  if (!doc) return { buyer: null, writtenOut: false, buyerName: '', buyerCountry: '', buyerVatId: '', currency: baseCurrency, language, warehouse: '', dueDate: '', terms: '', lines: [emptyLine()] };
  return {
    buyer: doc.buyer.contactId === null ? null : doc.buyer,
    writtenOut: doc.buyer.contactId === null,
    buyerName: doc.buyer.name,
    buyerCountry: doc.buyer.country,
    buyerVatId: doc.buyer.taxIds.find((x) => x.scheme === 'EU_VAT')?.value ?? '',
    currency: doc.currency,
    language: doc.language,
    warehouse: doc.warehouseCode ?? '',
    dueDate: doc.dueDate ?? '',
    terms: doc.terms ?? '',
    lines: doc.lines.map((l) => ({
      key: nextKey++,
      sku: l.sku ?? '',
      name: l.sku ? '' : l.name,
      quantity: formatQuantity(l.quantityMilli),
      unitPrice: formatAmount(l.unitPriceMinor, doc.currency),
      discount: l.discountBp === 0 ? '' : String(l.discountBp / 100),
      creditOfLineId: l.creditOfLineId,
    })),
  };
}

/** A contact chosen: its currency and language become the document's (both can still be changed). */
function withBuyer(s: EditorState, buyer: BuyerSnapshot | null): EditorState {
  return {
    ...s,
    buyer,
    writtenOut: false,
    currency: buyer?.currency && (CURRENCY_CODES as readonly string[]).includes(buyer.currency) ? buyer.currency : s.currency,
    language: buyer?.language && (LANGUAGES as readonly string[]).includes(buyer.language) ? buyer.language : s.language,
  };
}

/** The draft as the contract takes it; blank lines are left out. */
function inputOf(kind: DocumentKind, s: EditorState, doc: KontorDocument | null): DraftInput {
  const vat = s.buyerVatId.trim();
  const fromContact = !s.writtenOut && s.buyer?.contactId != null;
  return {
    kind,
    buyerContactId: fromContact ? s.buyer?.contactId : null,
    buyer: fromContact
      ? null
      : {
          contactId: null,
          name: s.buyerName.trim() || '—',
          country: s.buyerCountry.trim().toUpperCase() || 'XX',
          taxIds: vat ? [{ scheme: 'EU_VAT', value: vat }] : [],
          isBusiness: true,
          billingAddress: doc?.buyer.contactId === null ? doc.buyer.billingAddress : null,
        },
    currency: s.currency,
    language: s.language as DraftInput['language'],
    warehouse: s.warehouse.trim() === '' ? null : s.warehouse.trim(),
    dueDate: s.dueDate.trim() || null,
    terms: s.terms,
    creditOfId: doc?.creditOfId ?? null,
    returnToStock: doc?.returnToStock ?? false,
    lines: s.lines
      .filter((l) => l.sku.trim() !== '' || l.name.trim() !== '')
      .map((l) => ({
        sku: l.sku.trim() || null,
        name: l.name.trim() || null,
        quantity: l.quantity,
        unitPrice: l.unitPrice.trim() || null,
        discount: l.discount.trim() || null,
        creditOfLineId: l.creditOfLineId,
      })),
  };
}

/**
 * A draft: buyer, currency, lines typed at the keyboard (SKU with search, quantity, price; Enter on
 * the last field adds a line), live totals from the core (invoices.preview: the same resolution and
 * VAT as issuing), save, issue and a preview of the printed page.
 */
export function DocumentEditor({ initial, kind, onSaved }: { initial: KontorDocument | null; kind: DocumentKind; onSaved?: (doc: KontorDocument) => void }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const { profile } = useCompany();
  const [state, setState] = useState<EditorState>(() => stateOf(initial, profile?.baseCurrency ?? 'EUR', initial?.language ?? profile?.defaultLanguage ?? language));
  const [preview, setPreview] = useState<Preview | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [html, setHtml] = useState<string | null>(null);
  const skuRefs = useRef(new Map<number, HTMLInputElement | null>());
  const focusKey = useRef<number | null>(null);

  const input = useMemo(() => inputOf(kind, state, initial), [kind, state, initial]);
  const ready = state.writtenOut ? state.buyerName.trim() !== '' && /^[A-Za-z]{2}$/.test(state.buyerCountry.trim()) : state.buyer !== null;

  const pickBuyer = (buyer: BuyerSnapshot | null) => {
    setPreview(null);
    setState((s) => withBuyer(s, buyer));
    // Keyboard-first: the buyer chosen, typing goes on with the first line.
    const first = state.lines[0];
    if (buyer !== null && first) focusKey.current = first.key;
  };

  // #/invoices/documents/new/invoice?contact=12 (from a contact's page): start with that buyer.
  useEffect(() => {
    const contactId = initial === null ? hashIdParam('contact') : null;
    if (contactId === null) return;
    buyerOfContact(contactId)
      .then((buyer) => setState((s) => (s.buyer === null && !s.writtenOut ? withBuyer(s, buyer) : s)))
      .catch((e: unknown) => setSaveError(describeError(i18n, e)));
  }, [initial, i18n]);

  useEffect(() => {
    if (!ready) return;
    let current = true;
    const timer = setTimeout(() => {
      getClient()
        .call('invoices.preview', input)
        .then((p) => current && setPreview(p))
        .catch((e: unknown) => current && setSaveError(describeError(i18n, e)));
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [input, ready, i18n]);

  useEffect(() => {
    if (focusKey.current !== null) {
      skuRefs.current.get(focusKey.current)?.focus();
      focusKey.current = null;
    }
  });

  const set = <K extends keyof EditorState>(key: K, value: EditorState[K]) => setState((s) => ({ ...s, [key]: value }));
  const setLine = (key: number, change: Partial<LineState>) => setState((s) => ({ ...s, lines: s.lines.map((l) => (l.key === key ? { ...l, ...change } : l)) }));
  const addLine = () => {
    const line = emptyLine();
    focusKey.current = line.key;
    setState((s) => ({ ...s, lines: [...s.lines, line] }));
  };
  const removeLine = (key: number) => setState((s) => ({ ...s, lines: s.lines.length > 1 ? s.lines.filter((l) => l.key !== key) : s.lines }));

  const lineIssue = (index: number): string | null => {
    const issue = preview?.issues.find((i) => i.path.startsWith(`lines.${index}.`));
    return issue ? translateIssue(i18n, issue, '') : null;
  };
  // Preview lines follow the non-blank input lines.
  const previewIndex = new Map<number, number>();
  state.lines.filter((l) => l.sku.trim() !== '' || l.name.trim() !== '').forEach((l, i) => previewIndex.set(l.key, i));

  async function save(andIssue: boolean): Promise<void> {
    setBusy(true);
    setSaveError(null);
    try {
      const saved = await getClient().call('invoices.saveDraft', initial ? { ...input, id: initial.id, revision: initial.revision } : input);
      if (andIssue) {
        const issued = await getClient().call('invoices.issue', { id: saved.id });
        notify({ kind: 'success', title: `${t(`invoices.kinds.${issued.kind}`)} ${issued.number ?? ''}` });
        // On the draft's own page the page shows what it is given; a new one goes to its page.
        if (initial && onSaved) onSaved(issued);
        else navigate(`invoices/documents/${issued.id}`, { replace: true });
      } else if (initial && onSaved) {
        onSaved(saved);
      } else {
        navigate(`invoices/documents/${saved.id}`, { replace: true });
      }
    } catch (error) {
      const issues = issuesOf(error);
      setSaveError(issues.length > 0 ? issues.map((i) => translateIssue(i18n, i, i.path)).join(' · ') : describeError(i18n, error));
    } finally {
      setBusy(false);
    }
  }

  const onKeys = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.key === 's') {
      event.preventDefault();
      void save(false);
    } else if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      event.preventDefault();
      void save(true);
    }
  };
  const enterAddsLine = (key: number) => (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey && state.lines.at(-1)?.key === key) {
      event.preventDefault();
      addLine();
    }
  };

  const cur = preview?.currency ?? state.currency;
  const money = (minor: number) => formatMoney(minor, cur, language);
  return (
    <Stack gap="sm" onKeyDown={onKeys} data-testid="document-editor">
      <Group justify="space-between">
        <Title order={2}>{initial ? `${t(`invoices.kinds.${kind}`)} · ${t('invoices.status.draft')} #${initial.id}` : t('invoices.editor.newTitle', { kind: t(`invoices.kinds.${kind}`) })}</Title>
        <Button variant="subtle" size="xs" onClick={() => navigate('invoices/documents')}>
          {t('invoices.actions.back')}
        </Button>
      </Group>
      <Paper withBorder p="sm">
        {state.writtenOut ? (
          <Group justify="space-between" mb={4}>
            <Text size="xs" c="dimmed">
              {t('buyers.picker.writeOut')}
            </Text>
            {kind !== 'credit_note' && (
              <Button variant="subtle" size="compact-xs" onClick={() => set('writtenOut', false)} data-testid="buyer-use-contact">
                {t('buyers.picker.useContact')}
              </Button>
            )}
          </Group>
        ) : (
          <BuyerField buyer={state.buyer} onPick={pickBuyer} onWriteOut={() => set('writtenOut', true)} locked={kind === 'credit_note'} autoFocus={initial === null} />
        )}
        <Group grow align="flex-start" mt="xs">
          {state.writtenOut && (
            <>
              <TextInput label={t('invoices.editor.buyerName')} value={state.buyerName} onChange={(e) => set('buyerName', e.currentTarget.value)} required data-testid="buyer-name" />
              <TextInput label={t('invoices.editor.buyerCountry')} value={state.buyerCountry} maxLength={2} onChange={(e) => set('buyerCountry', e.currentTarget.value.toUpperCase())} required w={90} data-testid="buyer-country" />
              <TextInput label={t('invoices.editor.buyerVatId')} value={state.buyerVatId} onChange={(e) => set('buyerVatId', e.currentTarget.value)} data-testid="buyer-vat" />
            </>
          )}
          <NativeSelect label={t('invoices.editor.currency')} value={state.currency} onChange={(e) => set('currency', e.currentTarget.value)} data={[...CURRENCY_CODES]} data-testid="currency" />
          <NativeSelect label={t('invoices.editor.language')} value={state.language} onChange={(e) => set('language', e.currentTarget.value)} data={[...LANGUAGES]} />
          {kind === 'invoice' && <TextInput label={t('invoices.editor.warehouse')} value={state.warehouse} onChange={(e) => set('warehouse', e.currentTarget.value)} placeholder="MAIN" data-testid="warehouse" />}
          <TextInput label={t('invoices.editor.dueDate')} value={state.dueDate} onChange={(e) => set('dueDate', e.currentTarget.value)} placeholder="YYYY-MM-DD" />
        </Group>
      </Paper>

      <Table withTableBorder verticalSpacing={4} data-testid="editor-lines">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={220}>{t('invoices.editor.sku')}</Table.Th>
            <Table.Th>{t('invoices.editor.description')}</Table.Th>
            <Table.Th w={90}>{t('invoices.editor.quantity')}</Table.Th>
            <Table.Th w={120}>{t('invoices.editor.unitPrice')}</Table.Th>
            <Table.Th w={80}>{t('invoices.editor.discount')}</Table.Th>
            <Table.Th w={80}>{t('invoices.editor.vat')}</Table.Th>
            <Table.Th w={120} ta="end">
              {t('invoices.editor.net')}
            </Table.Th>
            <Table.Th w={40} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {state.lines.map((l, i) => {
            const at = previewIndex.get(l.key);
            const resolved = at === undefined ? null : (preview?.lines[at] ?? null);
            const problem = at === undefined ? null : lineIssue(at);
            return (
              <Table.Tr key={l.key} data-testid={`line-${i}`}>
                <Table.Td>
                  <SkuInput
                    value={l.sku}
                    onChange={(sku) => setLine(l.key, { sku })}
                    label={t('invoices.editor.sku')}
                    inputRef={(el) => {
                      skuRefs.current.set(l.key, el);
                    }}
                    testId={`line-${i}-sku`}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={t('invoices.editor.description')}
                    value={l.name}
                    placeholder={resolved?.name ?? ''}
                    onChange={(e) => setLine(l.key, { name: e.currentTarget.value })}
                    error={problem}
                    dir="auto"
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput aria-label={t('invoices.editor.quantity')} value={l.quantity} onChange={(e) => setLine(l.key, { quantity: e.currentTarget.value })} dir="ltr" data-testid={`line-${i}-qty`} />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={t('invoices.editor.unitPrice')}
                    value={l.unitPrice}
                    placeholder={resolved ? formatAmount(resolved.unitPriceMinor, cur) : ''}
                    onChange={(e) => setLine(l.key, { unitPrice: e.currentTarget.value })}
                    dir="ltr"
                    data-testid={`line-${i}-price`}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput aria-label={t('invoices.editor.discount')} value={l.discount} onChange={(e) => setLine(l.key, { discount: e.currentTarget.value })} onKeyDown={enterAddsLine(l.key)} dir="ltr" data-testid={`line-${i}-discount`} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" dir="ltr">
                    {resolved ? `${formatRate(resolved.taxRateBp)}${resolved.taxCategory === 'S' ? '' : ` ${resolved.taxCategory}`}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td ta="end">
                  <Text size="sm">{resolved ? money(resolved.netMinor) : ''}</Text>
                </Table.Td>
                <Table.Td>
                  <ActionIcon variant="subtle" color="gray" aria-label={t('invoices.actions.removeLine')} onClick={() => removeLine(l.key)}>
                    <IconTrash size={14} />
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={addLine} w="fit-content" data-testid="add-line">
            {t('invoices.actions.addLine')}
          </Button>
          <Text size="xs" c="dimmed">
            {t('invoices.editor.keyboardHint')}
          </Text>
        </Stack>
        <Paper withBorder p="sm" miw={280} data-testid="live-totals">
          <Group justify="space-between">
            <Text size="sm">{t('invoices.editor.subtotal')}</Text>
            <Text size="sm">{preview ? money(preview.netMinor) : '—'}</Text>
          </Group>
          {preview?.taxes
            .filter((g) => g.category === 'S')
            .map((g) => (
              <Group key={g.rateBp} justify="space-between">
                <Text size="sm">{t('invoices.editor.vatAt', { rate: formatRate(g.rateBp) })}</Text>
                <Text size="sm">{money(g.taxMinor)}</Text>
              </Group>
            ))}
          <Group justify="space-between">
            <Text fw={700}>{t('invoices.editor.total')}</Text>
            <Text fw={700} data-testid="live-total">
              {preview ? money(preview.grossMinor) : '—'}
            </Text>
          </Group>
        </Paper>
      </Group>
      <Textarea label={t('invoices.editor.terms')} value={state.terms} onChange={(e) => set('terms', e.currentTarget.value)} autosize minRows={2} />
      {saveError && (
        <Alert color="red" variant="light" role="alert">
          {saveError}
        </Alert>
      )}
      <Group>
        <Button onClick={() => void save(false)} loading={busy} variant="default" data-testid="save-draft">
          {t('invoices.actions.save')}
        </Button>
        <Button onClick={() => void save(true)} loading={busy} data-testid="issue">
          {t('invoices.actions.issue')}
        </Button>
        {initial && (
          <>
            <Button
              variant="subtle"
              onClick={() =>
                void getClient()
                  .call('invoices.previewHtml', { id: initial.id })
                  .then((r) => setHtml(r.html))
              }
            >
              {t('invoices.actions.preview')}
            </Button>
            <Button
              variant="subtle"
              color="red"
              onClick={() =>
                void getClient()
                  .call('invoices.deleteDraft', { id: initial.id })
                  .then(() => navigate('invoices/documents'))
              }
            >
              {t('invoices.actions.delete')}
            </Button>
          </>
        )}
      </Group>
      {html !== null && <PreviewFrame html={html} />}
    </Stack>
  );
}
