import {
  columnSizingFeature,
  createSortedRowModel,
  rowSortingFeature,
  sortFns,
  tableFeatures,
  useTable,
  type CellData,
  type ColumnDef,
  type RowData,
  type SortingState,
  type TableFeatures,
} from '@tanstack/react-table';
import { Checkbox } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { IconArrowDown, IconArrowUp, IconSelector } from '@tabler/icons-react';
import {
  useCallback,
  useEffect,
  useId,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
  type Ref,
} from 'react';
import { useTranslation } from 'react-i18next';
import classes from './DataGrid.module.css';

declare module '@tanstack/table-core' {
  // Declaration merging needs the exact type parameters of the original interface.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<in out TFeatures extends TableFeatures, in out TData extends RowData, TValue extends CellData = CellData> {
    /** `end` for amounts and counts: numbers line up on their last digit (and follow RTL). */
    align?: 'start' | 'end';
  }
}

/** The table features every grid has: sorting and column sizes. Later screens add their own. */
export const gridFeatures = tableFeatures({
  rowSortingFeature,
  columnSizingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns,
});
export type GridFeatures = typeof gridFeatures;
export type GridColumn<T extends RowData> = ColumnDef<GridFeatures, T>;

/** Rows that live on the server: `data` holds only the rows fetched so far, near the window in view. */
export interface DataGridPaging<T> {
  /** How many rows the whole list has. */
  rowCount: number;
  /** The place of a row of `data` in the whole list. */
  indexOf: (row: T) => number;
  /** The rows rendered (visible plus overscan) changed: [start, end). */
  onRangeChange: (start: number, end: number) => void;
}

/** Multi-select: a checkbox column, Ctrl/⌘+click and Space toggle a row, Shift extends from the last one. */
export interface DataGridSelection<T> {
  isSelected: (row: T) => boolean;
  /** `range`: Shift was held (select from the anchor up to here); else toggle this row. */
  onSelect: (row: T, index: number, how: { range: boolean }) => void;
  /** The header checkbox. */
  allState: 'none' | 'some' | 'all';
  onToggleAll: () => void;
  /** The accessible name of a row's checkbox, e.g. "Select RUG-01". */
  labelOf: (row: T) => string;
  selectAllLabel: string;
}

/** What a screen may do with its grid from outside: move the keyboard there, show a row. */
export interface DataGridHandle {
  focus: () => void;
  /** Makes row `index` (of the whole list) the active one and scrolls it into view. */
  activate: (index: number) => void;
}

export interface DataGridProps<T extends RowData> {
  data: readonly T[];
  columns: readonly GridColumn<T>[];
  /** A stable id per row: keeps the active row across sorting and data refreshes. */
  getRowId: (row: T, index: number) => string;
  /** The grid's accessible name. */
  label: string;
  /** Height of the scrolling area (CSS length); rows outside it are not in the DOM. */
  height: number | string;
  /** Fixed row height in px: fixed heights are what make 100,000 rows cheap to scroll. */
  rowHeight?: number;
  initialSorting?: SortingState;
  /** Enter or double-click on a row. */
  onActivate?: (row: T) => void;
  onActiveRowChange?: (row: T | null) => void;
  emptyMessage?: ReactNode;
  /** Server-side rows; without it `data` is the whole list, sorted here. */
  paging?: DataGridPaging<T>;
  /** Controlled sorting (always with `paging`: the server sorts). */
  sorting?: SortingState;
  onSortingChange?: (sorting: SortingState) => void;
  selection?: DataGridSelection<T>;
  /** Keys the grid does not handle itself (F2 to edit, say), with the active row if it is loaded. */
  onGridKeyDown?: (event: KeyboardEvent<HTMLDivElement>, active: { row: T | undefined; index: number }) => void;
  /** A new value scrolls back to the top and forgets the active row (a new query). */
  resetKey?: string | number;
  /** Shown in rows that are not loaded yet. */
  loadingLabel?: string;
  ref?: Ref<DataGridHandle>;
  'data-testid'?: string;
}

const HEADER_HEIGHT = 32;

/**
 * A virtualised, sortable, keyboard-driven grid on TanStack Table + TanStack Virtual.
 *
 * - Only the rows in view (plus a few) are rendered, so 100,000 rows cost what 40 do.
 * - ARIA grid: role=grid with aria-rowcount (the full count, not the rendered one), rows with
 *   aria-rowindex, the active row exposed through aria-activedescendant while focus stays on
 *   the grid. Focus cannot live on a row, because virtualisation removes rows from the DOM.
 * - Keys: ↑/↓ move the active row, PageUp/PageDown by a screenful, Home/End to the ends,
 *   Enter activates.
 * - Layout uses CSS grid and logical properties, so columns run right-to-left in Arabic
 *   without special cases.
 */
export function DataGrid<T extends RowData>({
  data,
  columns,
  getRowId,
  label,
  height,
  rowHeight = 30,
  initialSorting = [],
  onActivate,
  onActiveRowChange,
  emptyMessage,
  paging,
  sorting: controlledSorting,
  onSortingChange,
  selection,
  onGridKeyDown,
  resetKey,
  loadingLabel,
  ref,
  'data-testid': testId,
}: DataGridProps<T>) {
  const { t } = useTranslation();
  const gridId = useId();
  const [ownSorting, setOwnSorting] = useState<SortingState>(initialSorting);
  const sorting = controlledSorting ?? ownSorting;

  // The checkbox column comes first. It is rebuilt with each new selection (what the rows render is
  // read at render time; only the handful of rows in view re-render).
  const allColumns = useMemo<readonly GridColumn<T>[]>(() => {
    const sel = selection;
    if (!sel) return columns;
    const select: GridColumn<T> = {
      id: '__select',
      size: 36,
      enableSorting: false,
      header: () => {
        return (
          <Checkbox
            size="xs"
            aria-label={sel.selectAllLabel}
            checked={sel.allState === 'all'}
            indeterminate={sel.allState === 'some'}
            onChange={() => sel.onToggleAll()}
            data-testid="grid-select-all"
          />
        );
      },
      cell: (c) => {
        const row = c.row.original;
        return (
          <Checkbox
            size="xs"
            tabIndex={-1}
            aria-label={sel.labelOf(row)}
            checked={sel.isSelected(row)}
            onChange={() => undefined}
            onMouseDown={(e: MouseEvent) => e.stopPropagation()}
            onClick={(e: MouseEvent) => {
              e.stopPropagation();
              sel.onSelect(row, indexOfRef.current(row, c.row.id), { range: e.shiftKey });
            }}
          />
        );
      },
    };
    return [select, ...columns];
  }, [columns, selection]);

  const table = useTable({
    features: gridFeatures,
    data,
    columns: allColumns,
    getRowId,
    state: { sorting },
    manualSorting: paging !== undefined,
    // The server sorts: the first click on any header asks for ascending order, numbers too.
    ...(paging ? { sortDescFirst: false } : {}),
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      if (onSortingChange) onSortingChange(next);
      else setOwnSorting(next);
    },
  });

  const rows = table.getRowModel().rows;
  const leafColumns = table.getAllLeafColumns();
  const templateColumns = leafColumns.map((c) => `minmax(${c.getSize()}px, ${c.getSize()}fr)`).join(' ');
  const minWidth = leafColumns.reduce((sum, c) => sum + c.getSize(), 0);

  // Where a row sits in the whole list: its place in `data`, or (server-side) the place the pager knows.
  const pagingIndexOf = paging?.indexOf;
  const indexOfRef = useRef<(row: T, rowId: string) => number>(() => -1);
  const count = paging ? paging.rowCount : rows.length;
  const rowByIndex = useMemo(
    () => (pagingIndexOf ? new Map(rows.map((r) => [pagingIndexOf(r.original), r])) : null),
    [rows, pagingIndexOf],
  );
  const rowAt = useCallback((index: number) => (rowByIndex ? rowByIndex.get(index) : rows[index]), [rowByIndex, rows]);

  // The active row: by id when all rows are here (it follows its row through sorting); by place
  // when they are paged (a row that is not loaded has no id yet).
  const [activeId, setActiveId] = useState<string | null>(null);
  const [activePlace, setActivePlace] = useState(-1);
  const [seenResetKey, setSeenResetKey] = useState(resetKey);
  if (seenResetKey !== resetKey) {
    setSeenResetKey(resetKey);
    setActiveId(null);
    setActivePlace(-1);
  }
  // Recomputed only when the rows change (data or sorting), not on every key press.
  const indexById = useMemo(() => new Map(rows.map((r, i) => [r.id, i])), [rows]);
  useEffect(() => {
    indexOfRef.current = (row: T, rowId: string) => (pagingIndexOf ? pagingIndexOf(row) : (indexById.get(rowId) ?? -1));
  });
  const activeIndex = paging
    ? activePlace < count
      ? activePlace
      : -1
    : activeId === null
      ? -1
      : (indexById.get(activeId) ?? -1);

  const scrollRef = useRef<HTMLDivElement>(null);
  // The React Compiler cannot memoise around TanStack Virtual; Kontor does not use the compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    // The sticky header sits above the rows inside the same scroll box.
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });

  const onActiveRowChangeRef = useRef(onActiveRowChange);
  useEffect(() => {
    onActiveRowChangeRef.current = onActiveRowChange;
  });
  const activeOriginal = activeIndex >= 0 ? rowAt(activeIndex)?.original : undefined;
  useEffect(() => {
    onActiveRowChangeRef.current?.(activeOriginal ?? null);
  }, [activeOriginal]);

  const moveTo = useCallback(
    (index: number) => {
      if (count === 0) return;
      const clamped = Math.min(Math.max(index, 0), count - 1);
      if (paging) {
        setActivePlace(clamped);
      } else {
        const row = rows[clamped];
        if (!row) return;
        setActiveId(row.id);
      }
      virtualizer.scrollToIndex(clamped, { align: 'auto' });
    },
    [count, paging, rows, virtualizer],
  );

  useImperativeHandle(ref, () => ({ focus: () => scrollRef.current?.focus(), activate: moveTo }), [moveTo]);

  // A new query starts at the top.
  useEffect(() => {
    if (resetKey === undefined) return;
    virtualizer.scrollToOffset(0);
  }, [resetKey, virtualizer]);

  const items = virtualizer.getVirtualItems();
  const firstRendered = items[0]?.index ?? 0;
  const lastRendered = items[items.length - 1]?.index ?? -1;
  const onRangeChange = paging?.onRangeChange;
  useEffect(() => {
    onRangeChange?.(firstRendered, lastRendered + 1);
  }, [onRangeChange, firstRendered, lastRendered]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return; // keys typed in a header button are its own
    const page = Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 0) - HEADER_HEIGHT) / rowHeight) - 1);
    const from = activeIndex;
    switch (event.key) {
      case 'ArrowDown':
        moveTo(from < 0 ? 0 : from + 1);
        break;
      case 'ArrowUp':
        moveTo(from < 0 ? 0 : from - 1);
        break;
      case 'PageDown':
        moveTo(from < 0 ? page : from + page);
        break;
      case 'PageUp':
        moveTo(from - page);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(count - 1);
        break;
      case 'Enter': {
        const row = from >= 0 ? rowAt(from) : undefined;
        if (row && onActivate) onActivate(row.original);
        break;
      }
      case ' ': {
        const row = from >= 0 ? rowAt(from) : undefined;
        if (!selection) {
          onGridKeyDown?.(event, { row: row?.original, index: from });
          return;
        }
        if (row) selection.onSelect(row.original, from, { range: event.shiftKey });
        break;
      }
      default:
        onGridKeyDown?.(event, { row: from >= 0 ? rowAt(from)?.original : undefined, index: from });
        return;
    }
    event.preventDefault();
  };

  const onRowClick = (event: MouseEvent<HTMLDivElement>, row: T, index: number) => {
    if (!selection) return;
    if (event.shiftKey) selection.onSelect(row, index, { range: true });
    else if (event.ctrlKey || event.metaKey) selection.onSelect(row, index, { range: false });
  };

  const activeRendered = items.some((i) => i.index === activeIndex);
  const rowDomId = (id: string) => `${gridId}-row-${id}`;

  return (
    <div
      ref={scrollRef}
      role="grid"
      aria-label={label}
      aria-rowcount={count + 1}
      aria-colcount={leafColumns.length}
      aria-multiselectable={selection ? true : undefined}
      aria-activedescendant={
        activeIndex >= 0 && activeRendered ? rowDomId(paging ? `place-${activeIndex}` : (activeId ?? '')) : undefined
      }
      tabIndex={0}
      className={classes.grid}
      style={{ height, ['--grid-row-height' as string]: `${rowHeight}px`, ['--grid-header-height' as string]: `${HEADER_HEIGHT}px` }}
      onKeyDown={onKeyDown}
      data-testid={testId}
    >
      <div role="rowgroup" className={classes.head} style={{ minWidth }}>
        {table.getHeaderGroups().map((group) => (
          <div role="row" aria-rowindex={1} key={group.id} className={classes.headRow} style={{ gridTemplateColumns: templateColumns }}>
            {group.headers.map((header, colIndex) => {
              const sorted = header.column.getIsSorted();
              const canSort = header.column.getCanSort();
              const align = header.column.columnDef.meta?.align ?? 'start';
              const content = header.isPlaceholder ? null : <table.FlexRender header={header} />;
              return (
                <div
                  role="columnheader"
                  key={header.id}
                  aria-colindex={colIndex + 1}
                  aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : canSort ? 'none' : undefined}
                  className={classes.headCell}
                  data-align={align}
                >
                  {canSort ? (
                    <button
                      type="button"
                      className={classes.sortButton}
                      onClick={header.column.getToggleSortingHandler()}
                      title={sorted === 'asc' ? t('grid.sortAscending') : sorted === 'desc' ? t('grid.sortDescending') : t('grid.sortHint')}
                    >
                      <span className={classes.headLabel}>{content}</span>
                      {sorted === 'asc' ? (
                        <IconArrowUp size={14} aria-hidden />
                      ) : sorted === 'desc' ? (
                        <IconArrowDown size={14} aria-hidden />
                      ) : (
                        <IconSelector size={14} aria-hidden className={classes.sortIdle} />
                      )}
                    </button>
                  ) : (
                    <span className={classes.headLabel}>{content}</span>
                  )}
                </div>
              );
            })}
          </div>
        ))}
      </div>
      <div role="rowgroup" className={classes.body} style={{ height: count === 0 ? undefined : virtualizer.getTotalSize() - HEADER_HEIGHT, minWidth }}>
        {count === 0 ? (
          <div role="row" aria-rowindex={2} className={classes.emptyRow}>
            <div role="gridcell" aria-colspan={leafColumns.length} className={classes.emptyCell}>
              {emptyMessage ?? t('grid.empty')}
            </div>
          </div>
        ) : (
          items.map((item) => {
            const row = rowAt(item.index);
            const active = item.index === activeIndex;
            const style = { transform: `translateY(${item.start - HEADER_HEIGHT}px)`, gridTemplateColumns: templateColumns };
            if (!row) {
              // Paged: a row not fetched yet holds its place, so the scrollbar and row numbers stay true.
              return (
                <div
                  role="row"
                  key={`place-${item.index}`}
                  id={rowDomId(`place-${item.index}`)}
                  aria-rowindex={item.index + 2}
                  aria-busy
                  data-active={active || undefined}
                  data-odd={item.index % 2 === 1 || undefined}
                  className={classes.row}
                  style={style}
                  onMouseDown={() => setActivePlace(item.index)}
                >
                  <div role="gridcell" aria-colspan={leafColumns.length} className={classes.placeholder}>
                    {loadingLabel ?? t('grid.loading')}
                  </div>
                </div>
              );
            }
            const selected = selection ? selection.isSelected(row.original) : active;
            const domId = rowDomId(paging ? `place-${item.index}` : row.id);
            return (
              <div
                role="row"
                key={paging ? `place-${item.index}` : row.id}
                id={domId}
                aria-rowindex={item.index + 2}
                aria-selected={selected}
                data-active={active || undefined}
                data-selected={(selection && selected) || undefined}
                data-odd={item.index % 2 === 1 || undefined}
                className={classes.row}
                style={style}
                onMouseDown={(e) => {
                  // Shift+click extends a selection; it should not also select the text between.
                  if (e.shiftKey && selection) e.preventDefault();
                  if (paging) setActivePlace(item.index);
                  else setActiveId(row.id);
                }}
                onClick={(e) => onRowClick(e, row.original, item.index)}
                onDoubleClick={() => onActivate?.(row.original)}
              >
                {row.getAllCells().map((cell, colIndex) => (
                  <div
                    role="gridcell"
                    key={cell.id}
                    aria-colindex={colIndex + 1}
                    className={classes.cell}
                    data-align={cell.column.columnDef.meta?.align ?? 'start'}
                  >
                    <table.FlexRender cell={cell} />
                  </div>
                ))}
              </div>
            );
          })
        )}
      </div>
    </div>
  );
}
