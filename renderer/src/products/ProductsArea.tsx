import { useEffect, useState } from 'react';
import { navigate } from '../lib/router.ts';
import { afterScannerQuiet, isTextEntry } from '../lib/useBarcodeScanner.ts';
import { CreateProductDialog } from './CreateProductDialog.tsx';
import { ProductEditor } from './ProductEditor.tsx';
import { ProductList } from './ProductList.tsx';

/** #/products (the list) and #/products/<id> (one product); N or Ctrl+N opens "New product" on both. */
export function ProductsArea({ path }: { path: readonly string[] }) {
  const [creating, setCreating] = useState(false);
  const id = path[0] === undefined ? null : Number(path[0]);
  const invalid = id !== null && !(Number.isSafeInteger(id) && id > 0);

  useEffect(() => {
    if (invalid) navigate('products', { replace: true });
  }, [invalid]);

  useEffect(() => {
    let cancel: (() => void) | null = null;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.shiftKey || event.key.toLowerCase() !== 'n') return;
      if (event.ctrlKey || event.metaKey) {
        // Ctrl+N is "new window" in a browser; in the app window it is ours.
        event.preventDefault();
        setCreating(true);
        return;
      }
      if (isTextEntry(event.target) || document.querySelector('[role="dialog"]')) return;
      // A plain N waits a moment: a barcode scanner typing "N…" is not asking for a new product.
      cancel?.();
      cancel = afterScannerQuiet(() => setCreating(true));
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      cancel?.();
    };
  }, []);

  return (
    <>
      {id === null || invalid ? <ProductList onCreate={() => setCreating(true)} /> : <ProductEditor key={id} id={id} />}
      {creating && <CreateProductDialog onClose={() => setCreating(false)} />}
    </>
  );
}
