import { describe, expect, it } from 'vitest';
import { loadUpstream, readCapture } from '../test/fixture-files.js';
import { detectCommand, resolveCommand } from './registry/index.js';
import { showIpNhrpRedirect } from './show-ip-nhrp-redirect.js';

describe('show ip nhrp redirect', () => {
  it('block form: values match genie’s parse of the real capture', () => {
    // genie `ShowIpNhrpRedirect`: { entries: { prefix: { ip, via, type, flags, nbma_address, hold_time, authentication } } }.
    const upstream = loadUpstream('show_ip_nhrp_redirect', 'genie__golden_output') as {
      entries: Record<
        string,
        {
          ip: string;
          via: string;
          type: string;
          flags: string;
          nbma_address: string;
          hold_time: number;
          authentication: string;
        }
      >;
    };
    const expected = Object.values(upstream.entries).map((entry) => ({
      destination: entry.ip,
      via: entry.via,
      type: entry.type,
      flags: entry.flags.split(' '),
      nbma: entry.nbma_address,
      holdSeconds: entry.hold_time,
      authentication: entry.authentication,
    }));
    const result = showIpNhrpRedirect.parse(
      readCapture('show_ip_nhrp_redirect', 'genie__golden_output_output.txt'),
    );
    expect(result.warnings).toEqual([]);
    expect(
      result.records.map(({ destination, via, type, flags, nbma, holdSeconds, authentication }) => ({
        destination,
        via,
        type,
        flags,
        nbma,
        holdSeconds,
        authentication,
      })),
    ).toEqual(expected);
    expect(result.records.map((record) => record.line)).toEqual([1, 7, 13]);
  });

  it('table form: a hub that redirected two flows, one of them rate-limited', () => {
    const result = showIpNhrpRedirect.parse(
      [
        'hub#show ip nhrp redirect',
        'I/F      NBMA address     Destination      Drop Count Expiry',
        '',
        'Tunnel0  172.16.1.2       192.168.2.1      3          00:00:05',
        'Tunnel1  2001:DB8::2      192.168.3.1      0          00:01:12',
      ].join('\n'),
    );
    expect(result.warnings).toEqual([]);
    expect(
      result.records.map(({ line, interface: name, nbma, destination, dropCount, expiresSeconds }) => ({
        line,
        name,
        nbma,
        destination,
        dropCount,
        expiresSeconds,
      })),
    ).toEqual([
      {
        line: 4,
        name: 'Tunnel0',
        nbma: '172.16.1.2',
        destination: '192.168.2.1',
        dropCount: 3,
        expiresSeconds: 5,
      },
      {
        line: 5,
        name: 'Tunnel1',
        nbma: '2001:DB8::2',
        destination: '192.168.3.1',
        dropCount: 0,
        expiresSeconds: 72,
      },
    ]);
  });

  it('filtered `| include NBMA|Hold` output gives one redirect per NBMA line', () => {
    const result = showIpNhrpRedirect.parse(
      'NBMA address: 192.168.1.2\nHold time: 600 sec\nNBMA address: 192.168.1.3\nHold time: 540 sec\n',
      { filtered: true },
    );
    expect(result.warnings).toEqual([]);
    expect(result.records.map((record) => [record.destination, record.nbma, record.holdSeconds])).toEqual([
      [null, '192.168.1.2', 600],
      [null, '192.168.1.3', 540],
    ]);
  });

  it('bad input: refusal, cut lines, garbage', () => {
    expect(
      showIpNhrpRedirect.parse(
        "show ip nhrp redirec x\n                   ^\n% Invalid input detected at '^' marker.\n",
      ).error?.kind,
    ).toBe('invalid-input');

    const cut = showIpNhrpRedirect.parse('Tunnel0  172.16.1.2       192.168.2.1      3          00:0\n');
    expect(cut.records).toEqual([]);
    expect(cut.warnings).toEqual([expect.objectContaining({ line: 1 })]);

    const orphan = showIpNhrpRedirect.parse('Hold time: 600 sec\n');
    expect(orphan.warnings[0]!.reason).toMatch(/no `<prefix> via <address>` line/);

    expect(showIpNhrpRedirect.parse('lorem ipsum\n').error?.kind).toBe('not-recognized');
  });

  it('is resolved from `sh ip nhrp red` and recognised from its own output', () => {
    const resolution = resolveCommand('sh ip nhrp red');
    expect(resolution.ok && resolution.command.parser.command).toBe('show ip nhrp redirect');
    const text = readCapture('show_ip_nhrp_redirect', 'genie__golden_output_output.txt');
    expect(detectCommand(text)?.command).toBe('show ip nhrp redirect');
    expect(detectCommand('I/F      NBMA address     Destination      Drop Count Expiry\n')?.command).toBe(
      'show ip nhrp redirect',
    );
  });
});
