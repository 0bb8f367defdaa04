import { describe, expect, it } from 'vitest';
import type { EigrpNeighbor } from '../model/records/system.js';
import { loadUpstream, readCapture } from '../test/fixture-files.js';
import { parseDuration } from './common/duration.js';
import { resolveCommand } from './registry/index.js';
import { showIpEigrpNeighbors } from './show-ip-eigrp-neighbors.js';

const FOLDER = 'show_ip_eigrp_neighbors';

/** Our neighbor in ntc's shape; ntc keeps the uptime as printed, so it is compared in seconds. */
function asNtc(neighbor: EigrpNeighbor): Record<string, unknown> {
  return {
    as: String(neighbor.as),
    ip_address: neighbor.address,
    interface: neighbor.interface,
    hold: String(neighbor.holdSeconds),
    uptime: neighbor.uptimeSeconds,
    srtt: String(neighbor.srttMs),
    rto: String(neighbor.rtoMs),
    q_cnt: String(neighbor.queueCount),
    seq_num: String(neighbor.sequence),
  };
}

describe('show ip eigrp neighbors: the captures agree with their upstream parse', () => {
  it.each([
    'ntc__cisco_ios_show_ip_eigrp_neighbors',
    'ntc__cisco_ios_show_ip_eigrp_neighbors1',
    'ntc__cisco_ios_show_ip_eigrp_neighbors2',
    'ntc__cisco_ios_show_ip_eigrp_neighbors3',
  ])('%s (ntc)', (name) => {
    const { records, warnings } = showIpEigrpNeighbors.parse(readCapture(FOLDER, `${name}.raw`));
    expect(warnings).toEqual([]);
    const upstream = (loadUpstream(FOLDER, name) as { parsed_sample: Record<string, string>[] })
      .parsed_sample;
    expect(records.map(asNtc)).toEqual(
      upstream.map((row) => ({ ...row, uptime: parseDuration(row.uptime!) })),
    );
  });

  it('a hub behind `terminal exec prompt timestamp` reads its DMVPN spokes over Tunnel interfaces', () => {
    const { records } = showIpEigrpNeighbors.parse(
      readCapture(FOLDER, 'ntc__cisco_ios_show_ip_eigrp_neighbors1.raw'),
    );
    const overTunnels = records.filter((neighbor) => neighbor.interface.startsWith('Tu'));
    expect(overTunnels).toHaveLength(6);
    expect(overTunnels[0]).toEqual({
      kind: 'eigrp_neighbor',
      line: 7,
      as: 10,
      vrf: null,
      virtualRouter: null,
      handle: 11,
      address: '10.1.1.122',
      interface: 'Tu15',
      holdSeconds: 44,
      uptimeSeconds: 86_400 + 3_600,
      srttMs: 114,
      rtoMs: 684,
      queueCount: 0,
      sequence: 21930,
      version: null,
      retransmissions: null,
      retries: null,
      prefixes: null,
    });
  });
});

describe('show ip eigrp neighbors: DMVPN hubs', () => {
  const HUB = [
    'EIGRP-IPv4 Neighbors for AS(100)',
    'H   Address                 Interface              Hold Uptime   SRTT   RTO  Q  Seq',
    '                                                   (sec)         (ms)       Cnt Num',
    '1   10.0.0.12               Tu0                      12 00:04:51   45   270  0  7',
    '0   10.0.0.11               Tu0                      14 2d03h      31   186  0  12',
    'EIGRP-IPv4 Neighbors for AS(200) VRF(RED)',
    'H   Address                 Interface              Hold Uptime   SRTT   RTO  Q  Seq',
    '                                                   (sec)         (ms)       Cnt Num',
    '0   172.16.0.11             Tu100                    13 00:00:09 1595  5000  2  3',
  ].join('\n');

  it('spokes over Tunnel0 carry the AS of their table, a VRF table its VRF', () => {
    const { records, warnings } = showIpEigrpNeighbors.parse(HUB);
    expect(warnings).toEqual([]);
    expect(
      records.map(({ as, vrf, address, interface: iface, uptimeSeconds }) => ({
        as,
        vrf,
        address,
        iface,
        uptimeSeconds,
      })),
    ).toEqual([
      { as: 100, vrf: null, address: '10.0.0.12', iface: 'Tu0', uptimeSeconds: 291 },
      { as: 100, vrf: null, address: '10.0.0.11', iface: 'Tu0', uptimeSeconds: 2 * 86_400 + 3 * 3_600 },
      { as: 200, vrf: 'RED', address: '172.16.0.11', iface: 'Tu100', uptimeSeconds: 9 },
    ]);
  });

  it('a spoke stuck in the queue (Q 2, RTO 5000) is visible in its figures', () => {
    const stuck = showIpEigrpNeighbors.parse(HUB).records[2]!;
    expect(stuck).toMatchObject({ srttMs: 1595, rtoMs: 5000, queueCount: 2, sequence: 3 });
  });

  it('named mode gives the virtual-router name', () => {
    const { records } = showIpEigrpNeighbors.parse(
      [
        'EIGRP-IPv4 VR(WAN) Address-Family Neighbors for AS(100)',
        'H   Address                 Interface              Hold Uptime   SRTT   RTO  Q  Seq',
        '0   10.0.0.1                Tu0                      11 01:02:03   20   120  0  44',
      ].join('\n'),
    );
    expect(records[0]).toMatchObject({ as: 100, virtualRouter: 'WAN', address: '10.0.0.1' });
  });

  it('detail lines add the version, retransmissions and prefixes to their neighbor', () => {
    expect(resolveCommand('sh ip eig nei det').ok).toBe(true);
    const { records, warnings } = showIpEigrpNeighbors.parse(
      [
        'EIGRP-IPv4 Neighbors for AS(100)',
        'H   Address                 Interface              Hold Uptime   SRTT   RTO  Q  Seq',
        '                                                   (sec)         (ms)       Cnt Num',
        '0   10.0.0.11               Tu0                      13 00:10:51   12   100  0  5',
        '   Version 23.0/2.0, Retrans: 1, Retries: 0, Prefixes: 3',
        '   Topology-ids from peer - 0 ',
        '   Topologies advertised to peer:   base',
        '',
        'Max Nbrs: 0, Current Nbrs: 0',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ version: '23.0/2.0', retransmissions: 1, retries: 0, prefixes: 3 });
  });
});

describe('show ip eigrp neighbors: filtered and bad output', () => {
  it('`| include Tu` keeps the rows, with no AS since the header was filtered out', () => {
    const { records, warnings, error } = showIpEigrpNeighbors.parse(
      '0   10.0.0.11               Tu0                      14 2d03h      31   186  0  12\n',
      { filtered: true },
    );
    expect(error).toBeUndefined();
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ as: null, address: '10.0.0.11', uptimeSeconds: 183_600 });
  });

  it('a truncated row is a warning, empty output and refusals are errors', () => {
    const { records, warnings } = showIpEigrpNeighbors.parse(
      'EIGRP-IPv4 Neighbors for AS(100)\n0   10.0.0.11               Tu0                      14 2d0',
    );
    expect(records).toEqual([]);
    expect(warnings).toMatchObject([{ line: 2 }]);
    expect(showIpEigrpNeighbors.parse('').error?.kind).toBe('empty');
    expect(
      showIpEigrpNeighbors.parse(
        "show ip eigrp neighbours\n                 ^\n% Invalid input detected at '^' marker.",
      ).error?.kind,
    ).toBe('invalid-input');
    expect(showIpEigrpNeighbors.parse('random words\nmore words').error?.kind).toBe('not-recognized');
  });
});
