import { Select } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactKind } from '../../../shared/contacts/contact.ts';
import type { ContactSearchHit } from '../../../shared/contacts/list.ts';
import { getClient } from '../lib/api.ts';
import { describeError } from '../lib/errors.ts';

export interface PickedContact {
  id: number;
  name: string;
}

/** A searchable contact field: asks contacts.search as the person types (FTS, Arabic and accents folded). */
export function ContactPicker({
  label,
  value,
  onChange,
  kind,
  excludeId,
  error,
  testId,
  autoFocus,
  onSearchTextChange,
}: {
  label: string;
  value: PickedContact | null;
  onChange: (value: PickedContact | null) => void;
  kind?: ContactKind;
  excludeId?: number;
  error?: string | undefined;
  testId?: string;
  autoFocus?: boolean;
  /** What the person has typed, e.g. to offer creating a contact of that name. */
  onSearchTextChange?: (text: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const [hits, setHits] = useState<ContactSearchHit[]>([]);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    if (search.trim() === '' || search === value?.name) return;
    let current = true;
    const timer = setTimeout(() => {
      getClient()
        .call('contacts.search', { text: search, limit: 20 })
        .then((found) => {
          if (!current) return;
          setHits(found.filter((h) => (kind === undefined || h.kind === kind) && h.id !== excludeId));
          setFailure(null);
        })
        .catch((e: unknown) => current && setFailure(describeError(i18n, e)));
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [search, kind, excludeId, value?.name, i18n]);

  const options = [...(value ? [{ value: String(value.id), label: value.name }] : []), ...hits.filter((h) => h.id !== value?.id).map((h) => ({ value: String(h.id), label: h.country ? `${h.name} · ${h.country}` : h.name }))];
  return (
    <Select
      label={label}
      data={options}
      value={value ? String(value.id) : null}
      onChange={(v) => {
        const hit = hits.find((h) => String(h.id) === v);
        onChange(v === null ? null : hit ? { id: hit.id, name: hit.name } : value);
      }}
      searchable
      clearable
      searchValue={search}
      onSearchChange={(text) => {
        setSearch(text);
        onSearchTextChange?.(text);
      }}
      filter={({ options: o }) => o}
      nothingFoundMessage={search.trim() === '' ? t('contacts.picker.typeToSearch') : t('contacts.picker.nothing')}
      placeholder={t('contacts.picker.placeholder')}
      error={error ?? failure ?? undefined}
      className="kontor-auto-dir"
      data-testid={testId}
      autoFocus={autoFocus}
    />
  );
}
