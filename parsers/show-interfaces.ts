// Parses `show interfaces [<interface>]`: one record per interface block, a tunnel's lines in a nested object.
// The counter, queue and tunnel lines are read by show-interfaces-counters, -queues and -tunnel.

import type { ParseOptions } from '../model/parse.js';
import type { InterfaceDetail } from '../model/records/system.js';
import { groupByFirstChar } from './common/by-first-char.js';
import { parseDuration } from './common/duration.js';
import { leadingNumber, wholeNumber } from './common/numbers.js';
import { defineParser, type ParseOutput } from './common/parser.js';
import { StrayLines } from './common/stray-lines.js';
import { isTerminalNoise } from './common/terminal-noise.js';
import { clauses, indentOf, isDigit } from './common/text.js';
import { emptyCounters, readCounters, readRate } from './show-interfaces-counters.js';
import {
  readAvailableBandwidth,
  readConversations,
  readInputQueue,
  readOutputQueue,
  readReservedConversations,
} from './show-interfaces-queues.js';
import { isTunnelSubblockMember, readTunnelLine, tunnelSubblock } from './show-interfaces-tunnel.js';

/** Reads one trimmed body line into the interface, `from` being the end of its leading words; returns why it is not
 * (fully) understood, or undefined. */
type LineReader = (record: InterfaceDetail, text: string, from: number) => string | undefined;

const HEADER_MARK = ', line protocol is ';
const NOT_READ = 'not read';
const HEADER = /^(\S+) is (.+?), line protocol is (\S+?)\s*(?:\(([^)]*)\))?\s*(?:,\s*(.*?))?\s*$/;
const HARDWARE = /^Hardware is (.*?)(?:, address is (\S+)(?: \(bia (\S+)\))?)?$/;
const UNNUMBERED = /^Interface is unnumbered\. Using address of (\S+)/;
const KEEPALIVE = /^Keepalive (set|not set|not supported)(?: \((\d+) sec\))?$/;
const SPEED_OR_DUPLEX = /^(?:Full|Half|Auto|Unknown|full|half|auto|unknown)/;

export const showInterfaces = defineParser<InterfaceDetail>({
  command: 'show interfaces',
  syntax: ['show interfaces', 'show interfaces <interface>', 'show interfaces <type> <number>'],
  detect: (text) => /^\S+ is [^,\n]+, line protocol is /m.test(text) && /^\s*MTU \d+ bytes, BW /m.test(text),
  parse(out, options) {
    readInterfaces(out, options);
  },
});

function readInterfaces(out: ParseOutput<InterfaceDetail>, options: ParseOptions): void {
  const { lines } = out;
  let current: InterfaceDetail | undefined;
  const unattributed = new StrayLines();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const start = indentOf(line);
    if (start === line.length) continue;
    // Body lines are indented and read first; a header starts at the margin (or anywhere, in hand-edited captures).
    const problem = current && start > 0 ? readBodyLine(current, line, start) : NOT_READ;
    if (problem === undefined) {
      out.recognized++;
      continue;
    }
    const header = line.includes(HEADER_MARK) ? readHeader(line, i) : undefined;
    if (header) {
      out.records.push((current = header));
      out.recognized++;
    } else if (current) {
      const unindented = problem === NOT_READ ? readBodyLine(current, line, start) : problem;
      if (unindented === undefined) out.recognized++;
      else out.warn(i, unindented);
    } else if (out.records.length === 0 && isTerminalNoise(line)) {
      out.recognized++;
    } else if (options.filtered && readBodyLine(emptyInterface('', 0), line, start) === undefined) {
      // `| include CRC` leaves body lines with no interface header to belong to: understood, but nobody's.
      unattributed.add(i);
    } else {
      out.warn(i, 'not a line of `show interfaces` (no interface header before it)');
    }
  }
  unattributed.warnOnce(
    out,
    (count) =>
      `${count} line(s) of interface detail came before any interface header (filtered out), so they belong to no interface`,
  );
}

function readHeader(line: string, index: number): InterfaceDetail | undefined {
  const match = HEADER.exec(line.trim());
  if (!match) return undefined;
  const [, name, status, lineProtocol, portState, note] = match;
  const record = emptyInterface(name!, index + 1);
  record.status = status!;
  record.lineProtocol = lineProtocol!;
  record.portState = portState ?? null;
  record.headerNote = note || null;
  record.adminUp = !status!.startsWith('administratively') && status !== 'deleted';
  record.operUp = lineProtocol === 'up';
  return record;
}

function emptyInterface(name: string, line: number): InterfaceDetail {
  return {
    kind: 'interface',
    line,
    name,
    adminUp: false,
    operUp: false,
    inBytes: null,
    outBytes: null,
    inErrors: null,
    outErrors: null,
    lastChangeSeconds: null,
    status: '',
    lineProtocol: '',
    portState: null,
    headerNote: null,
    hardware: null,
    macAddress: null,
    burnedInAddress: null,
    description: null,
    ipAddress: null,
    prefixLength: null,
    unnumberedInterface: null,
    addressNegotiatedBy: null,
    mtu: null,
    bandwidthKbps: null,
    delayUsec: null,
    reliability: null,
    txLoad: null,
    rxLoad: null,
    encapsulation: null,
    vlanId: null,
    outerVlanId: null,
    innerVlanId: null,
    crcBits: null,
    loopback: null,
    keepalive: null,
    keepaliveSeconds: null,
    duplex: null,
    speed: null,
    linkType: null,
    mediaType: null,
    fec: null,
    inputFlowControl: null,
    outputFlowControl: null,
    arpType: null,
    arpTimeoutSeconds: null,
    lastInputSeconds: null,
    lastOutputSeconds: null,
    lastOutputHangSeconds: null,
    lastClearingSeconds: null,
    inputQueue: null,
    totalOutputDrops: null,
    queueingStrategy: null,
    outputQueue: null,
    conversations: null,
    reservedConversations: null,
    availableBandwidthKbps: null,
    loadIntervalSeconds: null,
    inputRateBps: null,
    inputRatePps: null,
    outputRateBps: null,
    outputRatePps: null,
    counters: emptyCounters(),
    signals: null,
    channelActiveMembers: null,
    channelMembers: [],
    channelJumboMembers: null,
    tunnel: null,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Body lines, dispatched on their first character then their leading words.

const READERS: [string, LineReader][] = [
  ['Hardware is ', readHardware],
  ['Description:', (record, text, from) => set(() => (record.description = text.slice(from).trim()))],
  ['Internet address is ', readInternetAddress],
  ['Internet address will be negotiated using ', readNegotiatedAddress],
  ['Interface is unnumbered', readUnnumbered],
  ['MTU ', readLinkFigures],
  ['reliability ', readLinkFigures],
  ['Encapsulation ', readEncapsulation],
  ['Keepalive ', readKeepalive],
  ['ARP type', readArp],
  ['Last input ', readLastTimes],
  ['Last clearing of ', readLastClearing],
  ['Input queue:', readInputQueue],
  ['Queueing strategy: ', (record, text, from) => set(() => (record.queueingStrategy = text.slice(from)))],
  ['Output queue:', readOutputQueue],
  ['Conversations ', readConversations],
  ['Reserved Conversations ', readReservedConversations],
  ['Available Bandwidth ', readAvailableBandwidth],
  ['output flow-control', readFlowControl],
  ['input flow-control', readFlowControl],
  ['Fec is ', (record, text, from) => set(() => (record.fec = text.slice(from)))],
  ['No. of active members in this channel:', readActiveMembers],
  ['No. of PF_JUMBO supported members in this channel', readJumboMembers],
  ['Members in this channel:', readMemberList],
  ['Member ', readMemberLine],
  ['DCD=', readSignals],
  ['Tunnel ', readTunnelLine],
  ['Key ', readTunnelLine],
  ['Checksumming ', readTunnelLine],
  ['Fast tunneling ', readTunnelLine],
  ['Path MTU Discovery', readTunnelLine],
  ['src-track:', tunnelSubblock],
];

const READERS_BY_FIRST_CHAR = groupByFirstChar(READERS);

/** Counter lines are half of every block: they are read in place; other lines are trimmed first. */
function readBodyLine(record: InterfaceDetail, line: string, start: number): string | undefined {
  const first = line.charCodeAt(start);
  if (isDigit(first)) {
    return line.includes(' rate ', start) ? readRate(record, line) : readCounters(record, line, start);
  }
  if (
    line.startsWith('Received ', start) ||
    (line.startsWith('Output ', start) && !line.startsWith('Output queue', start))
  ) {
    return readCounters(record, line, start);
  }
  const text = start === 0 && line.charCodeAt(line.length - 1) !== 32 ? line : line.trim();
  const readers = READERS_BY_FIRST_CHAR[first];
  if (readers) {
    for (let r = 0; r < readers.length; r++) {
      const [prefix, reader] = readers[r]!;
      if (text.startsWith(prefix)) return reader(record, text, prefix.length);
    }
  }
  if (SPEED_OR_DUPLEX.test(text)) return readMediaLine(record, text);
  if (isTunnelSubblockMember(text)) return tunnelSubblock(record);
  return 'not a line of `show interfaces`';
}

/** Runs an assignment that cannot fail, for one-line readers. */
function set(assign: () => unknown): undefined {
  assign();
  return undefined;
}

function readHardware(record: InterfaceDetail, text: string): string | undefined {
  const match = HARDWARE.exec(text);
  if (!match) return 'unrecognised Hardware line';
  record.hardware = match[1]!;
  record.macAddress = match[2] ?? null;
  record.burnedInAddress = match[3] ?? null;
  return undefined;
}

function readInternetAddress(record: InterfaceDetail, text: string, from: number): string | undefined {
  const [address, prefix] = text.slice(from).split('/');
  const length = wholeNumber(prefix);
  if (!address || length === undefined) return 'unrecognised Internet address';
  record.ipAddress = address;
  record.prefixLength = length;
  return undefined;
}

function readNegotiatedAddress(record: InterfaceDetail, text: string, from: number): undefined {
  record.addressNegotiatedBy = text.slice(from);
  return undefined;
}

function readUnnumbered(record: InterfaceDetail, text: string): string | undefined {
  const match = UNNUMBERED.exec(text);
  if (!match) return 'unrecognised unnumbered line';
  record.unnumberedInterface = match[1]!;
  const address = /\(([^)]+)\)\s*$/.exec(text);
  record.ipAddress = address?.[1] ?? null;
  return undefined;
}

const LINK_FIGURES: Record<string, (record: InterfaceDetail, value: number) => void> = {
  MTU: (record, value) => (record.mtu = value),
  BW: (record, value) => (record.bandwidthKbps = value),
  DLY: (record, value) => (record.delayUsec = value),
  reliability: (record, value) => (record.reliability = value),
  txload: (record, value) => (record.txLoad = value),
  rxload: (record, value) => (record.rxLoad = value),
};

function readLinkFigures(record: InterfaceDetail, text: string): string | undefined {
  let problem: string | undefined;
  for (const clause of clauses(text)) {
    const space = clause.indexOf(' ');
    const assign = LINK_FIGURES[clause.slice(0, space)];
    const value = leadingNumber(clause, space + 1);
    if (space < 0 || !assign || value === undefined) problem = `unrecognised figure "${clause}"`;
    else assign(record, value);
  }
  return problem;
}

function readEncapsulation(record: InterfaceDetail, text: string): string | undefined {
  let problem: string | undefined;
  for (const clause of clauses(text)) {
    if (clause.startsWith('Encapsulation ')) record.encapsulation = clause.slice(14).trim();
    else if (clause.startsWith('Vlan ID')) record.vlanId = leadingNumber(clause, 7) ?? null;
    else if (clause.startsWith('outer ID')) record.outerVlanId = leadingNumber(clause, 8) ?? null;
    else if (clause.startsWith('inner ID')) record.innerVlanId = leadingNumber(clause, 8) ?? null;
    else if (clause === 'loopback not set') record.loopback = false;
    else if (clause === 'loopback set') record.loopback = true;
    else if (clause.startsWith('crc ')) record.crcBits = leadingNumber(clause, 4) ?? null;
    else problem = `unrecognised encapsulation detail "${clause}"`;
  }
  return problem;
}

function readKeepalive(record: InterfaceDetail, text: string): string | undefined {
  const match = KEEPALIVE.exec(text);
  if (!match) return 'unrecognised Keepalive line';
  record.keepalive = match[1]!;
  record.keepaliveSeconds = match[2] === undefined ? null : Number(match[2]);
  return undefined;
}

/** `Full Duplex, 100Mbps, link type is auto, media type is RJ45` and its many spellings. */
function readMediaLine(record: InterfaceDetail, text: string): string | undefined {
  const [duplex, speed, ...rest] = clauses(text);
  record.duplex = duplex ?? null;
  record.speed = speed ?? null;
  for (const clause of rest) {
    if (clause.startsWith('link type is')) record.linkType = clause.slice(12).trim() || null;
    else if (clause.startsWith('media type is')) record.mediaType = clause.slice(13).trim() || null;
    else record.mediaType = clause;
  }
  return undefined;
}

function readFlowControl(record: InterfaceDetail, text: string): string | undefined {
  for (const clause of clauses(text)) {
    if (clause.startsWith('input flow-control is ')) record.inputFlowControl = clause.slice(22);
    else if (clause.startsWith('output flow-control is ')) record.outputFlowControl = clause.slice(23);
    else return `unrecognised flow-control detail "${clause}"`;
  }
  return undefined;
}

function readArp(record: InterfaceDetail, text: string): string | undefined {
  for (const clause of clauses(text)) {
    if (clause.startsWith('ARP type: ')) record.arpType = clause.slice(10);
    else if (clause.startsWith('ARP Timeout ')) {
      const seconds = parseDuration(clause.slice(12));
      if (seconds === undefined) return `unrecognised ARP timeout "${clause}"`;
      record.arpTimeoutSeconds = seconds;
    } else return `unrecognised ARP detail "${clause}"`;
  }
  return undefined;
}

function readLastTimes(record: InterfaceDetail, text: string): string | undefined {
  for (const clause of clauses(text)) {
    const [label, value] = splitLast(clause);
    const seconds = parseDuration(value);
    if (seconds === undefined) return `unrecognised time "${clause}"`;
    if (label === 'Last input') record.lastInputSeconds = seconds;
    else if (label === 'output') record.lastOutputSeconds = seconds;
    else if (label === 'output hang') record.lastOutputHangSeconds = seconds;
    else return `unrecognised time "${clause}"`;
  }
  return undefined;
}

/** `output hang never` -> [`output hang`, `never`]. */
function splitLast(clause: string): [string, string] {
  const space = clause.lastIndexOf(' ');
  return [clause.slice(0, space), clause.slice(space + 1)];
}

function readLastClearing(record: InterfaceDetail, text: string): string | undefined {
  const seconds = parseDuration(splitLast(text)[1]);
  if (seconds === undefined || !text.includes(' counters ')) return 'unrecognised Last clearing line';
  record.lastClearingSeconds = seconds;
  return undefined;
}

function readActiveMembers(record: InterfaceDetail, text: string, from: number): string | undefined {
  record.channelActiveMembers = leadingNumber(text, from) ?? null;
  return record.channelActiveMembers === null ? 'unrecognised member count' : undefined;
}

function readJumboMembers(record: InterfaceDetail, text: string, from: number): string | undefined {
  record.channelJumboMembers = leadingNumber(text, text.indexOf(':', from) + 1) ?? null;
  return record.channelJumboMembers === null ? 'unrecognised member count' : undefined;
}

function readMemberList(record: InterfaceDetail, text: string, from: number): undefined {
  for (const name of text.slice(from).trim().split(/\s+/)) {
    if (name) record.channelMembers.push({ name, duplex: null, speed: null });
  }
  return undefined;
}

/** `Member 0 : TenGigabitEthernet0/0/0 , Full-duplex, 10000Mb/s`. */
function readMemberLine(record: InterfaceDetail, text: string): string | undefined {
  const [member, duplex, speed] = clauses(text);
  const name = /^Member \d+ : (\S+)$/.exec(member ?? '')?.[1];
  if (!name) return 'unrecognised channel member';
  record.channelMembers.push({ name, duplex: duplex ?? null, speed: speed ?? null });
  return undefined;
}

function readSignals(record: InterfaceDetail, text: string): string | undefined {
  const signals: Record<string, string> = {};
  for (const pair of text.split(/\s+/)) {
    const [signal, state] = pair.split('=');
    if (!signal || !state) return `unrecognised signal "${pair}"`;
    signals[signal] = state;
  }
  record.signals = signals;
  return undefined;
}
