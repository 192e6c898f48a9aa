import { TextInput, Tooltip } from '@mantine/core';
import { useState, type KeyboardEvent } from 'react';
import classes from './DataGrid.module.css';

/**
 * A grid cell that can be edited in place: the value as text (a dotted underline says it can be
 * changed), a click or the screen's shortcut turns it into an input. Enter saves, Escape cancels,
 * leaving the input saves a changed value. A refused value stays in the input with the reason in
 * a tooltip beside it, so nothing typed is lost.
 */
export interface InlineEditProps {
  /** What the cell shows when not editing. */
  display: string;
  /** The text the input starts with. */
  initial: string;
  editing: boolean;
  onStart: () => void;
  /** Saves `text`; answers null when saved, else the (translated) reason it was not. */
  onCommit: (text: string) => Promise<string | null>;
  onDone: () => void;
  label: string;
  placeholder?: string;
  testId?: string;
}

export function InlineEdit({ display, initial, editing, onStart, onCommit, onDone, label, placeholder, testId }: InlineEditProps) {
  if (!editing) {
    return (
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
    );
  }
  return <Editor initial={initial} onCommit={onCommit} onDone={onDone} label={label} placeholder={placeholder} testId={testId} />;
}

function Editor({
  initial,
  onCommit,
  onDone,
  label,
  placeholder,
  testId,
}: Pick<InlineEditProps, 'initial' | 'onCommit' | 'onDone' | 'label' | 'placeholder' | 'testId'>) {
  const [text, setText] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const commit = async () => {
    if (saving) return;
    if (text.trim() === initial.trim()) {
      onDone();
      return;
    }
    setSaving(true);
    const reason = await onCommit(text);
    setSaving(false);
    if (reason === null) onDone();
    else setProblem(reason);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    event.stopPropagation();
    if (event.key === 'Enter') {
      event.preventDefault();
      void commit();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onDone();
    }
  };

  return (
    <Tooltip label={problem} opened={problem !== null} color="red" position="bottom-start" multiline maw={320} withinPortal>
      <TextInput
        size="xs"
        autoFocus
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
          setProblem(null);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => void commit()}
        onMouseDown={(e) => e.stopPropagation()}
        onClick={(e) => e.stopPropagation()}
        aria-label={label}
        aria-invalid={problem !== null}
        error={problem !== null}
        placeholder={placeholder}
        readOnly={saving}
        dir="ltr"
        styles={{ input: { height: 24, minHeight: 24, textAlign: 'end' } }}
        data-testid={testId ? `${testId}-input` : undefined}
      />
    </Tooltip>
  );
}
