// Parses `show ip bgp [all|<family>] summary`: the header of each address family and its neighbor table.

import type { BgpNeighborSummary, BgpSummary } from '../model/records/system.js';
import { parseDuration } from './common/duration.js';
import { words } from './common/lines.js';
import { wholeNumber } from './common/numbers.js';
import { defineParser, type ParseOutput } from './common/parser.js';
import { isTerminalNoise } from './common/terminal-noise.js';

type BgpRecord = BgpSummary | BgpNeighborSummary;

const ADDRESS_FAMILY = /^For address family: (.+?)$/;
const ROUTER_ID = /^BGP router identifier (\S+), local AS number (\S+)$/;
const TABLE_VERSION = /^BGP table version is (\d+), main routing table version (\d+)$/;
const MEMORY = /^(\d+)(?:\/(\d+))? (.+?) entries using (\d+) bytes of memory$/;
const TOTAL_MEMORY = /^BGP using (\d+) total bytes of memory$/;
const SOFT_RECONFIGURATION = /^(\d+) received paths for inbound soft reconfiguration$/;
const MULTIPATH = /^(\d+) multipath network entries and (\d+) multipath paths$/;
const ACTIVITY = /^BGP activity (\d+)\/(\d+) prefixes, (\d+)\/(\d+) paths, scan interval (\d+) secs$/;
const PEAK = /^(\d+) networks peaked at (.+?)(?: \([^)]+ ago\))?$/;
const COLUMNS = /^Neighbor\s+V\s+AS\s+MsgRcvd\s+MsgSent\s+TblVer\s+InQ\s+OutQ\s+Up\/Down\s+State\/PfxRcd$/;
const DYNAMIC_FOOTNOTE = '* Dynamically created based on a listen range command';
const DYNAMIC_COUNT =
  /^(?:Total d|D)ynamically created neighbors: (\d+)(?:\/\((\d+) max\))?, Subnet ranges: (\d+)$/;
const LISTEN_RANGE_GROUP = /^BGP peergroup (\S+) listen range group members:$/;
const LISTEN_RANGE = /^[\dA-Fa-f.:]+\/\d+$/;
/** An IPv6 neighbor too long for its column: the address alone, its figures on the next line. */
const WRAPPED_ADDRESS = /^\*?[\dA-Fa-f]*:[\dA-Fa-f:.]*$/;
const AS_NUMBER = /^(\d+)(?:\.(\d+))?$/;
/** What IOS answers when BGP is not configured: not an error, just nothing to list. */
const NOT_ACTIVE = /^% BGP not active$/;

export const showIpBgpSummary = defineParser<BgpRecord>({
  command: 'show ip bgp summary',
  syntax: [
    'show ip bgp summary',
    'show ip bgp all summary',
    'show ip bgp <family> summary',
    'show ip bgp <family> <modifier> summary',
    'show bgp summary',
    'show bgp <family> <modifier> summary',
  ],
  detect: (text) =>
    /^BGP router identifier \S+, local AS number /m.test(text) &&
    /^Neighbor\s+V\s+AS\s+MsgRcvd\s+MsgSent\s+TblVer\s+InQ\s+OutQ\s+Up\/Down\s+State\/PfxRcd\s*$/m.test(text),
  parse(out) {
    new BgpSummaryReader(out).read();
  },
});

class BgpSummaryReader {
  private summary: BgpSummary | undefined;
  private addressFamily: string | null = null;
  private wrapped: { address: string; index: number } | undefined;
  /** The ranges of the listen-range group being listed, if any. */
  private listenRanges: string[] | undefined;

  constructor(private readonly out: ParseOutput<BgpRecord>) {}

  read(): void {
    const { lines } = this.out;
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i]!.trim();
      if (text === '') continue;
      if (this.readLine(text, i)) this.out.recognized++;
      else this.out.warn(i, 'not a line of `show ip bgp summary`');
    }
  }

  private readLine(text: string, index: number): boolean {
    const wrapped = this.wrapped;
    this.wrapped = undefined;
    if (wrapped && this.readNeighbor([wrapped.address, ...words(text)], wrapped.index)) return true;
    const tokens = words(text);
    if (tokens.length >= 10 && this.readNeighbor(tokens, index)) return true;
    if (tokens.length === 1 && WRAPPED_ADDRESS.test(text)) {
      this.wrapped = { address: text, index };
      return true;
    }
    if (this.listenRanges && LISTEN_RANGE.test(text)) {
      this.listenRanges.push(text);
      return true;
    }
    this.listenRanges = undefined;
    return this.readHeaderLine(text, index) || this.readCount(text, index);
  }

  private readHeaderLine(text: string, index: number): boolean {
    const family = ADDRESS_FAMILY.exec(text);
    if (family) {
      this.addressFamily = family[1]!;
      this.summary = undefined;
      return true;
    }
    const routerId = ROUTER_ID.exec(text);
    if (routerId) {
      const summary = this.newSummary(index);
      summary.routerId = routerId[1]!;
      summary.localAs = routerId[2]!;
      summary.localAsPlain = asPlain(routerId[2]!) ?? null;
      return summary.localAsPlain !== null;
    }
    const table = TABLE_VERSION.exec(text);
    if (table) {
      const summary = this.currentSummary(index);
      summary.tableVersion = Number(table[1]);
      summary.mainTableVersion = Number(table[2]);
      return true;
    }
    const total = TOTAL_MEMORY.exec(text);
    if (total) {
      this.currentSummary(index).totalMemoryBytes = Number(total[1]);
      return true;
    }
    const activity = ACTIVITY.exec(text);
    if (activity) {
      const summary = this.currentSummary(index);
      const [added, removed, pathsAdded, pathsRemoved, scan] = activity.slice(1).map(Number);
      summary.prefixesAdded = added!;
      summary.prefixesRemoved = removed!;
      summary.pathsAdded = pathsAdded!;
      summary.pathsRemoved = pathsRemoved!;
      summary.scanIntervalSeconds = scan!;
      return true;
    }
    return this.readDynamicNeighbors(text, index);
  }

  /** The footer a hub with `bgp listen range` prints under its table. */
  private readDynamicNeighbors(text: string, index: number): boolean {
    if (text === DYNAMIC_FOOTNOTE) return true;
    const dynamic = DYNAMIC_COUNT.exec(text);
    if (dynamic) {
      const summary = this.currentSummary(index);
      summary.dynamicNeighbors = Number(dynamic[1]);
      if (dynamic[2] !== undefined) summary.dynamicNeighborsMax = Number(dynamic[2]);
      summary.subnetRanges = Number(dynamic[3]);
      return true;
    }
    const group = LISTEN_RANGE_GROUP.exec(text);
    if (group) {
      this.listenRanges = [];
      this.currentSummary(index).listenRanges.push({ peerGroup: group[1]!, ranges: this.listenRanges });
      return true;
    }
    // The exec banner, the echoed command and the prompt left at the end of a capture come with the output.
    return COLUMNS.test(text) || isTerminalNoise(text) || NOT_ACTIVE.test(text);
  }

  /** Header lines that start with a count: memory use, soft reconfiguration, multipath, the peak. */
  private readCount(text: string, index: number): boolean {
    const memory = MEMORY.exec(text);
    if (memory) {
      this.currentSummary(index).memory.push({
        what: memory[3]!,
        entries: Number(memory[1]),
        bestpathEntries: memory[2] === undefined ? null : Number(memory[2]),
        bytes: Number(memory[4]),
      });
      return true;
    }
    const soft = SOFT_RECONFIGURATION.exec(text);
    if (soft) {
      this.currentSummary(index).softReconfigurationPaths = Number(soft[1]);
      return true;
    }
    const multipath = MULTIPATH.exec(text);
    if (multipath) {
      const summary = this.currentSummary(index);
      summary.multipathNetworks = Number(multipath[1]);
      summary.multipathPaths = Number(multipath[2]);
      return true;
    }
    const peak = PEAK.exec(text);
    if (!peak) return false;
    const summary = this.currentSummary(index);
    summary.peakNetworks = Number(peak[1]);
    summary.peakAt = peak[2]!;
    return true;
  }

  /** `10.0.0.1  4  65000  2746767 2396274 512185206  0  0 3w0d  558720`, or a state such as `Idle (Admin)` last. */
  private readNeighbor(tokens: string[], index: number): boolean {
    if (tokens.length < 10) return false;
    const address = tokens[0]!;
    const version = wholeNumber(tokens[1]!);
    const remoteAsPlain = asPlain(tokens[2]!);
    const messagesReceived = wholeNumber(tokens[3]!);
    const messagesSent = wholeNumber(tokens[4]!);
    const tableVersion = wholeNumber(tokens[5]!);
    const inQueue = wholeNumber(tokens[6]!);
    const outQueue = wholeNumber(tokens[7]!);
    const upDownSeconds = parseDuration(tokens[8]!);
    if (
      version === undefined ||
      remoteAsPlain === undefined ||
      messagesReceived === undefined ||
      messagesSent === undefined ||
      tableVersion === undefined ||
      inQueue === undefined ||
      outQueue === undefined ||
      upDownSeconds === undefined
    ) {
      return false;
    }
    const stateText = tokens.length === 10 ? tokens[9]! : tokens.slice(9).join(' ');
    const prefixes = wholeNumber(stateText);
    const dynamic = address.startsWith('*');
    this.out.records.push({
      kind: 'bgp_neighbor',
      line: index + 1,
      addressFamily: this.addressFamily,
      neighbor: dynamic ? address.slice(1) : address,
      dynamic,
      version,
      remoteAs: tokens[2]!,
      remoteAsPlain,
      messagesReceived,
      messagesSent,
      tableVersion,
      inQueue,
      outQueue,
      upDownSeconds,
      state: prefixes === undefined ? stateText : 'Established',
      prefixesReceived: prefixes ?? null,
    });
    return true;
  }

  private currentSummary(index: number): BgpSummary {
    return this.summary ?? this.newSummary(index);
  }

  private newSummary(index: number): BgpSummary {
    this.summary = {
      kind: 'bgp_summary',
      line: index + 1,
      addressFamily: this.addressFamily,
      routerId: null,
      localAs: null,
      localAsPlain: null,
      tableVersion: null,
      mainTableVersion: null,
      memory: [],
      totalMemoryBytes: null,
      softReconfigurationPaths: null,
      multipathNetworks: null,
      multipathPaths: null,
      prefixesAdded: null,
      prefixesRemoved: null,
      pathsAdded: null,
      pathsRemoved: null,
      scanIntervalSeconds: null,
      peakNetworks: null,
      peakAt: null,
      dynamicNeighbors: null,
      dynamicNeighborsMax: null,
      subnetRanges: null,
      listenRanges: [],
    };
    this.out.records.push(this.summary);
    return this.summary;
  }
}

/** An AS number as one integer: asplain as is, asdot `65000.1000` as 65000 * 65536 + 1000. */
function asPlain(text: string): number | undefined {
  const plain = wholeNumber(text);
  if (plain !== undefined) return plain;
  const match = AS_NUMBER.exec(text);
  if (!match) return undefined;
  const high = Number(match[1]);
  if (match[2] === undefined) return high;
  const low = Number(match[2]);
  return high <= 65535 && low <= 65535 ? high * 65536 + low : undefined;
}
