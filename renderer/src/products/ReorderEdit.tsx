import { Button, Group, Popover, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../../../shared/errors.ts';
import classes from '../components/DataGrid.module.css';
import { translateIssue } from '../lib/issues.ts';

/**
 * The reorder point of one product in one warehouse, edited from the grid: a small form beside
 * the cell, since a rule needs two numbers (when to reorder, how much). An empty point removes the
 * rule. Problems the core finds are shown at their input.
 */
export function ReorderEdit({
  display,
  point,
  quantity,
  editing,
  onStart,
  onDone,
  onSave,
  label,
  testId,
}: {
  display: string;
  point: string;
  quantity: string;
  editing: boolean;
  onStart: () => void;
  onDone: () => void;
  /** Answers the issues the core found (none: saved). */
  onSave: (point: string, quantity: string) => Promise<FieldIssue[]>;
  label: string;
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState({ point, quantity });
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [saving, setSaving] = useState(false);
  const [wasEditing, setWasEditing] = useState(editing);
  if (wasEditing !== editing) {
    setWasEditing(editing);
    if (editing) {
      setDraft({ point, quantity });
      setIssues([]);
    }
  }

  const errorOf = (path: string, fieldLabel: string) => {
    // Issues of other paths (the product, the warehouse) are shown at the first input.
    const issue = issues.find((i) => i.path === path) ?? (path === 'reorderPoint' ? issues.find((i) => i.path !== 'reorderQuantity') : undefined);
    return issue ? translateIssue(i18n, issue, fieldLabel) : undefined;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    setSaving(true);
    const found = await onSave(draft.point, draft.quantity);
    setSaving(false);
    if (found.length === 0) onDone();
    else setIssues(found);
  };

  const pointLabel = t('products.columns.reorderPoint');
  const quantityLabel = t('products.reorder.quantity');
  return (
    <Popover opened={editing} onChange={(opened) => !opened && onDone()} position="bottom-end" withArrow trapFocus shadow="md" withinPortal>
      <Popover.Target>
        <button
          type="button"
          tabIndex={-1}
          className={classes.editable}
          aria-label={`${label}: ${display}`}
          onClick={(e) => {
            e.stopPropagation();
            onStart();
          }}
          data-testid={testId}
        >
          {display}
        </button>
      </Popover.Target>
      <Popover.Dropdown onMouseDown={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
        <form onSubmit={(e) => void submit(e)} aria-label={label} data-testid={testId ? `${testId}-form` : undefined}>
          <Stack gap="xs" w={220}>
            <TextInput
              label={pointLabel}
              description={t('products.reorder.pointHint')}
              value={draft.point}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setDraft((d) => ({ ...d, point: value }));
              }}
              onKeyDown={(e) => e.key === 'Escape' && onDone()}
              error={errorOf('reorderPoint', pointLabel)}
              data-autofocus
              dir="ltr"
            />
            <TextInput
              label={quantityLabel}
              value={draft.quantity}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setDraft((d) => ({ ...d, quantity: value }));
              }}
              onKeyDown={(e) => e.key === 'Escape' && onDone()}
              error={errorOf('reorderQuantity', quantityLabel)}
              dir="ltr"
            />
            <Group gap="xs" justify="flex-end">
              <Button variant="default" onClick={onDone}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={saving}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}
