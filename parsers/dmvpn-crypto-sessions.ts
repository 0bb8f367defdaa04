// Reads the `Crypto Session Details:` and `Pending DMVPN Sessions:` sections of `show dmvpn detail`.

import type { CryptoFlowCounters, CryptoSessionIkeSa } from '../model/records/crypto-session.js';
import type { DmvpnCryptoFlow, DmvpnCryptoSession } from '../model/records/dmvpn.js';
import { parseDuration } from './common/duration.js';
import { words } from './common/lines.js';
import { isDigits } from './common/numbers.js';

export interface CryptoSessionSink {
  readonly records: { push(record: DmvpnCryptoSession): unknown };
}

const IKE_SA = /^(IKE|IKEv1|IKEv2) SA: local (\S+)\/(\d+) remote (\S+)\/(\d+) (\S+)/;
const CAPABILITIES = /^Capabilities:(\S+) connid:(\d+) lifetime:(\S+)$/;
const COUNTERS =
  /^(In|Out)bound:\s+#pkts (?:dec|enc)'ed (\d+) drop (\d+) life \(KB\/Sec\) (\d+|KB Vol Rekey Disabled)\/(\d+)$/;
const ACTIVE_SAS = /^Active SAs: (\d+), origin: (.+)$/;
const OUTBOUND_SPI = /^Outbound SPI : (0x[\s0-9A-Fa-f]*?[0-9A-Fa-f]+), transform : (.+)$/;

/**
 * Turns the lines of the crypto sections into DmvpnCryptoSession records. A session starts at `Interface: TunnelX`
 * (or, in images that print none, at its first line); every line after it adds to it.
 */
export class CryptoSessionReader {
  private session: DmvpnCryptoSession | undefined;
  private sessionId: number | null = null;
  private pending = false;

  constructor(
    private readonly sink: CryptoSessionSink,
    /** The tunnel whose block the section follows, for sessions printed without their `Interface:` line. */
    private readonly currentTunnel: () => string | null,
  ) {}

  /** `Pending DMVPN Sessions:`: the sessions below are still being set up. */
  startPending(): void {
    this.pending = true;
    this.session = undefined;
  }

  /** Reads one trimmed line of a crypto section; false when it is not one. */
  read(index: number, trimmed: string): boolean {
    if (trimmed.startsWith('Interface:')) {
      const name = words(trimmed.slice(10))[0];
      if (!name || trimmed.includes(',')) return false;
      this.start(index, name);
      return true;
    }
    if (trimmed.startsWith('Session:')) {
      const handle = /^Session: \[(\S+)\]$/.exec(trimmed);
      if (!handle) return false;
      if (!this.session || this.session.handle !== null || this.session.ikeSas.length > 0) {
        this.start(index, this.session?.interface ?? this.currentTunnel());
      }
      this.session!.handle = handle[1]!;
      return true;
    }
    return this.readSessionLine(index, trimmed);
  }

  private start(index: number, name: string | null): DmvpnCryptoSession {
    this.sessionId = null;
    this.session = {
      kind: 'dmvpn_crypto_session',
      line: index + 1,
      interface: name,
      pending: this.pending,
      handle: null,
      peer: null,
      status: null,
      fvrf: null,
      phase1Id: null,
      ikeSas: [],
      flows: [],
    };
    this.sink.records.push(this.session);
    return this.session;
  }

  /**
   * The session a line belongs to. Without `Interface:` lines (`| include Status`), a field met a second time means
   * the next session has begun.
   */
  private current(index: number, field?: 'status' | 'phase1Id'): DmvpnCryptoSession {
    const session = this.session;
    if (session && (field === undefined || session[field] === null)) return session;
    return this.start(index, session?.interface ?? this.currentTunnel());
  }

  private readSessionLine(index: number, trimmed: string): boolean {
    let match: RegExpExecArray | null;
    if (trimmed.startsWith('Session ID:')) {
      const id = words(trimmed.slice(11))[0];
      if (!id || !isDigits(id)) return false;
      this.current(index);
      this.sessionId = Number(id);
      return true;
    }
    if ((match = IKE_SA.exec(trimmed))) {
      const session = this.current(index);
      session.ikeSas.push(ikeSa(index, match, this.sessionId));
      session.peer ??= match[4]!;
      return true;
    }
    if ((match = CAPABILITIES.exec(trimmed))) {
      const sa = this.session?.ikeSas.at(-1);
      if (!sa) return false;
      sa.capabilities = match[1] === '(none)' ? [] : [...match[1]!];
      sa.connId = Number(match[2]);
      sa.lifetimeSeconds = match[3] === '0' ? 0 : (parseDuration(match[3]!) ?? null);
      return true;
    }
    if (trimmed.startsWith('Crypto Session Status:')) {
      const status = words(trimmed.slice(22))[0];
      if (!status) return false;
      this.current(index, 'status').status = status;
      return true;
    }
    if (trimmed.startsWith('fvrf:')) return this.readFvrfLine(index, trimmed);
    if (trimmed.startsWith('Phase1_id:')) return this.readPhase1Id(index, trimmed);
    if (trimmed.startsWith('IPSEC FLOW:')) return this.readFlow(index, trimmed);
    return this.readFlowLine(trimmed);
  }

  /** `fvrf: (none), Phase1_id: 1.1.1.1`; IOS 15 runs the next line on: `fvrf: (none),   IPSEC FLOW: permit ...`. */
  private readFvrfLine(index: number, trimmed: string): boolean {
    const comma = trimmed.indexOf(',');
    const fvrf = (comma < 0 ? trimmed.slice(5) : trimmed.slice(5, comma)).trim();
    this.current(index).fvrf = fvrf === '(none)' ? null : fvrf;
    const rest = comma < 0 ? '' : trimmed.slice(comma + 1).trim();
    if (rest === '') return true;
    if (rest.startsWith('Phase1_id:')) return this.readPhase1Id(index, rest);
    if (rest.startsWith('IPSEC FLOW:')) return this.readFlow(index, rest);
    return false;
  }

  private readPhase1Id(index: number, text: string): boolean {
    const id = words(text.slice(10))[0];
    if (!id) return false;
    this.current(index, 'phase1Id').phase1Id = id;
    return true;
  }

  private readFlow(index: number, text: string): boolean {
    const selector = text.slice(11).trim();
    if (selector === '') return false;
    const flow = ipsecFlow(index, selector);
    const session = this.current(index);
    session.flows.push(flow);
    session.peer ??= flow.destination;
    return true;
  }

  /** The lines under `IPSEC FLOW:`: SA count, packet counters, outbound SPI, socket state. */
  private readFlowLine(trimmed: string): boolean {
    const flow = this.session?.flows.at(-1);
    if (!flow) return false;
    let match: RegExpExecArray | null;
    if ((match = ACTIVE_SAS.exec(trimmed))) {
      flow.activeSas = Number(match[1]);
      flow.origin = match[2]!.trim();
    } else if ((match = COUNTERS.exec(trimmed))) {
      const counters: CryptoFlowCounters = {
        packets: Number(match[2]),
        drops: Number(match[3]),
        lifeKb: match[4] === 'KB Vol Rekey Disabled' ? null : Number(match[4]),
        lifeSeconds: Number(match[5]),
      };
      if (match[1] === 'In') flow.inbound = counters;
      else flow.outbound = counters;
    } else if ((match = OUTBOUND_SPI.exec(trimmed))) {
      // IOS pads the SPI with spaces (`0x 623029E`); `show crypto ipsec sa` prints it without them.
      flow.outboundSpi = match[1]!.replace(/\s+/g, '');
      flow.transform = match[2]!.trim();
    } else if (trimmed.startsWith('Socket State:')) {
      flow.socketState = trimmed.slice(13).trim() || null;
    } else {
      return false;
    }
    return true;
  }
}

function ikeSa(index: number, match: RegExpExecArray, sessionId: number | null): CryptoSessionIkeSa {
  return {
    line: index + 1,
    version: match[1] as CryptoSessionIkeSa['version'],
    sessionId,
    local: match[2]!,
    localPort: Number(match[3]),
    remote: match[4]!,
    remotePort: Number(match[5]),
    state: match[6]!,
    active: match[6] === 'Active',
    capabilities: null,
    connId: null,
    lifetimeSeconds: null,
  };
}

/** `permit 47 host 4.4.4.4 host 1.1.1.1`: action, protocol, then each side as `host A`, `any` or `A/mask`. */
function ipsecFlow(index: number, selector: string): DmvpnCryptoFlow {
  const tokens = words(selector);
  let at = 2;
  const side = (): string | null => {
    const token = tokens[at++];
    if (token !== 'host') return token ?? null;
    return tokens[at++] ?? null;
  };
  const source = side();
  const destination = side();
  const fits = at === tokens.length;
  return {
    line: index + 1,
    selector,
    action: tokens[0]!,
    protocol: tokens[1] ?? '',
    source: fits ? source : null,
    destination: fits ? destination : null,
    activeSas: null,
    origin: null,
    inbound: null,
    outbound: null,
    outboundSpi: null,
    transform: null,
    socketState: null,
  };
}
