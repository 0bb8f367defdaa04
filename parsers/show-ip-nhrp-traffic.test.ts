import { describe, expect, it } from 'vitest';
import type { NhrpGlobalTraffic, NhrpTraffic } from '../model/records/nhrp-server.js';
import { loadUpstream, readCapture } from '../test/fixture-files.js';
import { resolveCommand } from './registry/index.js';
import { showIpNhrpTraffic, type TrafficRecord } from './show-ip-nhrp-traffic.js';

/** Genie's names for the packets, to our key prefixes (genie spells `redirect_supress`). */
const GENIE_PACKETS: Record<string, string> = {
  total: 'total',
  resolution_request: 'res_req',
  resolution_reply: 'res_reply',
  registration_request: 'reg_req',
  registration_reply: 'reg_reply',
  purge_request: 'purge_req',
  purge_reply: 'purge_reply',
  error_indication: 'err_ind',
  traffic_indication: 'traffic_ind',
  redirect_supress: 'redirect_supp',
};

/** A genie `{ sent: {...}, rcvd: {...}, fwd: {...} }` block as our flat counters. */
function genieCounters(block: Record<string, unknown>): Record<string, number> {
  const counters: Record<string, number> = {};
  for (const direction of ['sent', 'rcvd', 'fwd']) {
    const packets = block[direction] as Record<string, number> | undefined;
    for (const [name, count] of Object.entries(packets ?? {}))
      counters[`${GENIE_PACKETS[name]}_${direction}`] = count;
  }
  return counters;
}

const limitText = (traffic: NhrpTraffic): string =>
  `${traffic.maxSendPackets}Pkts/${traffic.maxSendIntervalSeconds}Sec`;

describe('show ip nhrp traffic: the captures agree with their upstream parse', () => {
  it('show ip nhrp traffic interface tunnel100 (genie)', () => {
    const result = showIpNhrpTraffic.parse(
      readCapture('show_ip_nhrp_traffic', 'genie__golden_output_2_output.txt'),
    );
    const upstream = loadUpstream('show_ip_nhrp_traffic', 'genie__golden_output_2') as {
      interface: Record<string, Record<string, unknown>>;
    };
    expect(result.warnings).toEqual([]);
    const traffic = result.records as NhrpTraffic[];
    expect(traffic.map((record) => record.interface)).toEqual(Object.keys(upstream.interface));
    for (const record of traffic) {
      const theirs = upstream.interface[record.interface!]!;
      expect(record.counters).toEqual(genieCounters(theirs));
      expect(limitText(record)).toBe(theirs.max_send_limit);
      expect(`${record.usagePercent}%`).toBe(theirs.usage);
    }
  });

  it('show ip nhrp traffic interface tunnel100 detail (genie): global statistics, then the tunnel with Fwd', () => {
    const result = showIpNhrpTraffic.parse(
      readCapture('show_ip_nhrp_traffic_detail', 'genie__golden_output_2_output.txt'),
    );
    const upstream = loadUpstream('show_ip_nhrp_traffic_detail', 'genie__golden_output_2') as {
      statistics: { global_statistics: Record<string, unknown>; Tunnel100: Record<string, unknown> };
    };
    expect(result.warnings).toEqual([]);
    const [global, tunnel] = result.records as [NhrpGlobalTraffic, NhrpTraffic];
    expect(global.kind).toBe('nhrp_traffic_global');
    expect(global.counters).toEqual(genieCounters(upstream.statistics.global_statistics));
    // Genie splits `Packet Queue size: 0[0](1)` into packet 0, queue 0, size 1; we keep it as printed.
    expect(global.packetQueue).toBe('0[0](1)');
    expect(global.packetQueueSize).toBe(upstream.statistics.global_statistics.packet);
    expect(tunnel.interface).toBe('Tunnel100');
    expect(tunnel.counters).toEqual(genieCounters(upstream.statistics.Tunnel100));
    expect(limitText(tunnel)).toBe(upstream.statistics.Tunnel100.max_send_limit);
  });
});

const block = (direction: string, total: number, counts: number[]): string[] => [
  `   ${direction}: Total ${total}`,
  `         ${counts[0]} Resolution Request  ${counts[1]} Resolution Reply  ${counts[2]} Registration Request`,
  `         ${counts[3]} Registration Reply  ${counts[4]} Purge Request  ${counts[5]} Purge Reply`,
  `         ${counts[6]} Error Indication  ${counts[7]} Traffic Indication  ${counts[8]} Redirect Suppress`,
];

describe('show ip nhrp traffic: what the counters say about a tunnel', () => {
  it('a phase 3 hub sends Traffic Indications and answers registrations', () => {
    const text = [
      'Tunnel0: Max-send limit:10000Pkts/10Sec, Usage:0%',
      ...block('Sent', 5500, [0, 86, 0, 5402, 0, 0, 0, 12, 0]),
      ...block('Rcvd', 5490, [86, 0, 5404, 0, 0, 0, 0, 0, 0]),
    ].join('\n');
    const [hub] = showIpNhrpTraffic.parse(text).records as NhrpTraffic[];
    expect(hub!.counters).toMatchObject({
      traffic_ind_sent: 12,
      reg_req_rcvd: 5404,
      reg_reply_sent: 5402,
      res_req_rcvd: 86,
      res_reply_sent: 86,
    });
  });

  it('a spoke whose registrations go unanswered sends Registration Requests and receives nothing', () => {
    const text = [
      'Tunnel111: Max-send limit:10000Pkts/10Sec, Usage:0%',
      ...block('Sent', 7310, [0, 0, 7310, 0, 0, 0, 0, 0, 0]),
      ...block('Rcvd', 0, [0, 0, 0, 0, 0, 0, 0, 0, 0]),
    ].join('\n');
    const [spoke] = showIpNhrpTraffic.parse(text).records as NhrpTraffic[];
    expect(spoke!.counters.reg_req_sent).toBe(7310);
    expect(spoke!.counters.reg_reply_rcvd).toBe(0);
    expect(spoke!.counters.total_rcvd).toBe(0);
  });

  it('shows the rate limit and how much of it is used', () => {
    const text = [
      'Tunnel0: Max-send limit:100Pkts/10Sec, Usage:87%',
      ...block('Sent', 0, [0, 0, 0, 0, 0, 0, 0, 0, 0]),
    ];
    const [traffic] = showIpNhrpTraffic.parse(text.join('\n')).records as NhrpTraffic[];
    expect(traffic).toMatchObject({ maxSendPackets: 100, maxSendIntervalSeconds: 10, usagePercent: 87 });
  });

  it('gives one record to each tunnel', () => {
    const text = [
      'Tunnel0: Max-send limit:10000Pkts/10Sec, Usage:0%',
      ...block('Sent', 10, [1, 2, 3, 4, 0, 0, 0, 0, 0]),
      ...block('Rcvd', 11, [2, 1, 0, 4, 0, 0, 4, 0, 0]),
      'Tunnel1: Max-send limit:10000Pkts/10Sec, Usage:1%',
      ...block('Sent', 20, [5, 6, 7, 2, 0, 0, 0, 0, 0]),
      ...block('Rcvd', 21, [6, 5, 0, 7, 0, 0, 0, 3, 0]),
    ].join('\n');
    const result = showIpNhrpTraffic.parse(text);
    expect(result.warnings).toEqual([]);
    const traffic = result.records as NhrpTraffic[];
    expect(
      traffic.map((record) => [
        record.interface,
        record.line,
        record.counters.total_sent,
        record.counters.err_ind_rcvd,
      ]),
    ).toEqual([
      ['Tunnel0', 1, 10, 4],
      ['Tunnel1', 10, 20, 0],
    ]);
    expect(traffic[1]!.counters.traffic_ind_rcvd).toBe(3);
  });

  it('reads the IOS 12.x layout under its own counter names', () => {
    const text = [
      'Tunnel0',
      '  request packets sent: 2',
      '  request packets received: 4',
      '  reply packets sent: 4',
      '  reply packets received: 2',
      '  register packets sent: 0',
      '  register packets received: 0',
      '  error packets sent: 0',
      '  error packets received: 1',
    ].join('\n');
    const result = showIpNhrpTraffic.parse(text);
    expect(result.warnings).toEqual([]);
    expect(result.records).toEqual([
      {
        kind: 'nhrp_traffic',
        line: 1,
        interface: 'Tunnel0',
        counters: {
          request_sent: 2,
          request_rcvd: 4,
          reply_sent: 4,
          reply_rcvd: 2,
          register_sent: 0,
          register_rcvd: 0,
          error_sent: 0,
          error_rcvd: 1,
        },
        maxSendPackets: null,
        maxSendIntervalSeconds: null,
        usagePercent: null,
      },
    ]);
  });

  it('keeps a counter name it does not know, and says so', () => {
    const text = [
      'Tunnel0: Max-send limit:10000Pkts/10Sec, Usage:0%',
      '   Sent: Total 3',
      '         3 Shortcut Probe',
    ];
    const result = showIpNhrpTraffic.parse(text.join('\n'));
    expect((result.records[0] as NhrpTraffic).counters.shortcut_probe_sent).toBe(3);
    expect(result.warnings).toEqual([
      expect.objectContaining({ line: 3, reason: expect.stringContaining('Shortcut Probe') }),
    ]);
  });
});

describe('show ip nhrp traffic: filtered and broken output', () => {
  it('`| include Tunnel|Total` keeps the totals of each tunnel', () => {
    const text = [
      'Tunnel0: Max-send limit:10000Pkts/10Sec, Usage:0%',
      '   Sent: Total 10',
      '   Rcvd: Total 11',
      'Tunnel1: Max-send limit:10000Pkts/10Sec, Usage:0%',
      '   Sent: Total 20',
      '   Rcvd: Total 21',
    ].join('\n');
    const result = showIpNhrpTraffic.parse(text, { filtered: true });
    expect(result.warnings).toEqual([]);
    expect((result.records as NhrpTraffic[]).map((record) => [record.interface, record.counters])).toEqual([
      ['Tunnel0', { total_sent: 10, total_rcvd: 11 }],
      ['Tunnel1', { total_sent: 20, total_rcvd: 21 }],
    ]);
  });

  it('`| include Total` without the headers starts a new record at each repeated Sent:', () => {
    const resolution = resolveCommand('sh ip nhrp traf int tunnel0 | include Total');
    if (!resolution.ok) throw new Error(resolution.error);
    const { parser, args, filtered } = resolution.command;
    expect(parser).toBe(showIpNhrpTraffic);
    const text = ['   Sent: Total 10', '   Rcvd: Total 11', '   Sent: Total 20', '   Rcvd: Total 21'].join(
      '\n',
    );
    const result = parser.parse(text, { args, filtered });
    expect(result.warnings).toEqual([]);
    expect((result.records as TrafficRecord[]).map((record) => [record.line, record.counters])).toEqual([
      [1, { total_sent: 10, total_rcvd: 11 }],
      [3, { total_sent: 20, total_rcvd: 21 }],
    ]);
    expect((result.records[0] as NhrpTraffic).interface).toBe('Tunnel0');
  });

  it('says once that counter lines without their Sent:/Rcvd: line have no direction', () => {
    const text = [
      '         69 Resolution Request  73 Resolution Reply  5083 Registration Request',
      '         73 Resolution Request  41 Resolution Reply  0 Registration Request',
    ];
    const result = showIpNhrpTraffic.parse(text.join('\n'), { filtered: true });
    expect(result.records).toEqual([]);
    expect(result.warnings).toEqual([
      expect.objectContaining({ line: 1, reason: expect.stringContaining('2 counter line(s)') }),
    ]);
  });

  it('a line cut short keeps the counters before the cut and warns', () => {
    const text = [
      'Tunnel0: Max-send limit:10000Pkts/10Sec, Usage:0%',
      '   Sent: Total 5266',
      '         69 Resolution Request  73',
    ];
    const result = showIpNhrpTraffic.parse(text.join('\n'));
    expect((result.records[0] as NhrpTraffic).counters).toEqual({ total_sent: 5266, res_req_sent: 69 });
    expect(result.warnings).toEqual([
      expect.objectContaining({ line: 3, reason: 'a counter line cut short or of an unknown form' }),
    ]);
  });

  it('an empty output and a refused command are reported as such', () => {
    expect(showIpNhrpTraffic.parse('\n\n').error?.kind).toBe('empty');
    const refused = [
      'show ip nhrp trafic',
      '               ^',
      "% Invalid input detected at '^' marker.",
    ].join('\n');
    expect(showIpNhrpTraffic.parse(refused).error?.kind).toBe('invalid-input');
  });

  it('garbage gives warnings and a not-recognized error, never an exception', () => {
    const result = showIpNhrpTraffic.parse('Sent it yesterday\n42\nPacket Queue size: lots\n');
    expect(result.records).toEqual([]);
    expect(result.warnings).toHaveLength(3);
    expect(result.error?.kind).toBe('not-recognized');
  });
});
