// The `Crypto Session Details:` section of `show dmvpn detail`: one block per crypto session of a DMVPN tunnel.

import type { CryptoSessionView, EspSaView, IkeSaView, IpsecPeerView, RouterState } from '../model/state.js';
import { ikev2SessionId } from './crypto-identifiers.js';
import { clockDuration } from './durations.js';

const SECTION_RULE = '-'.repeat(80);

/** IOS prints an SPI as `0x` and eight hex digits, blank-padded on the left: `0x 623029E`. */
function paddedSpi(spi: number): string {
  return `0x${spi.toString(16).toUpperCase().padStart(8)}`;
}

/** `life (KB/Sec) 4310556/3551`: what is left of the first SA of that direction. */
function lifeText(sa: EspSaView | undefined): string {
  return sa ? `${sa.remainingKb}/${sa.remainingSeconds}` : '0/0';
}

/** A session handle as IOS prints it (`[0x11708818]`): an address, stable for a session's place in the list. */
function handleOf(index: number): string {
  return `0x${(0x11708818 + index * 0x110).toString(16).toUpperCase()}`;
}

interface SessionParts {
  session: CryptoSessionView;
  ike: IkeSaView | undefined;
  ipsec: IpsecPeerView | undefined;
  local: string | undefined;
}

function pushIkeLines(lines: string[], { session, ike }: SessionParts): void {
  if (!ike) return;
  const version = ike.version === 'v2' ? 'IKEv2' : 'IKEv1';
  if (ike.version === 'v2') lines.push(`  Session ID: ${ikev2SessionId(ike.connId)}`);
  lines.push(
    `  ${version} SA: local ${ike.local}/${ike.localPort} remote ${ike.remote}/${ike.remotePort} ` +
      (session.ikeActive ? 'Active' : 'Inactive'),
    `          Capabilities:(none) connid:${ike.connId} lifetime:${clockDuration(ike.lifetimeSeconds - ike.activeSeconds)}`,
  );
}

function pushFlowLines(lines: string[], { session, ipsec, local }: SessionParts): void {
  if (local === undefined) return;
  const outbound = ipsec?.outbound[0];
  lines.push(
    `  IPSEC FLOW: permit 47 host ${local} host ${session.peer}`,
    `        Active SAs: ${session.activeSas}, origin: crypto map`,
    `        Inbound:  #pkts dec'ed ${session.pktsDecrypted} drop ${ipsec?.recvErrors ?? 0} life (KB/Sec) ${lifeText(ipsec?.inbound[0])}`,
    `        Outbound: #pkts enc'ed ${session.pktsEncrypted} drop ${ipsec?.sendErrors ?? 0} life (KB/Sec) ${lifeText(outbound)}`,
  );
  if (outbound) lines.push(`   Outbound SPI : ${paddedSpi(outbound.spi)}, transform : ${outbound.transform}`);
  lines.push(`    Socket State: ${session.activeSas > 0 ? 'Open' : 'Closed'}`);
}

function pushSession(lines: string[], parts: SessionParts, index: number): void {
  const { session, ike } = parts;
  lines.push('', `Interface: ${session.interface}`, `Session: [${handleOf(index)}]`);
  pushIkeLines(lines, parts);
  lines.push(
    `  Crypto Session Status: ${session.status}`,
    ike ? `  fvrf: (none), Phase1_id: ${ike.remote}` : '  fvrf: (none)',
  );
  pushFlowLines(lines, parts);
}

/** The sessions of the router's DMVPN tunnels, with the IKE and IPsec SAs to their peers; none pending. */
export function pushCryptoSessionDetails(lines: string[], state: RouterState): void {
  lines.push('Crypto Session Details:', SECTION_RULE);
  const tunnels = new Set(state.dmvpn.map((tunnel) => tunnel.interface));
  // The first SA to a peer is the one in use; a deleted one may follow it.
  const ikeByRemote = new Map<string, IkeSaView>();
  for (const sa of state.ikeSas) if (!ikeByRemote.has(sa.remote)) ikeByRemote.set(sa.remote, sa);
  const ipsecByPeer = new Map(state.ipsecSas.map((sa) => [`${sa.interface}|${sa.remote}`, sa]));
  const sourceOf = new Map(state.interfaces.map((view) => [view.name, view.tunnel?.source]));
  let index = 0;
  for (const session of state.cryptoSessions) {
    if (!tunnels.has(session.interface)) continue;
    const ike = ikeByRemote.get(session.peer);
    const ipsec = ipsecByPeer.get(`${session.interface}|${session.peer}`);
    const local = ipsec?.local ?? ike?.local ?? sourceOf.get(session.interface);
    pushSession(lines, { session, ike, ipsec, local }, index++);
  }
  lines.push('', 'Pending DMVPN Sessions:', '');
}
