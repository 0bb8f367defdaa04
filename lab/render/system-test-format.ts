// Compares rendered text with real captures: lines whose numbers may differ, and table rows whose values have the
// same widths. Test support only.

import { expect } from 'vitest';
import { columnStarts } from './dmvpn-test-parse.js';

/** The line with every number as `#` and no trailing blanks: the shape IOS prints whatever the values. */
export function shape(line: string): string {
  return line.replace(/\d+/g, '#').trimEnd();
}

function widths(line: string): number[] {
  return [...line.matchAll(/\S+/g)].map((match) => match[0].length);
}

/**
 * For every rendered row and capture row whose words have the same widths (the last word aside: nothing follows
 * it), requires that the words start in the same columns. Returns how many pairs were compared, so a test can
 * require that its rows were compared at all.
 */
export function expectAlignedRows(rendered: readonly string[], capture: readonly string[]): number {
  let compared = 0;
  for (const row of rendered) {
    const rowWidths = widths(row).slice(0, -1).join(',');
    for (const captured of capture) {
      if (widths(captured).slice(0, -1).join(',') !== rowWidths || rowWidths === '') continue;
      expect({ row, starts: columnStarts(row) }).toEqual({ row, starts: columnStarts(captured.trimEnd()) });
      compared++;
    }
  }
  return compared;
}
