// Parses one IOS / IOS-XE log line (syslog packet, `show logging` line, console) into a typed event.

import type {
  BgpAdjacencyChange,
  CryptoSessionStatus,
  CryptoSocketChange,
  EigrpNeighborChange,
  IkeModeFailure,
  InvalidSpi,
  NhrpErrorReport,
  NhrpMessage,
  NhrpNetIdUnconfigured,
  NhrpPeerChange,
  OspfAdjacencyChange,
  PacketNotIpsec,
  SyslogDetail,
  SyslogEvent,
} from '../model/records/syslog.js';

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Month number by the three character codes of its name packed in one integer: no string to build per line. */
const MONTHS = new Map(MONTH_NAMES.map((name, index) => [monthKey(name, 0), index + 1]));

function monthKey(text: string, at: number): number {
  return (text.charCodeAt(at) << 16) | (text.charCodeAt(at + 1) << 8) | text.charCodeAt(at + 2);
}

const UNIT_SECONDS: Record<string, number> = { y: 31_536_000, w: 604_800, d: 86_400, h: 3_600, m: 60, s: 1 };

const PRIORITY = /<(\d{1,3})>/y;
const SEQUENCE = /(\d+): +/y;
/** `hub1: ` before the timestamp (`logging origin-id hostname`), only when a timestamp or a message code follows. */
const ORIGIN_HOST = /([A-Za-z][\w.-]*): +(?=[*.]?(?:[A-Z][a-z]{2} |\d)|%)/y;
const UPTIME = /(?:(\d+):(\d{2}):(\d{2})(?:\.\d{1,6})?|((?:\d+[ywdhms])+))(?=:)/y;
const HOST_BEFORE_CODE = /([\w.-]+) +(?=%)/y;
const UNIT_PART = /(\d+)([ywdhms])/g;

/** The time part of a log line, as `scanTimestamp` reads it. */
export interface LogTimestamp {
  /** As printed, without the clock marker. */
  text: string;
  unsynced: boolean;
  month: number | null;
  day: number | null;
  year: number | null;
  timeOfDaySeconds: number | null;
  timezone: string | null;
  uptimeSeconds: number | null;
  /** Index just after the timestamp (and its closing `:` when there is one). */
  end: number;
}

/** Reads an IOS timestamp (`*Sep 21 07:02:15.210:`, `May 14 03:13:19.422 UTC:`, `00:55:50:`, `1d02h:`) at `start`. */
export function scanTimestamp(line: string, start: number): LogTimestamp | undefined {
  let position = start;
  const marker = line.charCodeAt(position);
  const unsynced = marker === 42 /* * */ || marker === 46; /* . */
  if (unsynced) position++;
  const first = line.charCodeAt(position);
  if (first >= 65 && first <= 90) return scanDatetime(line, position, unsynced);
  if (isDigit(first)) return scanUptime(line, position, unsynced);
  return undefined;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Index of the first non-digit at or after `position`. */
function digitsEnd(line: string, position: number): number {
  while (isDigit(line.charCodeAt(position))) position++;
  return position;
}

function numberAt(line: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) value = value * 10 + line.charCodeAt(i) - 48;
  return value;
}

/**
 * `Mmm d[d] [yyyy] hh:mm:ss[.fff][ TZ]`, read by hand: it is on every line of a log, and a regex with nine groups
 * costs more than the rest of the line.
 */
function scanDatetime(line: string, start: number, unsynced: boolean): LogTimestamp | undefined {
  const month = MONTHS.get(monthKey(line, start));
  if (month === undefined || line.charCodeAt(start + 3) !== 32) return undefined;
  let position = start + 4;
  while (line.charCodeAt(position) === 32) position++;
  let end = digitsEnd(line, position);
  if (end === position || end - position > 2 || line.charCodeAt(end) !== 32) return undefined;
  const day = numberAt(line, position, end);
  position = end + 1;
  end = digitsEnd(line, position);
  let year: number | null = null;
  if (end - position === 4 && line.charCodeAt(end) === 32) {
    year = numberAt(line, position, end);
    position = end + 1;
    end = digitsEnd(line, position);
  }
  if (end === position || end - position > 2 || line.charCodeAt(end) !== 58) return undefined;
  const hours = numberAt(line, position, end);
  const minutesEnd = digitsEnd(line, end + 1);
  if (minutesEnd !== end + 3 || line.charCodeAt(minutesEnd) !== 58) return undefined;
  const secondsEnd = digitsEnd(line, minutesEnd + 1);
  if (secondsEnd !== minutesEnd + 3) return undefined;
  let timeOfDay =
    hours * 3600 + numberAt(line, end + 1, minutesEnd) * 60 + numberAt(line, minutesEnd + 1, secondsEnd);
  position = secondsEnd;
  if (line.charCodeAt(position) === 46 /* . */) {
    const fractionEnd = digitsEnd(line, position + 1);
    if (fractionEnd > position + 1) {
      const fraction = numberAt(line, position + 1, fractionEnd) / 10 ** (fractionEnd - position - 1);
      timeOfDay = Math.round((timeOfDay + fraction) * 1000) / 1000;
      position = fractionEnd;
    }
  }
  let timezone: string | null = null;
  if (line.charCodeAt(position) === 32 && isLetter(line.charCodeAt(position + 1))) {
    let zoneEnd = position + 2;
    while (isZoneChar(line.charCodeAt(zoneEnd))) zoneEnd++;
    if (line.charCodeAt(zoneEnd) === 58 /* : */ || zoneEnd === line.length) {
      timezone = intern(line.slice(position + 1, zoneEnd));
      position = zoneEnd;
    }
  }
  return {
    text: line.slice(start, position),
    unsynced,
    month,
    day,
    year,
    timeOfDaySeconds: timeOfDay,
    timezone,
    uptimeSeconds: null,
    end: skipColon(line, position),
  };
}

function isZoneChar(code: number): boolean {
  return isLetter(code) || isDigit(code) || code === 43 /* + */ || code === 45 /* - */ || code === 95; /* _ */
}

function scanUptime(line: string, position: number, unsynced: boolean): LogTimestamp | undefined {
  UPTIME.lastIndex = position;
  const match = UPTIME.exec(line);
  if (!match) return undefined;
  let seconds = 0;
  if (match[4]) {
    for (const [, count, unit] of match[4].matchAll(UNIT_PART))
      seconds += Number(count) * UNIT_SECONDS[unit!]!;
  } else {
    seconds = Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]);
  }
  return {
    text: match[0],
    unsynced,
    month: null,
    day: null,
    year: null,
    timeOfDaySeconds: null,
    timezone: null,
    uptimeSeconds: seconds,
    end: skipColon(line, UPTIME.lastIndex),
  };
}

function skipColon(line: string, position: number): number {
  if (line.charCodeAt(position) === 58 /* : */) position++;
  while (line.charCodeAt(position) === 32) position++;
  return position;
}

/**
 * The event in one log line, or undefined when the line is no log message (a continuation line, a banner, any
 * other text). A line needs a timestamp or a `%FACILITY-SEVERITY-MNEMONIC:` code to be a message; lines with a
 * timestamp but no code are debug output and become events without a facility.
 */
export function parseSyslogLine(line: string, lineNumber = 1): SyslogEvent | undefined {
  return parseCommonForm(line, lineNumber) ?? parseAnyForm(line, lineNumber);
}

/**
 * `[seq: ][*]Mmm dd [yyyy ]hh:mm:ss[.fff][ TZ]: %FAC-S-MNEMONIC: text`, the form of nearly every line of a log,
 * read with one regex: the regex engine walks the line faster than a scan by hand. Other forms go to `parseAnyForm`.
 */
const COMMON_FORM =
  /^(?:(\d+): +)?([*.]?)([A-Z][a-z]{2} +\d{1,2} (?:\d{4} )?\d{1,2}:\d{2}:\d{2}(?:\.\d{1,6})?(?: [A-Za-z][\w+-]*)?): +%([A-Za-z]\w*(?:-[A-Za-z]\w*)*?)-([0-7])-(\w+) *:(.*)$/;

function parseCommonForm(line: string, lineNumber: number): SyslogEvent | undefined {
  const match = COMMON_FORM.exec(line);
  if (!match) return undefined;
  const [, sequence, marker, text, facilityName, severity, mnemonicName, rest] = match;
  // The regex found where the timestamp is; its fields are read from that short text.
  const time = scanDatetime(text!, 0, marker !== '');
  if (!time) return undefined;
  const facility = intern(facilityName!);
  const mnemonic = intern(mnemonicName!);
  const message = rest!.trim();
  return {
    kind: 'syslog_event',
    line: lineNumber,
    timestamp: text!,
    unsynced: time.unsynced,
    month: time.month,
    day: time.day,
    year: time.year,
    timeOfDaySeconds: time.timeOfDaySeconds,
    timezone: time.timezone,
    uptimeSeconds: null,
    sequence: sequence === undefined ? null : Number(sequence),
    priority: null,
    hostname: null,
    facility,
    severity: Number(severity),
    mnemonic,
    message,
    continuation: NO_CONTINUATION,
    truncated: false,
    detail: syslogDetail(facility, mnemonic, message),
  };
}

function parseAnyForm(line: string, lineNumber: number): SyslogEvent | undefined {
  let position = 0;
  while (line.charCodeAt(position) === 32) position++;
  let priority: number | null = null;
  if (line.charCodeAt(position) === 60 /* < */) {
    PRIORITY.lastIndex = position;
    const match = PRIORITY.exec(line);
    if (!match) return undefined;
    priority = Number(match[1]);
    position = PRIORITY.lastIndex;
  }
  let sequence: number | null = null;
  if (isDigit(line.charCodeAt(position))) {
    SEQUENCE.lastIndex = position;
    const match = SEQUENCE.exec(line);
    if (match) {
      sequence = Number(match[1]);
      position = SEQUENCE.lastIndex;
    }
  }
  let hostname: string | null = null;
  if (mayBeOriginHost(line, position)) {
    ORIGIN_HOST.lastIndex = position;
    const origin = ORIGIN_HOST.exec(line);
    if (origin && !(origin[1]!.length === 3 && MONTHS.has(monthKey(origin[1]!, 0)))) {
      hostname = origin[1]!;
      position = ORIGIN_HOST.lastIndex;
    }
  }
  const time = scanTimestamp(line, position);
  if (time) position = time.end;
  if (line.charCodeAt(position) !== 37 /* % */) {
    HOST_BEFORE_CODE.lastIndex = position;
    const host = HOST_BEFORE_CODE.exec(line);
    if (host) {
      hostname = host[1]!;
      position = HOST_BEFORE_CODE.lastIndex;
    }
  }
  const event = newEvent(lineNumber, time, sequence, priority, hostname);
  if (line.charCodeAt(position) === 37 /* % */ && readCode(line, position, event)) return event;
  if (!time) return undefined;
  event.message = line.slice(position).trim();
  return event;
}

/** A word followed directly by `: ` (`hub1: `), and not a month followed by a space. */
function mayBeOriginHost(line: string, position: number): boolean {
  if (!isLetter(line.charCodeAt(position))) return false;
  let end = position + 1;
  while (isWordChar(line.charCodeAt(end)) || line.charCodeAt(end) === 46 || line.charCodeAt(end) === 45)
    end++;
  return line.charCodeAt(end) === 58; /* : */
}

function isWordChar(code: number): boolean {
  return isLetter(code) || isDigit(code) || code === 95; /* _ */
}

/**
 * Reads `%FACILITY-SEVERITY-MNEMONIC:` at `start` into the event, and the message and its detail after it; false
 * when the text there is no message code. The facility may itself hold dashes (`%PKT_INFRA-LINK-3-UPDOWN`): it
 * ends at the first `-<0-7>-`.
 */
function readCode(line: string, start: number, event: SyslogEvent): boolean {
  let position = start + 1;
  if (!isLetter(line.charCodeAt(position))) return false;
  for (;;) {
    const code = line.charCodeAt(position);
    if (code === 45 /* - */) {
      const severity = line.charCodeAt(position + 1);
      if (severity >= 48 && severity <= 55 && line.charCodeAt(position + 2) === 45) break;
    } else if (!isWordChar(code)) {
      return false;
    }
    position++;
  }
  const mnemonicStart = position + 3;
  let mnemonicEnd = mnemonicStart;
  while (isWordChar(line.charCodeAt(mnemonicEnd))) mnemonicEnd++;
  let colon = mnemonicEnd;
  while (line.charCodeAt(colon) === 32) colon++;
  if (mnemonicEnd === mnemonicStart || line.charCodeAt(colon) !== 58 /* : */) return false;
  event.facility = intern(line.slice(start + 1, position));
  event.severity = line.charCodeAt(position + 1) - 48;
  event.mnemonic = intern(line.slice(mnemonicStart, mnemonicEnd));
  event.message = line.slice(colon + 1).trim();
  event.detail = syslogDetail(event.facility, event.mnemonic, event.message);
  return true;
}

/**
 * A log repeats the same facility and mnemonic names, interfaces and peer addresses: records share one copy of
 * each, which keeps a parse of a big buffer from holding (and the garbage collector from moving) new strings per
 * message. Bounded, so a long-running receiver does not grow it without end.
 */
const INTERNED = new Map<string, string>();
const MAX_INTERNED = 10_000;

export function intern(text: string): string {
  const known = INTERNED.get(text);
  if (known !== undefined) return known;
  if (INTERNED.size < MAX_INTERNED) INTERNED.set(text, text);
  return text;
}

/** Shared by every single-line event; `show logging` gives an event its own array when a continuation comes. */
const NO_CONTINUATION: readonly string[] = Object.freeze([]);

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function newEvent(
  lineNumber: number,
  time: LogTimestamp | undefined,
  sequence: number | null,
  priority: number | null,
  hostname: string | null,
): SyslogEvent {
  return {
    kind: 'syslog_event',
    line: lineNumber,
    timestamp: time ? time.text : null,
    unsynced: time ? time.unsynced : false,
    month: time ? time.month : null,
    day: time ? time.day : null,
    year: time ? time.year : null,
    timeOfDaySeconds: time ? time.timeOfDaySeconds : null,
    timezone: time ? time.timezone : null,
    uptimeSeconds: time ? time.uptimeSeconds : null,
    sequence,
    priority,
    hostname,
    facility: null,
    severity: null,
    mnemonic: null,
    message: '',
    continuation: NO_CONTINUATION,
    truncated: false,
    detail: null,
  };
}

type DetailReader = (message: string) => SyslogDetail | null;

/**
 * The typed meaning of a DMVPN-relevant message, from its facility, mnemonic and text; null for other messages
 * or for a text whose wording this release changed. Also used for syslog carried in SNMP traps (CISCO-SYSLOG-MIB).
 */
export function syslogDetail(facility: string, mnemonic: string, message: string): SyslogDetail | null {
  const reader = DETAIL_READERS.get(facility)?.get(mnemonic);
  if (reader) return reader(message.trimStart());
  if (facility === 'NHRP') return nhrpMessage(message);
  return null;
}

const NHRP_PEER =
  /^(\S+): Next Hop (Server|Client|Peer) : \(Tunnel: ([^\s)]+) NBMA: ([^\s)]+) ?\) for \(Tunnel: ([^\s)]+) NBMA: ([^\s)]+) ?\) is +(UP|DOWN)(?:, Reason: ([^(]*)(?:\(([^)]*)\))?)?/;
const CRYPTO_SOCKET = /^(\S+): local address : (\S+) remote address : (\S+) socket is (UP|DOWN)/;
const NHRP_ERROR =
  /^(\S+): +(.*?) +for +(.*?) *, *Reason: +(.*?) *(?:\((\d+)\))? *on \(Tunnel: *(\S+) +NBMA: *(\S+?) *\)/;
const NETID = /^(\S+): NETID : (\d+) Unconfigured(?: \(Tunnel: *(\S+) +NBMA: *(\S+?) *\))?/;
const INTERFACE_NAME = /\b(Tunnel\d+(?:\.\d+)?|Tu\d+)\b/;
const NHRP_PACKET_NAME =
  /(Resolution Request|Resolution Reply|Registration Request|Registration Reply|Purge Request|Purge Reply|Error Indication|Traffic Indication)/i;
const PAREN_CODE = /\((\d+)\)/;
const SPI_DESTINATION = /destaddr=([^,\s]+)/;
const SPI_SOURCE = /srcaddr=([^,\s]+)/;
const SPI_PROTOCOL = /prot=(\d+)/;
const SPI_VALUE = /spi=(0x[0-9A-Fa-f]+)/;
const SPI_INTERFACE = /input interface=(\S+)/;
const NO_SA = /^IKE message from (\S+?)(?::\d+)? +has no SA/;
const SESSION_STATUS = /^Crypto tunnel is (UP|DOWN)\b.*?Peer (\S+?)(?::(\d+))?(?: |$)(?:.*?Id: (\S+))?/;
const MODE_FAILURE = /^Processing of (\w+) [Mm]ode failed with peer(?: at)? (\S+)/;
const NOT_IPSEC = /vrf\/dest_addr= *(\S*)\/(\S+?), *src_addr= *(\S+?), *prot= *(\d+)/;
const LINEPROTO = /^Line protocol on Interface (\S+), changed state to (.+?)\s*$/;
const LINK = /^Interface (\S+), changed state to (.+?)\s*$/;
const RECURSIVE = /^(\S+) temporarily disabled due to recursive routing/;
const EIGRP =
  /^(?:EIGRP-(IPv4|IPv6)|IP-EIGRP|IPv6-EIGRP)(?:\(\d+\))?:?(?: +(\d+))?[^:]*: +Neighbor +(\S+) +\((\S+)\) +is +(\w+)(?: *: *(.*?))?\s*$/;
const OSPF = /^Process (\d+), (?:IPv[46], )?Nbr (\S+) on (\S+) from (\S+) to (\S+?)(?:, (.*?))?\s*$/;
const BGP = /^neighbor (\S+)(?: +(?:vpn +)?vrf +(\S+))? +(?:Passive +)?(Up|Down)\b *(?:- *)?(.*?)\s*$/;

const NHRP_PACKET_CODES: Record<string, number> = {
  'resolution request': 1,
  'resolution reply': 2,
  'registration request': 3,
  'registration reply': 4,
  'purge request': 5,
  'purge reply': 6,
  'error indication': 7,
  'traffic indication': 8,
};

const ROLES: Record<string, NhrpPeerChange['role']> = { Server: 'nhs', Client: 'nhc', Peer: 'nhp' };

/** An address as printed, shared like the names (logs repeat the same peers); null for IOS's `UNKNOWN`. */
function knownTunnel(address: string | undefined): string | null {
  return address === undefined || address === 'UNKNOWN' ? null : intern(address);
}

function nhrpPeer(message: string): NhrpPeerChange | null {
  const match = NHRP_PEER.exec(message);
  if (!match) return null;
  const [, iface, role, peerTunnel, peerNbma, localTunnel, localNbma, state, reason, reasonDetail] = match;
  const reasonText = reason?.trim();
  return {
    type: 'nhrp_peer',
    role: ROLES[role!]!,
    interface: intern(iface!),
    peerTunnel: knownTunnel(peerTunnel),
    peerNbma: knownTunnel(peerNbma),
    localTunnel: knownTunnel(localTunnel),
    localNbma: knownTunnel(localNbma),
    up: state === 'UP',
    reason: reasonText ? intern(reasonText) : null,
    reasonDetail: reasonDetail === undefined ? null : intern(reasonDetail),
  };
}

function cryptoSocket(message: string): CryptoSocketChange | null {
  const match = CRYPTO_SOCKET.exec(message);
  if (!match) return null;
  return {
    type: 'crypto_socket',
    interface: intern(match[1]!),
    localNbma: intern(match[2]!),
    remoteNbma: intern(match[3]!),
    up: match[4] === 'UP',
  };
}

function nhrpError(message: string): NhrpErrorReport | null {
  const match = NHRP_ERROR.exec(message);
  if (!match) return null;
  const [, iface, error, packetType, reason, code, peerTunnel, peerNbma] = match;
  return {
    type: 'nhrp_error',
    interface: iface!,
    error: error!,
    packetType: packetType!,
    packetTypeCode: NHRP_PACKET_CODES[packetType!.toLowerCase()] ?? null,
    reason: reason!,
    reasonCode: code === undefined ? null : Number(code),
    peerTunnel: knownTunnel(peerTunnel),
    peerNbma: knownTunnel(peerNbma),
  };
}

function netIdUnconfigured(message: string): NhrpNetIdUnconfigured | null {
  const match = NETID.exec(message);
  if (!match) return null;
  return {
    type: 'nhrp_netid_unconfigured',
    interface: match[1]!,
    networkId: Number(match[2]),
    tunnel: knownTunnel(match[3]),
    nbma: knownTunnel(match[4]),
  };
}

function nhrpMessage(message: string): NhrpMessage {
  const code = PAREN_CODE.exec(message);
  return {
    type: 'nhrp_message',
    interface: INTERFACE_NAME.exec(message)?.[1] ?? null,
    packetType: NHRP_PACKET_NAME.exec(message)?.[1] ?? null,
    code: code ? Number(code[1]) : null,
  };
}

/** `destaddr=61.128.1.1, prot=50, spi=0x3EA71AED(1051138797), srcaddr=103.1.1.1, input interface=Gi1`. */
function invalidSpi(message: string): InvalidSpi {
  const protocol = SPI_PROTOCOL.exec(message);
  return {
    type: 'invalid_spi',
    destination: SPI_DESTINATION.exec(message)?.[1] ?? null,
    source: SPI_SOURCE.exec(message)?.[1] ?? null,
    protocol: protocol ? Number(protocol[1]) : null,
    spi: SPI_VALUE.exec(message)?.[1] ?? null,
    inputInterface: SPI_INTERFACE.exec(message)?.[1] ?? null,
  };
}

function sessionStatus(message: string): CryptoSessionStatus | null {
  const match = SESSION_STATUS.exec(message);
  if (!match) return null;
  return {
    type: 'crypto_session',
    up: match[1] === 'UP',
    peer: match[2]!,
    port: match[3] === undefined ? null : Number(match[3]),
    id: match[4] ?? null,
  };
}

function modeFailure(message: string): IkeModeFailure | null {
  const match = MODE_FAILURE.exec(message);
  return match ? { type: 'ike_mode_failure', mode: match[1]!, peer: match[2]! } : null;
}

function notIpsec(message: string): PacketNotIpsec | null {
  const match = NOT_IPSEC.exec(message);
  if (!match) return null;
  return {
    type: 'packet_not_ipsec',
    vrf: match[1] || null,
    destination: match[2]!,
    source: match[3]!,
    protocol: Number(match[4]),
  };
}

function eigrpNeighbor(message: string): EigrpNeighborChange | null {
  const match = EIGRP.exec(message);
  if (!match) return null;
  const [, family, asn, neighbor, iface, state, reason] = match;
  return {
    type: 'eigrp_neighbor',
    addressFamily: family === 'IPv6' || message.startsWith('IPv6') ? 'IPv6' : 'IPv4',
    asn: asn === undefined ? null : Number(asn),
    neighbor: neighbor!,
    interface: iface!,
    state: state!,
    reason: reason || null,
  };
}

function ospfAdjacency(message: string): OspfAdjacencyChange | null {
  const match = OSPF.exec(message);
  if (!match) return null;
  const [, processId, neighbor, iface, from, to, reason] = match;
  return {
    type: 'ospf_adjacency',
    processId: Number(processId),
    neighbor: neighbor!,
    interface: iface!,
    from: from!,
    to: to!,
    reason: reason || null,
  };
}

function bgpAdjacency(message: string): BgpAdjacencyChange | null {
  const match = BGP.exec(message);
  if (!match) return null;
  return {
    type: 'bgp_adjacency',
    neighbor: match[1]!,
    vrf: match[2] ?? null,
    up: match[3] === 'Up',
    reason: match[4] || null,
  };
}

function interfaceState(pattern: RegExp, layer: 'line-protocol' | 'link'): DetailReader {
  return (message) => {
    const match = pattern.exec(message);
    return match ? { type: 'interface_state', layer, interface: match[1]!, state: match[2]! } : null;
  };
}

/** Readers by facility, then mnemonic (two lookups: no key string to build per line). */
const DETAIL_READERS = new Map<string, Map<string, DetailReader>>([
  [
    'DMVPN',
    new Map<string, DetailReader>([
      ['NHRP_NHS_UP', nhrpPeer],
      ['NHRP_NHS_DOWN', nhrpPeer],
      ['NHRP_NHC_UP', nhrpPeer],
      ['NHRP_NHC_DOWN', nhrpPeer],
      ['NHRP_NHP_UP', nhrpPeer],
      ['NHRP_NHP_DOWN', nhrpPeer],
      ['CRYPTO_SS', cryptoSocket],
      ['DMVPN_NHRP_ERROR', nhrpError],
      ['NHRP_NETID_UNCONFIGURED', netIdUnconfigured],
    ]),
  ],
  [
    'CRYPTO',
    new Map<string, DetailReader>([
      ['RECVD_PKT_INV_SPI', invalidSpi],
      ['IKMP_NO_SA', ikeNoSa],
      ['ISAKMP_ON_OFF', (message) => ({ type: 'isakmp_on_off', on: /\bON\b/.test(message) })],
      ['SESSION_STATUS', sessionStatus],
      ['IKMP_MODE_FAILURE', modeFailure],
      ['RECVD_PKT_NOT_IPSEC', notIpsec],
    ]),
  ],
  ['LINEPROTO', new Map([['UPDOWN', interfaceState(LINEPROTO, 'line-protocol')]])],
  [
    'LINK',
    new Map([
      ['UPDOWN', interfaceState(LINK, 'link')],
      ['CHANGED', interfaceState(LINK, 'link')],
    ]),
  ],
  ['TUN', new Map([['RECURDOWN', recursiveRouting]])],
  ['DUAL', new Map([['NBRCHANGE', eigrpNeighbor]])],
  ['OSPF', new Map([['ADJCHG', ospfAdjacency]])],
  ['OSPFv3', new Map([['ADJCHG', ospfAdjacency]])],
  ['OSPFV3', new Map([['ADJCHG', ospfAdjacency]])],
  ['BGP', new Map([['ADJCHANGE', bgpAdjacency]])],
]);

function ikeNoSa(message: string): SyslogDetail | null {
  const match = NO_SA.exec(message);
  return match ? { type: 'ike_no_sa', peer: match[1]! } : null;
}

function recursiveRouting(message: string): SyslogDetail | null {
  const match = RECURSIVE.exec(message);
  return match ? { type: 'tunnel_recursive_routing', interface: match[1]! } : null;
}
