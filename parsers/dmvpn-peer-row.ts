// Reads one row of the `show dmvpn` peer table by character codes: it runs once for every peer of a hub.

import type { DmvpnNhrpEntry, DmvpnPeerState } from '../model/records/dmvpn.js';
import { durationAt } from './common/duration.js';
import { digitsAt } from './common/numbers.js';
import { isDigit } from './common/text.js';

/** The first columns of a row, which say whose entry it is: `# Ent` and NBMA, both absent on continuation rows. */
export interface RowHead {
  entries: number | null;
  nbma: string | null;
}

const STATES: readonly DmvpnPeerState[] = ['UP', 'NHRP', 'IKE', 'IPSEC', 'INTF', 'DOWN', 'BFD'];
const STATE_BY_FIRST_LETTER: Partial<Record<number, DmvpnPeerState[]>> = {};
for (const state of STATES) (STATE_BY_FIRST_LETTER[state.charCodeAt(0)] ??= []).push(state);
const MAX_TOKENS = 12;
const TABS = /\t/g;
// Token boundaries of the row being read; reused so that a row allocates only the strings it keeps.
const starts = new Int32Array(MAX_TOKENS);
const ends = new Int32Array(MAX_TOKENS);

/**
 * The NHRP entry of the row on `text` (its `# Ent` and NBMA written into `head`, which the caller reuses so that a
 * row allocates only what it keeps), or 'incomplete' for the start of a row whose rest wrapped onto the next line (`1 2001:DB8::1`
 * alone), or undefined when the line is not a row. The state word anchors the row: long addresses that push the
 * columns right change nothing, and nothing is read by column position.
 */
export function readPeerRow(
  text: string,
  from: number,
  lineNumber: number,
  head: RowHead,
): DmvpnNhrpEntry | 'incomplete' | undefined {
  const line = text.includes('\t') ? text.replace(TABS, ' ') : text;
  const count = scanTokens(line, from);
  if (count === 0 || count > MAX_TOKENS) return undefined;
  // `# Ent`: a first token of digits only.
  const entryCount = digitsAt(line, starts[0]!, ends[0]!);
  const entries = entryCount < 0 ? null : entryCount;
  const first = entries === null ? 0 : 1;
  let stateAt = first;
  let state: DmvpnPeerState | undefined;
  while (stateAt < count && (state = stateOfToken(line, stateAt)) === undefined) stateAt++;
  const addresses = stateAt - first;
  if (state === undefined) return startsWrappedRow(line, entries, addresses) ? 'incomplete' : undefined;
  if (
    stateAt === count - 1 ||
    addresses < 1 ||
    addresses > 2 ||
    (entries !== null && addresses !== 2) ||
    count > stateAt + 4
  ) {
    return undefined;
  }
  const upDownSeconds = durationAt(line, starts[stateAt + 1]!, ends[stateAt + 1]!);
  if (upDownSeconds === undefined) return undefined;
  let attrb = stateAt + 2 < count ? tokenAt(line, stateAt + 2) : '';
  let targetNetwork = stateAt + 3 < count ? tokenAt(line, stateAt + 3) : null;
  if (targetNetwork === null && attrb.includes('/')) {
    targetNetwork = attrb;
    attrb = '';
  }
  head.entries = entries;
  head.nbma = addresses === 2 ? tokenAt(line, first) : null;
  return {
    line: lineNumber,
    peerTunnel: tokenAt(line, stateAt - 1),
    state,
    attrb,
    attrs: splitAttrb(attrb),
    upDownSeconds,
    targetNetwork,
  };
}

/** `DT1` -> ['D', 'T1'], `DNX` -> ['D', 'N', 'X'], `I2` -> ['I2']: two-character flags are a letter and a digit. */
export function splitAttrb(attrb: string): string[] {
  if (attrb.length < 2) return attrb === '' ? [] : [attrb];
  const flags: string[] = [];
  for (let i = 0; i < attrb.length; i++) {
    const next = attrb.charCodeAt(i + 1);
    if (isDigit(next)) {
      flags.push(attrb.slice(i, i + 2));
      i++;
    } else {
      flags.push(attrb[i]!);
    }
  }
  return flags;
}

export function isPeerState(word: string): word is DmvpnPeerState {
  return (STATES as readonly string[]).includes(word);
}

/** Records token boundaries from `from` on; returns how many (MAX_TOKENS + 1 when there are more). Spaces only. */
function scanTokens(line: string, from: number): number {
  let count = 0;
  for (let i = from; ;) {
    while (i < line.length && line.charCodeAt(i) === 32) i++;
    if (i >= line.length) return count;
    if (count === MAX_TOKENS) return MAX_TOKENS + 1;
    const end = line.indexOf(' ', i);
    starts[count] = i;
    i = ends[count++] = end < 0 ? line.length : end;
  }
}

/** `1 2001:DB8::1` or `1 192.0.2.10 2001:DB8::10`: a count, then one or two addresses, the rest on the next line. */
function startsWrappedRow(line: string, entries: number | null, addresses: number): boolean {
  if (entries === null || addresses < 1 || addresses > 2) return false;
  for (let index = 1; index <= addresses; index++) {
    const token = tokenAt(line, index);
    if (!token.includes('.') && !token.includes(':')) return false;
  }
  return true;
}

function tokenAt(line: string, index: number): string {
  return line.slice(starts[index], ends[index]);
}

function stateOfToken(line: string, index: number): DmvpnPeerState | undefined {
  const start = starts[index]!;
  const length = ends[index]! - start;
  if (length < 2 || length > 5) return undefined;
  // Addresses never start with these letters at these lengths; test the first letter before comparing words.
  const candidate = STATE_BY_FIRST_LETTER[line.charCodeAt(start)];
  if (candidate === undefined) return undefined;
  for (const state of candidate) if (state.length === length && line.startsWith(state, start)) return state;
  return undefined;
}
