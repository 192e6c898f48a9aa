import { Alert, Anchor, Badge, Button, Group, Stack, Table } from '@mantine/core';
import { IconRefreshDot } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { getClient } from '../lib/api.ts';
import { describeError } from '../lib/errors.ts';
import { notify } from '../lib/notifications.ts';
import { hrefFor } from '../lib/router.ts';
import { useLoad } from '../lib/useLoad.ts';
import { UploadReport } from './UploadReport.tsx';

/** #/marketplaces/uploads[/<id>]: past uploads and stock syncs; one of them with its report. */
export function UploadsPanel({ uploadId }: { uploadId: number | null }) {
  const { t, i18n } = useTranslation();
  const uploads = useLoad(uploadId === null ? 'uploads' : null, () => getClient().call('marketplaces.uploads.list', { limit: 100 }));
  if (uploadId !== null) return <UploadReport uploadId={uploadId} />;

  const syncStock = async () => {
    try {
      const started = await getClient().call('marketplaces.stock.sync', {});
      notify({ kind: 'info', title: started.length === 0 ? t('marketplaces.upload.nothingToSync') : t('marketplaces.upload.stockSynced', { count: started.length }) });
      uploads.reload();
    } catch (error) {
      notify({ kind: 'error', title: describeError(i18n, error) });
    }
  };

  return (
    <Stack gap="sm">
      <Group>
        <Button size="xs" variant="light" leftSection={<IconRefreshDot size={14} />} onClick={() => void syncStock()}>
          {t('marketplaces.upload.stockSync')}
        </Button>
      </Group>
      {uploads.error !== null && <Alert color="red">{describeError(i18n, uploads.error)}</Alert>}
      {uploads.data?.length === 0 && <Alert color="gray">{t('marketplaces.upload.none')}</Alert>}
      {uploads.data && uploads.data.length > 0 && (
        <Table striped highlightOnHover>
          <Table.Tbody>
            {uploads.data.map((u) => (
              <Table.Tr key={u.id}>
                <Table.Td>
                  <Anchor href={hrefFor(`marketplaces/uploads/${u.id}`)}>#{u.id}</Anchor>
                </Table.Td>
                <Table.Td>{u.accountName}</Table.Td>
                <Table.Td>{t(`marketplaces.upload.kind.${u.kind}`)}</Table.Td>
                <Table.Td>
                  <Badge variant="light">{t(`marketplaces.upload.status.${u.status}`)}</Badge>
                </Table.Td>
                <Table.Td>
                  {t('marketplaces.upload.counts', { succeeded: u.counts.succeeded, failed: u.counts.failed, skipped: u.counts.skipped, left: u.counts.pending + u.counts.sending })}
                </Table.Td>
                <Table.Td>{new Date(u.createdAt).toLocaleString(i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
