import { ActionIcon, TextInput } from '@mantine/core';
import { IconSearch, IconX } from '@tabler/icons-react';

/**
 * The search box above a list: a clear button while text is typed, and Arrow Down hands the
 * keyboard to the list below (`onArrowDown` moves the focus there).
 */
export function ListSearchInput(props: {
  value: string;
  onChange: (text: string) => void;
  label: string;
  clearLabel: string;
  onArrowDown: () => void;
  width: number;
  testId: string;
  /** Marks the box as one a barcode scanner may type into (products). */
  barcodeAttribute?: string;
}) {
  return (
    <TextInput
      placeholder={props.label}
      aria-label={props.label}
      leftSection={<IconSearch size={14} />}
      rightSection={
        props.value !== '' ? (
          <ActionIcon size="sm" aria-label={props.clearLabel} onClick={() => props.onChange('')}>
            <IconX size={12} />
          </ActionIcon>
        ) : null
      }
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key === 'ArrowDown') {
          e.preventDefault();
          props.onArrowDown();
        }
      }}
      w={props.width}
      className="kontor-auto-dir"
      {...(props.barcodeAttribute ? { [props.barcodeAttribute]: true } : {})}
      data-testid={props.testId}
    />
  );
}
