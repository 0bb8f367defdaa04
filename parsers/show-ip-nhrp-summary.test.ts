import { describe, expect, it } from 'vitest';
import { loadUpstream, readCapture } from '../test/fixture-files.js';
import { detectCommand, resolveCommand } from './registry/index.js';
import { showIpNhrpSummary } from './show-ip-nhrp-summary.js';

describe('show ip nhrp summary / show ipv6 nhrp summary', () => {
  it('IPv4: values match genie’s parse of the real capture', () => {
    // genie `ShowIpNhrpSummary`: total / remote (with route.{entries,rib,h_rib,nho_rib,bgp}) / local.
    const { ip_nhrp: upstream } = loadUpstream('show_ip_nhrp_summary', 'genie__golden_output1') as {
      ip_nhrp: {
        total: Record<string, number>;
        remote: Record<string, number> & { route: Record<string, number> };
        local: Record<string, number>;
      };
    };
    const [summary] = showIpNhrpSummary.parse(
      readCapture('show_ip_nhrp_summary', 'genie__golden_output1_output.txt'),
    ).records;
    expect(summary).toEqual({
      kind: 'nhrp_cache_summary',
      line: 1,
      family: 'ipv4',
      entries: upstream.total.entries,
      bytes: upstream.total.size,
      static: upstream.total.static_entries,
      dynamic: upstream.total.dynamic_entries,
      incomplete: upstream.total.incomplete_entries,
      remote: {
        entries: upstream.remote.entries,
        static: upstream.remote.static_entries,
        dynamic: upstream.remote.dynamic_entries,
        incomplete: upstream.remote.incomplete_entries,
        nhop: upstream.remote.nhop,
        bfd: upstream.remote.bfd,
        default: upstream.remote.default,
        temporary: upstream.remote.temporary,
        routes: upstream.remote.route.entries,
        rib: upstream.remote.route.rib,
        ribNhrpRoutes: upstream.remote.route.h_rib,
        ribNextHopOverrides: upstream.remote.route.nho_rib,
        bgp: upstream.remote.route.bgp,
        lfib: upstream.remote.lfib,
      },
      local: {
        entries: upstream.local.entries,
        static: upstream.local.static_entries,
        dynamic: upstream.local.dynamic_entries,
        incomplete: upstream.local.incomplete_entries,
        lfib: upstream.local.lfib,
      },
    });
    // The values themselves, so the test fails if both sides drift together.
    expect(summary).toMatchObject({ entries: 1, bytes: 784, dynamic: 1, remote: { nhop: 1 } });
  });

  it('IPv6: values match genie’s parse of the real capture', () => {
    const { ipv6_nhrp: upstream } = loadUpstream('show_ipv6_nhrp_summary', 'genie__golden_output1') as {
      ipv6_nhrp: {
        total: Record<string, number>;
        remote: Record<string, number> & { route: Record<string, number> };
        local: Record<string, number>;
      };
    };
    const [summary] = showIpNhrpSummary.parse(
      readCapture('show_ipv6_nhrp_summary', 'genie__golden_output1_output.txt'),
    ).records;
    expect(summary).toMatchObject({
      family: 'ipv6',
      entries: upstream.total.nhrp_entries,
      bytes: upstream.total.size,
      static: upstream.total.total_static_entries,
      dynamic: upstream.total.total_dynamic_entries,
      incomplete: upstream.total.total_incomplete_entries,
      remote: {
        entries: upstream.remote.remote_entries,
        static: upstream.remote.remote_static_entries,
        dynamic: upstream.remote.remote_dynamic_entries,
        incomplete: upstream.remote.remote_incomplete_entries,
        nhop: upstream.remote.nhop,
        bfd: upstream.remote.bfd,
        default: upstream.remote.default,
        temporary: upstream.remote.temporary,
        routes: upstream.remote.route.total,
        rib: upstream.remote.route.rib,
        ribNhrpRoutes: upstream.remote.route.h_rib,
        ribNextHopOverrides: upstream.remote.route.nho_rib,
        bgp: upstream.remote.route.bgp,
        lfib: upstream.remote.lfib,
      },
      local: {
        entries: upstream.local.local,
        static: upstream.local.local_static,
        dynamic: upstream.local.local_dynamic,
        incomplete: upstream.local.local_incomplete,
        lfib: upstream.local.lfib,
      },
    });
    expect(summary).toMatchObject({ entries: 1, static: 1, remote: { static: 1 } });
  });

  it('a phase 3 spoke with shortcuts counts rib routes as H routes and next-hop overrides', () => {
    const result = showIpNhrpSummary.parse(
      [
        'IP NHRP cache 7 entries, 5488 bytes',
        '    1 static   5 dynamic    1 incomplete',
        '6 Remote',
        '    1 static   4 dynamic    1 incomplete',
        '    2 nhop     0 bfd',
        '    0 default  0 temporary',
        '    3 route',
        '        3 rib (1 H    2 nho)',
        '        0 bgp',
        '    0 lfib',
        '1 Local',
        '    0 static   1 dynamic    0 incomplete',
        '    0 lfib',
      ].join('\n'),
    );
    expect(result.warnings).toEqual([]);
    expect(result.records[0]).toMatchObject({
      entries: 7,
      bytes: 5488,
      incomplete: 1,
      remote: {
        entries: 6,
        incomplete: 1,
        nhop: 2,
        routes: 3,
        rib: 3,
        ribNhrpRoutes: 1,
        ribNextHopOverrides: 2,
      },
      local: { entries: 1, dynamic: 1 },
    });
  });

  it('an empty cache and an older image that prints only the totals', () => {
    const empty = showIpNhrpSummary.parse(
      'IP NHRP cache 0 entries, 0 bytes\n    0 static   0 dynamic    0 incomplete\n',
    );
    expect(empty.warnings).toEqual([]);
    expect(empty.records[0]).toMatchObject({ entries: 0, bytes: 0, static: 0, remote: null, local: null });
  });

  it('filtered output without the header still gives its counts', () => {
    const result = showIpNhrpSummary.parse('    0 static   1 dynamic    0 incomplete\n', { filtered: true });
    expect(result.warnings).toEqual([]);
    expect(result.records[0]).toMatchObject({
      family: null,
      entries: null,
      static: 0,
      dynamic: 1,
      incomplete: 0,
    });
  });

  it('bad input: unknown counters and orphan counts are warned about; refusals and garbage are errors', () => {
    const unknown = showIpNhrpSummary.parse(
      'IP NHRP cache 1 entry, 784 bytes\n    1 static   0 frobnicated\n',
    );
    expect(unknown.warnings).toEqual([
      expect.objectContaining({ line: 2, reason: 'unknown NHRP cache count `frobnicated`' }),
    ]);
    expect(unknown.records[0]!.static).toBeNull();

    const orphan = showIpNhrpSummary.parse('    0 static   1 dynamic    0 incomplete\n');
    expect(orphan.warnings[0]!.reason).toMatch(/no `IP NHRP cache` header/);

    expect(showIpNhrpSummary.parse("% Invalid input detected at '^' marker.\n").error?.kind).toBe(
      'invalid-input',
    );
    expect(showIpNhrpSummary.parse('IP NHRP cache 1 en').error?.kind).toBe('not-recognized');
  });

  it('both families resolve to this parser and are recognised from their output', () => {
    for (const line of ['sh ip nhrp sum', 'show ipv6 nhrp summary']) {
      const resolution = resolveCommand(line);
      expect(resolution.ok && resolution.command.parser.command).toBe('show ip nhrp summary');
    }
    const text = readCapture('show_ipv6_nhrp_summary', 'genie__golden_output1_output.txt');
    expect(detectCommand(text)?.command).toBe('show ip nhrp summary');
  });
});
