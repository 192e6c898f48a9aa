import { Box } from '@mantine/core';
import { IconPhotoOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useThumbnail } from '../lib/thumbnails.ts';

const SIZE = 26;

/** The main image's thumbnail in a grid row; a faint placeholder while it loads or when there is none. */
export function ProductThumbnail({ imageId, sku }: { imageId: number | null; sku: string }) {
  const { t } = useTranslation();
  const { src, error } = useThumbnail(imageId);
  const frame = {
    width: SIZE,
    height: SIZE,
    borderRadius: 4,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    background: 'var(--mantine-color-default-hover)',
    overflow: 'hidden',
  } as const;
  if (imageId === null) return <Box style={frame} aria-hidden />;
  if (error) {
    return (
      <Box style={frame} title={t('products.images.thumbFailed')}>
        <IconPhotoOff size={14} color="var(--mantine-color-dimmed)" />
      </Box>
    );
  }
  return (
    <Box style={frame}>
      {src && <img src={src} alt={t('catalogSettings.thumbnails.alt', { sku })} width={SIZE} height={SIZE} style={{ objectFit: 'cover' }} data-testid={`thumb-${sku}`} />}
    </Box>
  );
}
