// Parses `show interfaces [<interface>]`: one record per interface block, a tunnel's lines in a nested object.

import type { ParseOptions } from '../model/parse.js';
import type {
  InterfaceCounters,
  InterfaceDetail,
  QueueFigures,
  TunnelDetail,
} from '../model/records/system.js';
import { parseDuration } from './common/duration.js';
import { defineParser, type ParseOutput } from './common/parser.js';

/** Reads one trimmed body line into the interface, `from` being the end of its leading words; returns why it is not
 * (fully) understood, or undefined. */
type LineReader = (record: InterfaceDetail, text: string, from: number) => string | undefined;

const HEADER_MARK = ', line protocol is ';
const NOT_READ = 'not read';
const HEADER = /^(\S+) is (.+?), line protocol is (\S+?)\s*(?:\(([^)]*)\))?\s*(?:,\s*(.*?))?\s*$/;
const COMMAND_ECHO = /^\s*sh(?:ow?)?\s+int/i;
const HARDWARE = /^Hardware is (.*?)(?:, address is (\S+)(?: \(bia (\S+)\))?)?$/;
const UNNUMBERED = /^Interface is unnumbered\. Using address of (\S+)/;
const RATE = /^\s*(\d+) (minute|second)s? (input|output) rate (\d+) bits\/sec, (\d+) packets\/sec\s*$/;
const KEEPALIVE = /^Keepalive (set|not set|not supported)(?: \((\d+) sec\))?$/;
const FIGURES = /^([\d/]+)\s*\(([^)]+)\)$/;
const PROTECTION = /^Tunnel protection via (\S+?)\s*(?:\(profile "?([^",)]+)"?[^)]*\))?$/;
const SUBBLOCK_MEMBER = /^\S+ source tracking subblock associated with \S+$|^Set of tunnels with source /;
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
  let firstUnattributed = -1;
  let unattributed = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const start = firstNonBlank(line);
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
    } else if (out.records.length === 0 && COMMAND_ECHO.test(line)) {
      out.recognized++;
    } else if (options.filtered && readBodyLine(emptyInterface('', 0), line, start) === undefined) {
      // `| include CRC` leaves body lines with no interface header to belong to: understood, but nobody's.
      if (firstUnattributed < 0) firstUnattributed = i;
      unattributed++;
    } else {
      out.warn(i, 'not a line of `show interfaces` (no interface header before it)');
    }
  }
  if (unattributed > 0) {
    out.warn(
      firstUnattributed,
      `${unattributed} line(s) of interface detail came before any interface header (filtered out), so they belong to no interface`,
    );
  }
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

function emptyCounters(): InterfaceCounters {
  return {
    inPackets: null,
    inBytes: null,
    noBuffer: null,
    inBroadcasts: null,
    inIpMulticasts: null,
    runts: null,
    giants: null,
    throttles: null,
    inErrors: null,
    crc: null,
    frame: null,
    overrun: null,
    ignored: null,
    abort: null,
    watchdog: null,
    inMulticasts: null,
    pauseInput: null,
    dribbleCondition: null,
    outPackets: null,
    outBytes: null,
    underruns: null,
    outBroadcasts: null,
    outIpMulticasts: null,
    outErrors: null,
    collisions: null,
    interfaceResets: null,
    unknownProtocolDrops: null,
    babbles: null,
    lateCollisions: null,
    deferred: null,
    lostCarrier: null,
    noCarrier: null,
    pauseOutput: null,
    outputBufferFailures: null,
    outputBuffersSwappedOut: null,
    carrierTransitions: null,
  };
}

function emptyTunnel(): TunnelDetail {
  return {
    source: null,
    sourceInterface: null,
    destination: null,
    vrf: null,
    protocol: null,
    multipoint: null,
    key: null,
    sequencing: null,
    checksumming: null,
    ttl: null,
    tos: null,
    fastTunneling: null,
    transportMtu: null,
    transmitBandwidthKbps: null,
    receiveBandwidthKbps: null,
    protection: null,
    protectionProfile: null,
    linestate: null,
    linestateReason: null,
    transmitOnly: false,
    pathMtuDiscovery: false,
    pathMtuAgerMinutes: null,
    pathMtuMinimum: null,
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
  ['Output queue:', (record, text, from) => readFigures(text.slice(from), (f) => (record.outputQueue = f))],
  [
    'Conversations ',
    (record, text, from) => readFigures(text.slice(from), (f) => (record.conversations = f)),
  ],
  [
    'Reserved Conversations ',
    (record, text, from) => readFigures(text.slice(from), (f) => (record.reservedConversations = f)),
  ],
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

const READERS_BY_FIRST_CHAR = byFirstChar(READERS);

/** Entries keyed by words, grouped by the words' first character so a line is compared with few of them. */
function byFirstChar<T>(entries: [string, T][]): Map<number, [string, T][]> {
  const groups = new Map<number, [string, T][]>();
  for (const entry of entries) {
    const code = entry[0].charCodeAt(0);
    const group = groups.get(code) ?? [];
    group.push(entry);
    groups.set(code, group);
  }
  return groups;
}

function firstNonBlank(line: string): number {
  let at = 0;
  for (let code = line.charCodeAt(0); code === 32 || code === 9; code = line.charCodeAt(++at));
  return at;
}

/** Counter lines are half of every block: they are read in place; other lines are trimmed first. */
function readBodyLine(record: InterfaceDetail, line: string, start: number): string | undefined {
  const first = line.charCodeAt(start);
  if (first >= 48 && first <= 57) {
    return line.includes(' rate ', start) ? readRate(record, line) : readCounters(record, line, start);
  }
  if (
    line.startsWith('Received ', start) ||
    (line.startsWith('Output ', start) && !line.startsWith('Output queue', start))
  ) {
    return readCounters(record, line, start);
  }
  const text = start === 0 && line.charCodeAt(line.length - 1) !== 32 ? line : line.trim();
  const readers = READERS_BY_FIRST_CHAR.get(first);
  if (readers) {
    for (let r = 0; r < readers.length; r++) {
      const [prefix, reader] = readers[r]!;
      if (text.startsWith(prefix)) return reader(record, text, prefix.length);
    }
  }
  if (SPEED_OR_DUPLEX.test(text)) return readMediaLine(record, text);
  if (SUBBLOCK_MEMBER.test(text)) return tunnelSubblock(record);
  return 'not a line of `show interfaces`';
}

/** Runs an assignment that cannot fail, for one-line readers. */
function set(assign: () => unknown): undefined {
  assign();
  return undefined;
}

function count(text: string): number | undefined {
  if (text.length === 0) return undefined;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return undefined;
  }
  return Number(text);
}

/** The number that starts `text` after any spaces (`1500 bytes` -> 1500, `1/255` -> 1, ` 1.` -> 1). */
function leadingNumber(text: string, from = 0): number | undefined {
  let at = from;
  while (text.charCodeAt(at) === 32) at++;
  const start = at;
  let value = 0;
  for (let digit = text.charCodeAt(at) - 48; digit >= 0 && digit <= 9; digit = text.charCodeAt(++at) - 48) {
    value = value * 10 + digit;
  }
  return at > start ? value : undefined;
}

/** The comma-separated clauses of a line, trimmed, empty ones left out. */
function clauses(text: string): string[] {
  const found: string[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf(',', start);
    if (end < 0) end = text.length;
    let last = end;
    while (start < last && text.charCodeAt(start) === 32) start++;
    while (last > start && text.charCodeAt(last - 1) === 32) last--;
    if (last > start) found.push(text.slice(start, last));
    start = end + 1;
  }
  return found;
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
  const length = count(prefix ?? '');
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

function readInputQueue(record: InterfaceDetail, text: string, from: number): string | undefined {
  const [queue, drops] = text.slice(from).split(';');
  const problem = readFigures(queue!, (figures) => (record.inputQueue = figures));
  if (drops === undefined) return problem;
  const total = /^\s*Total output drops: (\d+)\s*$/.exec(drops);
  if (!total) return 'unrecognised Total output drops';
  record.totalOutputDrops = Number(total[1]);
  return problem;
}

/** `0/75/0/0 (size/max/drops/flushes)` -> `{ size: 0, max: 75, drops: 0, flushes: 0 }`. */
function readFigures(text: string, assign: (figures: QueueFigures) => void): string | undefined {
  const match = FIGURES.exec(text.trim());
  if (!match) return 'unrecognised queue figures';
  const values = match[1]!.split('/');
  const names = legendNames(match[2]!);
  if (values.length !== names.length) return 'queue figures and their legend differ in number';
  const figures: QueueFigures = {};
  for (let index = 0; index < names.length; index++) figures[names[index]!] = Number(values[index]);
  assign(figures);
  return undefined;
}

/** Every block repeats the same few legends, so their names are worked out once. */
const LEGEND_NAMES = new Map<string, string[]>();

/** `size/max total/drops` -> `['size', 'maxTotal', 'drops']`. */
function legendNames(legend: string): string[] {
  let names = LEGEND_NAMES.get(legend);
  if (!names) {
    names = legend.split('/').map(camelCase);
    if (LEGEND_NAMES.size < 100) LEGEND_NAMES.set(legend, names);
  }
  return names;
}

function camelCase(words: string): string {
  return words
    .trim()
    .split(/\s+/)
    .map((word, index) => (index === 0 ? word : word[0]!.toUpperCase() + word.slice(1)))
    .join('');
}

function readAvailableBandwidth(record: InterfaceDetail, text: string, from: number): string | undefined {
  const value = leadingNumber(text, from);
  if (value === undefined) return 'unrecognised Available Bandwidth';
  record.availableBandwidthKbps = value;
  return undefined;
}

function readRate(record: InterfaceDetail, line: string): string | undefined {
  const match = RATE.exec(line);
  if (!match) return 'unrecognised rate line';
  const [, span, unit, direction, bits, packets] = match;
  record.loadIntervalSeconds = Number(span) * (unit === 'minute' ? 60 : 1);
  if (direction === 'input') {
    record.inputRateBps = Number(bits);
    record.inputRatePps = Number(packets);
  } else {
    record.outputRateBps = Number(bits);
    record.outputRatePps = Number(packets);
  }
  return undefined;
}

const COUNTER_NAMES: Record<string, keyof InterfaceCounters> = {
  'packets input': 'inPackets',
  'no buffer': 'noBuffer',
  runts: 'runts',
  giants: 'giants',
  throttles: 'throttles',
  'input errors': 'inErrors',
  CRC: 'crc',
  frame: 'frame',
  overrun: 'overrun',
  ignored: 'ignored',
  abort: 'abort',
  watchdog: 'watchdog',
  multicast: 'inMulticasts',
  'pause input': 'pauseInput',
  'input packets with dribble condition detected': 'dribbleCondition',
  'packets output': 'outPackets',
  underruns: 'underruns',
  'output errors': 'outErrors',
  collisions: 'collisions',
  'interface resets': 'interfaceResets',
  'unknown protocol drops': 'unknownProtocolDrops',
  babbles: 'babbles',
  'late collision': 'lateCollisions',
  deferred: 'deferred',
  'lost carrier': 'lostCarrier',
  'no carrier': 'noCarrier',
  'pause output': 'pauseOutput',
  'output buffer failures': 'outputBufferFailures',
  'output buffers swapped out': 'outputBuffersSwappedOut',
  'carrier transitions': 'carrierTransitions',
};

/**
 * `338297234 packets input, 728401053 bytes, 0 no buffer`, `Received 0 broadcasts (0 IP multicasts)`, ... Half of
 * every block is these lines, so they are scanned in place rather than split into clause strings.
 */
function readCounters(record: InterfaceDetail, line: string, start: number): string | undefined {
  const counters = record.counters;
  const end = line.length;
  let direction: 'in' | 'out' | undefined;
  let problem: string | undefined;
  let at = start;
  while (at < end) {
    let clauseEnd = line.indexOf(',', at);
    if (clauseEnd < 0) clauseEnd = end;
    while (at < clauseEnd && line.charCodeAt(at) === 32) at++;
    let labelEnd = clauseEnd;
    while (labelEnd > at && line.charCodeAt(labelEnd - 1) === 32) labelEnd--;
    if (at === labelEnd) {
      at = clauseEnd + 1;
      continue;
    }
    if (line.startsWith('Received ', at)) {
      direction = 'in';
      at += 9;
    } else if (line.startsWith('Output ', at)) {
      direction = 'out';
      at += 7;
    }
    const numberStart = at;
    let value = 0;
    for (let digit = line.charCodeAt(at) - 48; digit >= 0 && digit <= 9; digit = line.charCodeAt(++at) - 48) {
      value = value * 10 + digit;
    }
    const name =
      at > numberStart && line.charCodeAt(at) === 32
        ? counterName(line, at + 1, labelEnd, direction)
        : undefined;
    if (name === 'broadcasts') {
      if (!readBroadcasts(counters, direction!, value, line.slice(at + 1, labelEnd))) {
        problem = `unrecognised counter "${line.slice(numberStart, labelEnd)}"`;
      }
    } else if (name) {
      counters[name] = value;
      if (name === 'inPackets') direction = 'in';
      else if (name === 'outPackets') direction = 'out';
    } else problem = `unrecognised counter "${line.slice(numberStart, labelEnd)}"`;
    at = clauseEnd + 1;
  }
  record.inBytes = counters.inBytes ?? null;
  record.outBytes = counters.outBytes ?? null;
  record.inErrors = counters.inErrors ?? null;
  record.outErrors = counters.outErrors ?? null;
  return problem;
}

const COUNTER_LABELS_BY_FIRST_CHAR = byFirstChar(Object.entries(COUNTER_NAMES));

/** The counter whose label is exactly `line[from, to)`; `bytes` and broadcasts take the line's direction. */
function counterName(
  line: string,
  from: number,
  to: number,
  direction: 'in' | 'out' | undefined,
): keyof InterfaceCounters | 'broadcasts' | undefined {
  const length = to - from;
  for (const [label, name] of COUNTER_LABELS_BY_FIRST_CHAR.get(line.charCodeAt(from)) ?? []) {
    if (label.length === length && line.startsWith(label, from)) return name;
  }
  if (!direction) return undefined;
  if (length === 5 && line.startsWith('bytes', from)) return direction === 'in' ? 'inBytes' : 'outBytes';
  return line.startsWith('broadcasts', from) ? 'broadcasts' : undefined;
}

/** `broadcasts (8982 IP multicasts)` after `Received 3192290`. */
function readBroadcasts(
  counters: InterfaceCounters,
  direction: 'in' | 'out',
  value: number,
  label: string,
): boolean {
  counters[direction === 'in' ? 'inBroadcasts' : 'outBroadcasts'] = value;
  if (label === 'broadcasts') return true;
  const multicasts = /^broadcasts \((\d+) (?:IP )?multicasts\)$/.exec(label);
  if (!multicasts) return false;
  counters[direction === 'in' ? 'inIpMulticasts' : 'outIpMulticasts'] = Number(multicasts[1]);
  return true;
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

// ---------------------------------------------------------------------------------------------------------------
// Tunnel lines. Images differ in how they group them (`Tunnel TTL 255, Fast tunneling enabled` on one line, or
// `Checksumming of packets disabled,  fast tunneling enabled`), so each comma clause is read on its own.

type TunnelClauseReader = (tunnel: TunnelDetail, value: string) => boolean;

const enabled = (value: string): boolean | undefined =>
  value === 'enabled' ? true : value === 'disabled' ? false : undefined;

const TUNNEL_CLAUSES: [string, TunnelClauseReader][] = [
  ['Tunnel source ', readTunnelSource],
  ['destination ', (tunnel, value) => Boolean((tunnel.destination = value))],
  ['Tunnel vrf ', (tunnel, value) => Boolean((tunnel.vrf = value))],
  ['Tunnel protocol/transport ', readTunnelProtocol],
  ['Key ', readTunnelKey],
  ['key ', readTunnelKey],
  ['sequencing ', (tunnel, value) => (tunnel.sequencing = enabled(value) ?? null) !== null],
  ['Checksumming of packets ', (tunnel, value) => (tunnel.checksumming = enabled(value) ?? null) !== null],
  ['Fast tunneling ', (tunnel, value) => (tunnel.fastTunneling = enabled(value) ?? null) !== null],
  ['fast tunneling ', (tunnel, value) => (tunnel.fastTunneling = enabled(value) ?? null) !== null],
  ['Tunnel TTL ', (tunnel, value) => (tunnel.ttl = count(value) ?? null) !== null],
  ['fastswitch TTL ', (tunnel, value) => (tunnel.ttl = count(value) ?? null) !== null],
  ['Tunnel TOS/Traffic Class ', (tunnel, value) => Boolean((tunnel.tos = value))],
  ['Tunnel transport MTU ', (tunnel, value) => (tunnel.transportMtu = bytesValue(value)) !== null],
  ['Tunnel transmit bandwidth ', (tunnel, value) => (tunnel.transmitBandwidthKbps = kbps(value)) !== null],
  ['Tunnel receive bandwidth ', (tunnel, value) => (tunnel.receiveBandwidthKbps = kbps(value)) !== null],
  ['Tunnel linestate evaluation ', readLinestate],
  ['Tunnel is transmit only', (tunnel) => (tunnel.transmitOnly = true)],
  ['Path MTU Discovery', (tunnel, value) => value === '' && (tunnel.pathMtuDiscovery = true)],
  ['ager ', (tunnel, value) => (tunnel.pathMtuAgerMinutes = leadingNumber(value) ?? null) !== null],
  ['min MTU ', (tunnel, value) => (tunnel.pathMtuMinimum = count(value) ?? null) !== null],
];

function readTunnelLine(record: InterfaceDetail, text: string): string | undefined {
  const tunnel = (record.tunnel ??= emptyTunnel());
  if (text === 'Tunnel Subblocks:') return undefined;
  if (text.startsWith('Tunnel protection via ')) return readProtection(tunnel, text);
  let problem: string | undefined;
  for (const clause of clauses(text)) {
    if (!readTunnelClause(tunnel, clause)) problem = `unrecognised tunnel detail "${clause}"`;
  }
  return problem;
}

const TUNNEL_CLAUSES_BY_FIRST_CHAR = byFirstChar(TUNNEL_CLAUSES);

/** One clause: its leading words say what it is (`Tunnel TTL 255`), a bare one (`Tunnel is transmit only`) too. */
function readTunnelClause(tunnel: TunnelDetail, clause: string): boolean {
  for (const [prefix, reader] of TUNNEL_CLAUSES_BY_FIRST_CHAR.get(clause.charCodeAt(0)) ?? []) {
    if (clause.startsWith(prefix)) return reader(tunnel, clause.slice(prefix.length).trim());
    if (clause.length === prefix.length - 1 && prefix.startsWith(clause)) return reader(tunnel, '');
  }
  return false;
}

/** The source-tracking subblock repeats the tunnel source interface; it is understood and not kept. */
function tunnelSubblock(record: InterfaceDetail): undefined {
  record.tunnel ??= emptyTunnel();
  return undefined;
}

/** `1.1.1.1 (GigabitEthernet1)` or `1.1.1.1`. */
function readTunnelSource(tunnel: TunnelDetail, value: string): boolean {
  const match = /^(\S+)(?: \((\S+)\))?$/.exec(value);
  if (!match) return false;
  tunnel.source = match[1]!;
  tunnel.sourceInterface = match[2] ?? null;
  return true;
}

function readTunnelProtocol(tunnel: TunnelDetail, value: string): boolean {
  tunnel.protocol = value;
  tunnel.multipoint = value.startsWith('multi-');
  return value !== '';
}

function readTunnelKey(tunnel: TunnelDetail, value: string): boolean {
  if (value === 'disabled') return true;
  const key = value.startsWith('0x') ? parseInt(value.slice(2), 16) : count(value);
  if (key === undefined || Number.isNaN(key)) return false;
  tunnel.key = key;
  return true;
}

function readLinestate(tunnel: TunnelDetail, value: string): boolean {
  const dash = value.indexOf(' - ');
  tunnel.linestate = dash < 0 ? value : value.slice(0, dash);
  tunnel.linestateReason = dash < 0 ? null : value.slice(dash + 3);
  return value !== '';
}

function readProtection(tunnel: TunnelDetail, text: string): string | undefined {
  const match = PROTECTION.exec(text);
  if (!match) return 'unrecognised Tunnel protection line';
  tunnel.protection = match[1]!;
  tunnel.protectionProfile = match[2] ?? null;
  return undefined;
}

/** `1476 bytes` -> 1476. */
function bytesValue(value: string): number | null {
  const match = /^(\d+) bytes$/.exec(value);
  return match ? Number(match[1]) : null;
}

/** `8000 (kbps)` -> 8000. */
function kbps(value: string): number | null {
  const match = /^(\d+) \(kbps\)$/.exec(value);
  return match ? Number(match[1]) : null;
}
