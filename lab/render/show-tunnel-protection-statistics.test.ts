import { describe, expect, it } from 'vitest';
import type { TunnelProtectionCounters } from '../../model/records/ipsec.js';
import { simulate } from '../engine/index.js';
import { applyFault } from '../faults/catalogue.js';
import type { RouterState, TunnelProtectionStatsView } from '../model/state.js';
import { buildNetwork } from '../network/build.js';
import { emptyState } from './dmvpn-test-states.js';
import { captureLines, parseRendered } from './dmvpn-test-parse.js';
import { renderShowTunnelProtectionStatistics } from './show-tunnel-protection-statistics.js';

/** Every record the parser gives for the view: the counters the view carries, the others 0. */
function expectedRecords(view: TunnelProtectionStatsView | undefined) {
  const value = (key: keyof TunnelProtectionStatsView): number => (view ? view[key] : 0);
  const record = (
    section: TunnelProtectionCounters['section'],
    direction: TunnelProtectionCounters['direction'],
    counters: Record<string, number>,
  ) => ({ kind: 'tunnel_protection_counters', section, direction, counters });
  return [
    record('message', 'sent', {
      listen_start: value('listenStarts'),
      listen_stop: 0,
      socket_open: value('socketOpens'),
      socket_close: value('socketCloses'),
    }),
    record('message', 'received', {
      general_error: 0,
      socket_error: 0,
      socket_ready: 0,
      socket_up: value('socketUps'),
      socket_down: value('socketDowns'),
      mtu_changed: 0,
      listen_ready: value('listenReadies'),
      other: 0,
    }),
    record('error', 'received', {
      listen_start: 0,
      listen_stop: 0,
      socket_open: 0,
      socket_close: 0,
      conn_timeout: 0,
    }),
    record('data', 'sent', { cef_pkt_drops: value('cefDrops'), ps_pkt_drops: 0 }),
    record('data', 'received', { ps_pkt_drops: 0, clear_pkt_drops: 0 }),
  ];
}

function roundTrip(state: RouterState) {
  return parseRendered<TunnelProtectionCounters>(
    'show tunnel protection statistics',
    renderShowTunnelProtectionStatistics(state),
  ).map(({ line: _line, ...record }) => record);
}

function labStates(): RouterState[] {
  const network = buildNetwork({ spokes: 3, phase: 2, ike: 'v2' });
  applyFault(network, 'if-state-nhrp-down');
  const states = simulate(network, 700);
  return ['hub1', 'spoke1', 'spoke2'].map((name) => states.get(name)!);
}

describe('show tunnel protection statistics round trip', () => {
  it.each(labStates().map((state) => [state.hostname, state] as const))(
    'gives back every counter of %s',
    (_, state) => {
      expect(state.tunnelProtectionStats?.listenStarts).toBe(1);
      expect(roundTrip(state)).toEqual(expectedRecords(state.tunnelProtectionStats));
    },
  );

  it('a router that has not booted prints every counter at 0', () => {
    expect(roundTrip(emptyState('r1', 'spoke'))).toEqual(expectedRecords(undefined));
  });

  it('counts the sockets a hub opened towards spokes whose IKE never comes up', () => {
    const network = buildNetwork({ spokes: 3 });
    applyFault(network, 'psk-mismatch', 'spoke1');
    const hub = simulate(network, 600).get('hub1')!;
    const stats = hub.tunnelProtectionStats!;
    expect(stats.socketOpens).toBeGreaterThan(stats.socketUps);
  });
});

describe('show tunnel protection statistics format, against a real capture', () => {
  it('prints the capture line for line: section rules, Sent/Rcvd, labels in 15 columns, values in 5', () => {
    const state: RouterState = {
      ...emptyState('R1', 'hub'),
      tunnelProtectionStats: {
        listenStarts: 1,
        listenReadies: 1,
        socketOpens: 0,
        socketCloses: 0,
        socketUps: 0,
        socketDowns: 0,
        cefDrops: 0,
      },
    };
    expect(renderShowTunnelProtectionStatistics(state).split('\n')).toEqual([
      ...captureLines('show_tunnel_protection_statistics', 'genie__golden_output_output.txt'),
      '',
    ]);
  });
});
