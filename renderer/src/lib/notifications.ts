import { useSyncExternalStore } from 'react';

/**
 * A small notification queue (toasts). Mantine's @mantine/notifications package would do too,
 * but this is twenty lines and one dependency fewer.
 */
export interface Note {
  id: number;
  kind: 'success' | 'error' | 'info';
  title: string;
  message?: string;
}

let notes: readonly Note[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function emit(): void {
  for (const l of listeners) l();
}

export function dismiss(id: number): void {
  notes = notes.filter((n) => n.id !== id);
  emit();
}

/**
 * Shows a note. Successes go away by themselves; errors stay until closed, since someone who
 * looked away must still learn that their work was not saved.
 */
export function notify(note: Omit<Note, 'id'>): number {
  const id = nextId++;
  notes = [...notes.slice(-4), { ...note, id }];
  emit();
  if (note.kind !== 'error') setTimeout(() => dismiss(id), 5000);
  return id;
}

export function useNotes(): readonly Note[] {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => notes,
  );
}
