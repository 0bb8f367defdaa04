// Parses `show crypto isakmp sa` (and `active` / `standby`): IKEv1 SAs as `dst src state conn-id [slot] status`
// rows (IPv4) and `dst:` / `src:` / `state:` blocks (IPv6).

import type { IkeAlgorithms, IkeSa } from '../model/records/ike.js';
import { words } from './common/lines.js';
import { isDigits } from './common/numbers.js';
import { defineParser, type ParseOutput } from './common/parser.js';
import { StrayLines } from './common/stray-lines.js';
import { isDigit } from './common/text.js';

/** What every command printing an IKE SA says; the rest of the record starts null or false. */
type PrintedIkeSa = Pick<IkeSa, 'version' | 'line' | 'local' | 'remote' | 'state' | 'status' | 'up'>;

export function newIkeSa(printed: PrintedIkeSa): IkeSa {
  return {
    kind: 'ike_sa',
    line: printed.line,
    version: printed.version,
    local: printed.local,
    remote: printed.remote,
    state: printed.state,
    status: printed.status,
    up: printed.up,
    lifetimeSeconds: null,
    family: addressFamily(printed.local),
    localPort: null,
    remotePort: null,
    deleted: false,
    fvrf: null,
    ivrf: null,
    dst: null,
    src: null,
    sidesGuessed: false,
    connId: null,
    slot: null,
    engineId: null,
    engineConnId: null,
    capabilities: null,
    tunnelId: null,
    ceId: null,
    sessionId: null,
    algorithms: null,
    activeSeconds: null,
    localSpi: null,
    remoteSpi: null,
    natTraversal: null,
    natSide: null,
    initiator: null,
    detail: null,
  };
}

export function newAlgorithms(): IkeAlgorithms {
  return {
    encryption: null,
    keySize: null,
    prf: null,
    hash: null,
    auth: null,
    authSign: null,
    authVerify: null,
    dhGroup: null,
    pqcKeyExchange: null,
    quantumResistance: null,
  };
}

export function addressFamily(address: string): 'ipv4' | 'ipv6' {
  return address.includes(':') ? 'ipv6' : 'ipv4';
}

/** Dotted IPv4 or colon-hex IPv6 as IOS prints them (genie's hand-edited `100.0.10::2` too), checked cheaply. */
export function looksLikeAddress(token: string): boolean {
  const first = token.charCodeAt(0);
  const hex = isDigit(first) || (first >= 65 && first <= 70) || (first >= 97 && first <= 102) || first === 58;
  return hex && (token.indexOf('.') > 0 || token.indexOf(':') >= 0);
}

/** MM_NO_STATE, MM_KEY_EXCH, AG_INIT_EXCH, QM_IDLE, CONF_XAUTH, ... */
function isV1State(token: string): boolean {
  const first = token.charCodeAt(0);
  return first >= 65 && first <= 90 && token.indexOf('_') > 0;
}

const SECTION = /^IPv[46] Crypto ISAKMP SA$/;
const HEADER = /^dst\s+src\s+state\s+conn-id\s+(?:slot\s+)?status$/;

/** IKEv1 phase 1 is up in QM_IDLE; an SA being deleted no longer carries traffic keys for long. */
export function v1PhaseOneUp(state: string, deleted: boolean): boolean {
  return state === 'QM_IDLE' && !deleted;
}

function isUpperWord(token: string): boolean {
  for (let k = 0; k < token.length; k++) {
    const code = token.charCodeAt(k);
    if (code < 65 || code > 90) return false;
  }
  return token.length > 0;
}

/**
 * `ACTIVE`, `STDBY`, `ACTIVE (deleted)`: the status words in tokens[from, end), or undefined when they are not
 * that.
 */
export function v1Status(
  tokens: readonly string[],
  from: number,
  end = tokens.length,
): { status: string; deleted: boolean } | undefined {
  const word = tokens[from];
  if (word === undefined || !isUpperWord(word)) return undefined;
  if (end - from === 1) return { status: word, deleted: false };
  if (end - from === 2 && tokens[from + 1] === '(deleted)')
    return { status: `${word} (deleted)`, deleted: true };
  return undefined;
}

function v1Sa(
  line: number,
  dst: string,
  src: string,
  state: string,
  connId: string,
  status: string,
  deleted: boolean,
) {
  const sa = newIkeSa({
    version: 'v1',
    line,
    local: src,
    remote: dst,
    state,
    status,
    up: v1PhaseOneUp(state, deleted),
  });
  sa.dst = dst;
  sa.src = src;
  sa.connId = Number(connId);
  sa.deleted = deleted;
  return sa;
}

/** `100.0.10.2  100.13.220.2  QM_IDLE  29609 [0] ACTIVE [(deleted)]`. */
function parseRow(text: string, index: number): IkeSa | undefined {
  const tokens = words(text);
  if (tokens.length < 5) return undefined;
  const [dst, src, state, connId] = tokens as [string, string, string, string];
  if (!looksLikeAddress(dst) || !looksLikeAddress(src) || !isV1State(state) || !isDigits(connId))
    return undefined;
  const hasSlot = isDigits(tokens[4]!);
  const printed = v1Status(tokens, hasSlot ? 5 : 4);
  if (!printed) return undefined;
  const sa = v1Sa(index + 1, dst, src, state, connId, printed.status, printed.deleted);
  if (hasSlot) sa.slot = Number(tokens[4]);
  return sa;
}

/** `state: QM_IDLE  conn-id:  1001 [slot: 0] status: ACTIVE [(deleted)]`, the last line of an IPv6 block. */
function parseBlockState(
  text: string,
  dst: { index: number; address: string },
  src: string,
): IkeSa | undefined {
  const tokens = words(text);
  const [, state, connLabel, connId] = tokens;
  if (!state || !isV1State(state) || connLabel !== 'conn-id:' || !connId || !isDigits(connId))
    return undefined;
  let next = 4;
  let slot: number | null = null;
  if (tokens[next] === 'slot:' && isDigits(tokens[next + 1] ?? '')) {
    slot = Number(tokens[next + 1]);
    next += 2;
  }
  if (tokens[next] !== 'status:') return undefined;
  const printed = v1Status(tokens, next + 1);
  if (!printed) return undefined;
  const sa = v1Sa(dst.index + 1, dst.address, src, state, connId, printed.status, printed.deleted);
  sa.slot = slot;
  return sa;
}

/**
 * `dst`/`src` name the responder and the initiator; this router is the address its SAs share. With one peer the
 * output cannot tell, and the router is taken to be the initiator (`src`), as a spoke is for its hub.
 */
function assignSides(sas: readonly IkeSa[]): void {
  const counts = new Map<string, number>();
  for (const sa of sas) {
    counts.set(sa.dst!, (counts.get(sa.dst!) ?? 0) + 1);
    counts.set(sa.src!, (counts.get(sa.src!) ?? 0) + 1);
  }
  for (const sa of sas) {
    const dstCount = counts.get(sa.dst!)!;
    const srcCount = counts.get(sa.src!)!;
    const localIsDst = dstCount > srcCount;
    sa.local = localIsDst ? sa.dst! : sa.src!;
    sa.remote = localIsDst ? sa.src! : sa.dst!;
    sa.sidesGuessed = dstCount === srcCount;
    sa.initiator = sa.sidesGuessed ? null : !localIsDst;
  }
}

/**
 * Lines that cannot become records because their companions are missing (an IPv6 SA is known by addresses printed
 * on other lines). In filtered output (`| include QM_IDLE`) that is expected and said once; otherwise each one is
 * a warning.
 */
export class UnrecordedLines {
  private readonly stray = new StrayLines();

  constructor(
    private readonly out: ParseOutput<unknown>,
    private readonly filtered: boolean,
    private readonly description: string,
  ) {}

  add(index: number): void {
    if (!this.filtered) {
      this.out.warn(index, `${this.description}: not recorded`);
      return;
    }
    this.stray.add(index);
  }

  finish(): void {
    this.stray.warnOnce(
      this.out,
      (count) => `${count} x ${this.description} (the output is filtered): not recorded`,
    );
  }
}

export const showCryptoIsakmpSa = defineParser<IkeSa>({
  command: 'show crypto isakmp sa',
  syntax: ['show crypto isakmp sa', 'show crypto isakmp sa active', 'show crypto isakmp sa standby'],
  detect: (text) =>
    /^\s*IPv[46] Crypto ISAKMP SA\s*$/m.test(text) || /^\s*dst\s+src\s+state\s+conn-id/m.test(text),
  parse(out, options) {
    const lines = out.lines;
    const sas: IkeSa[] = [];
    const filtered = options.filtered === true;
    const withoutAddresses = new UnrecordedLines(out, filtered, 'IPv6 SA line without its dst:/src: lines');
    const withoutState = new UnrecordedLines(out, filtered, 'IPv6 SA block without its state: line');
    let dst: { index: number; address: string } | null = null;
    let src: string | null = null;
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i]!.trim();
      if (text === '') continue;
      const first = text.charCodeAt(0);
      let sa: IkeSa | undefined;
      if (text.startsWith('dst: ')) {
        if (dst) withoutState.add(dst.index);
        dst = { index: i, address: text.slice(5).trim() };
        src = null;
        out.recognized++;
        continue;
      }
      if (text.startsWith('src: ')) {
        if (dst && src === null) {
          src = text.slice(5).trim();
          out.recognized++;
        } else withoutAddresses.add(i);
        continue;
      }
      if (text.startsWith('state: ')) {
        if (!dst || src === null) {
          withoutAddresses.add(i);
          continue;
        }
        sa = parseBlockState(text, dst, src);
        dst = null;
        src = null;
      } else if ((first === 73 || first === 100) && (SECTION.test(text) || HEADER.test(text))) {
        out.recognized++;
        continue;
      } else {
        sa = parseRow(text, i);
      }
      if (sa) {
        sas.push(sa);
        out.records.push(sa);
      } else {
        out.warn(i, 'not an ISAKMP SA row (dst src state conn-id status), IPv6 SA line or header');
      }
    }
    if (dst) withoutState.add(dst.index);
    withoutAddresses.finish();
    withoutState.finish();
    assignSides(sas);
  },
});
