import { useEffect, useState } from 'react';
import { getClient } from './api.ts';

/**
 * Product thumbnails (the core's 256 px WebP, through products.getImage) as data: URLs, kept for
 * the window's lifetime: an image's bytes never change under its id. Shared by the editor's image
 * panel and the product list, and asked at most once per image however many rows show it.
 */
const cache = new Map<number, string>();
const inFlight = new Map<number, Promise<string>>();

export function cachedThumbnail(imageId: number): string | undefined {
  return cache.get(imageId);
}

export function loadThumbnail(imageId: number): Promise<string> {
  const held = cache.get(imageId);
  if (held !== undefined) return Promise.resolve(held);
  let pending = inFlight.get(imageId);
  if (!pending) {
    pending = getClient()
      .call('products.getImage', { id: imageId, size: 'thumb' })
      .then((data) => {
        const url = `data:${data.mimeType};base64,${data.dataBase64}`;
        cache.set(imageId, url);
        return url;
      })
      .finally(() => inFlight.delete(imageId));
    inFlight.set(imageId, pending);
  }
  return pending;
}

/** The thumbnail of `imageId` (null: none to show), its failure, and whether it is on its way. */
export function useThumbnail(imageId: number | null): { src: string | null; error: unknown } {
  const [state, setState] = useState<{ id: number | null; src: string | null; error: unknown }>(() => ({
    id: imageId,
    src: imageId === null ? null : (cache.get(imageId) ?? null),
    error: null,
  }));
  if (state.id !== imageId) setState({ id: imageId, src: imageId === null ? null : (cache.get(imageId) ?? null), error: null });
  useEffect(() => {
    if (imageId === null || cache.has(imageId)) return;
    let current = true;
    loadThumbnail(imageId)
      .then((src) => {
        if (current) setState({ id: imageId, src, error: null });
      })
      .catch((error: unknown) => {
        if (current) setState({ id: imageId, src: null, error });
      });
    return () => {
      current = false;
    };
  }, [imageId]);
  return { src: state.id === imageId ? state.src : null, error: state.id === imageId ? state.error : null };
}
