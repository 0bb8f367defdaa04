import { describe, expect, it } from 'vitest';
import type { NhrpStats } from '../model/records/nhrp-server.js';
import { loadUpstream, readCapture } from '../test/fixture-files.js';
import { resolveCommand } from './registry/index.js';
import { showIpNhrpStats } from './show-ip-nhrp-stats.js';

const CAPTURES = [
  ['show_ip_nhrp_stats', 'show ip nhrp stats Tunnel100'],
  ['show_ip_nhrp_stats_detail', 'show ip nhrp stats tunnel100 detail'],
  ['show_nhrp_stats', 'show nhrp stats tunnel100'],
  ['show_nhrp_stats_detail', 'show nhrp stats tunnel100 detail'],
] as const;

/**
 * Genie's events in the order printed, as `[direction, count, errors]`. Its key names differ from ours (and carry
 * typos such as `r_qos_polocy_removed`), but both keep IOS's order: `r_up`, `r_up_error`, `r_down`, ...
 */
function genieEvents(sections: Record<string, Record<string, number>>): [string, number, number][] {
  const events: [string, number, number][] = [];
  for (const section of Object.values(sections)) {
    for (const [key, count] of Object.entries(section)) {
      if (key.endsWith('_error')) continue;
      events.push([key.startsWith('s_') ? 'sent' : 'rcvd', count, section[`${key}_error`]!]);
    }
  }
  return events;
}

function ourEvents(stats: NhrpStats): [string, number, number][] {
  return Object.entries(stats.counters).map(([key, count]) => [
    key.endsWith('_sent') ? 'sent' : 'rcvd',
    count,
    stats.errors[key]!,
  ]);
}

describe('show ip nhrp stats / show nhrp stats: the captures agree with their upstream parse', () => {
  it.each(CAPTURES)('%s (genie)', (folder, command) => {
    const resolution = resolveCommand(command);
    if (!resolution.ok) throw new Error(resolution.error);
    expect(resolution.command.parser).toBe(showIpNhrpStats);
    const result = showIpNhrpStats.parse(readCapture(folder, 'genie__golden_output_2_output.txt'), {
      args: resolution.command.args,
    });
    const upstream = loadUpstream(folder, 'genie__golden_output_2') as {
      interface: Record<string, Record<string, Record<string, number>>>;
    };
    expect(result.warnings).toEqual([]);
    const records = result.records;
    // Genie keys the interface as typed in the command (`tunnel100`); we write it as IOS does.
    expect(records.map((stats) => stats.interface!.toLowerCase())).toEqual(
      Object.keys(upstream.interface).map((name) => name.toLowerCase()),
    );
    expect(ourEvents(records[0]!)).toEqual(genieEvents(Object.values(upstream.interface)[0]!));
  });

  it('names counters by section, event and direction', () => {
    const raw = readCapture('show_nhrp_stats_detail', 'genie__golden_output_2_output.txt');
    const [stats] = showIpNhrpStats.parse(raw).records;
    expect(stats!.interface).toBe('Tunnel100');
    expect(stats!.counters).toMatchObject({
      interface_state_event_packets_received_rcvd: 3808,
      tunnel_protection_up_rcvd: 44,
      tunnel_protection_down_rcvd: 19,
      tunnel_protection_process_delayed_event_rcvd: 40,
      tunnel_t_o_ep_deleted_rcvd: 0,
      rib_events_rwatch_w_o_route_sent: 0,
      cef_adjacency_mark_stale_sent: 194,
      tunnel_qos_cli_policy_map_rename_rcvd: 0,
    });
  });
});

const CODES = [
  'Codes: T - Transport, O - Overlay, EP - End Point',
  '       TP - Tunnel Protection, VA - Virtual Access',
  '       [S] - Sent from NHRP, [R] - Received by NHRP',
  '       [number] - Error associated with an event',
];

describe('show ip nhrp stats: tunnels, errors and broken output', () => {
  it('without an interface, IOS-XE heads each tunnel with its name and each gets a record', () => {
    const text = [
      ...CODES,
      'Tunnel100',
      '',
      ' Tunnel Protection Stats:',
      '        [R]UP                         : 42[0]   [R]Down                       : 19[0]',
      '',
      'Tunnel111',
      '',
      ' Tunnel Protection Stats:',
      '        [R]UP                         : 3[0]    [R]Down                       : 4[1]',
    ].join('\n');
    const result = showIpNhrpStats.parse(text);
    expect(result.warnings).toEqual([]);
    expect(result.records).toEqual([
      {
        kind: 'nhrp_stats',
        line: 5,
        interface: 'Tunnel100',
        counters: { tunnel_protection_up_rcvd: 42, tunnel_protection_down_rcvd: 19 },
        errors: { tunnel_protection_up_rcvd: 0, tunnel_protection_down_rcvd: 0 },
      },
      {
        kind: 'nhrp_stats',
        line: 10,
        interface: 'Tunnel111',
        counters: { tunnel_protection_up_rcvd: 3, tunnel_protection_down_rcvd: 4 },
        errors: { tunnel_protection_up_rcvd: 0, tunnel_protection_down_rcvd: 1 },
      },
    ]);
  });

  it('with no header and no command line, the interface stays unknown', () => {
    const text = [
      ...CODES,
      '',
      ' BFD Stats:',
      '        [S]Client Create              : 0[0]    [S]Client Destroy             : 0[0]',
    ];
    const [stats] = showIpNhrpStats.parse(text.join('\n')).records;
    expect(stats).toMatchObject({
      interface: null,
      counters: { bfd_client_create_sent: 0, bfd_client_destroy_sent: 0 },
    });
  });

  it('says once that event lines whose section header was filtered out cannot be keyed', () => {
    const text = [
      '        [R]Down                       : 0[0]',
      '        [R]Down                       : 19[0]',
    ];
    const result = showIpNhrpStats.parse(text.join('\n'), { filtered: true });
    expect(result.records).toEqual([]);
    expect(result.warnings).toEqual([
      expect.objectContaining({ line: 1, reason: expect.stringContaining('2 counter line(s)') }),
    ]);
  });

  it('a line cut short keeps the first event and names the rest', () => {
    const text = [' Tunnel Stats:', '        [S]End Point Addition         : 252[0]  [S]End Point Dele'];
    const result = showIpNhrpStats.parse(text.join('\n'));
    expect(result.records[0]!.counters).toEqual({ tunnel_end_point_addition_sent: 252 });
    expect(result.warnings).toEqual([
      expect.objectContaining({ line: 2, reason: 'not understood after the counters: [S]End Point Dele' }),
    ]);
  });

  it('an empty output and a refused command are reported as such', () => {
    expect(showIpNhrpStats.parse('').error?.kind).toBe('empty');
    const refused = [
      'show nhrp stats tunel100',
      '                ^',
      "% Invalid input detected at '^' marker.",
    ].join('\n');
    expect(showIpNhrpStats.parse(refused).error?.kind).toBe('invalid-input');
  });

  it('garbage gives warnings and a not-recognized error, never an exception', () => {
    const result = showIpNhrpStats.parse('[oops]\nStats? none.\n: 1[2]\n');
    expect(result.records).toEqual([]);
    expect(result.warnings.length).toBeGreaterThan(0);
    expect(result.error?.kind).toBe('not-recognized');
  });
});
