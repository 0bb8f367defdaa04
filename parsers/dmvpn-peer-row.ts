// Reads one row of the `show dmvpn` peer table by character codes: it runs once for every peer of a hub.

import type { DmvpnNhrpEntry, DmvpnPeerState } from '../model/records/dmvpn.js';
import { parseDuration } from './common/duration.js';

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
  const entries = countAt(line, 0);
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
  const upDownSeconds = durationAt(line, stateAt + 1);
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
    if (next >= 48 && next <= 57) {
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

/** The `# Ent` count: a token of digits only. */
function countAt(line: string, index: number): number | null {
  let value = 0;
  for (let i = starts[index]!; i < ends[index]!; i++) {
    const digit = line.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return null;
    value = value * 10 + digit;
  }
  return value;
}

const UNIT_SECONDS: Partial<Record<number, number>> = {
  121: 31_536_000, // y
  119: 604_800, // w
  100: 86_400, // d
  104: 3_600, // h
  109: 60, // m
  115: 1, // s
};

/** parseDuration's value for the UpDn token, read in place for `00:04:12` and `1d02h`; anything else goes to it. */
function durationAt(line: string, index: number): number | null | undefined {
  const start = starts[index]!;
  const end = ends[index]!;
  if (end - start === 8 && line.charCodeAt(start + 2) === 58 && line.charCodeAt(start + 5) === 58) {
    const hours = digitPair(line, start);
    const minutes = digitPair(line, start + 3);
    const seconds = digitPair(line, start + 6);
    return hours < 0 || minutes < 0 || seconds < 0 ? undefined : hours * 3600 + minutes * 60 + seconds;
  }
  let total = 0;
  let count = -1;
  for (let i = start; i < end; i++) {
    const code = line.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      count = (count < 0 ? 0 : count * 10) + code - 48;
      continue;
    }
    const unit = UNIT_SECONDS[code];
    if (unit === undefined || count < 0) return parseDuration(line.slice(start, end));
    total += count * unit;
    count = -1;
  }
  return count < 0 ? total : parseDuration(line.slice(start, end));
}

function digitPair(line: string, at: number): number {
  const tens = line.charCodeAt(at) - 48;
  const units = line.charCodeAt(at + 1) - 48;
  return tens >= 0 && tens <= 9 && units >= 0 && units <= 9 ? tens * 10 + units : -1;
}
