import { describe, expect, it } from 'vitest';
import type { OspfNeighbor } from '../model/records/system.js';
import { loadUpstream, readCapture } from '../test/fixture-files.js';
import { parseDuration } from './common/duration.js';
import { showIpOspfNeighbor } from './show-ip-ospf-neighbor.js';

const FOLDER = 'show_ip_ospf_neighbor';
const HEADER = 'Neighbor ID     Pri   State           Dead Time   Address         Interface';

/** Our neighbor in ntc's shape: ntc keeps the state as printed (`FULL/  -`), we split it into state and role. */
function asNtc(neighbor: OspfNeighbor): Record<string, unknown> {
  return {
    neighbor_id: neighbor.neighborId,
    priority: String(neighbor.priority),
    state: `${neighbor.state}/${neighbor.role ?? '-'}`,
    dead_time: neighbor.deadTimeSeconds,
    ip_address: neighbor.address,
    interface: neighbor.interface,
  };
}

describe('show ip ospf neighbor: the captures agree with their upstream parse', () => {
  it.each(['ntc__cisco_ios_show_ip_ospf_neighbor', 'ntc__four_neighbors'])('%s (ntc)', (name) => {
    const { records, warnings } = showIpOspfNeighbor.parse(readCapture(FOLDER, `${name}.raw`));
    expect(warnings).toEqual([]);
    const upstream = (loadUpstream(FOLDER, name) as { parsed_sample: Record<string, string>[] })
      .parsed_sample;
    expect(records.map(asNtc)).toEqual(
      upstream.map((row) => ({
        ...row,
        state: row.state!.replace(/\s+/g, ''),
        dead_time: parseDuration(row.dead_time!),
      })),
    );
  });
});

describe('show ip ospf neighbor: DMVPN hubs', () => {
  it('spokes on a point-to-multipoint tunnel are FULL with no DR role', () => {
    const { records, warnings } = showIpOspfNeighbor.parse(
      [
        HEADER,
        '10.2.2.2          0   FULL/  -        00:01:39    10.100.0.2      Tunnel0',
        '10.3.3.3          0   FULL/  -        00:01:31    10.100.0.3      Tunnel0',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(records[0]).toEqual({
      kind: 'ospf_neighbor',
      line: 2,
      neighborId: '10.2.2.2',
      priority: 0,
      state: 'FULL',
      role: null,
      deadTimeSeconds: 99,
      address: '10.100.0.2',
      interface: 'Tunnel0',
    });
    expect(records[1]).toMatchObject({ state: 'FULL', role: null, interface: 'Tunnel0' });
  });

  it('a broadcast-network hub with a spoke stuck in EXSTART, another as DROTHER in 2WAY', () => {
    const { records } = showIpOspfNeighbor.parse(
      [
        HEADER,
        '10.0.0.11         1   EXSTART/DROTHER 00:00:35    10.100.0.11     Tunnel0',
        '10.0.0.12         1   2WAY/DROTHER    00:00:38    10.100.0.12     Tunnel0',
        '10.0.0.1          1   FULL/DR         00:00:31    10.100.0.1      Tunnel0',
      ].join('\n'),
    );
    expect(records.map((neighbor) => [neighbor.neighborId, neighbor.state, neighbor.role])).toEqual([
      ['10.0.0.11', 'EXSTART', 'DROTHER'],
      ['10.0.0.12', '2WAY', 'DROTHER'],
      ['10.0.0.1', 'FULL', 'DR'],
    ]);
  });

  it('`| include Tunnel` rows parse without their header', () => {
    const { records, warnings, error } = showIpOspfNeighbor.parse(
      '10.2.2.2          0   FULL/  -        00:01:39    10.100.0.2      Tunnel0\n',
      { filtered: true },
    );
    expect(error).toBeUndefined();
    expect(warnings).toEqual([]);
    expect(records).toHaveLength(1);
  });

  it('a truncated row is a warning; empty output, refusals and garbage are errors', () => {
    const truncated = showIpOspfNeighbor.parse(`${HEADER}\n10.2.2.2          0   FULL/  -        00:0`);
    expect(truncated.records).toEqual([]);
    expect(truncated.warnings).toMatchObject([{ line: 2 }]);
    expect(showIpOspfNeighbor.parse('   \n').error?.kind).toBe('empty');
    expect(
      showIpOspfNeighbor.parse(
        "show ip ospf neighbour\n                ^\n% Invalid input detected at '^' marker.",
      ).error?.kind,
    ).toBe('invalid-input');
    expect(showIpOspfNeighbor.parse('no such thing here').error?.kind).toBe('not-recognized');
  });
});
