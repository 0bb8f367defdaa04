// Parses `show crypto isakmp sa detail`: IKEv1 SAs as `C-id Local Remote [I-VRF] Status Encr Hash Auth DH Lifetime
// [Cap.]` rows (an IPv6 row may wrap its addresses onto the next lines), each followed by `Engine-id:Conn-id`.

import type { IkeSa } from '../model/records/ike.js';
import { parseDuration } from './common/duration.js';
import { words } from './common/lines.js';
import { isDigits } from './common/numbers.js';
import { defineParser, type ParseOutput } from './common/parser.js';
import { isDigit } from './common/text.js';
import { looksLikeAddress, newAlgorithms, newIkeSa, v1Status } from './show-crypto-isakmp-sa.js';

const SECTION = /^IPv[46] Crypto ISAKMP SA$/;
const HEADER = /^C-id\s+Local\s+Remote\s+I-VRF\s+Status\s+Encr\s+Hash\s+Auth\s+DH\s+Lifetime(?:\s+Cap\.)?$/;
/** `Codes: C - IKE configuration mode, D - Dead Peer Detection` and its continuation lines (`psk - Preshared key`). */
const LEGEND = /^(?:Codes:\s+)?[A-Za-z]+ - /;
const CAPABILITIES = /^[A-Z]+$/;
/** Statuses IOS prints, used to find the columns when a row has no Lifetime to count back from. */
const STATUSES = new Set(['ACTIVE', 'STDBY']);

/** The detail output has no state column: the SA's phase 1 state is not known from it. */
const STATE_NOT_PRINTED = 'UNKNOWN';

/** `23:47:45`: the Lifetime column (checked by shape, it is tested on every token of a row). */
function isClock(token: string): boolean {
  const length = token.length;
  return length >= 7 && token.charCodeAt(length - 3) === 58 && token.charCodeAt(length - 6) === 58;
}

/** Index of the Lifetime token, or -1. */
function lifetimeAt(tokens: readonly string[]): number {
  for (let k = 3; k < tokens.length; k++) if (isClock(tokens[k]!)) return k;
  return -1;
}

/**
 * The columns after Remote, found from the Lifetime (`hh:mm:ss`) backwards so that a blank or oddly named I-VRF
 * cannot shift them; without a Lifetime, from a known status forwards.
 */
function parseColumns(tokens: readonly string[], sa: IkeSa): boolean {
  const lifetime = lifetimeAt(tokens);
  let statusAt: number;
  let algorithmsAt: number;
  if (lifetime >= 0) {
    algorithmsAt = lifetime - 4;
    statusAt = tokens[algorithmsAt - 1] === '(deleted)' ? algorithmsAt - 2 : algorithmsAt - 1;
  } else {
    statusAt = 3;
    while (statusAt < tokens.length && !STATUSES.has(tokens[statusAt]!)) statusAt++;
    if (statusAt === tokens.length) return false;
    algorithmsAt = tokens[statusAt + 1] === '(deleted)' ? statusAt + 2 : statusAt + 1;
  }
  if (statusAt < 3 || statusAt > 4 || tokens.length > algorithmsAt + 6) return false;
  const printed = v1Status(tokens, statusAt, algorithmsAt);
  if (!printed) return false;
  sa.status = printed.status;
  sa.deleted = printed.deleted;
  if (statusAt === 4) sa.ivrf = tokens[3]!;
  const encryption = tokens[algorithmsAt];
  const dh = tokens[algorithmsAt + 3];
  const life = tokens[algorithmsAt + 4];
  const caps = tokens[algorithmsAt + 5];
  if (dh !== undefined && !isDigits(dh)) return false;
  if (caps !== undefined && !CAPABILITIES.test(caps)) return false;
  if (encryption !== undefined) {
    const algorithms = newAlgorithms();
    algorithms.encryption = encryption;
    algorithms.hash = tokens[algorithmsAt + 1] ?? null;
    algorithms.auth = tokens[algorithmsAt + 2] ?? null;
    algorithms.dhGroup = dh === undefined ? null : Number(dh);
    sa.algorithms = algorithms;
  }
  if (life !== undefined) {
    sa.lifetimeSeconds = parseDuration(life) ?? null;
    // The Cap. column is printed with the Lifetime: without an N there, NAT-T is not in use.
    sa.capabilities = caps === undefined ? [] : caps.split('');
    sa.natTraversal = caps !== undefined && caps.includes('N');
  }
  return true;
}

/** A row is complete once its status is in: IPv6 rows carry Local and Remote on lines of their own before it. */
function rowComplete(tokens: readonly string[]): boolean {
  for (let k = 3; k < tokens.length; k++) if (STATUSES.has(tokens[k]!) || isClock(tokens[k]!)) return true;
  return false;
}

function newDetailSa(tokens: readonly string[], index: number): IkeSa | undefined {
  const [connId, local, remote] = tokens;
  if (!connId || !local || !remote || !looksLikeAddress(local) || !looksLikeAddress(remote)) return undefined;
  const sa = newIkeSa({
    version: 'v1',
    line: index + 1,
    local,
    remote,
    state: STATE_NOT_PRINTED,
    status: '',
    up: false,
  });
  sa.connId = Number(connId);
  return parseColumns(tokens, sa) ? sa : undefined;
}

/** `Engine-id:Conn-id =  SW:12609` (or `????` when the crypto engine has no connection for it). */
function applyEngine(text: string, sa: IkeSa): boolean {
  const value = text.slice(text.indexOf('=') + 1).trim();
  if (value === '????') return true;
  const colon = value.indexOf(':');
  const connId = value.slice(colon + 1);
  if (colon <= 0 || !isDigits(connId)) return false;
  sa.engineId = value.slice(0, colon);
  sa.engineConnId = Number(connId);
  return true;
}

/** A row that did not parse: its Engine-id line is part of the same warning, not one of its own. */
const UNREAD_ROW = 'unread row';

/** Turns a complete row into a record, or says why it is not one. */
function finishRow(
  out: ParseOutput<IkeSa>,
  row: { index: number; tokens: string[] },
): IkeSa | typeof UNREAD_ROW {
  const sa = newDetailSa(row.tokens, row.index);
  if (sa) {
    out.records.push(sa);
    return sa;
  }
  out.warn(
    row.index,
    'not an ISAKMP SA detail row (C-id Local Remote I-VRF Status Encr Hash Auth DH Lifetime)',
  );
  return UNREAD_ROW;
}

/** Everything but the other known lines continues a wrapped row: a lone address, or the columns from I-VRF on. */
function continuesRow(text: string): boolean {
  return (
    !text.startsWith('Engine-id') && !text.startsWith('Codes:') && !SECTION.test(text) && !HEADER.test(text)
  );
}

export const showCryptoIsakmpSaDetail = defineParser<IkeSa>({
  command: 'show crypto isakmp sa detail',
  syntax: ['show crypto isakmp sa detail'],
  detect: (text) =>
    /^\s*C-id\s+Local\s+Remote\s+I-VRF/m.test(text) ||
    /^\s*Engine-id:Conn-id\s*=/m.test(text) ||
    /^Codes: C - IKE configuration mode/m.test(text),
  parse(out, options) {
    const lines = out.lines;
    let pending: { index: number; tokens: string[] } | null = null;
    /** What the next `Engine-id:Conn-id` line belongs to. */
    let last: IkeSa | typeof UNREAD_ROW | null = null;
    let inLegend = false;
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i]!.trim();
      if (text === '') {
        inLegend = false;
        continue;
      }
      const first = text.charCodeAt(0);
      const tokens = isDigit(first) ? words(text) : undefined;
      const startsRow = tokens !== undefined && isDigits(tokens[0]!);
      if (pending) {
        if (!startsRow && continuesRow(text)) {
          pending.tokens.push(...(tokens ?? words(text)));
          if (rowComplete(pending.tokens)) {
            last = finishRow(out, pending);
            pending = null;
          }
          continue;
        }
        last = finishRow(out, pending);
        pending = null;
      }
      if (startsRow) {
        pending = { index: i, tokens: tokens! };
        if (rowComplete(pending.tokens)) {
          last = finishRow(out, pending);
          pending = null;
        }
      } else if (text.startsWith('Engine-id:Conn-id')) {
        if (last === UNREAD_ROW || (last === null && options.filtered)) out.recognized++;
        else if (last === null) out.warn(i, 'Engine-id:Conn-id line with no SA row before it');
        else if (applyEngine(text, last)) out.recognized++;
        else out.warn(i, 'Engine-id:Conn-id value is neither ENGINE:ID nor ????');
        last = null;
      } else if (SECTION.test(text) || HEADER.test(text)) {
        inLegend = false;
        out.recognized++;
      } else if (text.startsWith('Codes:') || (inLegend && LEGEND.test(text))) {
        inLegend = true;
        out.recognized++;
      } else {
        out.warn(i, 'not an ISAKMP SA detail row, Engine-id line, legend or header');
      }
    }
    if (pending) finishRow(out, pending);
  },
});
