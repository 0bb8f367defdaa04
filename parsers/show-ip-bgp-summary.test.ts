import { describe, expect, it } from 'vitest';
import type { BgpNeighborSummary, BgpSummary } from '../model/records/system.js';
import { loadUpstream, readCapture } from '../test/fixture-files.js';
import { parseDuration } from './common/duration.js';
import { resolveCommand } from './registry/index.js';
import { showIpBgpSummary } from './show-ip-bgp-summary.js';

const FOLDER = 'show_ip_bgp_summary';
const COLUMNS = 'Neighbor        V           AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd';

const summaries = (records: (BgpSummary | BgpNeighborSummary)[]): BgpSummary[] =>
  records.filter((record): record is BgpSummary => record.kind === 'bgp_summary');
const neighbors = (records: (BgpSummary | BgpNeighborSummary)[]): BgpNeighborSummary[] =>
  records.filter((record): record is BgpNeighborSummary => record.kind === 'bgp_neighbor');

describe('show ip bgp summary: the captures agree with their upstream parse', () => {
  it.each([
    ['ntc__cisco_ios_show_ip_bgp_summary', 'show ip bgp summary'],
    ['ntc__cisco_ios_show_ip_bgp_summary_all', 'show ip bgp all summary'],
    ['ntc__cisco_ios_show_ip_bgp_summary_with_dot', 'show ip bgp summary'],
    ['ntc__cisco_ios_show_ip_bgp_summary_with_dot_peer_as', 'show ip bgp summary'],
  ])('%s (ntc)', (name, command) => {
    expect(resolveCommand(command).ok).toBe(true);
    const { records, warnings } = showIpBgpSummary.parse(readCapture(FOLDER, `${name}.raw`));
    expect(warnings).toEqual([]);
    const headers = summaries(records);
    const ours = neighbors(records).map((neighbor) => {
      // Each neighbor belongs to the header of its address family.
      const header = headers.filter((summary) => summary.line < neighbor.line).at(-1)!;
      return {
        address_family: neighbor.addressFamily ?? '',
        bgp_neighbor: neighbor.neighbor,
        bgp_version: String(neighbor.version),
        input_queue: String(neighbor.inQueue),
        local_as: header.localAs,
        messages_received: String(neighbor.messagesReceived),
        messages_sent: String(neighbor.messagesSent),
        neighbor_as: neighbor.remoteAs,
        output_queue: String(neighbor.outQueue),
        router_id: header.routerId,
        state_or_prefixes_received:
          neighbor.prefixesReceived === null ? neighbor.state : String(neighbor.prefixesReceived),
        table_version: String(neighbor.tableVersion),
        up_down: neighbor.upDownSeconds,
      };
    });
    const upstream = (loadUpstream(FOLDER, name) as { parsed_sample: Record<string, string>[] })
      .parsed_sample;
    const expected = upstream.map((row) => ({ ...row, up_down: parseDuration(row.up_down!) }));
    expect(ours).toEqual(expected);
  });

  it('the header of a large table gives its memory, activity and versions as numbers', () => {
    const { records } = showIpBgpSummary.parse(readCapture(FOLDER, 'ntc__cisco_ios_show_ip_bgp_summary.raw'));
    const [header] = summaries(records);
    expect(header).toMatchObject({
      routerId: '10.0.0.0',
      localAs: '65000',
      localAsPlain: 65000,
      tableVersion: 512185206,
      mainTableVersion: 512185206,
      totalMemoryBytes: 752895712,
      softReconfigurationPaths: 1121781,
      prefixesAdded: 19247146,
      prefixesRemoved: 18656050,
      pathsAdded: 368760729,
      pathsRemoved: 364163114,
      scanIntervalSeconds: 60,
    });
    expect(header!.memory[2]).toEqual({
      what: 'BGP path/bestpath attribute',
      entries: 448860,
      bestpathEntries: 89167,
      bytes: 100544640,
    });
    expect(header!.memory).toHaveLength(9);
  });

  it('4-byte AS numbers in asdot are kept as printed and given as one number', () => {
    const { records } = showIpBgpSummary.parse(
      readCapture(FOLDER, 'ntc__cisco_ios_show_ip_bgp_summary_with_dot_peer_as.raw'),
    );
    expect(summaries(records)[0]).toMatchObject({
      localAs: '65000.1000',
      localAsPlain: 65000 * 65536 + 1000,
      multipathNetworks: 4,
      multipathPaths: 8,
      peakNetworks: 452,
      peakAt: '17:06:38 Apr 5 2025 UTC',
    });
    expect(neighbors(records).at(-1)).toMatchObject({
      remoteAs: '662.47492',
      remoteAsPlain: 662 * 65536 + 47492,
    });
  });
});

describe('show ip bgp summary: a DMVPN hub with dynamic spokes', () => {
  const HUB = [
    'BGP router identifier 10.255.0.1, local AS number 65000',
    'BGP table version is 42, main routing table version 42',
    '12 network entries using 2976 bytes of memory',
    '',
    COLUMNS,
    '*10.0.0.11      4        65000      12      14       42    0    0 00:07:13        2',
    '*10.0.0.12      4        65000      10      11       42    0    0 00:02:01        3',
    '10.0.0.2        4        65000       0       0        1    0    0 00:00:12 Active',
    '10.0.0.3        4        65000       0       0        1    0    0 never    Idle',
    '* Dynamically created based on a listen range command',
    'Dynamically created neighbors: 2, Subnet ranges: 1',
    '',
    'BGP peergroup SPOKES listen range group members: ',
    '  10.0.0.0/24 ',
    '',
    'Total dynamically created neighbors: 2/(100 max), Subnet ranges: 1',
    '',
  ].join('\n');

  it('spokes from the listen range are dynamic and Established with their prefix counts', () => {
    const { records, warnings } = showIpBgpSummary.parse(HUB);
    expect(warnings).toEqual([]);
    const [first, second] = neighbors(records);
    expect(first).toMatchObject({
      neighbor: '10.0.0.11',
      dynamic: true,
      state: 'Established',
      prefixesReceived: 2,
      upDownSeconds: 433,
    });
    expect(second).toMatchObject({ neighbor: '10.0.0.12', dynamic: true, prefixesReceived: 3 });
  });

  it('a neighbor in Active or Idle has its state and no prefix count', () => {
    const [, , active, idle] = neighbors(showIpBgpSummary.parse(HUB).records);
    expect(active).toMatchObject({
      neighbor: '10.0.0.2',
      dynamic: false,
      state: 'Active',
      prefixesReceived: null,
    });
    expect(idle).toMatchObject({
      neighbor: '10.0.0.3',
      state: 'Idle',
      prefixesReceived: null,
      upDownSeconds: null,
    });
  });

  it('the listen-range footer gives the dynamic neighbor counts and ranges', () => {
    expect(summaries(showIpBgpSummary.parse(HUB).records)[0]).toMatchObject({
      dynamicNeighbors: 2,
      dynamicNeighborsMax: 100,
      subnetRanges: 1,
      listenRanges: [{ peerGroup: 'SPOKES', ranges: ['10.0.0.0/24'] }],
    });
  });

  it('an IPv6 neighbor too long for its column continues on the next line', () => {
    const { records, warnings } = showIpBgpSummary.parse(
      [
        'BGP router identifier 10.255.0.1, local AS number 65000',
        COLUMNS,
        '2001:DB8:100::11',
        '                4        65000      20      22       42    0    0 00:10:00        5',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(neighbors(records)[0]).toMatchObject({
      neighbor: '2001:DB8:100::11',
      line: 3,
      prefixesReceived: 5,
    });
  });
});

describe('show ip bgp summary: filtered and bad output', () => {
  it('`| include Idle|Active` rows parse with no header record', () => {
    const { records, warnings, error } = showIpBgpSummary.parse(
      '10.0.0.2        4        65000       0       0        1    0    0 00:00:12 Active\n',
      { filtered: true },
    );
    expect(error).toBeUndefined();
    expect(warnings).toEqual([]);
    expect(records).toMatchObject([{ kind: 'bgp_neighbor', addressFamily: null, state: 'Active' }]);
  });

  it('a truncated row is a warning; empty output, refusals and garbage are errors', () => {
    const truncated = showIpBgpSummary.parse(`${COLUMNS}\n10.0.0.2        4        65000       0       0   `);
    expect(neighbors(truncated.records)).toEqual([]);
    expect(truncated.warnings).toMatchObject([{ line: 2 }]);
    expect(showIpBgpSummary.parse('').error?.kind).toBe('empty');
    expect(showIpBgpSummary.parse('% BGP not active\n')).toEqual({
      command: 'show ip bgp summary',
      records: [],
      warnings: [],
    });
    expect(
      showIpBgpSummary.parse("show ip bgp sumary\n               ^\n% Invalid input detected at '^' marker.")
        .error?.kind,
    ).toBe('invalid-input');
    expect(showIpBgpSummary.parse('just some text').error?.kind).toBe('not-recognized');
  });
});
