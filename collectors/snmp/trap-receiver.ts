// The SNMP notification receiver (net-snmp): SNMPv2c traps and informs, SNMPv3 authPriv ones, and SNMPv1 traps turned
// into their SNMPv2 form (RFC 3584). Each notification names its router: a real router by its source address, the
// lab's routers (which all send from one address) by the community `COMMUNITY@hostname` or the v3 contextName.

import dgram from 'node:dgram';
import { isIPv6 } from 'node:net';

import snmp from 'net-snmp';

import type { Secret } from '../inventory/secret.js';
import { isAddressObject, notificationName, objectOf } from './mib-names.js';
import { address, counter64, octetText, plainValue, typeName, type SnmpValueType } from './values.js';

export interface TrapUser {
  name: string;
  authProtocol: 'sha' | 'md5' | 'sha256';
  authKey: Secret | string;
  privProtocol: 'aes' | 'des';
  privKey: Secret | string;
}

export interface NotificationVarbind {
  oid: string;
  /** `cipSecEndPtRemoteAddr1`; null for an object this receiver has no name for. */
  name: string | null;
  /** The instance after the object's OID (`95.1`); empty when the object is unknown. */
  instance: string;
  type: SnmpValueType;
  /** Address objects as dotted text, other OCTET STRINGs as text (or hex when binary), Counter64 as bigint. */
  value: number | bigint | string | null;
}

export interface ReceivedNotification {
  source: { address: string; port: number };
  router: string;
  version: '1' | '2c' | '3';
  /** The SNMPv3 user; null for community-based notifications. */
  user: string | null;
  trapOid: string;
  /** `linkDown`, `cneNotifNextHopRegServerDown`, `cipSecTunnelStop`...; the OID when unknown. */
  name: string;
  /** The router's sysUpTime.0, seconds. */
  upTimeSeconds: number | null;
  /** The notification's objects, without sysUpTime.0 and snmpTrapOID.0. */
  varbinds: NotificationVarbind[];
  /** Milliseconds since the epoch. */
  receivedAt: number;
}

export interface RejectedNotification {
  source: { address: string; port: number };
  reason: string;
  receivedAt: number;
}

export interface TrapReceiverOptions {
  /** Address to listen on (default 0.0.0.0). */
  host?: string;
  /** UDP port; 0 picks a free one (default 162). */
  port?: number;
  /** v2c/v1 communities accepted, alone or as `COMMUNITY@hostname`. */
  communities: readonly (Secret | string)[];
  /** SNMPv3 users accepted (authPriv). */
  users: readonly TrapUser[];
  /** Names the router behind a source address; the address itself names it otherwise. */
  deviceByAddress?: (address: string) => string | undefined;
  onNotification(notification: ReceivedNotification): void;
  onRejected?(rejection: RejectedNotification): void;
}

export interface TrapReceiverStats {
  received: number;
  /** Wrong community, unknown user or keys, malformed packets, other PDU types. */
  rejected: number;
  listenerErrors: number;
}

export interface RunningTrapReceiver {
  port: number;
  stats(): TrapReceiverStats;
  close(): Promise<void>;
}

const SYS_UPTIME_0 = '1.3.6.1.2.1.1.3.0';
const SNMP_TRAP_OID_0 = '1.3.6.1.6.3.1.1.4.1.0';
const GENERIC_TRAPS = '1.3.6.1.6.3.1.1.5';
const ENTERPRISE_SPECIFIC = 6;

interface TrapPdu {
  type: number;
  varbinds: snmp.Varbind[];
  community?: string;
  user?: string;
  contextName?: string;
  enterprise?: string;
  generic?: number;
  specific?: number;
  upTime?: number;
}

function reveal(value: Secret | string): string {
  return typeof value === 'string' ? value : value.reveal();
}

export function netSnmpUser(user: TrapUser): snmp.User {
  return {
    name: user.name,
    level: snmp.SecurityLevel.authPriv,
    authProtocol: snmp.AuthProtocols[user.authProtocol],
    authKey: reveal(user.authKey),
    privProtocol: snmp.PrivProtocols[user.privProtocol],
    privKey: reveal(user.privKey),
  };
}

export async function startTrapReceiver(options: TrapReceiverOptions): Promise<RunningTrapReceiver> {
  const host = options.host ?? '0.0.0.0';
  const communities = options.communities.map(reveal);
  const userNames = new Set(options.users.map((user) => user.name));
  const stats: TrapReceiverStats = { received: 0, rejected: 0, listenerErrors: 0 };
  const deviceByAddress = options.deviceByAddress ?? (() => undefined);

  function reject(source: { address: string; port: number }, reason: string): void {
    stats.rejected += 1;
    options.onRejected?.({ source, reason, receivedAt: Date.now() });
  }

  function routerOf(pdu: TrapPdu, from: string): string | { rejected: string } {
    if (pdu.user !== undefined) {
      if (!userNames.has(pdu.user)) return { rejected: `SNMPv3 user "${pdu.user}" is not accepted` };
      return pdu.contextName || deviceByAddress(from) || from;
    }
    const community = pdu.community ?? '';
    for (const accepted of communities) {
      if (community === accepted) return deviceByAddress(from) ?? from;
      if (community.startsWith(`${accepted}@`) && community.length > accepted.length + 1) {
        return community.slice(accepted.length + 1);
      }
    }
    return { rejected: 'community not accepted' };
  }

  function onPacket(error: Error | null, data: { pdu: TrapPdu; rinfo: dgram.RemoteInfo } | null): void {
    const receivedAt = Date.now();
    if (error || !data) {
      const rinfo = (error as { rinfo?: dgram.RemoteInfo } | null)?.rinfo;
      reject({ address: rinfo?.address ?? '', port: rinfo?.port ?? 0 }, error?.message ?? 'no notification');
      return;
    }
    const source = { address: data.rinfo.address, port: data.rinfo.port };
    const router = routerOf(data.pdu, source.address);
    if (typeof router !== 'string') {
      reject(source, router.rejected);
      return;
    }
    const notification = decodeNotification(data.pdu, source, router, receivedAt);
    if (!notification) {
      reject(source, 'no snmpTrapOID.0 in the notification');
      return;
    }
    stats.received += 1;
    try {
      options.onNotification(notification);
    } catch {
      stats.listenerErrors += 1;
    }
  }

  // net-snmp reads a port of 0 as "the default" (162): the socket is bound here to the port asked for, 0 included.
  // Its own authorization (which also checks SNMPv3 digests: it must stay on) knows only exact communities; the first
  // listener of the socket admits each `COMMUNITY@hostname` of an accepted community before net-snmp reads the packet.
  let socket: dgram.Socket | undefined;
  let admit: (packet: Buffer) => void = () => undefined;
  const requestedPort = options.port ?? 162;
  const dgramModule = {
    createSocket(type: dgram.SocketType): dgram.Socket {
      const created = dgram.createSocket(type);
      const bind = created.bind.bind(created);
      created.bind = ((_port: number, bindAddress: string) =>
        bind(requestedPort, bindAddress)) as typeof created.bind;
      created.on('message', (packet: Buffer) => admit(packet));
      socket = created;
      return created;
    },
  };
  const receiver = snmp.createReceiver(
    {
      address: host,
      port: requestedPort || 162,
      transport: isIPv6(host) ? 'udp6' : 'udp4',
      includeAuthentication: true,
      dgramModule,
    },
    onPacket,
  );
  const authorizer = receiver.getAuthorizer();
  for (const community of communities) authorizer.addCommunity(community);
  admit = (packet) => {
    const community = communityOf(packet);
    if (community === undefined || authorizer.getCommunity(community)) return;
    if (communities.some((accepted) => community.startsWith(`${accepted}@`)))
      authorizer.addCommunity(community);
  };
  for (const user of options.users) receiver.getAuthorizer().addUser(netSnmpUser(user));
  const bound = socket!;
  await new Promise<void>((resolve, reject) => {
    bound.once('listening', resolve);
    bound.once('error', reject);
  });

  let closing: Promise<void> | null = null;
  return {
    port: bound.address().port,
    stats: () => ({ ...stats }),
    close() {
      closing ??= new Promise((resolve) => receiver.close(() => resolve()));
      return closing;
    },
  };
}

/** The notification of a PDU in its SNMPv2 form; undefined when it has no trap OID. */
function decodeNotification(
  pdu: TrapPdu,
  source: { address: string; port: number },
  router: string,
  receivedAt: number,
): ReceivedNotification | undefined {
  let trapOid: string | undefined;
  let upTime: number | null = null;
  let objects = pdu.varbinds;
  const version = pdu.user !== undefined ? '3' : pdu.type === snmp.PduType.Trap ? '1' : '2c';
  if (pdu.type === snmp.PduType.Trap) {
    const generic = pdu.generic ?? ENTERPRISE_SPECIFIC;
    // RFC 3584 3.1: enterprise.0.specific. Some senders (net-snmp among them) already end the enterprise with `.0`.
    const prefix = pdu.enterprise?.endsWith('.0') ? pdu.enterprise : `${pdu.enterprise}.0`;
    trapOid =
      generic === ENTERPRISE_SPECIFIC ? `${prefix}.${pdu.specific}` : `${GENERIC_TRAPS}.${generic + 1}`;
    upTime = typeof pdu.upTime === 'number' ? pdu.upTime : null;
  } else {
    const uptimeVarbind = objects.find((varbind) => varbind.oid === SYS_UPTIME_0);
    const trapOidVarbind = objects.find((varbind) => varbind.oid === SNMP_TRAP_OID_0);
    if (typeof trapOidVarbind?.value === 'string') trapOid = trapOidVarbind.value;
    if (typeof uptimeVarbind?.value === 'number') upTime = uptimeVarbind.value;
    objects = objects.filter((varbind) => varbind !== uptimeVarbind && varbind !== trapOidVarbind);
  }
  if (!trapOid) return undefined;
  return {
    source,
    router,
    version,
    user: pdu.user ?? null,
    trapOid,
    name: notificationName(trapOid),
    upTimeSeconds: upTime === null ? null : upTime / 100,
    varbinds: objects.map(decodeVarbind),
    receivedAt,
  };
}

/** The community of an SNMPv1/v2c message (`SEQUENCE { version, community, pdu }`); undefined for v3 or garbage. */
export function communityOf(packet: Buffer): string | undefined {
  let position = 0;
  const header = (tag: number): number | undefined => {
    if (packet[position] !== tag) return undefined;
    let length = packet[position + 1];
    position += 2;
    if (length === undefined) return undefined;
    if (length & 0x80) {
      const bytes = length & 0x7f;
      if (bytes === 0 || bytes > 4) return undefined;
      length = 0;
      for (let i = 0; i < bytes; i++) length = length * 256 + (packet[position + i] ?? 0);
      position += bytes;
    }
    return length;
  };
  if (header(0x30) === undefined) return undefined;
  const versionLength = header(0x02);
  if (versionLength !== 1 || packet[position]! > 1) return undefined;
  position += versionLength;
  const communityLength = header(0x04);
  if (communityLength === undefined || position + communityLength > packet.length) return undefined;
  return packet.toString('latin1', position, position + communityLength);
}

export function decodeVarbind(varbind: snmp.Varbind): NotificationVarbind {
  const { name, instance } = objectOf(varbind.oid);
  const type = typeName(varbind.type);
  let value: NotificationVarbind['value'];
  if (type === 'OctetString' && isAddressObject(name)) value = address(varbind.value);
  else if (type === 'OctetString') value = octetText(varbind.value);
  else if (type === 'Counter64') value = counter64(varbind.value);
  else value = plainValue(varbind);
  return { oid: varbind.oid, name, instance, type, value };
}
