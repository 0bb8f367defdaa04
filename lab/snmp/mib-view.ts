// One router's MIB at one second: its objects sorted in walk order, answering get and get-next by binary search.
// The MIB modules build their part as scalars and tables; a table lists its rows column by column, as a walk does.

import type { Varbind } from '../traps/notification.js';
import { compareOids } from './oid.js';

/** A column's value in one row; null leaves the cell out (the object has no instance in that row). */
export type Cell = Omit<Varbind, 'oid'> | null;

export interface TableRow {
  /** The row's index sub-identifiers (the OID suffix after the column number). */
  index: readonly number[];
  /** The row's cells by column number. */
  cells: Record<number, Cell>;
}

/** Scalars `base.N.0`, N the key. */
export function scalars(base: string, values: Record<number, Cell>): Varbind[] {
  const result: Varbind[] = [];
  for (const column of Object.keys(values)
    .map(Number)
    .sort((a, b) => a - b)) {
    const cell = values[column];
    if (cell) result.push({ oid: `${base}.${column}.0`, ...cell } as Varbind);
  }
  return result;
}

/** The instances of a table `entry.column.index`, in walk order (column by column, rows by index). */
export function table(entry: string, rows: readonly TableRow[]): Varbind[] {
  const sorted = rows
    .map((row) => ({ suffix: row.index.join('.'), cells: row.cells }))
    .sort((a, b) => compareOids(a.suffix, b.suffix));
  const columns = new Set<number>();
  for (const row of sorted) for (const column of Object.keys(row.cells)) columns.add(Number(column));
  const result: Varbind[] = [];
  for (const column of [...columns].sort((a, b) => a - b)) {
    for (const row of sorted) {
      const cell = row.cells[column];
      if (cell) result.push({ oid: `${entry}.${column}.${row.suffix}`, ...cell } as Varbind);
    }
  }
  return result;
}

export class MibView {
  private readonly objects: Varbind[];

  /** `parts` are the modules' objects; each part sorted, the parts in any order but not interleaved. */
  constructor(parts: readonly Varbind[][]) {
    const nonEmpty = parts.filter((part) => part.length > 0);
    nonEmpty.sort((a, b) => compareOids(a[0]!.oid, b[0]!.oid));
    this.objects = nonEmpty.flat();
  }

  get(oid: string): Varbind | undefined {
    const at = this.lowerBound(oid);
    const found = this.objects[at];
    return found && compareOids(found.oid, oid) === 0 ? found : undefined;
  }

  /** The first object after `oid` in walk order, or undefined at the end of the MIB. */
  next(oid: string): Varbind | undefined {
    let at = this.lowerBound(oid);
    const found = this.objects[at];
    if (found && compareOids(found.oid, oid) === 0) at += 1;
    return this.objects[at];
  }

  /** Every object, in walk order. */
  all(): readonly Varbind[] {
    return this.objects;
  }

  private lowerBound(oid: string): number {
    let low = 0;
    let high = this.objects.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareOids(this.objects[middle]!.oid, oid) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
