import { describe, expect, it } from 'vitest';
import type { NhrpStats } from '../../model/records/nhrp-server.js';
import { simulate } from '../engine/index.js';
import { applyFault } from '../faults/catalogue.js';
import type { NhrpStatsView, RouterState } from '../model/state.js';
import { buildNetwork } from '../network/build.js';
import { emptyState } from './dmvpn-test-states.js';
import { captureLines, parseRendered } from './dmvpn-test-parse.js';
import { renderShowIpNhrpStats } from './show-ip-nhrp-stats.js';

/** The parser's key of each counter the view carries; every other counter prints 0. */
const KEYS: Record<keyof Omit<NhrpStatsView, 'interface'>, string> = {
  interfaceUp: 'interface_state_event_up_rcvd',
  interfaceDown: 'interface_state_event_down_rcvd',
  packetsReceived: 'interface_state_event_packets_received_rcvd',
  endPointAdditions: 'tunnel_end_point_addition_sent',
  endPointDeletions: 'tunnel_end_point_deletion_sent',
  protectionUp: 'tunnel_protection_up_rcvd',
  protectionDown: 'tunnel_protection_down_rcvd',
  routesAdded: 'rib_events_add_route_sent',
  nhoAdded: 'rib_events_add_nho_sent',
};

function expectCounters(record: NhrpStats, view: NhrpStatsView, detail: boolean): void {
  expect(record.interface).toBe(view.interface);
  const expected: Record<string, number> = {};
  for (const key of Object.keys(record.counters)) expected[key] = 0;
  for (const [field, key] of Object.entries(KEYS)) {
    if (field === 'packetsReceived' && !detail) continue;
    expected[key] = view[field as keyof typeof KEYS];
  }
  expect(record.counters).toEqual(expected);
  expect(Object.values(record.errors).every((errors) => errors === 0)).toBe(true);
  expect(Object.keys(record.counters)).toHaveLength(detail ? 79 : 32);
}

function labStates(): RouterState[] {
  const network = buildNetwork({ spokes: 3, phase: 3 });
  applyFault(network, 'if-state-nhrp-down');
  const states = simulate(network, 700);
  return ['hub1', 'spoke1', 'spoke2'].map((name) => states.get(name)!);
}

describe('show ip nhrp stats round trip', () => {
  it.each(labStates().map((state) => [state.hostname, state] as const))(
    'gives back every counter of %s, short and detail, for every tunnel and for one',
    (_, state) => {
      expect(state.nhrpStats).not.toHaveLength(0);
      for (const detail of [false, true]) {
        const all = parseRendered<NhrpStats>(
          `show ip nhrp stats${detail ? ' detail' : ''}`,
          renderShowIpNhrpStats(state, detail),
        );
        expect(all).toHaveLength(state.nhrpStats!.length);
        all.forEach((record, i) => expectCounters(record, state.nhrpStats![i]!, detail));
        const one = state.nhrpStats![0]!;
        const [record, ...rest] = parseRendered<NhrpStats>(
          `show ip nhrp stats ${one.interface}${detail ? ' detail' : ''}`,
          renderShowIpNhrpStats(state, detail, one.interface),
        );
        expect(rest).toEqual([]);
        expectCounters(record!, one, detail);
      }
    },
  );

  it('a router that has not booted prints the legend alone', () => {
    expect(renderShowIpNhrpStats(emptyState('r1', 'spoke'))).toMatch(/^Codes: .*\n(?: .*\n){3}$/);
  });
});

/** A counter line with its values blanked: what stays is the legend, the labels and where each event starts. */
function layout(line: string): string {
  return line
    .replace(/: \d+\[\d+\] *(?=\[)/g, (match) => ': #'.padEnd(match.length))
    .replace(/: \d+\[\d+\]$/, ': #');
}

describe('show ip nhrp stats format, against real captures', () => {
  const view: NhrpStatsView = {
    interface: 'Tunnel100',
    interfaceUp: 2,
    interfaceDown: 0,
    packetsReceived: 3808,
    endPointAdditions: 252,
    endPointDeletions: 152,
    protectionUp: 42,
    protectionDown: 19,
    routesAdded: 76,
    nhoAdded: 0,
  };
  const state = { ...emptyState('R1', 'spoke'), nhrpStats: [view] };

  it('prints the short form line for line: legend, sections, labels in 30 columns, the second event at 48', () => {
    const capture = captureLines('show_ip_nhrp_stats', 'genie__golden_output_2_output.txt');
    const rendered = renderShowIpNhrpStats(state, false, 'Tunnel100').split('\n');
    expect(rendered.map(layout)).toEqual([...capture.map(layout), '']);
    for (const line of [
      '        [R]UP                         : 2[0]    [R]Down                       : 0[0]',
      '        [S]End Point Addition         : 252[0]  [S]End Point Deletion         : 152[0]',
      '        [R]UP                         : 42[0]   [R]Down                       : 19[0]',
    ])
      expect(rendered).toContain(line);
  });

  it('prints the detail form line for line after the echoed command', () => {
    const capture = captureLines('show_ip_nhrp_stats_detail', 'genie__golden_output_2_output.txt').slice(1);
    const rendered = renderShowIpNhrpStats(state, true, 'Tunnel100').split('\n');
    expect(rendered.map(layout)).toEqual([...capture.map(layout), '']);
    expect(rendered).toContain('        [R]Packets received           : 3808[0]');
  });

  it('without an interface names each tunnel above its sections', () => {
    const text = renderShowIpNhrpStats({ ...state, nhrpStats: [view, { ...view, interface: 'Tunnel200' }] });
    expect(text.split('\n').filter((line) => line.startsWith('Tunnel'))).toEqual(['Tunnel100', 'Tunnel200']);
  });
});
