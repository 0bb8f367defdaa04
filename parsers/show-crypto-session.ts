// Parses `show crypto session [detail]` and its filtered forms (local, remote, interface, fvrf, ivrf): one record per peer.

import type { ParseOptions } from '../model/parse.js';
import type {
  CryptoSession,
  CryptoSessionFlow,
  CryptoSessionIkeSa,
} from '../model/records/crypto-session.js';
import { parseDuration } from './common/duration.js';
import { words } from './common/lines.js';
import { defineParser, type ParseOutput } from './common/parser.js';
import { indentOf } from './common/text.js';

const FORMS = [
  '',
  ' local <address>',
  ' local <address> port <port>',
  ' remote <address>',
  ' remote <address> port <port>',
  ' interface <interface>',
  ' fvrf <vrf>',
  ' ivrf <vrf>',
];

// Sticky patterns, applied where the line's keyword ends, so that no substring is cut before a line is known good.
const PEER = /\s*(\S+)\s+port\s+(\d+)(?:\s+fvrf:\s+(\S+)\s+ivrf:\s+(\S+))?\s*$/y;
const FIRST_WORD = /\s*(\S+)/y;
const IKE_SA = /\s*local\s+(\S+)\/(\d+)(?:\s+remote\s+(\S+)\/(\d+)\s+(\S+))?\s*$/y;
const WRAPPED_REMOTE = /remote\s+(\S+)\/(\d+)\s+(\S+)\s*$/y;
const CAPABILITIES = /Capabilities:(\(none\)|[A-Z]*)\s+connid:(\d+)\s+lifetime:(\S+)\s*$/y;
const ACTIVE_SAS = /\s*(\d+)(?:,\s*origin:\s*(.*?))?\s*$/y;
const COUNTERS =
  /\s*#pkts\s+(dec|enc)'ed\s+(\d+)\s+drop\s+(\d+)\s+life\s+\(KB\/Sec\)\s+(\d+|KB Vol Rekey Disabled)\/(\d+)\s*$/y;
const NUMBER = /\s*(\d+)\s*$/y;

function matchAt(pattern: RegExp, line: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(line);
}

/** The lines above a `Peer:` line (`Interface:`, `Profile:`, `Uptime:`, `Session status:` ...), held until it comes. */
interface SessionHeader {
  /** 0-based index of the first header line, -1 while none has been read. */
  index: number;
  interface: string | null;
  profile: string | null;
  uptimeSeconds: number | null;
  status: string | null;
  username: string | null;
  group: string | null;
  assignedAddress: string | null;
}

function newHeader(index: number, interfaceName: string | null): SessionHeader {
  return {
    index,
    interface: interfaceName,
    profile: null,
    uptimeSeconds: null,
    status: null,
    username: null,
    group: null,
    assignedAddress: null,
  };
}

/** `(none)` is how IOS prints an absent VRF, profile, description or identity. */
function orNone(text: string | undefined): string | null {
  return text === undefined || text === '(none)' ? null : text;
}

/** One side of a flow selector: `host A`, `A/mask`, `any`; returns the value and the index after it. */
function selectorSide(tokens: string[], at: number): [string, number] | undefined {
  const token = tokens[at];
  if (token === 'host' && tokens[at + 1] !== undefined) return [tokens[at + 1]!, at + 2];
  if (token === 'any' || token?.includes('/')) return [token, at + 1];
  return undefined;
}

type IkeVersion = CryptoSessionIkeSa['version'];

/** The `local` half of an IKE SA line; with long (IPv6) addresses IOS wraps the `remote ... Active` half. */
interface IkeSaLocalHalf {
  index: number;
  version: IkeVersion;
  local: string;
  localPort: number;
}

/** Walks the output once, keeping the block being read: header, current peer, its last IKE SA and flow. */
class SessionReader {
  private header = newHeader(-1, null);
  private session: CryptoSession | null = null;
  private sessionId: number | null = null;
  private ikeSa: CryptoSessionIkeSa | null = null;
  private wrapped: IkeSaLocalHalf | null = null;
  private flow: CryptoSessionFlow | null = null;

  constructor(
    private readonly out: ParseOutput<CryptoSession>,
    private readonly filtered: boolean,
  ) {}

  read(): void {
    const lines = this.out.lines;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const at = indentOf(line);
      if (at === line.length) continue;
      if (this.wrapped && !line.startsWith('remote ', at)) this.finishWrapped();
      if (this.readLine(i, line, at)) this.out.recognized++;
      else this.out.warn(i, 'not a line of show crypto session');
    }
    this.finishWrapped();
    this.finishHeader();
  }

  /** Dispatches on the first letter, then the keyword; false for a line this command does not print. */
  private readLine(i: number, line: string, at: number): boolean {
    if (isLegend(line, at)) return true;
    switch (line.charCodeAt(at)) {
      case 73: // I
        if (line.startsWith('Inbound:', at)) return this.readCounters(i, line, at + 8, 'inbound');
        if (line.startsWith('IKEv1 SA:', at)) return this.readIkeSa(i, line, at + 9, 'IKEv1');
        if (line.startsWith('IKEv2 SA:', at)) return this.readIkeSa(i, line, at + 9, 'IKEv2');
        if (line.startsWith('IKE SA:', at)) return this.readIkeSa(i, line, at + 7, 'IKE');
        if (line.startsWith('IPSEC FLOW:', at)) return this.readFlow(i, line, at + 11);
        if (line.startsWith('Interface:', at)) return this.readInterface(i, line.slice(at + 10).trim());
        return false;
      case 79: // O
        return line.startsWith('Outbound:', at) && this.readCounters(i, line, at + 9, 'outbound');
      case 65: // A
        if (line.startsWith('Active SAs:', at)) return this.readActiveSas(i, line, at + 11);
        if (!line.startsWith('Assigned address:', at)) return false;
        this.headerLine(i).assignedAddress = line.slice(at + 17).trim();
        return true;
      case 67: // C
        return line.startsWith('Capabilities:', at) && this.readCapabilities(i, line, at);
      case 80: // P
        if (line.startsWith('Peer:', at)) return this.readPeer(i, line, at + 5);
        if (line.startsWith('Phase1_id:', at)) return this.readPeerField(i, 'phase1Id', line.slice(at + 10));
        if (!line.startsWith('Profile:', at)) return false;
        this.headerLine(i).profile = orNone(line.slice(at + 8).trim());
        return true;
      case 68: // D
        return line.startsWith('Desc:', at) && this.readPeerField(i, 'description', line.slice(at + 5));
      case 83: // S
        if (line.startsWith('Session ID:', at)) return this.readSessionId(i, line, at + 11);
        if (!line.startsWith('Session status:', at)) return false;
        this.headerLine(i).status = line.slice(at + 15).trim() || null;
        return true;
      case 85: // U
        if (line.startsWith('Uptime:', at)) return this.readUptime(i, line.slice(at + 7).trim());
        if (!line.startsWith('Username:', at)) return false;
        this.headerLine(i).username = line.slice(at + 9).trim();
        return true;
      case 71: // G
        if (!line.startsWith('Group:', at)) return false;
        this.headerLine(i).group = line.slice(at + 6).trim();
        return true;
      case 114: // r
        return line.startsWith('remote ', at) && this.readWrappedRemote(line, at);
      default:
        return false;
    }
  }

  private readInterface(i: number, name: string): boolean {
    this.finishHeader();
    this.closeSession();
    this.header = newHeader(i, name);
    return true;
  }

  private readUptime(i: number, text: string): boolean {
    const seconds = parseDuration(text);
    if (seconds === undefined) return false;
    this.headerLine(i).uptimeSeconds = seconds;
    return true;
  }

  /** A header line ends the peer block above it and opens the header of the next one. */
  private headerLine(i: number): SessionHeader {
    this.closeSession();
    if (this.header.index < 0) this.header.index = i;
    return this.header;
  }

  private closeSession(): void {
    this.session = null;
    this.sessionId = null;
    this.ikeSa = null;
    this.flow = null;
  }

  /** A header that never reached its `Peer:` line: only a filter or a cut output leaves one. */
  private finishHeader(): void {
    if (this.header.index >= 0 && !this.filtered)
      this.out.warn(this.header.index, 'session header with no Peer: line under it');
  }

  /**
   * A line of a peer block with no peer to attach it to. A filter (`| include IKE`) explains it; otherwise it is
   * warned about. Either way it is this command's line, so it counts as recognised.
   */
  private orphan(i: number, reason: string): true {
    if (!this.filtered) this.out.warn(i, reason);
    return true;
  }

  /** A line with this command's keyword whose values do not read (a cut output, an unknown variant). */
  private unreadable(i: number, what: string): true {
    this.out.warn(i, `${what} line not read`);
    return true;
  }

  /** `Peer: 10.1.1.3 port 500 fvrf: (none) ivrf: (none)` (fvrf and ivrf only in `detail`). */
  private readPeer(i: number, line: string, at: number): boolean {
    const match = matchAt(PEER, line, at);
    if (match) {
      this.openSession(i, match[1]!, Number(match[2]), orNone(match[3]), orNone(match[4]));
      return true;
    }
    const peer = matchAt(FIRST_WORD, line, at)?.[1];
    if (peer === undefined) return false;
    this.unreadable(i, 'Peer:');
    this.openSession(i, peer, null, null, null);
    return true;
  }

  private openSession(
    i: number,
    peer: string,
    port: number | null,
    fvrf: string | null,
    ivrf: string | null,
  ): void {
    const { header } = this;
    const session: CryptoSession = {
      kind: 'crypto_session',
      line: (header.index >= 0 ? header.index : i) + 1,
      interface: header.interface,
      peer,
      status: header.status,
      port,
      fvrf,
      ivrf,
      profile: header.profile,
      uptimeSeconds: header.uptimeSeconds,
      phase1Id: null,
      description: null,
      username: header.username,
      group: header.group,
      assignedAddress: header.assignedAddress,
      ikeSas: [],
      flows: [],
    };
    this.out.records.push(session);
    this.closeSession();
    this.session = session;
    // A further `Peer:` with no `Interface:` of its own stays on the same interface; nothing else carries over.
    this.header = newHeader(-1, header.interface);
  }

  private readPeerField(i: number, field: 'phase1Id' | 'description', text: string): boolean {
    if (!this.session) return this.orphan(i, 'line of a peer block with no Peer: line above it');
    this.session[field] = orNone(text.trim());
    return true;
  }

  private readSessionId(i: number, line: string, at: number): boolean {
    const match = matchAt(NUMBER, line, at);
    if (!match) return this.unreadable(i, 'Session ID:');
    if (!this.session) return this.orphan(i, 'Session ID: with no Peer: line above it');
    this.sessionId = Number(match[1]);
    return true;
  }

  /** `local 10.1.1.4/500 remote 10.1.1.3/500 Active`, or only its `local` half when IOS wraps a long address. */
  private readIkeSa(i: number, line: string, at: number, version: IkeVersion): boolean {
    const match = matchAt(IKE_SA, line, at);
    if (!match) return this.unreadable(i, `${version} SA:`);
    if (!this.session) return this.orphan(i, 'IKE SA with no Peer: line above it');
    const half: IkeSaLocalHalf = { index: i, version, local: match[1]!, localPort: Number(match[2]) };
    if (match[3] === undefined) this.wrapped = half;
    else this.addIkeSa(half, match[3], match[4]!, match[5]!);
    return true;
  }

  /** `remote 2001:101:0:1::2/500 Active`: the second half of a wrapped IKE SA line. */
  private readWrappedRemote(line: string, at: number): boolean {
    const wrapped = this.wrapped;
    const match = wrapped && matchAt(WRAPPED_REMOTE, line, at);
    if (!wrapped || !match) return false;
    this.wrapped = null;
    this.addIkeSa(wrapped, match[1]!, match[2]!, match[3]!);
    return true;
  }

  private finishWrapped(): void {
    if (!this.wrapped) return;
    this.out.warn(this.wrapped.index, 'IKE SA line whose remote half never came');
    this.wrapped = null;
  }

  private addIkeSa(half: IkeSaLocalHalf, remote: string, remotePort: string, state: string): void {
    const sa: CryptoSessionIkeSa = {
      line: half.index + 1,
      version: half.version,
      sessionId: this.sessionId,
      local: half.local,
      localPort: half.localPort,
      remote,
      remotePort: Number(remotePort),
      state,
      active: state === 'Active',
      capabilities: null,
      connId: null,
      lifetimeSeconds: null,
    };
    this.session?.ikeSas.push(sa);
    this.ikeSa = sa;
  }

  /** `Capabilities:DN connid:2913 lifetime:09:03:41` completes the IKE SA above it. */
  private readCapabilities(i: number, line: string, at: number): boolean {
    const match = matchAt(CAPABILITIES, line, at);
    // An inactive SA prints `lifetime:0`.
    const lifetime = match && (match[3] === '0' ? 0 : parseDuration(match[3]!));
    if (!match || lifetime === undefined) return this.unreadable(i, 'Capabilities:');
    if (!this.ikeSa) return this.orphan(i, 'Capabilities: line with no IKE SA above it');
    this.ikeSa.capabilities = match[1] === '(none)' ? [] : [...match[1]!];
    this.ikeSa.connId = Number(match[2]);
    this.ikeSa.lifetimeSeconds = lifetime;
    return true;
  }

  /** `permit 47 host 10.1.1.4 host 10.1.1.3`, `permit ip 0.0.0.0/0.0.0.0 host 3.3.3.4`. */
  private readFlow(i: number, line: string, at: number): boolean {
    const selector = line.slice(at).trim();
    const tokens = words(selector);
    if (tokens.length < 2) return this.unreadable(i, 'IPSEC FLOW:');
    if (!this.session) return this.orphan(i, 'IPSEC FLOW: with no Peer: line above it');
    const source = selectorSide(tokens, 2);
    const destination = source && selectorSide(tokens, source[1]);
    const whole = destination !== undefined && destination[1] === tokens.length;
    const flow: CryptoSessionFlow = {
      line: i + 1,
      selector,
      action: tokens[0]!,
      protocol: tokens[1]!,
      source: whole ? source![0] : null,
      destination: whole ? destination[0] : null,
      activeSas: null,
      origin: null,
      inbound: null,
      outbound: null,
    };
    this.session.flows.push(flow);
    this.flow = flow;
    return true;
  }

  /** `Active SAs: 2, origin: crypto map`. */
  private readActiveSas(i: number, line: string, at: number): boolean {
    const match = matchAt(ACTIVE_SAS, line, at);
    if (!match) return this.unreadable(i, 'Active SAs:');
    if (!this.flow) return this.orphan(i, 'Active SAs: line with no IPSEC FLOW: above it');
    this.flow.activeSas = Number(match[1]);
    this.flow.origin = match[2] ?? null;
    return true;
  }

  /** `Inbound:  #pkts dec'ed 4 drop 0 life (KB/Sec) 4605665/2949`, `Outbound: #pkts enc'ed ...`. */
  private readCounters(i: number, line: string, at: number, direction: 'inbound' | 'outbound'): boolean {
    const match = matchAt(COUNTERS, line, at);
    if (!match || match[1] !== (direction === 'inbound' ? 'dec' : 'enc'))
      return this.unreadable(i, direction === 'inbound' ? 'Inbound:' : 'Outbound:');
    if (!this.flow) return this.orphan(i, `${direction} counters with no IPSEC FLOW: above them`);
    this.flow[direction] = {
      packets: Number(match[2]),
      drops: Number(match[3]),
      // `KB Vol Rekey Disabled`: the SA has no volume lifetime.
      lifeKb: match[4]!.charCodeAt(0) === 75 ? null : Number(match[4]),
      lifeSeconds: Number(match[5]),
    };
    return true;
  }
}

/** `Crypto session current status` and the `Code:` legend of capability letters (`K - Keepalives, ...`). */
function isLegend(line: string, at: number): boolean {
  if (line.charCodeAt(at + 1) === 32 && line.charCodeAt(at + 2) === 45 && line.charCodeAt(at + 3) === 32) {
    const letter = line.charCodeAt(at);
    return letter >= 65 && letter <= 90;
  }
  return line.startsWith('Crypto session current status', at) || line.startsWith('Code: ', at);
}

export const showCryptoSession = defineParser<CryptoSession>({
  command: 'show crypto session',
  syntax: FORMS.flatMap((form) => [`show crypto session${form}`, `show crypto session${form} detail`]),
  detect: (text) =>
    text.includes('Crypto session current status') ||
    (/^\s*Session status: /m.test(text) && /^\s*Peer: \S+ port \d+/m.test(text)),
  parse(out, options: ParseOptions) {
    new SessionReader(out, options.filtered === true).read();
  },
});
