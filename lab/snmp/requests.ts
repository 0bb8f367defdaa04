// What a read request gets from a MIB view (RFC 3416 4.2.1-4.2.3): Get, GetNext and GetBulk varbinds, with the
// SNMPv2 exceptions noSuchObject, noSuchInstance and endOfMibView.

import type { Varbind } from '../traps/notification.js';
import type { MibView } from './mib-view.js';

export type Answer = Varbind | { oid: string; type: 'noSuchObject' | 'noSuchInstance' | 'endOfMibView' };

/** Response varbinds past this many are left out of a GetBulk answer (they would not fit one UDP datagram). */
export const MAX_BULK_VARBINDS = 400;

export function get(view: MibView, oids: readonly string[]): Answer[] {
  return oids.map((oid) => {
    const found = view.get(oid);
    if (found) return found;
    // An instance of an object the view has (a column or scalar) that is not there: noSuchInstance.
    const object = oid.slice(0, Math.max(0, oid.lastIndexOf('.')));
    const next = view.next(object);
    const known = next !== undefined && next.oid.startsWith(`${object}.`);
    return { oid, type: known ? 'noSuchInstance' : 'noSuchObject' };
  });
}

export function getNext(view: MibView, oids: readonly string[]): Answer[] {
  return oids.map((oid) => view.next(oid) ?? { oid, type: 'endOfMibView' });
}

export function getBulk(
  view: MibView,
  oids: readonly string[],
  nonRepeaters: number,
  maxRepetitions: number,
): Answer[] {
  const fixed = Math.max(0, Math.min(nonRepeaters, oids.length));
  const answers = getNext(view, oids.slice(0, fixed));
  let cursors = oids.slice(fixed);
  for (let repetition = 0; repetition < Math.max(0, maxRepetitions) && cursors.length > 0; repetition++) {
    if (answers.length + cursors.length > MAX_BULK_VARBINDS) break;
    const row = getNext(view, cursors);
    answers.push(...row);
    if (row.every((answer) => answer.type === 'endOfMibView')) break;
    cursors = row.map((answer) => answer.oid);
  }
  return answers;
}
