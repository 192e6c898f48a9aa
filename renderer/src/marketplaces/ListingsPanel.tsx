import { ActionIcon, Alert, Anchor, Badge, Button, Group, Popover, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconAdjustments, IconCloudOff } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getClient } from '../lib/api.ts';
import { describeError } from '../lib/errors.ts';
import { notify } from '../lib/notifications.ts';
import { hrefFor } from '../lib/router.ts';
import { useLoad } from '../lib/useLoad.ts';
import { OverrideDialog } from './OverrideDialog.tsx';

const PAGE = 100;

/** #/marketplaces/listings: products × accounts, with the last platform error on a failed cell. */
export function ListingsPanel() {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState('');
  const [offset, setOffset] = useState(0);
  const [editing, setEditing] = useState<{ accountId: number; accountName: string; productId: number; sku: string } | null>(null);
  const accounts = useLoad('accounts', () => getClient().call('marketplaces.accounts.list', {}));
  const grid = useLoad(`grid:${filter}:${offset}`, () => getClient().call('marketplaces.listings.grid', { filter, offset, limit: PAGE }));
  const error = accounts.error ?? grid.error;
  const [confirming, setConfirming] = useState<string | null>(null);
  const reloadGrid = grid.reload;
  // A removal, an upload or a sync ending changes the cells: read the page again then.
  useEffect(
    () =>
      getClient().subscribe((event) => {
        if (event.type === 'job.updated' && event.job.kind === 'marketplace.upload' && event.job.status !== 'running' && event.job.status !== 'queued') reloadGrid();
      }),
    [reloadGrid],
  );
  /** "Remove from marketplace": the listing is deleted in the shop by a delete job, reported under Uploads. */
  const removeListing = async (accountId: number, accountName: string, productId: number, sku: string) => {
    setConfirming(null);
    try {
      const upload = await getClient().call('marketplaces.listings.remove', { accountId, selection: { productIds: [productId] } });
      notify(upload === null ? { kind: 'info', title: t('marketplaces.listings.notListedThere', { sku, account: accountName }) } : { kind: 'success', title: t('marketplaces.listings.removing', { sku, account: accountName }) });
    } catch (failure) {
      notify({ kind: 'error', title: describeError(i18n, failure) });
    }
  };
  const total = grid.data?.total ?? 0;

  return (
    <>
      <Group mb="xs" justify="space-between">
        <TextInput
          placeholder={t('marketplaces.listings.filter')}
          value={filter}
          onChange={(e) => {
            setFilter(e.currentTarget.value);
            setOffset(0);
          }}
          w={260}
        />
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {t('marketplaces.listings.page', { from: total === 0 ? 0 : offset + 1, to: Math.min(total, offset + PAGE), total })}
          </Text>
          <Button size="xs" variant="default" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            {t('marketplaces.listings.previous')}
          </Button>
          <Button size="xs" variant="default" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
            {t('marketplaces.listings.next')}
          </Button>
        </Group>
      </Group>
      {error !== null && <Alert color="red">{describeError(i18n, error)}</Alert>}
      {grid.data?.rows.length === 0 && <Alert color="gray">{t('marketplaces.listings.empty')}</Alert>}
      {grid.data && grid.data.rows.length > 0 && (
        <Table striped stickyHeader data-testid="listing-grid">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('marketplaces.listings.sku')}</Table.Th>
              <Table.Th>{t('marketplaces.listings.title')}</Table.Th>
              {(accounts.data ?? []).map((a) => (
                <Table.Th key={a.id}>{a.name}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {grid.data.rows.map((row) => (
              <Table.Tr key={row.productId}>
                <Table.Td>
                  <Anchor href={hrefFor(`products/${row.productId}`)} ff="monospace" size="sm">
                    {row.sku}
                  </Anchor>
                </Table.Td>
                <Table.Td>{row.title ?? ''}</Table.Td>
                {(accounts.data ?? []).map((a) => {
                  const cell = row.cells.find((c) => c.accountId === a.id);
                  const badge = cell ? (
                    <Badge color={cell.status === 'listed' ? 'teal' : 'red'} variant="light">
                      {t(`marketplaces.listings.${cell.status}`)}
                    </Badge>
                  ) : (
                    <Text size="xs" c="dimmed" span>
                      {t('marketplaces.listings.notListed')}
                    </Text>
                  );
                  return (
                    <Table.Td key={a.id}>
                      <Group gap={4} wrap="nowrap">
                        {cell?.lastError ? (
                          <Tooltip label={cell.lastError} multiline w={360}>
                            {badge}
                          </Tooltip>
                        ) : (
                          badge
                        )}
                        {cell?.status === 'listed' && (
                          <Popover opened={confirming === `${a.id}:${row.productId}`} onChange={(open) => setConfirming(open ? `${a.id}:${row.productId}` : null)} withArrow position="bottom">
                            <Popover.Target>
                              <Tooltip label={t('marketplaces.listings.remove')}>
                                <ActionIcon size="sm" variant="subtle" color="red" aria-label={t('marketplaces.listings.remove')} onClick={() => setConfirming(`${a.id}:${row.productId}`)}>
                                  <IconCloudOff size={14} />
                                </ActionIcon>
                              </Tooltip>
                            </Popover.Target>
                            <Popover.Dropdown>
                              <Stack gap="xs" maw={280}>
                                <Text size="sm">{t('marketplaces.listings.removeConfirm', { sku: row.sku, account: a.name })}</Text>
                                <Group gap="xs">
                                  <Button size="xs" color="red" onClick={() => void removeListing(a.id, a.name, row.productId, row.sku)}>
                                    {t('marketplaces.listings.removeYes')}
                                  </Button>
                                  <Button size="xs" variant="default" onClick={() => setConfirming(null)}>
                                    {t('marketplaces.accounts.cancel')}
                                  </Button>
                                </Group>
                              </Stack>
                            </Popover.Dropdown>
                          </Popover>
                        )}
                        <Tooltip label={t('marketplaces.overrides.edit')}>
                          <ActionIcon size="sm" variant="subtle" aria-label={t('marketplaces.overrides.edit')} onClick={() => setEditing({ accountId: a.id, accountName: a.name, productId: row.productId, sku: row.sku })}>
                            <IconAdjustments size={14} />
                          </ActionIcon>
                        </Tooltip>
                      </Group>
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && <OverrideDialog {...editing} onClose={() => setEditing(null)} />}
    </>
  );
}
