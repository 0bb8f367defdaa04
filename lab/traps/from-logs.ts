// The SNMP traps a Cisco IOS-XE router sends for the messages of its log: NHRP next hop up/down
// (CISCO-NHRP-EXT-MIB), interface line protocol up/down (IF-MIB linkUp/linkDown in IOS's own varbind form), IPsec
// Phase-2 tunnel start/stop (CISCO-IPSEC-FLOW-MONITOR-MIB) and clogMessageGenerated (CISCO-SYSLOG-MIB). The shapes
// follow the decoded snmptrapd capture of a C8000v and the MIBs' OBJECTS clauses (see knowledge/snmp and mibs).
// Lab code: the few regexes are here, not borrowed from parsers/.

import type { RouterState } from '../model/state.js';
import { RouterIndexes } from './indexes.js';
import { ipv4Octets, notification, type TrapNotification, type Varbind } from './notification.js';
import { CNE, DOWN_REASON, IF, IF_TYPE, IPSEC, IPV4_FAMILY, NHRP, SYSLOG, TRUE } from './oids.js';

export interface TrapOptions {
  /**
   * `logging history <level>`: clogMessageGenerated goes out for messages of this syslog level or more severe. IOS's
   * default is warnings (4), which is why the capture shows clog traps only for `%DMVPN-3-DMVPN_NHRP_ERROR` and none
   * for the notices around it; 7 (debugging) sends one for every message.
   */
  historyLevel?: number;
  /** `ip nhrp holdtime` of the spoke (nhrpClientHoldTime of cneNotifNextHopRegServerUp). */
  nhrpHoldTimeSeconds?: number;
  /** Negotiated IPsec SA lifetime (cipSecTunLifeTime, seconds) and life size (cipSecTunLifeSize, KB). */
  ipsecLifetimeSeconds?: number;
  ipsecLifeSizeKb?: number;
}

const DEFAULTS: Required<TrapOptions> = {
  historyLevel: 4,
  nhrpHoldTimeSeconds: 300,
  ipsecLifetimeSeconds: 3600,
  ipsecLifeSizeKb: 4608000,
};

/** `%FACILITY-SEVERITY-MNEMONIC: text`; IOS's clogHistMsgText is what follows `: ` (it keeps a second space). */
const SYSLOG_LINE = /^%([A-Z0-9_]+)-([0-7])-([A-Z0-9_]+): (.*)$/s;
const NEXT_HOP =
  /^\s*(\S+): Next Hop (Server|Client|Peer) : \(Tunnel: ([\d.]+) NBMA: ([\d.]+) ?\) for \(Tunnel: ([\d.]+) NBMA: ([\d.]+) ?\) is (UP|DOWN)(?:, Reason: ([^(]*)\((.*)\))?\s*$/;
const LINE_PROTOCOL = /^Line protocol on Interface (\S+), changed state to (up|down)$/;
const CRYPTO_SOCKET = /^\s*(\S+): local address : ([\d.]+) remote address : ([\d.]+) socket is (UP|DOWN)\s*$/;

/** sysUpTime (hundredths) of the router at a lab-clock second. */
export type UptimeAtSecond = (atSeconds: number) => number;

/** The router's sysUpTime at `atSeconds`, from its boot time on the lab clock. */
export function uptimeFromState(state: RouterState): UptimeAtSecond {
  const bootAt = state.atSeconds - state.uptimeSeconds;
  return (atSeconds) => Math.max(0, Math.round((atSeconds - bootAt) * 100));
}

/**
 * The traps `state`'s router sent for its log messages, in log order (one message's own trap before its
 * clogMessageGenerated). Table indexes (ifIndex, NHRP client/server/NHC/cache, IPsec tunnel and history) are
 * allocated consistently over the router's log.
 */
export function trapsFromLogs(
  state: RouterState,
  uptimeAtSecond: UptimeAtSecond = uptimeFromState(state),
  options: TrapOptions = {},
): TrapNotification[] {
  return replayLog(state, uptimeAtSecond, options, new RouterIndexes(state));
}

/** The router's table indexes as its log allocated them: the ones its agent's rows must carry too. */
export function indexesFromLogs(state: RouterState): RouterIndexes {
  const indexes = new RouterIndexes(state);
  replayLog(state, uptimeFromState(state), {}, indexes);
  return indexes;
}

function replayLog(
  state: RouterState,
  uptimeAtSecond: UptimeAtSecond,
  options: TrapOptions,
  indexes: RouterIndexes,
): TrapNotification[] {
  const settings = { ...DEFAULTS, ...options };
  const traps: TrapNotification[] = [];
  let historyIndex = 0;
  const logs = state.logs.map((log, order) => ({ log, order }));
  logs.sort((a, b) => a.log.atSeconds - b.log.atSeconds || a.order - b.order);
  for (const { log } of logs) {
    const line = SYSLOG_LINE.exec(log.text);
    if (!line) continue;
    const [, facility = '', level = '7', mnemonic = '', text = ''] = line;
    const at = log.atSeconds;
    const upTime = uptimeAtSecond(at);
    const own = (trapOid: string, objects: Varbind[]): void => {
      traps.push(notification(state.hostname, at, upTime, trapOid, objects));
    };
    const tag = `${facility}-${mnemonic}`;
    if (tag === 'DMVPN-NHRP_NHS_UP' || tag === 'DMVPN-NHRP_NHS_DOWN') {
      const hop = nextHop(text);
      if (hop) own(...serverTrap(hop, indexes, settings));
    } else if (tag === 'DMVPN-NHRP_NHC_UP' || tag === 'DMVPN-NHRP_NHC_DOWN') {
      const hop = nextHop(text);
      if (hop) own(...clientTrap(hop, indexes));
    } else if (tag === 'DMVPN-NHRP_NHP_UP' || tag === 'DMVPN-NHRP_NHP_DOWN') {
      const hop = nextHop(text);
      if (hop) own(...peerTrap(hop, indexes));
    } else if (tag === 'LINEPROTO-UPDOWN') {
      const change = LINE_PROTOCOL.exec(text.trim());
      if (change) own(...linkTrap(change[1] ?? '', change[2] === 'up', indexes));
    } else if (tag === 'DMVPN-CRYPTO_SS') {
      const socket = CRYPTO_SOCKET.exec(text);
      if (socket) {
        const [, iface = '', local = '', remote = '', status] = socket;
        own(...ipsecTrap(iface, local, remote, status === 'UP', at, indexes, settings));
      }
    }
    const severity = Number(level);
    if (severity <= settings.historyLevel) {
      historyIndex += 1;
      own(SYSLOG.clogMessageGenerated, [
        { oid: `${SYSLOG.clogHistFacility}.${historyIndex}`, type: 'OctetString', value: facility },
        // SyslogSeverity is the syslog level + 1 (error(4) for a -3- message, as in the capture).
        { oid: `${SYSLOG.clogHistSeverity}.${historyIndex}`, type: 'Integer', value: severity + 1 },
        { oid: `${SYSLOG.clogHistMsgName}.${historyIndex}`, type: 'OctetString', value: mnemonic },
        { oid: `${SYSLOG.clogHistMsgText}.${historyIndex}`, type: 'OctetString', value: text },
        { oid: `${SYSLOG.clogHistTimestamp}.${historyIndex}`, type: 'TimeTicks', value: upTime },
      ]);
    }
  }
  return traps;
}

interface NextHopEvent {
  interface: string;
  /** The next hop the message is about (the NHS, the NHC or the peer). */
  hopTunnel: string;
  hopNbma: string;
  /** This router's own addresses on the tunnel. */
  selfTunnel: string;
  selfNbma: string;
  up: boolean;
  /** `NHRP Registration Failure`, `External` ... and the NHRP error text in its parentheses. */
  reason: string | null;
  error: string | null;
}

function nextHop(text: string): NextHopEvent | null {
  const match = NEXT_HOP.exec(text);
  if (!match) return null;
  const [, iface = '', , hopTunnel = '', hopNbma = '', selfTunnel = '', selfNbma = '', state, reason, error] =
    match;
  return {
    interface: iface,
    hopTunnel,
    hopNbma,
    selfTunnel,
    selfNbma,
    up: state === 'UP',
    reason: reason?.trim() ?? null,
    error: error?.trim() ?? null,
  };
}

/** CiscoNextHopDownReasonCode of the message's `Reason: <text>(...)`. */
function downReason(reason: string | null): number {
  const text = (reason ?? '').toLowerCase();
  if (text.includes('registration failure')) return DOWN_REASON.registrationFailure;
  if (text.includes('resolution')) return DOWN_REASON.resolutionFailure;
  if (text.includes('purge')) return DOWN_REASON.purgeReceived;
  if (text.includes('expir')) return DOWN_REASON.normalExpiry;
  if (text.includes('admin')) return DOWN_REASON.administrative;
  if (text.startsWith('external')) return DOWN_REASON.external;
  return DOWN_REASON.other;
}

/**
 * CiscoNhrpErrorCode of the parenthesised NHRP error: IOS prints the code (`authentication failure (11)`) or, for
 * none, `NHRP: no error`, sent as 0 (the textual convention starts at 1; 0 is IOS's own "no error" code).
 */
function nhrpException(error: string | null): number {
  const text = (error ?? '').toLowerCase();
  const code = /\((\d+)\)/.exec(text);
  if (code) return Number(code[1]);
  const named: [string, number][] = [
    ['unrecognized extension', 1],
    ['loop', 3],
    ['prohibited', 4],
    ['insufficient resources', 5],
    ['unreachable', 6],
    ['generic', 7],
    ['protocol error', 7],
    ['sdu', 8],
    ['invalid extension', 9],
    ['invalid resolution', 10],
    ['authentication', 11],
    ['binding', 12],
  ];
  for (const [words, value] of named) if (text.includes(words)) return value;
  return 0;
}

type TrapParts = [trapOid: string, objects: Varbind[]];

function addressFamily(oid: string): Varbind {
  return { oid, type: 'Integer', value: IPV4_FAMILY };
}
function address(oid: string, dotted: string): Varbind {
  return { oid, type: 'OctetString', value: ipv4Octets(dotted) };
}
function noSubaddress(oid: string): Varbind {
  return { oid, type: 'OctetString', value: new Uint8Array(0) };
}
function downObjects(hop: NextHopEvent): Varbind[] {
  return [
    { oid: `${CNE.nextHopDownReason}.0`, type: 'Integer', value: downReason(hop.reason) },
    { oid: `${CNE.nhrpException}.0`, type: 'Integer', value: nhrpException(hop.error) },
  ];
}

/** The NHRP client row's own tunnel and NBMA addresses, which every next-hop server and peer notification carries. */
function clientAddresses(client: string | number, hop: NextHopEvent): Varbind[] {
  return [
    addressFamily(`${NHRP.clientInternetworkAddrType}.${client}`),
    address(`${NHRP.clientInternetworkAddr}.${client}`, hop.selfTunnel),
    addressFamily(`${NHRP.clientNbmaAddrType}.${client}`),
    address(`${NHRP.clientNbmaAddr}.${client}`, hop.selfNbma),
    noSubaddress(`${NHRP.clientNbmaSubaddr}.${client}`),
  ];
}

/** Spoke side: `NHRP_NHS_UP/DOWN` -> cneNotifNextHopRegServerUp/Down (nhrpClientTable . nhrpClientNhsTable). */
function serverTrap(hop: NextHopEvent, indexes: RouterIndexes, settings: Required<TrapOptions>): TrapParts {
  const client = indexes.nhrpInstance(hop.interface);
  const nhs = `${client}.${indexes.nhs(hop.interface, hop.hopTunnel)}`;
  const objects: Varbind[] = [
    ...clientAddresses(client, hop),
    addressFamily(`${NHRP.clientNhsInternetworkAddrType}.${nhs}`),
    address(`${NHRP.clientNhsInternetworkAddr}.${nhs}`, hop.hopTunnel),
    addressFamily(`${NHRP.clientNhsNbmaAddrType}.${nhs}`),
    address(`${NHRP.clientNhsNbmaAddr}.${nhs}`, hop.hopNbma),
    noSubaddress(`${NHRP.clientNhsNbmaSubaddr}.${nhs}`),
  ];
  if (!hop.up) return [CNE.nextHopRegServerDown, [...objects, ...downObjects(hop)]];
  return [
    CNE.nextHopRegServerUp,
    [
      ...objects,
      { oid: `${NHRP.clientHoldTime}.${client}`, type: 'Gauge32', value: settings.nhrpHoldTimeSeconds },
      // Row {nhrpClientIndex, nhrpClientRegIndex}, one registration per NHS; requestUnique(1): IOS sets the unique
      // flag unless `ip nhrp registration no-unique`.
      { oid: `${NHRP.clientRegUniqueness}.${nhs}`, type: 'Integer', value: 1 },
      { oid: `${NHRP.clientNhsInUse}.${nhs}`, type: 'Integer', value: TRUE },
    ],
  ];
}

/** Hub side: `NHRP_NHC_UP/DOWN` -> cneNotifNextHopRegClientUp/Down (nhrpServerTable . nhrpServerNhcTable). */
function clientTrap(hop: NextHopEvent, indexes: RouterIndexes): TrapParts {
  const server = indexes.nhrpInstance(hop.interface);
  const nhc = `${server}.${indexes.nhc(hop.interface, hop.hopTunnel)}`;
  const cacheRow = `${IPV4_FAMILY}.4.${hop.hopTunnel}.${indexes.ifIndex(hop.interface)}.${indexes.cache(hop.interface, hop.hopTunnel)}`;
  const objects: Varbind[] = [
    addressFamily(`${NHRP.serverInternetworkAddrType}.${server}`),
    address(`${NHRP.serverInternetworkAddr}.${server}`, hop.selfTunnel),
    addressFamily(`${NHRP.serverNbmaAddrType}.${server}`),
    address(`${NHRP.serverNbmaAddr}.${server}`, hop.selfNbma),
    noSubaddress(`${NHRP.serverNbmaSubaddr}.${server}`),
    addressFamily(`${NHRP.serverNhcInternetworkAddrType}.${nhc}`),
    address(`${NHRP.serverNhcInternetworkAddr}.${nhc}`, hop.hopTunnel),
    addressFamily(`${NHRP.serverNhcNbmaAddrType}.${nhc}`),
    address(`${NHRP.serverNhcNbmaAddr}.${nhc}`, hop.hopNbma),
    noSubaddress(`${NHRP.serverNhcNbmaSubaddr}.${nhc}`),
    { oid: `${NHRP.serverNhcPrefixLength}.${nhc}`, type: 'Integer', value: 32 },
  ];
  if (hop.up) {
    return [
      CNE.nextHopRegClientUp,
      [
        ...objects,
        { oid: `${NHRP.serverNhcInUse}.${nhc}`, type: 'Integer', value: TRUE },
        { oid: `${NHRP.serverCacheUniqueness}.${cacheRow}`, type: 'Integer', value: TRUE },
      ],
    ];
  }
  return [
    CNE.nextHopRegClientDown,
    [
      ...objects,
      { oid: `${NHRP.serverCacheUniqueness}.${cacheRow}`, type: 'Integer', value: TRUE },
      ...downObjects(hop),
    ],
  ];
}

/** `NHRP_NHP_UP/DOWN` -> cneNotifNextHopPeerUp/Down (nhrpClientTable . nhrpCacheTable). */
function peerTrap(hop: NextHopEvent, indexes: RouterIndexes): TrapParts {
  const client = indexes.nhrpInstance(hop.interface);
  const cacheRow = `${IPV4_FAMILY}.4.${hop.hopTunnel}.${indexes.ifIndex(hop.interface)}.${indexes.cache(hop.interface, hop.hopTunnel)}`;
  const objects: Varbind[] = [
    ...clientAddresses(client, hop),
    address(`${NHRP.cacheNextHopInternetworkAddr}.${cacheRow}`, hop.hopTunnel),
    addressFamily(`${NHRP.cacheNbmaAddrType}.${cacheRow}`),
    address(`${NHRP.cacheNbmaAddr}.${cacheRow}`, hop.hopNbma),
    noSubaddress(`${NHRP.cacheNbmaSubaddr}.${cacheRow}`),
  ];
  if (!hop.up) return [CNE.nextHopPeerDown, [...objects, ...downObjects(hop)]];
  // resolveAuthoritative(3): a DMVPN peer entry is learnt from a resolution reply of the peer itself.
  return [
    CNE.nextHopPeerUp,
    [...objects, { oid: `${NHRP.cacheType}.${cacheRow}`, type: 'Integer', value: 3 }],
  ];
}

/**
 * `%LINEPROTO-5-UPDOWN` -> linkUp/linkDown as IOS sends them without `snmp-server trap link ietf`: ifIndex, ifDescr,
 * ifType and locIfReason, each indexed by the ifIndex.
 */
function linkTrap(name: string, up: boolean, indexes: RouterIndexes): TrapParts {
  const ifIndex = indexes.ifIndex(name);
  return [
    up ? IF.linkUp : IF.linkDown,
    [
      { oid: `${IF.ifIndex}.${ifIndex}`, type: 'Integer', value: ifIndex },
      { oid: `${IF.ifDescr}.${ifIndex}`, type: 'OctetString', value: name },
      { oid: `${IF.ifType}.${ifIndex}`, type: 'Integer', value: ifType(name) },
      { oid: `${IF.locIfReason}.${ifIndex}`, type: 'OctetString', value: up ? 'up' : 'down' },
    ],
  ];
}

export function ifType(name: string): number {
  if (/^Tunnel/i.test(name)) return IF_TYPE.tunnel;
  if (/^Loopback/i.test(name)) return IF_TYPE.softwareLoopback;
  if (/Ethernet/i.test(name)) return IF_TYPE.ethernetCsmacd;
  return IF_TYPE.other;
}

/**
 * `%DMVPN-5-CRYPTO_SS ... socket is UP/DOWN` -> cipSecTunnelStart / cipSecTunnelStop with the varbinds of the
 * capture: the GRE (protocol 47) single-address endpoints of the tunnel, then on stop its history row.
 */
function ipsecTrap(
  iface: string,
  local: string,
  remote: string,
  up: boolean,
  at: number,
  indexes: RouterIndexes,
  settings: Required<TrapOptions>,
): TrapParts {
  if (up) {
    const tunnel = indexes.openIpsecTunnel(iface, remote, at);
    const endpoint = `${tunnel}.1`;
    return [
      IPSEC.cipSecTunnelStart,
      [
        { oid: `${IPSEC.tunLifeTime}.${tunnel}`, type: 'Integer', value: settings.ipsecLifetimeSeconds },
        { oid: `${IPSEC.tunLifeSize}.${tunnel}`, type: 'Integer', value: settings.ipsecLifeSizeKb },
        { oid: `${IPSEC.endPtLocalType}.${endpoint}`, type: 'Integer', value: 1 },
        address(`${IPSEC.endPtLocalAddr1}.${endpoint}`, local),
        address(`${IPSEC.endPtLocalAddr2}.${endpoint}`, local),
        { oid: `${IPSEC.endPtRemoteType}.${endpoint}`, type: 'Integer', value: 1 },
        address(`${IPSEC.endPtRemoteAddr1}.${endpoint}`, remote),
        address(`${IPSEC.endPtRemoteAddr2}.${endpoint}`, remote),
        { oid: `${IPSEC.endPtLocalProtocol}.${endpoint}`, type: 'Integer', value: 47 },
        { oid: `${IPSEC.endPtLocalPort}.${endpoint}`, type: 'Integer', value: 0 },
      ],
    ];
  }
  const { tunnel, history, activeHundredths } = indexes.closeIpsecTunnel(iface, remote, at);
  return [
    IPSEC.cipSecTunnelStop,
    [
      { oid: `${IPSEC.tunActiveTime}.${tunnel}`, type: 'Integer', value: activeHundredths },
      { oid: `${IPSEC.histActiveTime}.${history}`, type: 'Integer', value: activeHundredths },
      { oid: `${IPSEC.histLifeTime}.${history}`, type: 'Integer', value: settings.ipsecLifetimeSeconds },
      { oid: `${IPSEC.histLifeSize}.${history}`, type: 'Integer', value: settings.ipsecLifeSizeKb },
      // other(1), as the capture's stops carry.
      { oid: `${IPSEC.histTermReason}.${history}`, type: 'Integer', value: 1 },
      { oid: `${IPSEC.endPtHistLocalType}.${history}`, type: 'Integer', value: 1 },
      { oid: `${IPSEC.endPtHistRemoteType}.${history}`, type: 'Integer', value: 1 },
      address(`${IPSEC.endPtHistLocalAddr1}.${history}`, local),
      address(`${IPSEC.endPtHistLocalAddr2}.${history}`, local),
      address(`${IPSEC.endPtHistRemoteAddr1}.${history}`, remote),
      address(`${IPSEC.endPtHistRemoteAddr2}.${history}`, remote),
      { oid: `${IPSEC.endPtHistLocalProtocol}.${history}`, type: 'Integer', value: 47 },
      { oid: `${IPSEC.endPtHistLocalPort}.${history}`, type: 'Integer', value: 0 },
    ],
  ];
}
