import {
  ActionIcon,
  Autocomplete,
  Button,
  Checkbox,
  createTheme,
  Fieldset,
  FileInput,
  Menu,
  MultiSelect,
  NativeSelect,
  NumberInput,
  Select,
  Table,
  Tabs,
  TagsInput,
  Textarea,
  TextInput,
  Tooltip,
  TreeSelect,
} from '@mantine/core';

/**
 * Kontor's look: dense, because people spend their day in tables and long forms. Inputs and
 * buttons default to the `xs` size (30px high); spacing is tightened; the font size is 14px for
 * text and 13px inside inputs (Mantine's 12px is too small to read all day).
 *
 * Fonts: system fonts only (the CSP forbids remote fonts and nothing is bundled). The stack lists
 * a font with Arabic glyphs on every platform: Segoe UI (Windows), the system font / Geeza Pro
 * (macOS), Noto Sans Arabic or DejaVu Sans (Linux), so Arabic never falls back to boxes.
 */
const FONT_STACK = [
  'system-ui',
  '-apple-system',
  '"Segoe UI"',
  'Roboto',
  '"Noto Sans"',
  '"Noto Sans Arabic"',
  '"Geeza Pro"',
  'Tahoma',
  '"DejaVu Sans"',
  '"Helvetica Neue"',
  'Arial',
  'sans-serif',
].join(', ');

const MONO_STACK = ['ui-monospace', '"Cascadia Mono"', '"SF Mono"', 'Menlo', 'Consolas', '"DejaVu Sans Mono"', 'monospace'].join(
  ', ',
);

const dense = { size: 'xs' } as const;
/**
 * Hints and errors go under the input, not between label and input: inputs in a row then line up
 * whether or not their neighbours have a hint.
 */
const denseInput = {
  size: 'xs' as const,
  inputWrapperOrder: ['label', 'input', 'description', 'error'] as ('label' | 'input' | 'description' | 'error')[],
};

export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: { light: 7, dark: 6 },
  fontFamily: FONT_STACK,
  fontFamilyMonospace: MONO_STACK,
  headings: {
    fontFamily: FONT_STACK,
    fontWeight: '600',
    sizes: {
      h1: { fontSize: '1.5rem', lineHeight: '1.3' },
      h2: { fontSize: '1.25rem', lineHeight: '1.3' },
      h3: { fontSize: '1.0625rem', lineHeight: '1.35' },
      h4: { fontSize: '0.9375rem', lineHeight: '1.4' },
    },
  },
  fontSizes: {
    xs: '0.8125rem',
    sm: '0.8125rem',
    md: '0.875rem',
    lg: '1rem',
    xl: '1.125rem',
  },
  lineHeights: { xs: '1.4', sm: '1.4', md: '1.45', lg: '1.5', xl: '1.5' },
  spacing: {
    xs: '0.375rem',
    sm: '0.5rem',
    md: '0.75rem',
    lg: '1rem',
    xl: '1.5rem',
  },
  defaultRadius: 'sm',
  cursorType: 'pointer',
  components: {
    ActionIcon: ActionIcon.extend({ defaultProps: { size: 'md', variant: 'subtle' } }),
    Autocomplete: Autocomplete.extend({ defaultProps: { ...denseInput, comboboxProps: { shadow: 'md' } } }),
    Button: Button.extend({ defaultProps: dense }),
    Checkbox: Checkbox.extend({ defaultProps: dense }),
    Fieldset: Fieldset.extend({ defaultProps: { variant: 'default', p: 'sm' } }),
    FileInput: FileInput.extend({ defaultProps: denseInput }),
    Menu: Menu.extend({ defaultProps: { shadow: 'md' } }),
    MultiSelect: MultiSelect.extend({ defaultProps: { ...denseInput, comboboxProps: { shadow: 'md' } } }),
    NativeSelect: NativeSelect.extend({ defaultProps: denseInput }),
    NumberInput: NumberInput.extend({ defaultProps: denseInput }),
    Select: Select.extend({ defaultProps: { ...denseInput, comboboxProps: { shadow: 'md' } } }),
    Table: Table.extend({ defaultProps: { verticalSpacing: 4, horizontalSpacing: 'sm', fz: 'sm' } }),
    Tabs: Tabs.extend({ defaultProps: { keepMounted: false } }),
    TagsInput: TagsInput.extend({ defaultProps: { ...denseInput, comboboxProps: { shadow: 'md' } } }),
    Textarea: Textarea.extend({ defaultProps: denseInput }),
    TextInput: TextInput.extend({ defaultProps: denseInput }),
    Tooltip: Tooltip.extend({ defaultProps: { openDelay: 400, withArrow: true } }),
    TreeSelect: TreeSelect.extend({ defaultProps: { ...denseInput, comboboxProps: { shadow: 'md' } } }),
  },
});
