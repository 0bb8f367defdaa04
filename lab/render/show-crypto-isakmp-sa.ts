// Renders `show crypto isakmp sa` (dst/src/state rows) and `show crypto isakmp sa detail` (C-id rows with the
// negotiated algorithms and the remaining lifetime) from the router's IKEv1 SAs, as IOS 15.x / IOS-XE print them.

import type { IkeSaView, RouterState } from '../model/state.js';
import { isakmpEngineConnId } from './crypto-identifiers.js';
import { ikeInitiators } from './crypto-ike-sides.js';
import { clockDuration } from './durations.js';

const IPV4_SECTION = 'IPv4 Crypto ISAKMP SA';
const IPV6_SECTION = 'IPv6 Crypto ISAKMP SA';
const HEADING = 'dst             src             state          conn-id status';

export const ISAKMP_SA_DETAIL_LEGEND: readonly string[] = [
  'Codes: C - IKE configuration mode, D - Dead Peer Detection',
  '       K - Keepalives, N - NAT-traversal',
  '       T - cTCP encapsulation, X - IKE Extended Authentication',
  '       psk - Preshared key, rsig - RSA signature',
  '       renc - RSA encryption',
];
const DETAIL_HEADING =
  'C-id  Local           Remote          I-VRF  Status Encr Hash   Auth DH Lifetime Cap.';

function ikev1Sas(state: RouterState): IkeSaView[] {
  return state.ikeSas.filter((sa) => sa.version === 'v1');
}

/** IPv4 SAs only: the lab's underlay is IPv4, so the IPv6 section is always empty. */
export function renderShowCryptoIsakmpSa(state: RouterState): string {
  const initiatedLocally = ikeInitiators(state);
  const lines = [IPV4_SECTION, HEADING];
  for (const sa of ikev1Sas(state)) {
    const local = initiatedLocally(sa);
    const dst = local ? sa.remote : sa.local;
    const src = local ? sa.local : sa.remote;
    lines.push(
      `${dst.padEnd(16)}${src.padEnd(16)}${sa.state.padEnd(15)}${String(sa.connId).padStart(7)} ${sa.status}`,
    );
  }
  lines.push('', IPV6_SECTION, '');
  return `${lines.join('\n')}\n`;
}

/** `aes  sha    psk  14 23:47:17 N   `: what phase 1 negotiated; an SA still negotiating prints its status only. */
function detailColumns(sa: IkeSaView): string {
  const { encryption, hash, auth, dhGroup } = sa;
  if (encryption === null || hash === null || auth === null || dhGroup === null) return sa.status;
  const lifetime = clockDuration(Math.max(0, sa.lifetimeSeconds - sa.activeSeconds));
  const capabilities = sa.natT ? 'N' : '';
  const columns = [
    sa.status.padEnd(6),
    encryption.padEnd(4),
    hash.padEnd(6),
    auth.padEnd(4),
    String(dhGroup).padEnd(2),
  ];
  return `${columns.join(' ')} ${lifetime} ${capabilities.padEnd(4)}`;
}

/** The Lifetime column is what is left of the SA's lifetime; the crypto engine knows an SA once phase 1 is up. */
export function renderShowCryptoIsakmpSaDetail(state: RouterState): string {
  const lines = [...ISAKMP_SA_DETAIL_LEGEND, IPV4_SECTION, '', DETAIL_HEADING, ''];
  for (const sa of ikev1Sas(state)) {
    const engine = sa.state === 'QM_IDLE' ? `SW:${isakmpEngineConnId(sa.connId)}` : '????';
    lines.push(
      `${String(sa.connId).padEnd(5)} ${sa.local.padEnd(16)}${sa.remote.padEnd(16)}${''.padEnd(7)}${detailColumns(sa)}`,
      `       Engine-id:Conn-id =  ${engine}`,
      '',
    );
  }
  lines.push(IPV6_SECTION, '');
  return `${lines.join('\n')}\n`;
}
