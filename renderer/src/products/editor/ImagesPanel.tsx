import { ActionIcon, Alert, Badge, Box, Button, FileButton, Group, Image, Loader, Paper, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { IconArrowLeft, IconArrowRight, IconPhoto, IconTrash, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IMAGE_MAX_BYTES, IMAGE_MIME_TYPES } from '../../../../shared/catalog/images.ts';
import type { ImageMeta, Product } from '../../../../shared/catalog/product.ts';
import { formatInteger } from '../../format.ts';
import { getClient } from '../../lib/api.ts';
import { describeError } from '../../lib/errors.ts';
import { describeProblem } from '../../lib/issues.ts';
import { notify } from '../../lib/notifications.ts';
import { useLanguage } from '../../lib/preferences.tsx';
import { useThumbnail } from '../../lib/thumbnails.ts';

/** Base64 in chunks: String.fromCharCode(...bytes) on megabytes would overflow the call stack. */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function Thumb({ image, alt }: { image: ImageMeta; alt: string }) {
  const { t, i18n } = useTranslation();
  const { src, error } = useThumbnail(image.id);
  const problem = error ? describeError(i18n, error) : null;
  if (problem) {
    return (
      <Text size="xs" c="red" role="alert" title={problem}>
        {t('products.images.thumbFailed')}
      </Text>
    );
  }
  return src ? <Image src={src} alt={alt} fit="contain" h={128} w="100%" /> : <Loader size="sm" aria-label={t('app.loading')} />;
}

/**
 * A product's pictures: upload (JPEG, PNG, WebP), thumbnails, order (the first is the main image:
 * the one marketplaces show) by drag and drop or the arrow buttons, and removal. Every change
 * answers the product's new revision, which the editor keeps for its next save.
 */
export function ImagesPanel({ product, onImages }: { product: Product; onImages: (images: ImageMeta[], revision: number) => void }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [dragged, setDragged] = useState<number | null>(null);
  const images = product.images;

  const upload = async (files: File[]) => {
    if (files.length === 0) return;
    setProblems([]);
    setBusy(true);
    const found: string[] = [];
    let added = 0;
    for (const file of files) {
      if (!(IMAGE_MIME_TYPES as readonly string[]).includes(file.type)) {
        found.push(t('products.images.wrongType', { name: file.name }));
        continue;
      }
      if (file.size > IMAGE_MAX_BYTES) {
        found.push(t('products.images.tooLarge', { name: file.name }));
        continue;
      }
      try {
        const dataBase64 = toBase64(new Uint8Array(await file.arrayBuffer()));
        const result = await getClient().call('products.addImage', { productId: product.id, fileName: file.name, dataBase64 });
        onImages(result.images, result.revision);
        added++;
      } catch (error) {
        found.push(`${file.name}: ${describeProblem(i18n, error, file.name)}`);
      }
    }
    setBusy(false);
    setProblems(found);
    if (added > 0) notify({ kind: 'success', title: t('products.images.added', { count: added, formatted: formatInteger(added, language) }) });
    if (found.length > 0) notify({ kind: 'error', title: t('products.images.failed'), message: found.join(' ') });
  };

  const reorder = async (ids: number[]) => {
    setBusy(true);
    try {
      const result = await getClient().call('products.reorderImages', { productId: product.id, imageIds: ids });
      onImages(result.images, result.revision);
    } catch (error) {
      notify({ kind: 'error', title: t('products.images.reorderFailed'), message: describeProblem(i18n, error) });
    } finally {
      setBusy(false);
    }
  };

  const move = (from: number, to: number) => {
    if (to < 0 || to >= images.length || from === to) return;
    const ids = images.map((i) => i.id);
    const [moved] = ids.splice(from, 1);
    if (moved === undefined) return;
    ids.splice(to, 0, moved);
    void reorder(ids);
  };

  const remove = async (image: ImageMeta) => {
    setBusy(true);
    try {
      const result = await getClient().call('products.removeImage', { id: image.id });
      onImages(result.images, result.revision);
      notify({ kind: 'success', title: t('products.images.removed') });
    } catch (error) {
      notify({ kind: 'error', title: t('products.images.removeFailed'), message: describeProblem(i18n, error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm">
      <Group gap="sm">
        <FileButton onChange={(files) => void upload(files)} accept={IMAGE_MIME_TYPES.join(',')} multiple disabled={busy}>
          {(props) => (
            <Button {...props} leftSection={<IconUpload size={14} />} loading={busy} data-testid="add-images">
              {t('products.images.add')}
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="dimmed">
          {t('products.images.hint')}
        </Text>
      </Group>
      {problems.length > 0 && (
        <Alert color="red" variant="light" p="xs" role="alert">
          {problems.map((p) => (
            <div key={p}>{p}</div>
          ))}
        </Alert>
      )}
      {images.length === 0 ? (
        <Group gap="xs" c="dimmed">
          <IconPhoto size={20} />
          <Text size="sm">{t('products.images.none')}</Text>
        </Group>
      ) : (
        <SimpleGrid cols={{ base: 2, sm: 4, lg: 6 }} spacing="sm" data-testid="image-list">
          {images.map((image, index) => {
            const alt = t('products.images.alt', { n: index + 1, sku: product.sku });
            return (
              <Paper
                key={image.id}
                withBorder
                p={6}
                draggable={!busy}
                onDragStart={() => setDragged(index)}
                onDragEnd={() => setDragged(null)}
                onDragOver={(e) => e.preventDefault()}
                onDrop={(e) => {
                  e.preventDefault();
                  if (dragged !== null) move(dragged, index);
                  setDragged(null);
                }}
                style={{ opacity: dragged === index ? 0.5 : 1, cursor: busy ? 'default' : 'grab' }}
                aria-label={alt}
                data-testid={`image-${index + 1}`}
              >
                <Stack gap={4}>
                  <Box h={128} style={{ display: 'grid', placeItems: 'center', background: 'white', borderRadius: 4 }}>
                    <Thumb image={image} alt={alt} />
                  </Box>
                  <Group justify="space-between" gap={2} wrap="nowrap">
                    {index === 0 ? (
                      <Badge size="xs" variant="light">
                        {t('products.images.main')}
                      </Badge>
                    ) : (
                      <Text size="xs" c="dimmed">
                        {formatInteger(index + 1, language)}
                      </Text>
                    )}
                    <Group gap={0} wrap="nowrap">
                      <Tooltip label={t('products.images.moveEarlier')}>
                        <ActionIcon size="sm" aria-label={t('products.images.moveEarlier')} disabled={busy || index === 0} onClick={() => move(index, index - 1)}>
                          {/* Earlier is towards the start of the line: left in LTR, right in Arabic. */}
                          <IconArrowLeft size={14} className="kontor-flip-rtl" />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label={t('products.images.moveLater')}>
                        <ActionIcon size="sm" aria-label={t('products.images.moveLater')} disabled={busy || index === images.length - 1} onClick={() => move(index, index + 1)}>
                          <IconArrowRight size={14} className="kontor-flip-rtl" />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label={t('products.images.remove')}>
                        <ActionIcon size="sm" color="red" aria-label={t('products.images.remove')} disabled={busy} onClick={() => void remove(image)}>
                          <IconTrash size={14} />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  </Group>
                  <Text size="xs" c="dimmed" truncate title={image.originalName ?? undefined}>
                    <bdi>{image.originalName ?? ''}</bdi> · {`\u2066${image.width}×${image.height}\u2069`}
                  </Text>
                </Stack>
              </Paper>
            );
          })}
        </SimpleGrid>
      )}
    </Stack>
  );
}
