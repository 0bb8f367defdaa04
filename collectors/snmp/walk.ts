// Walks of chosen table columns with GETBULK: every column still open goes in the same request, each advancing on its
// own until it leaves its column, so a table costs (rows x columns / varbinds per request) round trips and no column
// that is not needed is read.

import type snmp from 'net-snmp';

import type { SnmpTiming } from '../../model/snmp.js';
import { isException } from './values.js';
import type { SnmpSession } from './session.js';

export interface WalkOptions {
  /** Varbinds asked for in one request (columns x repetitions), to keep answers within a router's packet size. */
  maxVarbinds?: number;
}

/** The instances of each column, in walk order, by column OID. */
export type ColumnValues = Map<string, snmp.Varbind[]>;

const DEFAULT_MAX_VARBINDS = 40;

function compareOids(a: string, b: string): number {
  const left = a.split('.');
  const right = b.split('.');
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const difference = Number(left[i]) - Number(right[i]);
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}

export async function walkColumns(
  session: SnmpSession,
  table: string,
  columns: readonly string[],
  options: WalkOptions = {},
): Promise<{ values: ColumnValues; timing: SnmpTiming }> {
  const started = performance.now();
  const maxVarbinds = options.maxVarbinds ?? DEFAULT_MAX_VARBINDS;
  const values: ColumnValues = new Map(columns.map((column) => [column, []]));
  const cursors = new Map(columns.map((column) => [column, column]));
  let requests = 0;
  let varbinds = 0;
  while (cursors.size > 0) {
    const open = [...cursors.keys()];
    const repetitions = Math.max(1, Math.floor(maxVarbinds / open.length));
    requests += 1;
    const answer = await session.getBulk(
      open.map((column) => cursors.get(column)!),
      repetitions,
    );
    open.forEach((column, position) => {
      const prefix = `${column}.`;
      const results = answer[position] ?? [];
      let cursor = cursors.get(column)!;
      // An agent may answer fewer repetitions than asked (RFC 3416 4.2.3): only leaving the column ends it.
      let left = results.length === 0;
      for (const varbind of results) {
        if (isException(varbind) || !varbind.oid.startsWith(prefix)) {
          left = true;
          break;
        }
        if (compareOids(varbind.oid, cursor) <= 0) {
          throw new Error(
            `${session.device}: the agent's walk of ${table} went back from ${cursor} to ${varbind.oid}`,
          );
        }
        values.get(column)!.push(varbind);
        varbinds += 1;
        cursor = varbind.oid;
      }
      if (left) cursors.delete(column);
      else cursors.set(column, cursor);
    });
  }
  return { values, timing: { table, requests, varbinds, durationMs: performance.now() - started } };
}

/** One GET of scalars; exceptions (noSuchObject...) are left in place for the caller to name. */
export async function getScalars(
  session: SnmpSession,
  table: string,
  oids: readonly string[],
): Promise<{ values: snmp.Varbind[]; timing: SnmpTiming }> {
  const started = performance.now();
  const values = await session.get([...oids]);
  return {
    values,
    timing: { table, requests: 1, varbinds: values.length, durationMs: performance.now() - started },
  };
}
