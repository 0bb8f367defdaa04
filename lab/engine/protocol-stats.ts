// The event counters and trace a router keeps beside its tables: `show ip nhrp stats`, `show tunnel protection
// statistics` and `show monitor event-trace dmvpn all`, read from what the rest of its state already shows (its
// log buffer, its NHRP and crypto tables) so that every command of one second tells the same story. Events older
// than the log buffer are known only through what they left: a peer up now was added once more than it was deleted.

import type {
  EventTraceView,
  NhrpStatsView,
  RouterState,
  TunnelProtectionStatsView,
} from '../model/state.js';

/** `%DMVPN-5-NHRP_NHS_UP: Tunnel0: Next Hop Server : (Tunnel: 10.0.0.1 NBMA: 203.0.113.1) for (...) is UP`. */
const NHRP_PEER_LOG =
  /^%DMVPN-5-NHRP_(NHS|NHC|NHP)_(UP|DOWN): (\S+): Next Hop \w+ : \(Tunnel: (\S+) NBMA: (\S+) ?\) for \(Tunnel: (\S+) NBMA: (\S+)\) is (?:UP|DOWN)(?:, Reason: (.*))?$/;
/** `%DMVPN-3-DMVPN_NHRP_ERROR:  Tunnel0: NHRP Encap Error for  Resolution Request , Reason: ... on (Tunnel: ...`. */
const ENCAP_ERROR_LOG =
  /^%DMVPN-3-DMVPN_NHRP_ERROR: +(\S+): NHRP Encap Error for +(.+?) , Reason: +(.+?) \(\d+\) on \(Tunnel: (\S+) NBMA: (\S+)\)$/;
const CRYPTO_SOCKET_LOG = /^%DMVPN-5-CRYPTO_SS: +(\S+): .* socket is (UP|DOWN)$/;
const LINE_PROTOCOL_LOG =
  /^%LINEPROTO-5-UPDOWN: Line protocol on Interface (\S+), changed state to (up|down)$/;

const GLOBAL_VRF = 'vrf: global(0x0)';

/** `Tunnel0` -> `Tu0`, `GigabitEthernet1` -> `Gi1`: how the event trace names interfaces. */
export function traceInterfaceName(name: string): string {
  return name.slice(0, 2) + name.replace(/^[A-Za-z-]+/, '');
}

/** Counts of `up`/`down` messages per interface. */
class UpDown {
  private readonly counts = new Map<string, { up: number; down: number }>();

  add(name: string, up: boolean): void {
    let count = this.counts.get(name);
    if (!count) this.counts.set(name, (count = { up: 0, down: 0 }));
    if (up) count.up++;
    else count.down++;
  }

  /** Ups are at least the downs plus what is up now: the buffer may have lost the older messages. */
  of(name: string, upNow: number): { up: number; down: number } {
    const count = this.counts.get(name) ?? { up: 0, down: 0 };
    return { up: Math.max(count.up, count.down + upNow), down: count.down };
  }
}

function traceOfPeerLog(match: RegExpExecArray, at: number): EventTraceView[] {
  const [, role, direction, tunnel, peerTunnel, peerNbma, localTunnel, localNbma, reason] = match;
  const up = direction === 'UP';
  const name = traceInterfaceName(tunnel!);
  const destination = `nbma_dest: ${peerNbma} vpn_dest: ${peerTunnel}`;
  const source = `nbma_src: ${localNbma} vpn_src: ${up ? localTunnel : '0.0.0.0'}`;
  const endpoint: EventTraceView = up
    ? {
        trace: 'nhrp_event',
        atSeconds: at,
        event: 'NHRP-TUNNEL-ENDPOINT-ADD',
        interface: name,
        message: `Added tunnel endpoints ${destination}`,
      }
    : {
        trace: 'nhrp_event',
        atSeconds: at,
        event: 'NHRP-TUNNEL-ENDPOINT-DELETE',
        interface: name,
        message: `Deleting tunnel endpoints ${destination}`,
      };
  const peer: EventTraceView = {
    trace: 'nhrp_exception',
    atSeconds: at,
    event: `NHRP-${role}-${direction}`,
    interface: name,
    message:
      `${role} ${up ? 'up' : 'down'} ${source} ${destination} ${GLOBAL_VRF}` +
      (up ? '' : ` reason: ${reason ?? 'No Reason'}`),
  };
  return [endpoint, peer];
}

/**
 * A packet NHRP could not process is answered with an Error Indication (`%DMVPN-3-DMVPN_NHRP_ERROR ... Encap Error
 * for  Registration Request`); the message about the Error Indication itself adds no event. Null for that one.
 */
function traceOfEncapError(match: RegExpExecArray, at: number, state: RouterState): EventTraceView | null {
  const [, tunnel, packet, reason, peerTunnel] = match;
  if (packet === 'Error Indication') return null;
  const local = state.interfaces.find((view) => view.name === tunnel)?.address ?? '0.0.0.0';
  return {
    trace: 'nhrp_error',
    atSeconds: at,
    event: 'NHRP-SEND-ERROR-INDICATION',
    interface: traceInterfaceName(tunnel!),
    message:
      `sending error indication for received pak: ${packet!.toLowerCase()} with pak vpn_src: ${peerTunnel} ` +
      `vpn_dest: ${local} err_code: ${reason}`,
  };
}

/** The NHRP stats, tunnel protection statistics and event trace of a router whose other tables are built. */
export function protocolStats(
  state: RouterState,
): Required<Pick<RouterState, 'nhrpStats' | 'tunnelProtectionStats' | 'eventTrace'>> {
  const lineProtocol = new UpDown();
  const endpoints = new UpDown();
  const sockets = new UpDown();
  const eventTrace: EventTraceView[] = [];
  for (const log of state.logs) {
    const peer = NHRP_PEER_LOG.exec(log.text);
    if (peer) {
      endpoints.add(peer[3]!, peer[2] === 'UP');
      eventTrace.push(...traceOfPeerLog(peer, log.atSeconds));
      continue;
    }
    const encap = ENCAP_ERROR_LOG.exec(log.text);
    if (encap) {
      const error = traceOfEncapError(encap, log.atSeconds, state);
      if (error) eventTrace.push(error);
      continue;
    }
    const socket = CRYPTO_SOCKET_LOG.exec(log.text);
    if (socket) {
      sockets.add(socket[1]!, socket[2] === 'UP');
      continue;
    }
    const line = LINE_PROTOCOL_LOG.exec(log.text);
    if (line) lineProtocol.add(line[1]!, line[2] === 'up');
  }
  const nhrpStats = state.dmvpn.map(({ interface: name, peers }): NhrpStatsView => {
    const tunnel = state.interfaces.find((view) => view.name === name);
    const lines = lineProtocol.of(name, tunnel?.operUp ? 1 : 0);
    const added = endpoints.of(
      name,
      peers.reduce((sum, peer) => sum + peer.tunnelAddresses.length, 0),
    );
    const protectedPeers = state.ipsecSas.filter((sa) => sa.interface === name && sa.inbound.length > 0);
    const protection = sockets.of(name, protectedPeers.length);
    const cache = state.nhrpCache.filter((entry) => entry.interface === name);
    return {
      interface: name,
      interfaceUp: lines.up,
      interfaceDown: lines.down,
      packetsReceived: state.nhrpTraffic.find((view) => view.interface === name)?.counters.total_rcvd ?? 0,
      endPointAdditions: added.up,
      endPointDeletions: added.down,
      protectionUp: protection.up,
      protectionDown: protection.down,
      routesAdded: cache.filter((entry) => entry.flags.includes('rib')).length,
      nhoAdded: cache.filter((entry) => entry.flags.includes('nho')).length,
    };
  });
  return {
    nhrpStats,
    tunnelProtectionStats: tunnelProtection(state, nhrpStats),
    eventTrace: eventTrace.sort((a, b) => a.atSeconds - b.atSeconds),
  };
}

function tunnelProtection(state: RouterState, nhrpStats: NhrpStatsView[]): TunnelProtectionStatsView {
  const listening = state.interfaces.filter((view) => view.adminUp && view.tunnel?.protectionProfile).length;
  let socketUps = 0;
  let socketDowns = 0;
  for (const stats of nhrpStats) {
    socketUps += stats.protectionUp;
    socketDowns += stats.protectionDown;
  }
  const negotiating = state.cryptoSessions.filter((session) => session.status.startsWith('DOWN')).length;
  return {
    listenStarts: listening,
    listenReadies: listening,
    socketOpens: socketUps + negotiating,
    socketCloses: socketDowns,
    socketUps,
    socketDowns,
    cefDrops: state.ipsecSas.reduce((sum, sa) => sum + (sa.noSaSend ?? 0), 0),
  };
}
