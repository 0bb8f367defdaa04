import { describe, expect, it } from 'vitest';
import type { TrafficRecord } from '../../parsers/show-ip-nhrp-traffic.js';
import type { NhrpTrafficView, RouterState } from '../model/state.js';
import { emptyState, mixedHubState, phase3SpokeState } from './dmvpn-test-states.js';
import { captureLines, parseRendered } from './dmvpn-test-parse.js';
import { renderShowIpNhrpTrafficOf } from './show-ip-nhrp-traffic-detail.js';

const PACKETS = [
  'res_req',
  'res_reply',
  'reg_req',
  'reg_reply',
  'purge_req',
  'purge_reply',
  'err_ind',
  'traffic_ind',
  'redirect_supp',
];

/** Every counter the parser keys for `directions`, zero where the counters have none, and their totals. */
function allCounters(counters: Record<string, number>, directions: string[]): Record<string, number> {
  const all: Record<string, number> = {};
  for (const direction of directions) {
    let total = 0;
    for (const packet of PACKETS)
      total += all[`${packet}_${direction}`] = counters[`${packet}_${direction}`] ?? 0;
    all[`total_${direction}`] = total;
  }
  return all;
}

function tunnelRecord(view: NhrpTrafficView, detail: boolean) {
  return {
    kind: 'nhrp_traffic',
    interface: view.interface,
    maxSendPackets: view.maxSendPackets,
    maxSendIntervalSeconds: view.maxSendIntervalSeconds,
    usagePercent: view.usagePercent,
    counters: allCounters(view.counters, detail ? ['sent', 'rcvd', 'fwd'] : ['sent', 'rcvd']),
  };
}

function roundTrip(command: string, text: string) {
  return parseRendered<TrafficRecord>(command, text).map(({ line: _line, ...record }) => record);
}

describe('show ip nhrp traffic interface / detail round trip', () => {
  it.each([
    ['a hub with two tunnels, one silent', mixedHubState],
    ['a spoke', phase3SpokeState],
  ])(
    'gives back one tunnel of %s, and with detail the global counters summed over its tunnels',
    (_, build) => {
      const state = build();
      const view = state.nhrpTraffic[0]!;
      expect(
        roundTrip(
          `show ip nhrp traffic interface ${view.interface}`,
          renderShowIpNhrpTrafficOf(state, view.interface, false),
        ),
      ).toEqual([tunnelRecord(view, false)]);
      const sum: Record<string, number> = {};
      for (const traffic of state.nhrpTraffic)
        for (const [key, value] of Object.entries(traffic.counters)) sum[key] = (sum[key] ?? 0) + value;
      const global = {
        kind: 'nhrp_traffic_global',
        counters: allCounters(sum, ['sent', 'rcvd']),
        packetQueueSize: 0,
        packetQueue: '0[0](1)',
      };
      expect(
        roundTrip('show ip nhrp traffic detail', renderShowIpNhrpTrafficOf(state, undefined, true)),
      ).toEqual([global, ...state.nhrpTraffic.map((traffic) => tunnelRecord(traffic, true))]);
      expect(
        roundTrip(
          `show ip nhrp traffic interface ${view.interface} detail`,
          renderShowIpNhrpTrafficOf(state, view.interface, true),
        ),
      ).toEqual([global, tunnelRecord(view, true)]);
    },
  );
});

describe('show ip nhrp traffic interface detail format, against a real capture', () => {
  it('prints the capture line for line after the echoed command: global block, then Sent, Rcvd and Fwd', () => {
    const tunnel: NhrpTrafficView = {
      interface: 'Tunnel100',
      maxSendPackets: 10_000,
      maxSendIntervalSeconds: 10,
      usagePercent: 0,
      counters: {
        res_req_sent: 69,
        res_reply_sent: 73,
        reg_req_sent: 5_204,
        purge_req_sent: 41,
        res_req_rcvd: 73,
        res_reply_rcvd: 41,
        reg_reply_rcvd: 5_176,
        purge_req_rcvd: 41,
        traffic_ind_rcvd: 41,
      },
    };
    // The capture's global counters exceed its tunnel's: a second tunnel holds the rest.
    const removed: NhrpTrafficView = {
      ...tunnel,
      interface: 'Tunnel200',
      counters: { reg_req_sent: 20_949 - 5_204, purge_req_sent: 1, reg_reply_rcvd: 12_143 - 5_176 },
    };
    const state: RouterState = { ...emptyState('R1', 'spoke'), nhrpTraffic: [tunnel, removed] };
    expect(renderShowIpNhrpTrafficOf(state, 'Tunnel100', true).split('\n')).toEqual([
      ...captureLines('show_ip_nhrp_traffic_detail', 'genie__golden_output_2_output.txt').slice(1),
      '',
    ]);
  });
});
