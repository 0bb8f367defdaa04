import { describe, expect, it } from 'vitest';
import type { TrafficRecord } from '../../parsers/show-ip-nhrp-traffic.js';
import type { NhrpTrafficView, RouterState } from '../model/state.js';
import { emptyState, largeHubState, mixedHubState, phase3SpokeState } from './dmvpn-test-states.js';
import { captureLines, parseRendered } from './dmvpn-test-parse.js';
import { renderShowIpNhrpTraffic } from './show-ip-nhrp-traffic.js';

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

/** Every counter the parser keys, zero where the view has none, and the totals IOS prints. */
function allCounters(view: NhrpTrafficView): Record<string, number> {
  const counters: Record<string, number> = {};
  for (const direction of ['sent', 'rcvd']) {
    let total = 0;
    for (const packet of PACKETS)
      total += counters[`${packet}_${direction}`] = view.counters[`${packet}_${direction}`] ?? 0;
    counters[`total_${direction}`] = total;
  }
  return counters;
}

function roundTrip(state: RouterState) {
  const records = parseRendered<TrafficRecord>('show ip nhrp traffic', renderShowIpNhrpTraffic(state));
  return records.map((record) => (record.kind === 'nhrp_traffic' ? { ...record, line: 0 } : record));
}

describe('show ip nhrp traffic round trip', () => {
  it.each([
    ['a hub with two tunnels, one silent', mixedHubState],
    ['a spoke', phase3SpokeState],
    ['a 5,000-spoke hub with counters past 2^32', () => largeHubState(5_000)],
  ])('gives back every counter, limit and usage of %s', (_, build) => {
    const state = build();
    expect(roundTrip(state)).toEqual(
      state.nhrpTraffic.map((view) => ({
        kind: 'nhrp_traffic',
        line: 0,
        interface: view.interface,
        maxSendPackets: view.maxSendPackets,
        maxSendIntervalSeconds: view.maxSendIntervalSeconds,
        usagePercent: view.usagePercent,
        counters: allCounters(view),
      })),
    );
  });

  it('prints nothing for a router without NHRP', () => {
    expect(renderShowIpNhrpTraffic(emptyState('r1', 'spoke'))).toBe('');
  });
});

describe('show ip nhrp traffic format, against a real capture', () => {
  it('prints the capture line for line: header, Sent and Rcvd totals, three counters per line', () => {
    const state = emptyState('R1', 'spoke');
    state.nhrpTraffic = [
      {
        interface: 'Tunnel100',
        maxSendPackets: 10_000,
        maxSendIntervalSeconds: 10,
        usagePercent: 0,
        counters: {
          res_req_sent: 69,
          res_reply_sent: 73,
          reg_req_sent: 5_083,
          purge_req_sent: 41,
          res_req_rcvd: 73,
          res_reply_rcvd: 41,
          reg_reply_rcvd: 5_055,
          purge_req_rcvd: 41,
          traffic_ind_rcvd: 41,
        },
      },
    ];
    expect(renderShowIpNhrpTraffic(state).split('\n')).toEqual([
      ...captureLines('show_ip_nhrp_traffic', 'genie__golden_output_2_output.txt'),
      '',
    ]);
  });
});
