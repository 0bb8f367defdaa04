import { describe, expect, it } from 'vitest';
import type { TunnelProtectionCounters } from '../model/records/ipsec.js';
import { loadUpstream, readCapture } from '../test/fixture-files.js';
import { detectCommand, resolveCommand } from './registry/index.js';
import { showTunnelProtectionStatistics } from './show-tunnel-protection-statistics.js';

type Counts = Record<string, number>;

/** genie's names to ours (ours follow the labels IOS prints: `Conn Timeout`, `cef pkt drops`). */
const GENIE_NAMES: Record<string, string> = {
  connection_timeout: 'conn_timeout',
  cef_packet_drop: 'cef_pkt_drops',
  ps_packet_drop: 'ps_pkt_drops',
  clear_packet_drop: 'clear_pkt_drops',
};

function renamed(counts: Counts): Counts {
  return Object.fromEntries(
    Object.entries(counts).map(([name, value]) => [GENIE_NAMES[name] ?? name, value]),
  );
}

function find(records: TunnelProtectionCounters[], section: string, direction: string): Counts | undefined {
  return records.find((record) => record.section === section && record.direction === direction)?.counters;
}

describe('show tunnel protection statistics', () => {
  it('agrees with the values of genie', () => {
    const stats = (
      loadUpstream('show_tunnel_protection_statistics', 'genie__golden_output') as {
        tunnel_prot_stats: Record<string, { sent?: Counts; recieved?: Counts }>;
      }
    ).tunnel_prot_stats;
    const { records, warnings } = showTunnelProtectionStatistics.parse(
      readCapture('show_tunnel_protection_statistics', 'genie__golden_output_output.txt'),
    );
    expect(warnings).toEqual([]);
    // genie spells received `recieved`.
    expect(find(records, 'message', 'sent')).toEqual(renamed(stats.message_stats!.sent!));
    expect(find(records, 'message', 'received')).toEqual(renamed(stats.message_stats!.recieved!));
    expect(find(records, 'error', 'received')).toEqual(renamed(stats.error_stats!.recieved!));
    expect(find(records, 'data', 'sent')).toEqual(renamed(stats.data_stats!.sent!));
    expect(find(records, 'data', 'received')).toEqual(renamed(stats.data_stats!.recieved!));
    expect(records).toHaveLength(5);
  });

  it('a hub whose crypto socket times out shows the error counters rising', () => {
    const text = [
      '-------------------------- Error Statistics --------------------------',
      '   Rcvd:',
      '      Listen Start   : 0    Listen Stop    : 0    Socket Open    : 12   ',
      '      Socket Close   : 3    Conn Timeout   : 42   ',
    ].join('\n');
    const { records } = showTunnelProtectionStatistics.parse(text);
    expect(records).toEqual([
      {
        kind: 'tunnel_protection_counters',
        line: 2,
        section: 'error',
        direction: 'received',
        counters: { listen_start: 0, listen_stop: 0, socket_open: 12, socket_close: 3, conn_timeout: 42 },
      },
    ]);
  });

  it('`| include drops` keeps the drop counters with an unknown section and direction, without warnings', () => {
    const text =
      '      cef pkt drops  : 7    ps pkt drops   : 0    \n      ps pkt drops   : 0    clear pkt drops: 19   ';
    const result = showTunnelProtectionStatistics.parse(text, { filtered: true });
    expect(result.warnings).toEqual([]);
    expect(result.records).toEqual([
      {
        kind: 'tunnel_protection_counters',
        line: 1,
        section: null,
        direction: null,
        counters: { cef_pkt_drops: 7, ps_pkt_drops: 0, clear_pkt_drops: 19 },
      },
    ]);
  });

  it('a counter cut before its value is a warning, the counters before it are kept', () => {
    const text = '---- Message Statistics ----\n   Sent:\n      Listen Start   : 1    Listen Stop    ';
    const result = showTunnelProtectionStatistics.parse(text);
    expect(result.records[0]!.counters).toEqual({ listen_start: 1 });
    expect(result.warnings[0]).toMatchObject({ line: 3, reason: 'counter "Listen Stop" has no value' });
  });

  it('garbage, empty and refused outputs give a clear result', () => {
    expect(showTunnelProtectionStatistics.parse('').error?.kind).toBe('empty');
    expect(showTunnelProtectionStatistics.parse('a\nb\nc').error?.kind).toBe('not-recognized');
    const refused = "show tunnel protection statistic\n  ^\n% Invalid input detected at '^' marker.";
    expect(showTunnelProtectionStatistics.parse(refused).error?.kind).toBe('invalid-input');
  });

  it('is found in the registry and detected from its output', () => {
    const resolution = resolveCommand('sh tun prot stat');
    expect(resolution.ok && resolution.command.parser).toBe(showTunnelProtectionStatistics);
    const raw = readCapture('show_tunnel_protection_statistics', 'genie__golden_output_output.txt');
    expect(detectCommand(raw)).toBe(showTunnelProtectionStatistics);
  });
});
