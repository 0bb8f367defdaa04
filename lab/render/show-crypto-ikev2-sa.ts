// Renders `show crypto ikev2 sa` and `show crypto ikev2 sa detailed` from the router's IKEv2 SAs, in the IOS-XE
// layout: per SA its `Tunnel-id Local Remote fvrf/ivrf Status` heading and row, then its attribute lines.

import type { IkeSaView, RouterState } from '../model/state.js';
import { ikev2SessionId, ikev2Spi } from './crypto-identifiers.js';
import { ikeInitiators, natSide, type InitiatedLocally } from './crypto-ike-sides.js';

const IPV4_SECTION = ' IPv4 Crypto IKEv2  SA';
const IPV6_SECTION = ' IPv6 Crypto IKEv2  SA';
export const IKEV2_SA_HEADING =
  'Tunnel-id Local                 Remote                fvrf/ivrf            Status';
const INDENT = '      ';
/** What IOS prints for an algorithm an SA has not negotiated yet. */
const NOT_NEGOTIATED = 'Unknown - 0';
/** The PRF IOS names beside each integrity algorithm (`Hash: SHA96` is HMAC-SHA1 truncated to 96 bits). */
const PRF_OF_HASH: Record<string, string> = { SHA96: 'SHA1', MD596: 'MD5', None: 'SHA256' };

/** `Encr: AES-CBC, keysize: 256, PRF: SHA256, Hash: SHA256, DH Grp:14, Auth sign: PSK, Auth verify: PSK`. */
function algorithmsLine(sa: IkeSaView): string {
  const keySize = sa.encryption !== null && sa.keySize !== null ? `, keysize: ${sa.keySize}` : '';
  const prf = sa.hash === null ? NOT_NEGOTIATED : (PRF_OF_HASH[sa.hash] ?? sa.hash);
  const auth = sa.auth ?? NOT_NEGOTIATED;
  return (
    `${INDENT}Encr: ${sa.encryption ?? NOT_NEGOTIATED}${keySize}, PRF: ${prf}, Hash: ${sa.hash ?? NOT_NEGOTIATED}, ` +
    `DH Grp:${sa.dhGroup ?? 0}, Auth sign: ${auth}, Auth verify: ${auth}`
  );
}

function pushSaRows(lines: string[], sa: IkeSaView): void {
  const local = `${sa.local}/${sa.localPort}`;
  const remote = `${sa.remote}/${sa.remotePort}`;
  lines.push(
    IKEV2_SA_HEADING,
    `${String(sa.connId).padEnd(10)}${local.padEnd(22)}${remote.padEnd(22)}${'none/none'.padEnd(21)}${sa.state}`,
    algorithmsLine(sa),
    `${INDENT}Life/Active Time: ${sa.lifetimeSeconds}/${sa.activeSeconds} sec`,
  );
}

function statusDescription(sa: IkeSaView, initiator: boolean): string {
  if (sa.state === 'READY') return 'Negotiation done';
  if (sa.state === 'IN-NEG')
    return initiator ? 'Initiator waiting for AUTH response' : 'Responder waiting for AUTH request';
  if (sa.state === 'DELETE') return 'Deleting IKE SA';
  return sa.state;
}

/** `Local req msg id:  0              Remote req msg id:  0`: the lab's SAs exchange no messages after AUTH. */
function messageIdLine(label: string, value: number): string {
  return `${INDENT}${`Local ${label}`.padEnd(19)}${String(value).padEnd(15)}${`Remote ${label}`.padEnd(20)}${value}`;
}

/** The lines `detailed` adds, in the order of the IOS-XE 16 captures. */
function pushDetailLines(lines: string[], sa: IkeSaView, initiator: boolean): void {
  const [initiatorAddress, responderAddress] = initiator ? [sa.local, sa.remote] : [sa.remote, sa.local];
  const localSpi = ikev2Spi(initiatorAddress, responderAddress, initiator ? 'initiator' : 'responder');
  const remoteSpi = ikev2Spi(initiatorAddress, responderAddress, initiator ? 'responder' : 'initiator');
  lines.push(
    `${INDENT}CE id: 0, Session-id: ${ikev2SessionId(sa.connId)}`,
    `${INDENT}Local spi: ${localSpi}       Remote spi: ${remoteSpi}`,
    `${INDENT}Status Description: ${statusDescription(sa, initiator)}`,
    `${INDENT}Local id: ${sa.local}`,
    `${INDENT}Remote id: ${sa.remote}`,
    messageIdLine('req msg id:', 0),
    messageIdLine('next msg id:', 0),
    messageIdLine('req queued:', 0),
    messageIdLine('window:', 5),
    `${INDENT}DPD configured for 0 seconds, retry 0`,
    `${INDENT}Fragmentation not  configured.`,
    `${INDENT}Dynamic Route Update: enabled`,
    `${INDENT}Extended Authentication not configured.`,
    sa.natT ? `${INDENT}NAT-T is detected ${natSide(sa)}` : `${INDENT}NAT-T is not detected`,
    `${INDENT}Cisco Trust Security SGT is disabled`,
    `${INDENT}Initiator of SA : ${initiator ? 'Yes' : 'No'}`,
  );
}

function render(state: RouterState, initiatedLocally: InitiatedLocally | null): string {
  const lines = [IPV4_SECTION, ''];
  for (const sa of state.ikeSas) {
    if (sa.version !== 'v2') continue;
    pushSaRows(lines, sa);
    if (initiatedLocally) pushDetailLines(lines, sa, initiatedLocally(sa));
    lines.push('');
  }
  lines.push(IPV6_SECTION, '');
  return `${lines.join('\n')}\n`;
}

/** IPv4 SAs only: the lab's underlay is IPv4, so the IPv6 section is always empty. */
export function renderShowCryptoIkev2Sa(state: RouterState): string {
  return render(state, null);
}

export function renderShowCryptoIkev2SaDetailed(state: RouterState): string {
  return render(state, ikeInitiators(state));
}
