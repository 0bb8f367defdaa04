// The attribute lines printed under an IKEv2 SA row by `show crypto ikev2 sa [detailed]` (`Encr:`, `Life/Active
// Time:`, `Local spi:`, ... `NAT-T is detected inside`), each applied to the SA it follows.

import type { IkeAlgorithms, IkeSa, Ikev2MessageIds, Ikev2SaDetail } from '../model/records/ike.js';
import { words } from './common/lines.js';
import { isDigits } from './common/numbers.js';
import { newAlgorithms } from './show-crypto-isakmp-sa.js';

const LIFE_ACTIVE = /^Life\/Active Time:\s*(\d+)\/(\d+) sec$/;
const CE_SESSION = /^CE id:\s*(\d+),\s*Session-id:\s*(\d+)$/;
const SPIS = /^Local spi:\s*([0-9A-Fa-f]+)\s+Remote spi:\s*([0-9A-Fa-f]+)$/;
const SYS_IDS = /^Local Sys Id:\s*(\S+)\s+Remote Sys Id:\s*(\S+)$/;
const DPD = /^DPD configured for (\d+) seconds, retry (\d+)$/;
/** `Local req msg id:  214   Remote req msg id:  6`, `Local window: 5  Remote window: 5`, ... */
const MESSAGE_PAIR = /^Local (req msg id|next msg id|req queued|window):\s*(\d+)\s+Remote \1:\s*(\d+)$/;
const MESSAGE_FIELDS: Record<string, [keyof Ikev2MessageIds, keyof Ikev2MessageIds]> = {
  'req msg id': ['localRequest', 'remoteRequest'],
  'next msg id': ['localNext', 'remoteNext'],
  'req queued': ['localQueued', 'remoteQueued'],
  window: ['localWindow', 'remoteWindow'],
};
/** What IOS prints for an algorithm not negotiated yet (IN-NEG): `Encr: Unknown - 0`, `DH Grp:0`. */
const NOT_NEGOTIATED = 'Unknown - 0';

function algorithms(sa: IkeSa): IkeAlgorithms {
  if (!sa.algorithms) {
    // v2 prints the QR flag on this line when quantum resistance is on: without it, it is off.
    sa.algorithms = newAlgorithms();
    sa.algorithms.quantumResistance = false;
  }
  return sa.algorithms;
}

function detail(sa: IkeSa): Ikev2SaDetail {
  sa.detail ??= {
    statusDescription: null,
    localId: null,
    remoteId: null,
    messageIds: null,
    dpd: null,
    fragmentation: null,
    dynamicRouteUpdate: null,
    extendedAuthentication: null,
    ctsSgt: null,
    pushedAddress: null,
    remoteSubnets: [],
    peerType: null,
    localSysId: null,
    remoteSysId: null,
  };
  return sa.detail;
}

function messageIds(sa: IkeSa): Ikev2MessageIds {
  const lines = detail(sa);
  lines.messageIds ??= {
    localRequest: null,
    remoteRequest: null,
    localNext: null,
    remoteNext: null,
    localQueued: null,
    remoteQueued: null,
    localWindow: null,
    remoteWindow: null,
  };
  return lines.messageIds;
}

/** `Encr: AES-CBC, keysize: 128, PRF: SHA1, Hash: SHA96, DH Grp:16, Auth sign: PSK, Auth verify: PSK[, QR]`. */
function applyAlgorithms(text: string, sa: IkeSa): boolean {
  const printed = algorithms(sa);
  let understood = true;
  for (const part of text.split(',')) {
    const colon = part.indexOf(':');
    const name = part.slice(0, colon).trim();
    const value = part.slice(colon + 1).trim();
    const known = value === NOT_NEGOTIATED ? null : value;
    if (colon < 0 && part.trim() === 'QR') printed.quantumResistance = true;
    else if (name === 'Encr') printed.encryption = known;
    else if (name === 'keysize' && isDigits(value)) printed.keySize = Number(value);
    else if (name === 'PRF') printed.prf = known;
    else if (name === 'Hash') printed.hash = known;
    else if (name === 'DH Grp' && isDigits(value)) printed.dhGroup = value === '0' ? null : Number(value);
    else if (name === 'Auth sign') printed.authSign = known;
    else if (name === 'Auth verify') printed.authVerify = known;
    else understood = false;
  }
  return understood;
}

/** `NAT-T is not detected`, `NAT-T is detected inside`, `NAT-T is detected  outside`. */
function applyNat(tokens: readonly string[], sa: IkeSa): boolean {
  if (tokens[2] === 'not' && tokens[3] === 'detected' && tokens.length === 4) {
    sa.natTraversal = false;
    return true;
  }
  if (tokens[2] !== 'detected') return false;
  const side = tokens[3];
  if (side !== undefined && side !== 'inside' && side !== 'outside') return false;
  sa.natTraversal = true;
  sa.natSide = side ?? null;
  return true;
}

/** The phrase after a leading label, trailing period dropped and spaces collapsed: `not  configured.` -> `not configured`. */
function phrase(text: string, label: string): string {
  return text.slice(label.length).replace(/\.$/, '').trim().replace(/\s+/g, ' ');
}

function afterColon(text: string): string {
  return text.slice(text.indexOf(':') + 1).trim();
}

/** One attribute line of the current SA; false when the line is not one this parser knows. */
export function applyAttribute(text: string, sa: IkeSa): boolean {
  let match: RegExpExecArray | null;
  switch (text.charCodeAt(0)) {
    case 69: // E
      if (text.startsWith('Encr:')) return applyAlgorithms(text, sa);
      if (text.startsWith('Extended Authentication ')) {
        detail(sa).extendedAuthentication = phrase(text, 'Extended Authentication');
        return true;
      }
      return false;
    case 76: // L
      if ((match = LIFE_ACTIVE.exec(text))) {
        sa.lifetimeSeconds = Number(match[1]);
        sa.activeSeconds = Number(match[2]);
        return true;
      }
      if ((match = SPIS.exec(text))) {
        sa.localSpi = match[1]!;
        sa.remoteSpi = match[2]!;
        return true;
      }
      if (text.startsWith('Local id:')) {
        detail(sa).localId = afterColon(text);
        return true;
      }
      if ((match = MESSAGE_PAIR.exec(text))) {
        const [local, remote] = MESSAGE_FIELDS[match[1]!]!;
        const ids = messageIds(sa);
        ids[local] = Number(match[2]);
        ids[remote] = Number(match[3]);
        return true;
      }
      if ((match = SYS_IDS.exec(text))) {
        detail(sa).localSysId = match[1]!;
        detail(sa).remoteSysId = match[2]!;
        return true;
      }
      return false;
    case 82: // R
      if (text.startsWith('Remote id:')) {
        detail(sa).remoteId = afterColon(text);
        return true;
      }
      return false;
    case 67: // C
      if ((match = CE_SESSION.exec(text))) {
        sa.ceId = Number(match[1]);
        sa.sessionId = Number(match[2]);
        return true;
      }
      if (text.startsWith('Cisco Trust Security SGT is ')) {
        detail(sa).ctsSgt = phrase(text, 'Cisco Trust Security SGT is');
        return true;
      }
      return false;
    case 83: // S
      if (text.startsWith('Status Description:')) {
        detail(sa).statusDescription = afterColon(text);
        return true;
      }
      return false;
    case 68: // D
      if ((match = DPD.exec(text))) {
        detail(sa).dpd = { intervalSeconds: Number(match[1]), retries: Number(match[2]) };
        return true;
      }
      if (text.startsWith('Dynamic Route Update:')) {
        detail(sa).dynamicRouteUpdate = afterColon(text);
        return true;
      }
      return false;
    case 70: // F
      if (text.startsWith('Fragmentation ')) {
        detail(sa).fragmentation = phrase(text, 'Fragmentation');
        return true;
      }
      return false;
    case 78: // N
      return text.startsWith('NAT-T is ') && applyNat(words(text), sa);
    case 73: // I
      if (text.startsWith('Initiator of SA')) {
        const answer = afterColon(text);
        sa.initiator = answer === 'Yes' ? true : answer === 'No' ? false : null;
        return sa.initiator !== null;
      }
      return false;
    case 80: // P
      if (text.startsWith('PQC Key Exchange:')) {
        algorithms(sa).pqcKeyExchange = afterColon(text);
        return true;
      }
      if (text.startsWith('Pushed IP address:')) {
        detail(sa).pushedAddress = afterColon(text);
        return true;
      }
      if (text.startsWith('PEER TYPE:')) {
        detail(sa).peerType = afterColon(text);
        return true;
      }
      return false;
    case 81: // Q: `Quantum Resistance Enabled`, `Quantum-Safe Encryption using PPK is enabled`
      if (text.startsWith('Quantum')) {
        algorithms(sa).quantumResistance = /enabled$/i.test(text);
        return true;
      }
      return false;
    default:
      return false;
  }
}

/** `Remote subnets:`, followed by one `address mask` line per subnet. */
export function startsRemoteSubnets(sa: IkeSa): boolean {
  detail(sa);
  return true;
}

/** `10.0.0.0 255.0.0.0`, one line under `Remote subnets:`. */
export function addRemoteSubnet(sa: IkeSa, subnet: string): boolean {
  detail(sa).remoteSubnets.push(subnet);
  return true;
}
