// Renders records as plain text tables, one per record kind, for engineers reading a terminal.

type Row = Record<string, unknown>;

function cell(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (Array.isArray(value))
    return value.every((item) => typeof item !== 'object') ? value.join(' ') : `[${value.length}]`;
  if (typeof value === 'object') return `{${Object.keys(value).length}}`;
  return String(value);
}

function renderTable(rows: Row[]): string {
  // Columns that say nothing for any row (all unknown or empty) only widen the table.
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))].filter(
    (column) => column !== 'kind' && rows.some((row) => !['-', ''].includes(cell(row[column]))),
  );
  const cells = rows.map((row) => columns.map((column) => cell(row[column])));
  const widths = columns.map((column, index) =>
    Math.max(column.length, ...cells.map((values) => values[index]!.length)),
  );
  const format = (values: string[]): string =>
    values
      .map((value, index) => value.padEnd(widths[index]!))
      .join('  ')
      .trimEnd();
  return [format(columns), format(widths.map((width) => '-'.repeat(width))), ...cells.map(format)].join('\n');
}

/** Groups records by kind and renders each group; nested lists show as their length (`[3]`). */
export function renderRecords(records: readonly unknown[]): string {
  const byKind = new Map<string, Row[]>();
  for (const record of records as Row[]) {
    const kind = String(record.kind ?? 'record');
    const rows = byKind.get(kind);
    if (rows) rows.push(record);
    else byKind.set(kind, [record]);
  }
  return [...byKind].map(([kind, rows]) => `${kind} (${rows.length})\n${renderTable(rows)}`).join('\n\n');
}
