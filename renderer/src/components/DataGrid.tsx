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
import { useVirtualizer } from '@tanstack/react-virtual';
import { IconArrowDown, IconArrowUp, IconSelector } from '@tabler/icons-react';
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
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
  'data-testid': testId,
}: DataGridProps<T>) {
  const { t } = useTranslation();
  const gridId = useId();
  const [sorting, setSorting] = useState<SortingState>(initialSorting);

  const table = useTable({
    features: gridFeatures,
    data,
    columns,
    getRowId,
    state: { sorting },
    onSortingChange: setSorting,
  });

  const rows = table.getRowModel().rows;
  const leafColumns = table.getAllLeafColumns();
  const templateColumns = leafColumns.map((c) => `minmax(${c.getSize()}px, ${c.getSize()}fr)`).join(' ');
  const minWidth = leafColumns.reduce((sum, c) => sum + c.getSize(), 0);

  const [activeId, setActiveId] = useState<string | null>(null);
  // Recomputed only when the rows change (data or sorting), not on every key press.
  const indexById = useMemo(() => new Map(rows.map((r, i) => [r.id, i])), [rows]);
  const activeIndex = activeId === null ? -1 : (indexById.get(activeId) ?? -1);

  const scrollRef = useRef<HTMLDivElement>(null);
  // The React Compiler cannot memoise around TanStack Virtual; Kontor does not use the compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
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
  const activeOriginal = activeIndex >= 0 ? rows[activeIndex]?.original : undefined;
  useEffect(() => {
    onActiveRowChangeRef.current?.(activeOriginal ?? null);
  }, [activeOriginal]);

  const moveTo = useCallback(
    (index: number) => {
      if (rows.length === 0) return;
      const clamped = Math.min(Math.max(index, 0), rows.length - 1);
      const row = rows[clamped];
      if (!row) return;
      setActiveId(row.id);
      virtualizer.scrollToIndex(clamped, { align: 'auto' });
    },
    [rows, virtualizer],
  );

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
        moveTo(rows.length - 1);
        break;
      case 'Enter': {
        const row = from >= 0 ? rows[from] : undefined;
        if (row && onActivate) onActivate(row.original);
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  };

  const items = virtualizer.getVirtualItems();
  const activeRendered = items.some((i) => i.index === activeIndex);
  const rowDomId = (id: string) => `${gridId}-row-${id}`;

  return (
    <div
      ref={scrollRef}
      role="grid"
      aria-label={label}
      aria-rowcount={rows.length + 1}
      aria-colcount={leafColumns.length}
      aria-activedescendant={activeId !== null && activeRendered ? rowDomId(activeId) : undefined}
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
      <div role="rowgroup" className={classes.body} style={{ height: rows.length === 0 ? undefined : virtualizer.getTotalSize() - HEADER_HEIGHT, minWidth }}>
        {rows.length === 0 ? (
          <div role="row" aria-rowindex={2} className={classes.emptyRow}>
            <div role="gridcell" aria-colspan={leafColumns.length} className={classes.emptyCell}>
              {emptyMessage ?? t('grid.empty')}
            </div>
          </div>
        ) : (
          items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            const active = item.index === activeIndex;
            return (
              <div
                role="row"
                key={row.id}
                id={rowDomId(row.id)}
                aria-rowindex={item.index + 2}
                aria-selected={active}
                data-active={active || undefined}
                data-odd={item.index % 2 === 1 || undefined}
                className={classes.row}
                style={{ transform: `translateY(${item.start - HEADER_HEIGHT}px)`, gridTemplateColumns: templateColumns }}
                onMouseDown={() => setActiveId(row.id)}
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
