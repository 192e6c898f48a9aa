import { Alert, Anchor, Badge, Button, Group, Loader, Modal, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconClipboardCheck, IconClipboardList, IconFileImport, IconX } from '@tabler/icons-react';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../../../shared/errors.ts';
import { formatQuantity } from '../../../shared/quantity.ts';
import { parseCountsCsv } from '../../../shared/stock/countsCsv.ts';
import type { Stocktake } from '../../../shared/stock/schemas.ts';
import { DataGrid, type DataGridHandle, type GridColumn } from '../components/DataGrid.tsx';
import { InlineEdit } from '../components/InlineEdit.tsx';
import { formatDateTime, formatInteger, formatMoney } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { callErrorOf, describeError } from '../lib/errors.ts';
import { describeProblem, issuesByPath, issuesOf, translateIssue } from '../lib/issues.ts';
import { notify } from '../lib/notifications.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { useReference } from '../lib/reference.ts';
import { hrefFor, navigate } from '../lib/router.ts';
import { useBarcodeScanner } from '../lib/useBarcodeScanner.ts';
import { useLoad } from '../lib/useLoad.ts';
import { SkuInput } from './SkuInput.tsx';
import { formatQty } from './stockFormat.ts';

type Line = Stocktake['lines'][number];

const STATUS_COLORS = { open: 'blue', posted: 'teal', cancelled: 'gray' } as const;

/** #/stock/stocktake: the counts (newest first) and a new count for a warehouse. */
export function StocktakeList() {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const { ref } = useReference('warehouses');
  const list = useLoad('stocktakes', () => getClient().call('stocktake.list', {}));
  const warehouses = (ref.warehouses ?? []).filter((w) => w.active);
  const [warehouse, setWarehouse] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<{ text: string; openId: number | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = warehouses.some((w) => w.code === warehouse) ? warehouse : (warehouses[0]?.code ?? '');

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    setBusy(true);
    try {
      const created = await getClient().call('stocktake.create', { warehouse: chosen, ...(note.trim() === '' ? {} : { note }) });
      navigate(`stock/stocktake/${created.id}`);
    } catch (error) {
      const details = callErrorOf(error)?.details;
      const openId = typeof details?.stocktakeId === 'number' ? details.stocktakeId : null;
      setProblem({ text: openId !== null ? t('stock.stocktake.alreadyOpen', { warehouse: chosen, id: openId }) : describeProblem(i18n, error, t('stock.fields.warehouse')), openId });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="md" maw={1000}>
      <form onSubmit={(e) => void create(e)} aria-label={t('stock.stocktake.new')}>
        <Paper withBorder p="sm">
          <Title order={2} size="h4" mb="xs">
            {t('stock.stocktake.new')}
          </Title>
          <Group gap="sm" align="flex-end">
            <NativeSelect
              label={t('stock.fields.warehouse')}
              value={chosen}
              onChange={(e) => setWarehouse(e.currentTarget.value)}
              data={warehouses.map((w) => ({ value: w.code, label: `${w.code} – ${w.name}` }))}
              w={240}
              data-testid="stocktake-warehouse"
            />
            <TextInput label={t('stock.stocktake.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} className="kontor-auto-dir" style={{ flex: 1 }} />
            <Button type="submit" loading={busy} leftSection={<IconClipboardList size={14} />} data-testid="stocktake-create">
              {t('stock.stocktake.start')}
            </Button>
          </Group>
          {problem && (
            <Alert color="red" variant="light" p="xs" mt="xs" role="alert">
              {problem.text}{' '}
              {problem.openId !== null && <Anchor href={hrefFor(`stock/stocktake/${problem.openId}`)}>{t('stock.stocktake.openIt')}</Anchor>}
            </Alert>
          )}
        </Paper>
      </form>

      <Paper withBorder p="sm">
        <Title order={2} size="h4" mb="xs">
          {t('stock.stocktake.list')}
        </Title>
        {list.error !== null && (
          <Alert color="red" variant="light" p="xs" role="alert">
            {t('stock.stocktake.loadFailed')} {describeError(i18n, list.error)}
          </Alert>
        )}
        {list.data === undefined ? (
          list.error === null && <Loader size="sm" />
        ) : list.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('stock.stocktake.none')}
          </Text>
        ) : (
          <Table striped highlightOnHover data-testid="stocktake-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>{t('stock.columns.warehouse')}</Table.Th>
                <Table.Th>{t('stock.columns.state')}</Table.Th>
                <Table.Th>{t('stock.stocktake.created')}</Table.Th>
                <Table.Th>{t('stock.stocktake.posted')}</Table.Th>
                <Table.Th ta="end">{t('stock.stocktake.lines')}</Table.Th>
                <Table.Th ta="end">{t('stock.stocktake.differing')}</Table.Th>
                <Table.Th>{t('stock.stocktake.note')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <Anchor href={hrefFor(`stock/stocktake/${s.id}`)}>{s.id}</Anchor>
                  </Table.Td>
                  <Table.Td>{s.warehouseCode}</Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={STATUS_COLORS[s.status]}>
                      {t(`stock.stocktake.status.${s.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{formatDateTime(s.createdAt, language)}</Table.Td>
                  <Table.Td>{s.postedAt ? formatDateTime(s.postedAt, language) : '—'}</Table.Td>
                  <Table.Td ta="end">{formatInteger(s.totals.lines, language)}</Table.Td>
                  <Table.Td ta="end">{formatInteger(s.totals.differing, language)}</Table.Td>
                  <Table.Td dir="auto">{s.note ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </Stack>
  );
}

/**
 * #/stock/stocktake/<id>: one count. Counts are entered per SKU (typed, picked or scanned: a scan
 * fills the SKU and jumps to its line), edited in the grid, or pasted as a CSV sheet; the grid
 * shows expected, counted, difference and value impact; posting adjusts every difference at once.
 */
export function StocktakeSheet({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const loaded = useLoad(`stocktake-${id}`, () => getClient().call('stocktake.get', { id }));
  const stocktake = loaded.data;
  const [sku, setSku] = useState('');
  const [counted, setCounted] = useState('');
  const [issues, setIssues] = useState<ReadonlyMap<string, FieldIssue>>(new Map());
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState<number | null>(null);
  const [confirm, setConfirm] = useState<'post' | 'cancel' | null>(null);
  const [importing, setImporting] = useState(false);
  const gridRef = useRef<DataGridHandle>(null);
  const countedRef = useRef<HTMLInputElement>(null);
  const skuRef = useRef<HTMLInputElement>(null);
  const open = stocktake?.status === 'open';

  const lines = useMemo(() => [...(stocktake?.lines ?? [])].sort((a, b) => a.sku.localeCompare(b.sku)), [stocktake]);

  /** Sends counts; answers the issues the core found (none: saved and shown). */
  const send = async (counts: { sku?: string; productId?: number; counted: string | null }[]): Promise<FieldIssue[]> => {
    try {
      const next = await getClient().call('stocktake.setCounts', { id, counts });
      loaded.setData(next);
      return [];
    } catch (error) {
      const found = issuesOf(error);
      if (found.length === 0) {
        const text = describeProblem(i18n, error);
        setProblem(text);
        return [{ path: '', key: 'errors.withDetail', message: text, params: { message: t('stock.stocktake.countFailed'), detail: text } }];
      }
      return found;
    }
  };

  const enter = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    setBusy(true);
    const found = await send([{ sku: sku.trim(), counted }]);
    setBusy(false);
    setIssues(issuesByPath(found));
    if (found.length === 0) {
      notify({ kind: 'success', title: t('stock.stocktake.counted', { sku: sku.trim(), counted }) });
      setSku('');
      setCounted('');
      skuRef.current?.focus();
    }
  };

  const errorOf = (path: string, label: string) => {
    const issue = issues.get(`counts.0.${path}`) ?? (path === 'sku' ? issues.get('counts.0.productId') : undefined);
    return issue ? translateIssue(i18n, issue, label) : undefined;
  };

  useBarcodeScanner(
    ({ code }) => {
      getClient()
        .call('products.lookupCode', { code })
        .then((found) => {
          if (!found) {
            notify({ kind: 'error', title: t('scanner.notFound', { code }) });
            return;
          }
          setSku(found.sku);
          const index = lines.findIndex((l) => l.productId === found.id);
          if (index >= 0) gridRef.current?.activate(index);
          countedRef.current?.focus();
        })
        .catch((error: unknown) => notify({ kind: 'error', title: t('scanner.failed'), message: describeError(i18n, error) }));
    },
    { enabled: open },
  );

  const columns = useMemo<GridColumn<Line>[]>(() => {
    const currency = stocktake?.currency ?? null;
    return [
      { id: 'sku', accessorKey: 'sku', header: t('stock.columns.sku'), size: 200, cell: (c) => <span dir="ltr">{c.row.original.sku}</span> },
      { id: 'expected', accessorKey: 'expectedMilli', header: t('stock.stocktake.expected'), size: 100, meta: { align: 'end' }, cell: (c) => formatQty(c.row.original.expectedMilli, language) },
      {
        id: 'counted',
        accessorKey: 'countedMilli',
        header: t('stock.stocktake.countedColumn'),
        size: 110,
        meta: { align: 'end' },
        cell: (c) => {
          const line = c.row.original;
          if (!open) return formatQty(line.countedMilli, language);
          return (
            <InlineEdit
              display={formatQty(line.countedMilli, language)}
              initial={formatQuantity(line.countedMilli)}
              editing={editing === line.productId}
              onStart={() => setEditing(line.productId)}
              onDone={() => {
                setEditing(null);
                gridRef.current?.focus();
              }}
              onCommit={async (text) => {
                const found = await send([{ productId: line.productId, counted: text.trim() === '' ? null : text }]);
                return found[0] ? translateIssue(i18n, found[0], t('stock.stocktake.countedColumn')) : null;
              }}
              label={t('stock.stocktake.editCount', { sku: line.sku })}
              testId={`count-${line.sku}`}
            />
          );
        },
      },
      {
        id: 'difference',
        accessorKey: 'differenceMilli',
        header: t('stock.stocktake.difference'),
        size: 110,
        meta: { align: 'end' },
        cell: (c) => {
          const d = c.row.original.differenceMilli;
          return (
            <Text span size="sm" fw={d === 0 ? undefined : 600} c={d < 0 ? 'red' : d > 0 ? 'teal' : 'dimmed'} dir="ltr">
              {d > 0 ? '+' : d < 0 ? '−' : ''}
              {formatQty(Math.abs(d), language)}
            </Text>
          );
        },
      },
      {
        id: 'now',
        accessorKey: 'onHandNowMilli',
        header: t('stock.stocktake.onHandNow'),
        size: 110,
        meta: { align: 'end' },
        cell: (c) => {
          const line = c.row.original;
          const moved = line.onHandNowMilli !== line.expectedMilli;
          return (
            <Text span size="sm" c={moved ? 'orange' : undefined} title={moved ? t('stock.stocktake.movedSince') : undefined}>
              {formatQty(line.onHandNowMilli, language)}
              {moved ? ' *' : ''}
            </Text>
          );
        },
      },
      {
        id: 'value',
        accessorKey: 'valueImpactMinor',
        header: t('stock.stocktake.valueImpact'),
        size: 130,
        meta: { align: 'end' },
        cell: (c) => (currency ? formatMoney(c.row.original.valueImpactMinor, currency, language) : '—'),
      },
    ];
    // `send` is recreated each render but only reads `id` and the loader's setter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [t, language, stocktake, open, editing, i18n]);

  const act = async (what: 'post' | 'cancel') => {
    setBusy(true);
    try {
      const next = await getClient().call(what === 'post' ? 'stocktake.post' : 'stocktake.cancel', { id });
      loaded.setData(next);
      notify({ kind: 'success', title: t(what === 'post' ? 'stock.stocktake.postedDone' : 'stock.stocktake.cancelledDone', { id }) });
      setConfirm(null);
    } catch (error) {
      setProblem(describeProblem(i18n, error));
      notify({ kind: 'error', title: t(what === 'post' ? 'stock.stocktake.postFailed' : 'stock.stocktake.cancelFailed'), message: describeProblem(i18n, error) });
      setConfirm(null);
    } finally {
      setBusy(false);
    }
  };

  if (loaded.error !== null && stocktake === undefined) {
    return (
      <Stack gap="sm" maw={720}>
        <Anchor href={hrefFor('stock/stocktake')}>{t('stock.stocktake.backToList')}</Anchor>
        <Alert color="red" variant="light" role="alert">
          {t('stock.stocktake.loadFailed')} {describeError(i18n, loaded.error)}
        </Alert>
      </Stack>
    );
  }
  if (stocktake === undefined) return <Loader size="sm" aria-label={t('app.loading')} />;

  const currency = stocktake.currency;
  return (
    <Stack gap="sm" h="100%" data-testid="stocktake-sheet">
      <Group justify="space-between" wrap="nowrap">
        <Group gap="sm" align="baseline">
          <Anchor href={hrefFor('stock/stocktake')} size="sm">
            {t('stock.stocktake.backToList')}
          </Anchor>
          <Title order={2} size="h3">
            {t('stock.stocktake.title', { id: stocktake.id, warehouse: stocktake.warehouseCode })}
          </Title>
          <Badge variant="light" color={STATUS_COLORS[stocktake.status]} data-testid="stocktake-status">
            {t(`stock.stocktake.status.${stocktake.status}`)}
          </Badge>
          {stocktake.note && (
            <Text size="sm" c="dimmed" dir="auto">
              {stocktake.note}
            </Text>
          )}
        </Group>
        {open && (
          <Group gap="xs" wrap="nowrap">
            <Button variant="default" leftSection={<IconFileImport size={14} />} onClick={() => setImporting(true)} data-testid="stocktake-import">
              {t('stock.stocktake.import')}
            </Button>
            <Button variant="subtle" color="red" leftSection={<IconX size={14} />} onClick={() => setConfirm('cancel')}>
              {t('stock.stocktake.cancel')}
            </Button>
            <Button leftSection={<IconClipboardCheck size={14} />} onClick={() => setConfirm('post')} disabled={stocktake.totals.lines === 0} data-testid="stocktake-post">
              {t('stock.stocktake.post')}
            </Button>
          </Group>
        )}
      </Group>

      {open && (
        <form onSubmit={(e) => void enter(e)} aria-label={t('stock.stocktake.enterCount')} data-testid="count-form">
          <Group gap="sm" align="flex-start">
            <div style={{ width: 280 }}>
              <SkuInput value={sku} onChange={setSku} label={t('stock.fields.sku')} error={errorOf('sku', t('stock.fields.sku'))} inputRef={skuRef} testId="count-sku" />
            </div>
            <TextInput
              ref={countedRef}
              label={t('stock.stocktake.countedColumn')}
              value={counted}
              onChange={(e) => setCounted(e.currentTarget.value)}
              error={errorOf('counted', t('stock.stocktake.countedColumn'))}
              dir="ltr"
              inputMode="decimal"
              w={140}
              data-testid="count-quantity"
            />
            <Button type="submit" mt={22} loading={busy} data-testid="count-submit">
              {t('stock.stocktake.enterCount')}
            </Button>
          </Group>
        </form>
      )}
      {problem && (
        <Alert color="red" variant="light" p="xs" role="alert" withCloseButton onClose={() => setProblem(null)} closeButtonLabel={t('notifications.close')}>
          {problem}
        </Alert>
      )}

      <SimpleGrid cols={3} spacing="xs" maw={600}>
        <Total label={t('stock.stocktake.lines')} value={formatInteger(stocktake.totals.lines, language)} />
        <Total label={t('stock.stocktake.differing')} value={formatInteger(stocktake.totals.differing, language)} />
        <Total label={t('stock.stocktake.valueImpact')} value={currency ? formatMoney(stocktake.totals.valueImpactMinor, currency, language) : '—'} testId="stocktake-impact" />
      </SimpleGrid>

      <div style={{ flex: 1, minHeight: 0 }}>
        <DataGrid
          ref={gridRef}
          data={lines}
          columns={columns}
          getRowId={(l) => String(l.productId)}
          label={t('stock.stocktake.gridLabel')}
          height="100%"
          emptyMessage={open ? t('stock.stocktake.noLines') : t('stock.stocktake.noLinesClosed')}
          onGridKeyDown={(event, active) => {
            if (event.key === 'F2' && open && active.row) {
              event.preventDefault();
              setEditing(active.row.productId);
            }
          }}
          data-testid="stocktake-grid"
        />
      </div>
      {open && (
        <Text size="xs" c="dimmed">
          {t('stock.stocktake.keysHint')}
        </Text>
      )}

      {confirm !== null && (
        <Modal opened onClose={() => setConfirm(null)} title={t(confirm === 'post' ? 'stock.stocktake.postTitle' : 'stock.stocktake.cancelTitle')}>
          <Stack gap="sm">
            <Text size="sm">
              {confirm === 'post'
                ? t('stock.stocktake.postConfirm', {
                    differing: formatInteger(stocktake.totals.differing, language),
                    lines: formatInteger(stocktake.totals.lines, language),
                    value: currency ? formatMoney(stocktake.totals.valueImpactMinor, currency, language) : '—',
                  })
                : t('stock.stocktake.cancelConfirm')}
            </Text>
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={() => setConfirm(null)}>
                {t('common.back')}
              </Button>
              <Button color={confirm === 'post' ? undefined : 'red'} loading={busy} onClick={() => void act(confirm)} data-testid="stocktake-confirm">
                {t(confirm === 'post' ? 'stock.stocktake.post' : 'stock.stocktake.cancel')}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
      {importing && (
        <ImportCounts
          onClose={() => setImporting(false)}
          onImport={async (rows) => {
            const found = await send(rows.map((r) => ({ sku: r.sku, counted: r.counted })));
            return found;
          }}
        />
      )}
    </Stack>
  );
}

function Total({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Paper withBorder px="sm" py={4}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

/** Counts pasted from a spreadsheet: "SKU;counted" per line (tab or comma work too). */
function ImportCounts({ onClose, onImport }: { onClose: () => void; onImport: (rows: { sku: string; counted: string }[]) => Promise<FieldIssue[]> }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const parsed = text.trim() === '' ? null : parseCountsCsv(text);

  const run = async () => {
    if (!parsed) return;
    if (!parsed.ok) {
      setProblems(parsed.issues.map((i) => translateIssue(i18n, i, '')));
      return;
    }
    setBusy(true);
    const found = await onImport(parsed.rows);
    setBusy(false);
    if (found.length === 0) {
      notify({ kind: 'success', title: t('stock.stocktake.imported', { count: parsed.rows.length, formatted: formatInteger(parsed.rows.length, language) }) });
      onClose();
      return;
    }
    // "counts.4.counted" is the fifth row sent: name it by its SKU, as the sheet does.
    setProblems(
      found.map((issue) => {
        const row = /^counts\.(\d+)\./.exec(issue.path)?.[1];
        const sku = row === undefined ? undefined : parsed.rows[Number(row)]?.sku;
        const message = translateIssue(i18n, issue, t('stock.stocktake.countedColumn'));
        return sku ? `${sku}: ${message}` : message;
      }),
    );
  };

  return (
    <Modal opened onClose={onClose} title={t('stock.stocktake.import')} size="lg">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('stock.stocktake.importHint')}
        </Text>
        <Textarea
          label={t('stock.stocktake.importLabel')}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setProblems([]);
          }}
          autosize
          minRows={6}
          maxRows={16}
          dir="ltr"
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          data-autofocus
          data-testid="import-text"
        />
        {parsed?.ok && (
          <Text size="sm" data-testid="import-summary">
            {t('stock.stocktake.importReady', { count: parsed.rows.length, formatted: formatInteger(parsed.rows.length, language) })}
          </Text>
        )}
        {problems.length > 0 && (
          <Alert color="red" variant="light" p="xs" role="alert" icon={<IconAlertTriangle size={16} />}>
            {problems.map((p) => (
              <div key={p}>{p}</div>
            ))}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void run()} loading={busy} disabled={parsed === null} data-testid="import-apply">
            {t('stock.stocktake.importApply')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
