import { describe, expect, it } from 'vitest';
import type { NhrpCacheEntry } from '../model/records/nhrp-cache.js';
import { loadUpstream, readCapture } from '../test/fixture-files.js';
import { parseDuration } from './common/duration.js';
import { detectCommand, resolveCommand } from './registry/index.js';
import { showIpNhrp, showIpNhrpVrf, showIpv6Nhrp } from './show-ip-nhrp.js';

/** The fields an upstream parse can say something about, in our names. */
interface Comparable {
  target: string | null;
  via: string | null;
  interface: string | null;
  createdSeconds: number | null;
  expiresSeconds: number | null;
  type: string | null;
  flags: string[];
  nbma: string | null;
}

const comparable = (entry: NhrpCacheEntry): Comparable => ({
  target: entry.target,
  via: entry.via,
  interface: entry.interface,
  createdSeconds: entry.createdSeconds,
  expiresSeconds: entry.expiresSeconds,
  type: entry.type,
  flags: entry.flags,
  nbma: entry.nbma,
});

const seconds = (text: string): number | null | undefined => parseDuration(text);
const wordsOf = (text: string): string[] => (text.trim() === '' ? [] : text.trim().split(/\s+/));

function parse(text: string, filtered = false): NhrpCacheEntry[] {
  const result = showIpNhrp.parse(text, { filtered });
  expect(result.warnings).toEqual([]);
  expect(result.error).toBeUndefined();
  return result.records;
}

describe('show ip nhrp: values match the upstream parses of the real captures', () => {
  // genie `ShowIpNhrp` / `ShowIpNhrpDetail`: { target: { via: { next hop: { tunnel, type, flags, nbma, ... } } } }.
  interface GenieEntry {
    tunnel: { tunnel_name: string; created: string; expire: string };
    type: string;
    flags: string;
    nbma_address: string;
    preference?: number;
    requester?: string;
    request_id?: string;
  }
  type GenieCache = Record<string, { via: Record<string, GenieEntry> }>;

  function fromGenie(upstream: GenieCache): (Comparable & Record<string, unknown>)[] {
    return Object.entries(upstream).flatMap(([target, { via }]) =>
      Object.entries(via).map(([nextHop, entry]) => ({
        target,
        via: nextHop,
        interface: entry.tunnel.tunnel_name,
        createdSeconds: seconds(entry.tunnel.created)!,
        expiresSeconds: seconds(entry.tunnel.expire)!,
        type: entry.type,
        flags: wordsOf(entry.flags),
        nbma: entry.nbma_address,
        preference: entry.preference ?? null,
        requester: entry.requester ?? null,
        requestId: entry.request_id === undefined ? null : Number(entry.request_id),
      })),
    );
  }

  it.each([
    ['show_ip_nhrp', 'genie__golden_output', 'show ip nhrp'],
    ['show_ip_nhrp_detail', 'genie__golden_output', 'show ip nhrp detail'],
  ])('%s/%s', (folder, name, command) => {
    const resolution = resolveCommand(command);
    if (!resolution.ok) throw new Error(resolution.error);
    const result = resolution.command.parser.parse(readCapture(folder, `${name}_output.txt`));
    const ours = (result.records as NhrpCacheEntry[]).map((entry) => ({
      ...comparable(entry),
      preference: entry.preference,
      requester: entry.requester,
      requestId: entry.requestId,
    }));
    expect(ours).toEqual(fromGenie(loadUpstream(folder, name) as GenieCache));
    expect(result.warnings).toEqual([]);
  });

  // genie `ShowIpNhrpVrf`: the tunnel is its number only, and `expire` keeps its keyword (`expire 00:07:37`).
  interface GenieVrfEntry {
    via: string;
    tunnel: string;
    created: string;
    expire: string;
    type: string;
    flags: string[];
    nbma_address: string;
    group?: string;
  }

  it.each(['genie__golden_output_2', 'genie__golden_output_3'])('show_ip_nhrp_vrf/%s', (name) => {
    const upstream = loadUpstream('show_ip_nhrp_vrf', name) as { entries: Record<string, GenieVrfEntry> };
    const expected = Object.entries(upstream.entries).map(([target, entry]) => ({
      target,
      via: entry.via,
      interface: `Tunnel${entry.tunnel}`,
      createdSeconds: seconds(entry.created)!,
      expiresSeconds: seconds(entry.expire.replace(/^expire /, ''))!,
      type: entry.type,
      flags: entry.flags,
      nbma: entry.nbma_address,
      group: entry.group ?? null,
      vrf: 'VRF_CLOUD_11',
    }));
    const result = showIpNhrpVrf.parse(readCapture('show_ip_nhrp_vrf', `${name}_output.txt`), {
      args: ['VRF_CLOUD_11'],
    });
    const ours = result.records.map((entry) => ({
      ...comparable(entry),
      group: entry.group,
      vrf: entry.vrf,
    }));
    expect(ours).toEqual(expected);
    expect(result.warnings).toEqual([]);
  });

  it('show_ip_nhrp_self: the router’s own entry and its Metadata Exchange Framework rows', () => {
    const upstream = loadUpstream('show_ip_nhrp_self', 'genie__golden_output_1') as {
      entries: Record<
        string,
        {
          via: string;
          tunnel: string;
          created: string;
          expires: string;
          type: string;
          flags: string;
          nbma_address: string;
          metadata_exchange_framework: Record<string, { state: string; mef_ext_data: string }>;
        }
      >;
    };
    const expected = Object.entries(upstream.entries).map(([target, entry]) => ({
      target,
      via: entry.via,
      interface: `Tunnel${entry.tunnel}`,
      createdSeconds: seconds(entry.created)!,
      expiresSeconds: seconds(entry.expires)!,
      type: entry.type,
      flags: wordsOf(entry.flags),
      nbma: entry.nbma_address,
      metadataExchange: Object.entries(entry.metadata_exchange_framework).map(([type, row]) => ({
        type: Number(type),
        state: row.state,
        extData: row.mef_ext_data,
      })),
    }));
    const result = showIpNhrp.parse(readCapture('show_ip_nhrp_self', 'genie__golden_output_1_output.txt'));
    const ours = result.records.map((entry) => ({
      ...comparable(entry),
      metadataExchange: entry.metadataExchange,
    }));
    expect(ours).toEqual(expected);
    // genie drops it; the capture prints `(no-socket)` under the self entry.
    expect(result.records[0]!.noSocket).toBe(true);
  });
});

describe('show ip nhrp: hand-made cases from the domain', () => {
  it("a NAT'd spoke registered on the hub shows its public NBMA and the claimed private one", () => {
    const [spoke] = parse(
      [
        '10.0.0.11/32 via 10.0.0.11',
        '   Tunnel0 created 00:10:12, expire 01:49:47',
        '   Type: dynamic, Flags: unique nat registered used nhop ',
        '   NBMA address: 203.0.113.50 ',
        '    (Claimed NBMA address: 192.168.50.2) ',
      ].join('\n'),
    );
    expect(spoke).toMatchObject({
      target: '10.0.0.11/32',
      via: '10.0.0.11',
      interface: 'Tunnel0',
      createdSeconds: 612,
      expiresSeconds: 6587,
      type: 'dynamic',
      flags: ['unique', 'nat', 'registered', 'used', 'nhop'],
      nbma: '203.0.113.50',
      claimedNbma: '192.168.50.2',
      noSocket: false,
    });
  });

  it('a phase 3 spoke keeps the hub static, a shortcut to the other spoke (rib nho) and its own local network', () => {
    const entries = parse(
      [
        '10.0.0.1/32 via 10.0.0.1',
        '   Tunnel0 created 01:02:03, never expire ',
        '   Type: static, Flags: used ',
        '   NBMA address: 172.16.0.1 ',
        '10.0.0.12/32 via 10.0.0.12',
        '   Tunnel0 created 00:00:46, expire 00:09:13',
        '   Type: dynamic, Flags: router nhop rib nho ',
        '   NBMA address: 172.16.2.2 ',
        '192.168.1.0/24 via 10.0.0.11',
        '   Tunnel0 created 00:00:46, expire 00:09:13',
        '   Type: dynamic, Flags: router unique local ',
        '   NBMA address: 172.16.1.1 ',
        '    (no-socket)',
        '192.168.2.0/24 via 10.0.0.12',
        '   Tunnel0 created 00:00:46, expire 00:09:13',
        '   Type: dynamic, Flags: router used rib nho ',
        '   NBMA address: 172.16.2.2 ',
      ].join('\n'),
    );
    expect(
      entries.map((entry) => [entry.line, entry.target, entry.via, entry.flags.join(' '), entry.noSocket]),
    ).toEqual([
      [1, '10.0.0.1/32', '10.0.0.1', 'used', false],
      [5, '10.0.0.12/32', '10.0.0.12', 'router nhop rib nho', false],
      [9, '192.168.1.0/24', '10.0.0.11', 'router unique local', true],
      [14, '192.168.2.0/24', '10.0.0.12', 'router used rib nho', false],
    ]);
    expect(entries[0]).toMatchObject({ createdSeconds: 3723, expiresSeconds: null, type: 'static' });
    expect(entries[3]).toMatchObject({ createdSeconds: 46, expiresSeconds: 553, nbma: '172.16.2.2' });
  });

  it('an unanswered resolution is held as an incomplete entry with the negative flag and its cache hits', () => {
    const [pending] = parse(
      [
        '10.0.0.13/32 via 10.0.0.13',
        '   Tunnel0 created 00:00:03, expire 00:02:56',
        '   Type: incomplete, Flags: negative ',
        '   Cache hits: 2',
        '   Current request id: 12',
      ].join('\n'),
    );
    expect(pending).toMatchObject({
      target: '10.0.0.13/32',
      type: 'incomplete',
      flags: ['negative'],
      nbma: null,
      cacheHits: 2,
      currentRequestId: 12,
      expiresSeconds: 176,
    });
  });

  it('older images print one-line headers, an incomplete entry without a next hop, and Group lines', () => {
    const entries = parse(
      [
        '10.1.1.1/8 via 10.2.1.1, Tunnel1 created 00:46:29, never expire',
        'Type: static, Flags: used',
        'NBMA address: 10.12.1.1',
        '10.1.1.2/8 via 10.2.1.2, Tunnel1 created 00:00:12, expire 01:59:47',
        'Type: dynamic, Flags: authoritative unique nat registered used',
        'NBMA address: 10.12.1.2',
        'Group: test-group-0',
        '10.1.1.4, Tunnel1 created 00:00:07, expire 00:02:57',
        'Type: incomplete, Flags: negative',
        'Cache hits: 4',
      ].join('\n'),
    );
    expect(entries.map(comparable)).toEqual([
      {
        target: '10.1.1.1/8',
        via: '10.2.1.1',
        interface: 'Tunnel1',
        createdSeconds: 2789,
        expiresSeconds: null,
        type: 'static',
        flags: ['used'],
        nbma: '10.12.1.1',
      },
      {
        target: '10.1.1.2/8',
        via: '10.2.1.2',
        interface: 'Tunnel1',
        createdSeconds: 12,
        expiresSeconds: 7187,
        type: 'dynamic',
        flags: ['authoritative', 'unique', 'nat', 'registered', 'used'],
        nbma: '10.12.1.2',
      },
      {
        target: '10.1.1.4',
        via: null,
        interface: 'Tunnel1',
        createdSeconds: 7,
        expiresSeconds: 177,
        type: 'incomplete',
        flags: ['negative'],
        nbma: null,
      },
    ]);
    expect(entries[1]!.group).toBe('test-group-0');
    expect(entries[2]!.cacheHits).toBe(4);
  });

  it('the oldest images print the target with a mask and `tunnel 100`; the mask becomes a prefix length', () => {
    const [entry] = parse(
      [
        '10.0.0.2 255.255.255.255, tunnel 100 created 0:00:43 expire 1:59:16',
        ' Type: dynamic Flags: authoritative ',
        ' NBMA address: 10.1.1.2 ',
      ].join('\n'),
    );
    expect(comparable(entry!)).toEqual({
      target: '10.0.0.2/32',
      via: null,
      interface: 'Tunnel100',
      createdSeconds: 43,
      expiresSeconds: 7156,
      type: 'dynamic',
      flags: ['authoritative'],
      nbma: '10.1.1.2',
    });
  });

  it('a shortcut line without a comma before the interface (show ip nhrp shortcut)', () => {
    const [entry] = parse(
      [
        '10.1.1.2/24 via 1.1.1.22 Tunnel0 created 00:00:05, expire 00:02:24',
        'Type: dynamic, Flags: router rib nho',
      ].join('\n'),
    );
    expect(entry).toMatchObject({
      via: '1.1.1.22',
      interface: 'Tunnel0',
      expiresSeconds: 144,
      flags: ['router', 'rib', 'nho'],
    });
  });

  it('a hub with several tunnels keeps each entry on its own interface', () => {
    const entries = parse(
      [
        '10.0.0.2/32 via 10.0.0.2',
        '   Tunnel0 created 00:17:49, expire 00:01:30',
        '   Type: dynamic, Flags: unique registered used nhop ',
        '   NBMA address: 172.17.0.2 ',
        '10.0.1.2/32 via 10.0.1.2',
        '   Tunnel1 created 00:17:49, expire 00:02:10',
        '   Type: dynamic, Flags: unique registered used nhop ',
        '   NBMA address: 172.17.0.2 ',
        '10.0.2.2/32 via 10.0.2.2',
        '   Tunnel2 created 3w5d, expire 1d02h',
        '   Type: dynamic, Flags: unique registered ',
        '   NBMA address: 172.18.0.2 ',
      ].join('\n'),
    );
    expect(entries.map((entry) => [entry.interface, entry.target, entry.nbma, entry.expiresSeconds])).toEqual(
      [
        ['Tunnel0', '10.0.0.2/32', '172.17.0.2', 90],
        ['Tunnel1', '10.0.1.2/32', '172.17.0.2', 130],
        ['Tunnel2', '10.0.2.2/32', '172.18.0.2', 93_600],
      ],
    );
    expect(entries[2]!.createdSeconds).toBe(3 * 604_800 + 5 * 86_400);
  });

  it('show ipv6 nhrp: IPv6 targets over an IPv4 or IPv6 NBMA, link-local entries and virtual-access interfaces', () => {
    const text = [
      '3001::1/128 via 3001::1',
      '   Virtual-Access1 created 00:01:52, expire 01:58:14',
      '   Type: dynamic, Flags: router implicit rib nho',
      '   NBMA address: 172.17.1.9',
      '    (Claimed NBMA address: 172.16.2.1)',
      'FE80::A8BB:CCFF:FE01:F400/128 via 2001:DB8:0:FFFF::1',
      '   Tunnel0 created 00:05:00, never expire ',
      '   Type: static, Flags: used ',
      '   NBMA address: 2001:DB8:CAFE::1 ',
    ].join('\n');
    const result = showIpv6Nhrp.parse(text);
    expect(result.warnings).toEqual([]);
    expect(result.command).toBe('show ipv6 nhrp');
    expect(result.records.map(comparable)).toEqual([
      {
        target: '3001::1/128',
        via: '3001::1',
        interface: 'Virtual-Access1',
        createdSeconds: 112,
        expiresSeconds: 7094,
        type: 'dynamic',
        flags: ['router', 'implicit', 'rib', 'nho'],
        nbma: '172.17.1.9',
      },
      {
        target: 'FE80::A8BB:CCFF:FE01:F400/128',
        via: '2001:DB8:0:FFFF::1',
        interface: 'Tunnel0',
        createdSeconds: 300,
        expiresSeconds: null,
        type: 'static',
        flags: ['used'],
        nbma: '2001:DB8:CAFE::1',
      },
    ]);
    expect(result.records[0]!.claimedNbma).toBe('172.16.2.1');
  });

  it('a long IPv6 next hop wrapped onto the next line still belongs to its header', () => {
    const [entry] = parse(
      [
        '2001:DB8:1234:5678:9ABC:DEF0:1234:5678/128 via',
        '2001:DB8:1234:5678:9ABC:DEF0:1234:5678',
        '   Tunnel0 created 00:00:10, expire 00:09:49',
        '   Type: dynamic, Flags: router nhop ',
        '   NBMA address: 192.0.2.7',
      ].join('\n'),
    );
    expect(entry).toMatchObject({
      line: 1,
      target: '2001:DB8:1234:5678:9ABC:DEF0:1234:5678/128',
      via: '2001:DB8:1234:5678:9ABC:DEF0:1234:5678',
      nbma: '192.0.2.7',
    });
  });

  it('the command echo, the prompts and the exec timestamps around the output are recognised', () => {
    const entries = parse(
      [
        'hub1#show ip nhrp vrf RED',
        'Load for five secs: 100%/36%; one minute: 99%; five minutes: 99%',
        'No time source, *12:44:19.808 UTC Tue Dec 7 2021',
        '192.168.0.0/16 via 10.0.0.1',
        'Tunnel0 created 00:00:08, never expire',
        'Type: static, Flags: local',
        'NBMA address: 1.1.1.1',
        '(no-socket)',
        'hub1#',
      ].join('\n'),
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ vrf: 'RED', line: 4, flags: ['local'], noSocket: true });
  });
});

describe('show ip nhrp: filtered output', () => {
  it('`| include NBMA` gives one entry per NBMA line, with its claimed address and nothing invented', () => {
    const entries = parse(
      [
        '  NBMA address: 190.80.136.7',
        '    (Claimed NBMA address: 10.0.0.2)',
        '  NBMA address: 190.80.136.9',
      ].join('\n'),
      true,
    );
    expect(
      entries.map((entry) => [entry.line, entry.target, entry.interface, entry.nbma, entry.claimedNbma]),
    ).toEqual([
      [1, null, null, '190.80.136.7', '10.0.0.2'],
      [3, null, null, '190.80.136.9', null],
    ]);
  });

  it('`| include Type|NBMA` splits entries where the order starts again, even when an entry has no NBMA', () => {
    const entries = parse(
      [
        '   Type: dynamic, Flags: router nhop rib ',
        '   NBMA address: 103.1.1.1',
        '   Type: incomplete, Flags: negative',
        '   Type: static, Flags:',
        '   NBMA address: 101.1.1.1',
      ].join('\n'),
      true,
    );
    expect(entries.map((entry) => [entry.type, entry.nbma])).toEqual([
      ['dynamic', '103.1.1.1'],
      ['incomplete', null],
      ['static', '101.1.1.1'],
    ]);
  });

  it('`| begin` output keeps whole entries from the first header on', () => {
    const text = readCapture('show_ip_nhrp', 'genie__golden_output_output.txt')
      .split('\n')
      .slice(9)
      .join('\n');
    const entries = parse(text, true);
    expect(entries.map((entry) => entry.target)).toEqual(['123.1.1.0/24', '100.0.0.1/32', '111.0.0.100/32']);
  });

  it('the same cut lines without the filter flag are warned about, one warning per line', () => {
    const result = showIpNhrp.parse('  NBMA address: 190.80.136.7\n  Type: static, Flags:\n');
    expect(result.records).toEqual([]);
    expect(result.warnings.map((warning) => warning.line)).toEqual([1, 2]);
    expect(result.warnings[0]!.reason).toMatch(/no entry header/);
  });
});

describe('show ip nhrp: bad input', () => {
  it('empty output is reported as empty', () => {
    expect(showIpNhrp.parse('').error?.kind).toBe('empty');
  });

  it('the router refusing the command is reported, not parsed', () => {
    const result = showIpNhrp.parse(
      ['show ip nhrp detial', '                ^', "% Invalid input detected at '^' marker.", ''].join('\n'),
    );
    expect(result.error?.kind).toBe('invalid-input');
    expect(result.records).toEqual([]);
  });

  it('an output cut mid-line keeps the entries before the cut and warns about the cut line', () => {
    const full = readCapture('show_ip_nhrp', 'genie__golden_output_output.txt');
    const cut = full.slice(0, full.indexOf('expire 00:02:29') + 'expire 00:0'.length);
    const result = showIpNhrp.parse(cut);
    expect(result.records.map((entry) => entry.target)).toEqual([
      '100.0.0.2/32',
      '100.0.0.100/32',
      '123.1.1.0/24',
      '100.0.0.1/32',
    ]);
    expect(result.records[3]!.interface).toBeNull();
    expect(result.warnings).toEqual([
      expect.objectContaining({ line: 15, text: '   Tunnel100 created 00:00:32, expire 00:0' }),
    ]);
  });

  it('a truncated next hop is warned about rather than taken as an address', () => {
    const result = showIpNhrp.parse('100.0.0.2/32 via 100.0\n   Type: dynamic, Flags: router\n');
    expect(result.warnings.map((warning) => warning.line)).toEqual([1]);
    expect(result.records[0]).toMatchObject({ target: '100.0.0.2/32', via: null, type: 'dynamic' });
  });

  it('garbage lines among entries become warnings; text with nothing of the cache is not recognised', () => {
    const mixed = showIpNhrp.parse(
      '10.0.0.1/32 via 10.0.0.1\n   Tunnel0 created 00:01:00, never expire\nlorem ipsum dolor\n',
    );
    expect(mixed.records).toHaveLength(1);
    expect(mixed.warnings).toEqual([expect.objectContaining({ line: 3, text: 'lorem ipsum dolor' })]);
    expect(mixed.error).toBeUndefined();

    const garbage = showIpNhrp.parse('lorem ipsum\n$%^&*\n');
    expect(garbage.records).toEqual([]);
    expect(garbage.error?.kind).toBe('not-recognized');
  });
});

describe('show ip nhrp: command lines and detection', () => {
  it.each([
    ['sh ip nhrp', 'show ip nhrp', []],
    ['sh ip nh det', 'show ip nhrp', []],
    ['show ip nhrp Tunnel100', 'show ip nhrp', ['Tunnel100']],
    ['sh ip nhrp self', 'show ip nhrp', []],
    ['sh ip nhrp vrf RED det', 'show ip nhrp vrf', ['RED']],
    ['sh ipv6 nhrp', 'show ipv6 nhrp', []],
  ])('%s is read by the %s parser', (line, command, args) => {
    const resolution = resolveCommand(line);
    if (!resolution.ok) throw new Error(resolution.error);
    expect(resolution.command.parser.command).toBe(command);
    expect(resolution.command.args).toEqual(args);
  });

  it('the VRF of `show ip nhrp vrf X` is stamped on every entry', () => {
    const resolution = resolveCommand('show ip nhrp vrf BLUE');
    if (!resolution.ok) throw new Error(resolution.error);
    const text = readCapture('show_ip_nhrp', 'dchirkov_otus-netpro-2025-02__r27_spoke_nosocket.raw');
    const records = resolution.command.parser.parse(text, { args: resolution.command.args })
      .records as NhrpCacheEntry[];
    expect(records.map((entry) => entry.vrf)).toEqual(['BLUE', 'BLUE', 'BLUE', 'BLUE']);
  });

  it('a cache output is recognised without its command line', () => {
    const text = readCapture('show_ip_nhrp', 'john-clarkson_cisco-labs__usa1_groups.raw');
    expect(detectCommand(text)?.command).toBe('show ip nhrp');
  });
});
