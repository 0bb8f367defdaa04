// Renders `show crypto session [remote <address>] [detail]` in the IOS-XE layout: one `Interface:` block per
// peer with its session status, IKE SA line and the GRE IPsec flow (with lifetimes and counters in `detail`).

import type { CryptoSessionView, EspSaView, RouterState } from '../model/state.js';
import { ikev2SessionId } from './crypto-identifiers.js';
import { sessionPeers, type SessionPeers } from './crypto-session-peers.js';
import { clockDuration, iosDuration } from './durations.js';

const TITLE = 'Crypto session current status';
export const CRYPTO_SESSION_DETAIL_LEGEND: readonly string[] = [
  'Code: C - IKE Configuration mode, D - Dead Peer Detection    ',
  'K - Keepalives, N - NAT-traversal, T - cTCP encapsulation    ',
  'X - IKE Extended Authentication, F - IKE Fragmentation',
  'R - IKE Auto Reconnect, U - IKE Dynamic Route Update',
  'S - SIP VPN',
];

/** `life (KB/Sec) 4607999/3120` of the newest SA in one direction; `0/0` without one. */
function life(sas: readonly EspSaView[]): string {
  const current = sas[sas.length - 1];
  return current === undefined ? '0/0' : `${current.remainingKb}/${current.remainingSeconds}`;
}

/**
 * `Session ID:`, the `IKEv1 SA:`/`IKEv2 SA:` line and (detail) its capabilities. An SA still negotiating prints as
 * `Inactive` with no conn id; a session with no IKE SA at all (`DOWN`, `UP-NO-IKE`) prints none.
 */
function pushIkeSa(lines: string[], session: CryptoSessionView, peers: SessionPeers, detail: boolean): void {
  const negotiating = session.status === 'DOWN-NEGOTIATING';
  if (!session.ikeActive && !negotiating) return;
  const sa = session.ikeActive ? peers.ikeSa(session) : undefined;
  const version = peers.ikeVersion(session);
  const localPort = session.port === 500 ? 500 : 4500;
  const local = `${peers.localAddress(session)}/${localPort}`;
  const state = session.ikeActive ? 'Active' : 'Inactive';
  const sessionId = version === 'v2' && sa !== undefined ? ikev2SessionId(sa.connId) : 0;
  lines.push(
    `  Session ID: ${sessionId} `,
    `  IKE${version} SA: local ${local} remote ${session.peer}/${session.port} ${state}`,
  );
  if (!detail) return;
  const capabilities = sa?.natT || session.port !== 500 ? 'N' : '(none)';
  const lifetime = sa === undefined ? '0' : clockDuration(Math.max(0, sa.lifetimeSeconds - sa.activeSeconds));
  lines.push(`          Capabilities:${capabilities} connid:${sa?.connId ?? 0} lifetime:${lifetime}`);
}

function pushSession(
  lines: string[],
  session: CryptoSessionView,
  peers: SessionPeers,
  detail: boolean,
): void {
  const local = peers.localAddress(session);
  lines.push(`Interface: ${session.interface}`);
  if (detail && session.uptimeSeconds !== null) lines.push(`Uptime: ${iosDuration(session.uptimeSeconds)}`);
  lines.push(`Session status: ${session.status}`);
  if (detail) {
    lines.push(
      `Peer: ${session.peer} port ${session.port} fvrf: (none) ivrf: (none)`,
      `      Phase1_id: ${session.ikeActive ? session.peer : '(none)'}`,
      '      Desc: (none)',
    );
  } else {
    lines.push(`Peer: ${session.peer} port ${session.port}`);
  }
  pushIkeSa(lines, session, peers, detail);
  lines.push(
    `  IPSEC FLOW: permit 47 host ${local} host ${session.peer}`,
    `        Active SAs: ${session.activeSas}, origin: crypto map`,
  );
  if (detail) {
    const ipsec = peers.ipsecPeer(session);
    lines.push(
      `        Inbound:  #pkts dec'ed ${session.pktsDecrypted} drop ${ipsec?.recvErrors ?? 0} life (KB/Sec) ${life(ipsec?.inbound ?? [])}`,
      `        Outbound: #pkts enc'ed ${session.pktsEncrypted} drop ${ipsec?.sendErrors ?? 0} life (KB/Sec) ${life(ipsec?.outbound ?? [])}`,
    );
  }
  lines.push('');
}

/** `remote` keeps that peer's session only; a peer without one leaves the title (and legend) alone. */
function render(state: RouterState, detail: boolean, remote: string | undefined): string {
  const peers = sessionPeers(state);
  const lines = [TITLE, ''];
  if (detail) lines.push(...CRYPTO_SESSION_DETAIL_LEGEND, '');
  for (const session of state.cryptoSessions)
    if (remote === undefined || session.peer === remote) pushSession(lines, session, peers, detail);
  return `${lines.join('\n')}\n`;
}

export function renderShowCryptoSession(state: RouterState, remote?: string): string {
  return render(state, false, remote);
}

export function renderShowCryptoSessionDetail(state: RouterState, remote?: string): string {
  return render(state, true, remote);
}
