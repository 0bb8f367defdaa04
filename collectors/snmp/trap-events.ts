// The tunnel state edges SNMP notifications report: NHRP next hops (cneNotifNextHop*), IPsec and IKE tunnels
// (cipSecTunnelStart/Stop, cikeTunnelStart/Stop), interfaces (linkUp/linkDown) and the state-change log messages a
// router also sends as clogMessageGenerated.

import type { ReportedTunnelEvent } from '../../model/tunnel-event.js';
import { syslogDetail } from '../../parsers/syslog.js';
import { edgeOfDetail, interfaceLayer, reportedEvent, type TunnelEdge } from '../syslog/tunnel-events.js';
import type { NotificationVarbind, ReceivedNotification } from './trap-receiver.js';

/** Names an interface of a router by its ifIndex (from a poll of its ifTable), when known. */
export type InterfaceByIndex = (router: string, ifIndex: number) => string | undefined;

const IF_TYPE_TUNNEL = 131;

/** CiscoNextHopDownReasonCode. */
const DOWN_REASONS = [
  '',
  'administrative',
  'registrationFailure',
  'resolutionFailure',
  'purgeReceived',
  'normalExpiry',
  'external',
  'other',
];
/** CiscoNhrpErrorCode (0: IOS's "no error"). */
const NHRP_ERRORS: Record<number, string> = {
  0: 'no error',
  1: 'unrecogExtension',
  3: 'loopDetected',
  4: 'adminProhibited',
  5: 'insufficientResources',
  6: 'addressUnreachable',
  7: 'protocolError',
  8: 'sduSizeExceeded',
  9: 'invalidExtension',
  10: 'invalidResReply',
  11: 'authFailure',
  12: 'noAddressBinding',
  13: 'bindingNotUnique',
  14: 'uniqueInternetworkAddrRegd',
  15: 'hopCountExceeded',
  256: 'other',
};
/** cipSecTunHistTermReason / cikeTunHistTermReason. */
const TERM_REASONS = [
  '',
  'other',
  'normal',
  'operRequest',
  'peerDelRequest',
  'peerLost',
  'localFailure',
  'checkPointReq',
];

/** Which objects of an NHRP notification hold the next hop's addresses. */
const NEXT_HOP_OBJECTS: Record<string, { tunnel: string; nbma: string }> = {
  cneNotifNextHopRegServer: { tunnel: 'nhrpClientNhsInternetworkAddr', nbma: 'nhrpClientNhsNbmaAddr' },
  cneNotifNextHopRegClient: { tunnel: 'nhrpServerNhcInternetworkAddr', nbma: 'nhrpServerNhcNbmaAddr' },
  cneNotifNextHopPeer: { tunnel: 'nhrpCacheNextHopInternetworkAddr', nbma: 'nhrpCacheNbmaAddr' },
};

function find(notification: ReceivedNotification, name: string): NotificationVarbind | undefined {
  return notification.varbinds.find((varbind) => varbind.name === name);
}

function text(notification: ReceivedNotification, name: string): string | null {
  const value = find(notification, name)?.value;
  return typeof value === 'string' && value !== '' ? value : null;
}

function number(notification: ReceivedNotification, name: string): number | null {
  const value = find(notification, name)?.value;
  return typeof value === 'number' ? value : null;
}

/** The ifIndex in an nhrpCacheTable-style row index (`addrType.len.a.b.c.d.ifIndex.cacheIndex`). */
function cacheRowIfIndex(instance: string): number | null {
  const parts = instance.split('.').map(Number);
  const length = parts[1];
  if (length === undefined) return null;
  const ifIndex = parts[2 + length];
  return ifIndex === undefined || Number.isNaN(ifIndex) ? null : ifIndex;
}

function nextHopEdge(
  notification: ReceivedNotification,
  interfaceByIndex: InterfaceByIndex,
): TunnelEdge | null {
  const match = /^(cneNotifNextHop(?:RegServer|RegClient|Peer))(Up|Down)$/.exec(notification.name);
  if (!match) return null;
  const objects = NEXT_HOP_OBJECTS[match[1]!]!;
  const up = match[2] === 'Up';
  const cacheRow = notification.varbinds.find((varbind) =>
    /^nhrp(Cache|ServerCache)/.test(varbind.name ?? ''),
  );
  const ifIndex = cacheRow ? cacheRowIfIndex(cacheRow.instance) : null;
  let reason: string | null = null;
  if (!up) {
    const code = number(notification, 'cneNextHopDownReason');
    const error = number(notification, 'cneNHRPException');
    const words = [code === null ? null : DOWN_REASONS[code] || `reason ${code}`];
    if (error !== null) words.push(`(${NHRP_ERRORS[error] ?? `NHRP error ${error}`})`);
    reason = words.filter(Boolean).join(' ') || null;
  }
  return {
    interface: ifIndex === null ? '' : (interfaceByIndex(notification.router, ifIndex) ?? ''),
    kind: up ? 'up' : 'down',
    layer: 'nhrp',
    peerNbma: text(notification, objects.nbma),
    peerTunnel: text(notification, objects.tunnel),
    reason,
  };
}

function termReason(notification: ReceivedNotification, name: string): string | null {
  const code = number(notification, name);
  return code === null ? null : TERM_REASONS[code] || `reason ${code}`;
}

function cryptoEdge(notification: ReceivedNotification): TunnelEdge | null {
  const crypto = (up: boolean, peer: string | null, reason: string | null): TunnelEdge => ({
    interface: '',
    kind: up ? 'up' : 'down',
    layer: 'crypto',
    peerNbma: peer,
    peerTunnel: null,
    reason,
  });
  switch (notification.name) {
    case 'cipSecTunnelStart':
      return crypto(true, text(notification, 'cipSecEndPtRemoteAddr1'), null);
    case 'cipSecTunnelStop':
      return crypto(
        false,
        text(notification, 'cipSecEndPtHistRemoteAddr1') ?? text(notification, 'cipSecEndPtRemoteAddr1'),
        termReason(notification, 'cipSecTunHistTermReason'),
      );
    case 'cikeTunnelStart':
      return crypto(true, text(notification, 'cikePeerRemoteAddr'), null);
    case 'cikeTunnelStop':
      return crypto(
        false,
        text(notification, 'cikePeerRemoteAddr'),
        termReason(notification, 'cikeTunHistTermReason'),
      );
    default:
      return null;
  }
}

function linkEdge(notification: ReceivedNotification, interfaceByIndex: InterfaceByIndex): TunnelEdge | null {
  if (notification.name !== 'linkUp' && notification.name !== 'linkDown') return null;
  const ifIndex = number(notification, 'ifIndex');
  const name =
    text(notification, 'ifDescr') ??
    text(notification, 'ifName') ??
    (ifIndex === null ? null : (interfaceByIndex(notification.router, ifIndex) ?? `ifIndex ${ifIndex}`)) ??
    '';
  const reason = text(notification, 'locIfReason');
  const up = notification.name === 'linkUp';
  const isTunnel = number(notification, 'ifType') === IF_TYPE_TUNNEL || interfaceLayer(name) === 'tunnel';
  return {
    interface: name,
    kind: up ? 'up' : 'down',
    layer: isTunnel ? 'tunnel' : 'interface',
    peerNbma: null,
    peerTunnel: null,
    reason: reason === null || reason === (up ? 'up' : 'down') ? null : reason,
  };
}

function logEdge(notification: ReceivedNotification): TunnelEdge | null {
  if (notification.name !== 'clogMessageGenerated') return null;
  const facility = text(notification, 'clogHistFacility');
  const mnemonic = text(notification, 'clogHistMsgName');
  const message = text(notification, 'clogHistMsgText');
  if (!facility || !mnemonic || message === null) return null;
  return edgeOfDetail(syslogDetail(facility, mnemonic, message));
}

/** The notification in one line: its name and its objects. */
export function describeNotification(notification: ReceivedNotification): string {
  const objects = notification.varbinds.map((varbind) => {
    const name = varbind.name
      ? `${varbind.name}${varbind.instance ? `.${varbind.instance}` : ''}`
      : varbind.oid;
    return `${name}=${String(varbind.value)}`;
  });
  return [notification.name, ...objects].join(' ');
}

/** The tunnel event a notification reports; null for notifications that are no tunnel state change. */
export function tunnelEventFromTrap(
  notification: ReceivedNotification,
  interfaceByIndex: InterfaceByIndex = () => undefined,
): ReportedTunnelEvent | null {
  const found =
    nextHopEdge(notification, interfaceByIndex) ??
    cryptoEdge(notification) ??
    linkEdge(notification, interfaceByIndex) ??
    logEdge(notification);
  if (!found) return null;
  return reportedEvent(found, {
    device: notification.router,
    at: notification.receivedAt,
    receivedAt: notification.receivedAt,
    source: 'trap',
    raw: describeNotification(notification),
  });
}
