import { describe, expect, it } from 'vitest';
import type { BgpNeighborSummary, BgpSummary } from '../../model/records/system.js';
import type { RoutingConfig } from '../model/config.js';
import type { RouterState } from '../model/state.js';
import { asShown } from './dmvpn-test-states.js';
import { captureLines, parseRendered } from './dmvpn-test-parse.js';
import { BGP_COLUMNS, LISTEN_RANGE_PEER_GROUP, renderShowIpBgpSummary } from './show-ip-bgp-summary.js';
import { expectAlignedRows, shape } from './system-test-format.js';
import { brokenSpokeState, hubState, largeRoutingHubState, neighbor, routing } from './system-test-states.js';

const HUB_BGP = routing('bgp', { bgpListenRange: '10.0.0.0/16' });
const SPOKE_BGP = routing('bgp', {
  bgpNeighbors: [
    { address: '10.0.0.1', remoteAs: 65000 },
    { address: '10.0.0.2', remoteAs: 65001 },
  ],
});

function parsed(state: RouterState, config: RoutingConfig) {
  const records = parseRendered<BgpSummary | BgpNeighborSummary>(
    'show ip bgp summary',
    renderShowIpBgpSummary(state, config),
  );
  return {
    summaries: records.filter((record): record is BgpSummary => record.kind === 'bgp_summary'),
    neighbors: records.filter((record): record is BgpNeighborSummary => record.kind === 'bgp_neighbor'),
  };
}

function hubWithSpokes(): RouterState {
  const state = hubState();
  state.routingNeighbors = [
    neighbor('bgp', '10.0.0.12', 252, 1),
    neighbor('bgp', '10.0.0.13', 2_246_400, 12),
    neighbor('bgp', '10.0.0.14', 37_600_000, 0),
    neighbor('bgp', '10.0.0.15', 12, 0, 'Active'),
    neighbor('eigrp', '10.0.0.99', 60, 1),
  ];
  return state;
}

describe('show ip bgp summary round trip', () => {
  it('gives back a hub: router ID from its loopback, local AS, dynamic spokes with their prefixes and states', () => {
    const state = hubWithSpokes();
    const { summaries, neighbors } = parsed(state, HUB_BGP);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({
      routerId: '10.255.0.1',
      localAs: '65000',
      tableVersion: 1 + 1 + 13,
      dynamicNeighbors: 4,
      subnetRanges: 1,
      listenRanges: [{ peerGroup: LISTEN_RANGE_PEER_GROUP, ranges: ['10.0.0.0/16'] }],
    });
    expect(
      neighbors.map(
        ({ neighbor: address, dynamic, remoteAsPlain, upDownSeconds, state: session, prefixesReceived }) => ({
          address,
          dynamic,
          remoteAsPlain,
          upDownSeconds,
          session,
          prefixesReceived,
        }),
      ),
    ).toEqual(
      state.routingNeighbors
        .filter((view) => view.protocol === 'bgp')
        .map((view) => ({
          address: view.neighbor,
          dynamic: true,
          remoteAsPlain: 65000,
          upDownSeconds: asShown(view.upSeconds),
          session: view.state,
          prefixesReceived: view.state === 'Established' ? view.detail : null,
        })),
    );
    const active = neighbors.find((record) => record.state === 'Active')!;
    expect([active.messagesReceived, active.messagesSent, active.tableVersion]).toEqual([0, 0, 1]);
  });

  it('gives back a spoke: configured hubs are not dynamic and keep their remote AS; no listen-range footer', () => {
    const state = brokenSpokeState();
    state.routingNeighbors = [
      neighbor('bgp', '10.0.0.1', 90_000, 3),
      neighbor('bgp', '10.0.0.2', 7, 0, 'Idle'),
    ];
    const { summaries, neighbors } = parsed(state, SPOKE_BGP);
    expect(summaries[0]).toMatchObject({ routerId: '198.18.0.7', localAs: '65000', dynamicNeighbors: null });
    expect(
      neighbors.map((record) => [record.neighbor, record.dynamic, record.remoteAs, record.state]),
    ).toEqual([
      ['10.0.0.1', false, '65000', 'Established'],
      ['10.0.0.2', false, '65001', 'Idle'],
    ]);
  });

  it('answers % BGP not active on a router without BGP', () => {
    expect(renderShowIpBgpSummary(hubWithSpokes(), routing('eigrp'))).toBe('% BGP not active\n');
    expect(parsed(hubWithSpokes(), routing('eigrp')).neighbors).toEqual([]);
  });

  it('gives back all 5,000 spokes of a large hub, the listen limit raised to hold them', () => {
    const state = largeRoutingHubState('bgp', 5_000);
    const { summaries, neighbors } = parsed(state, HUB_BGP);
    expect(neighbors).toHaveLength(5_000);
    expect(summaries[0]).toMatchObject({ dynamicNeighbors: 5_000, dynamicNeighborsMax: 5_000 });
    const prefixes = new Map(neighbors.map((record) => [record.neighbor, record.prefixesReceived]));
    for (const view of state.routingNeighbors) expect(prefixes.get(view.neighbor)).toBe(view.detail);
  });
});

describe('show ip bgp summary format against real captures', () => {
  const capture = captureLines('show_ip_bgp_summary', 'ntc__cisco_ios_show_ip_bgp_summary_all.raw');

  it('prints the header lines IOS prints, in its order, and the same column headings', () => {
    const lines = renderShowIpBgpSummary(hubWithSpokes(), HUB_BGP).split('\n');
    const header = lines.slice(0, lines.indexOf(''));
    const captured = capture.slice(1, capture.indexOf('')).map(shape);
    expect(header.map(shape).filter((line) => !captured.includes(line))).toEqual([]);
    expect(header.map((line) => captured.indexOf(shape(line)))).toEqual(
      [...header.map((line) => captured.indexOf(shape(line)))].sort((a, b) => a - b),
    );
    expect(lines[lines.indexOf('') + 1]).toBe(BGP_COLUMNS);
    expect(BGP_COLUMNS).toBe(capture[capture.indexOf('') + 1]);
  });

  it('puts every column of a row where IOS does for values of the same widths', () => {
    const state = hubState();
    state.routingNeighbors = [neighbor('bgp', '10.0.14.4', 1_206, 7)];
    const config = routing('bgp', { bgpNeighbors: [{ address: '10.0.14.4', remoteAs: 65001 }] });
    const lines = renderShowIpBgpSummary(state, config).split('\n');
    const rows = lines.slice(lines.indexOf(BGP_COLUMNS) + 1);
    expect(expectAlignedRows(rows, capture)).toBeGreaterThan(0);
  });

  it('prints the listen-range footer of a hub as IOS does', () => {
    const lines = renderShowIpBgpSummary(hubWithSpokes(), HUB_BGP).split('\n');
    expect(lines.slice(lines.indexOf('* Dynamically created based on a listen range command'))).toEqual([
      '* Dynamically created based on a listen range command',
      'Dynamically created neighbors: 4, Subnet ranges: 1',
      '',
      'BGP peergroup SPOKES listen range group members: ',
      '  10.0.0.0/16 ',
      '',
      'Total dynamically created neighbors: 4/(100 max), Subnet ranges: 1',
      '',
    ]);
  });
});
