// Parses `show ip nhrp traffic [interface <interface>] [detail]` (and `show ipv6 ...`): NHRP packet counters.

import type { ParseOptions } from '../model/parse.js';
import type { NhrpGlobalTraffic, NhrpTraffic } from '../model/records/nhrp-server.js';
import { interfaceFromArgs } from './common/interface-name.js';
import { LineCursor } from './common/line-cursor.js';
import { defineParser, type ParseOutput } from './common/parser.js';
import { StrayLines } from './common/stray-lines.js';
import { isTerminalNoise } from './common/terminal-noise.js';
import { indentOf, isDigit, snakeCase } from './common/text.js';

export type TrafficRecord = NhrpTraffic | NhrpGlobalTraffic;

type Direction = 'sent' | 'rcvd' | 'fwd';

/** `Tunnel0: Max-send limit:100Pkts/10Sec, Usage:0%`; `Tunnel0:` or, on IOS 12.x, a bare `Tunnel0`. */
const INTERFACE_HEADER =
  /^([A-Za-z][\w./-]*\d):?(?:\s+Max-send limit:\s*(\d+)\s*Pkts\/(\d+)\s*Sec,?\s*Usage:\s*(\d+)\s*%)?$/;
const DIRECTION_TOTAL = /^(Sent|Rcvd|Fwd):\s*Total\s+(\d+)$/;
const PACKET_QUEUE = /^Packet Queue size:\s*((\d+)\S*)$/;
/** IOS 12.x: `request packets sent: 2`. */
const LEGACY_COUNTER = /^(request|reply|register|error) packets (sent|received):\s*(\d+)$/;

const DIRECTIONS: Record<string, Direction> = { Sent: 'sent', Rcvd: 'rcvd', Fwd: 'fwd' };

/** The packet names IOS prints, to the key prefixes documented on NhrpTraffic, with each direction's key. */
const PACKET_KEYS = new Map<string, Record<Direction, string>>(
  (
    [
      ['Resolution Request', 'res_req'],
      ['Resolution Reply', 'res_reply'],
      ['Registration Request', 'reg_req'],
      ['Registration Reply', 'reg_reply'],
      ['Purge Request', 'purge_req'],
      ['Purge Reply', 'purge_reply'],
      ['Error Indication', 'err_ind'],
      ['Traffic Indication', 'traffic_ind'],
      ['Redirect Suppress', 'redirect_supp'],
    ] as const
  ).map(([name, packet]) => [name, { sent: `${packet}_sent`, rcvd: `${packet}_rcvd`, fwd: `${packet}_fwd` }]),
);

function newTraffic(line: number, iface: string | null): NhrpTraffic {
  return {
    kind: 'nhrp_traffic',
    line,
    interface: iface,
    counters: {},
    maxSendPackets: null,
    maxSendIntervalSeconds: null,
    usagePercent: null,
  };
}

function newGlobal(line: number): NhrpGlobalTraffic {
  return { kind: 'nhrp_traffic_global', line, counters: {}, packetQueueSize: null, packetQueue: null };
}

/** Walks the output once; counter lines belong to the `Sent:`/`Rcvd:`/`Fwd:` line above them. */
class TrafficReader {
  private current: TrafficRecord | undefined;
  private direction: Direction | undefined;
  private readonly commandInterface: string | null;
  /** Counter lines whose Sent:/Rcvd:/Fwd: line was filtered out. */
  private readonly orphanCounters = new StrayLines();

  constructor(
    private readonly out: ParseOutput<TrafficRecord>,
    options: ParseOptions,
  ) {
    this.commandInterface = interfaceFromArgs(options.args);
  }

  read(): void {
    const lines = this.out.lines;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const start = indentOf(line);
      if (start === line.length) continue;
      const first = line.charCodeAt(start);
      if (isDigit(first)) this.readCounters(new LineCursor(line, start), i);
      else this.readLine(line.slice(start).trimEnd(), i);
    }
    this.orphanCounters.warnOnce(
      this.out,
      (count) =>
        `${count} counter line(s) with no Sent:/Rcvd:/Fwd: line above them (filtered out?): ` +
        'their direction is unknown',
    );
  }

  private readLine(text: string, i: number): void {
    const total = DIRECTION_TOTAL.exec(text);
    if (total) return this.readDirection(DIRECTIONS[total[1]!]!, Number(total[2]), i);
    if (text === 'Global statistics:') return this.start(newGlobal(i + 1));
    if (text.startsWith('Packet Queue size:')) return this.readPacketQueue(text, i);
    if (isTerminalNoise(text)) {
      this.out.recognized++;
      return;
    }
    const legacy = LEGACY_COUNTER.exec(text);
    if (legacy) return this.readLegacyCounter(legacy, i);
    const header = INTERFACE_HEADER.exec(text);
    if (header) return this.readHeader(header, i);
    this.out.warn(i, 'not an interface header, Sent:/Rcvd:/Fwd: line or counter line');
  }

  private start(record: TrafficRecord): void {
    this.out.records.push(record);
    this.out.recognized++;
    this.current = record;
    this.direction = undefined;
  }

  private readHeader(header: RegExpExecArray, i: number): void {
    const traffic = newTraffic(i + 1, header[1]!);
    if (header[2] !== undefined) {
      traffic.maxSendPackets = Number(header[2]);
      traffic.maxSendIntervalSeconds = Number(header[3]);
      traffic.usagePercent = Number(header[4]);
    }
    this.start(traffic);
  }

  /** Without its header (filtered output), a `Sent:` line, or a second one, starts the next interface's record. */
  private readDirection(direction: Direction, total: number, i: number): void {
    const key = `total_${direction}`;
    if (!this.current || key in this.current.counters) this.start(newTraffic(i + 1, this.commandInterface));
    this.current!.counters[key] = total;
    this.direction = direction;
    this.out.recognized++;
  }

  /** `69 Resolution Request  73 Resolution Reply  5083 Registration Request`. */
  private readCounters(cursor: LineCursor, i: number): void {
    const direction = this.direction;
    if (!this.current || !direction) {
      if (cursor.count() === undefined || cursor.textBeforeDigit() === '')
        return this.out.warn(i, 'not a counter line');
      this.orphanCounters.add(i);
      this.out.recognized++;
      return;
    }
    const counters = this.current.counters;
    const unknown: string[] = [];
    while (!cursor.done) {
      const count = cursor.count();
      const name = count === undefined ? '' : cursor.textBeforeDigit();
      if (name === '') return this.out.warn(i, 'a counter line cut short or of an unknown form');
      let key = PACKET_KEYS.get(name)?.[direction];
      if (key === undefined) {
        key = `${snakeCase(name)}_${direction}`;
        unknown.push(`${name} (kept as ${key})`);
      }
      counters[key] = count!;
    }
    this.out.recognized++;
    if (unknown.length > 0) this.out.warn(i, `unknown NHRP packet counter: ${unknown.join(', ')}`);
  }

  private readLegacyCounter(match: RegExpExecArray, i: number): void {
    if (!this.current) this.start(newTraffic(i + 1, this.commandInterface));
    const direction = match[2] === 'sent' ? 'sent' : 'rcvd';
    this.current!.counters[`${match[1]}_${direction}`] = Number(match[3]);
    this.out.recognized++;
  }

  private readPacketQueue(text: string, i: number): void {
    const match = PACKET_QUEUE.exec(text);
    if (!match || this.current?.kind !== 'nhrp_traffic_global') {
      return this.out.warn(i, 'a Packet Queue line outside Global statistics, or of an unknown form');
    }
    this.current.packetQueue = match[1]!;
    this.current.packetQueueSize = Number(match[2]);
    this.out.recognized++;
  }
}

const TRAFFIC_TEXT = /Max-send limit:|^[ \t]*(?:Sent|Rcvd): Total \d|^[ \t]*request packets sent:/m;

export const showIpNhrpTraffic = defineParser<TrafficRecord>({
  command: 'show ip nhrp traffic',
  syntax: [
    'show ip nhrp traffic',
    'show ip nhrp traffic detail',
    'show ip nhrp traffic interface <interface>',
    'show ip nhrp traffic interface <interface> detail',
    'show ip nhrp traffic interface <interface> <number>',
    'show ip nhrp traffic interface <interface> <number> detail',
    'show ipv6 nhrp traffic',
    'show ipv6 nhrp traffic detail',
    'show ipv6 nhrp traffic interface <interface>',
    'show ipv6 nhrp traffic interface <interface> detail',
    'show ipv6 nhrp traffic interface <interface> <number>',
    'show ipv6 nhrp traffic interface <interface> <number> detail',
  ],
  detect: (text) => TRAFFIC_TEXT.test(text),
  parse(out, options) {
    new TrafficReader(out, options).read();
  },
});
