import { describe, expect, it } from 'vitest';
import type { IkeSa } from '../model/records/ike.js';
import { loadUpstream, readCapture } from '../test/fixture-files.js';
import { detectCommand } from './registry/index.js';
import { showCryptoIsakmpSaDetail } from './show-crypto-isakmp-sa-detail.js';

interface GenieDetailRow {
  c_id: number;
  local_ip: string;
  remote_ip: string;
  ivrf?: string;
  status: string;
  encr_algo: string;
  hash_algo: string;
  auth_type: string;
  dh_group: number;
  lifetime: string;
  capabilities: string;
  engine_id?: string;
  conn_id?: number;
}

const parse = (text: string, filtered = false) => showCryptoIsakmpSaDetail.parse(text, { filtered });

const LEGEND = [
  'Codes: C - IKE configuration mode, D - Dead Peer Detection',
  '       K - Keepalives, N - NAT-traversal',
  '       T - cTCP encapsulation, X - IKE Extended Authentication',
  '       psk - Preshared key, rsig - RSA signature',
  '       renc - RSA encryption',
];
const HEADER = 'C-id  Local           Remote          I-VRF  Status Encr Hash   Auth DH Lifetime Cap.';

describe('show crypto isakmp sa detail: real captures against their upstream parse', () => {
  for (const [name, family] of [
    ['genie__golden_output_isakmp_no_ipv4', 'IPv6'],
    ['genie__golden_output_isakmp_no_ipv6', 'IPv4'],
  ] as const) {
    it(`${name} gives genie's ${family} rows`, () => {
      const upstream = loadUpstream('show_crypto_isakmp_sa_detail', name) as {
        isakmp_stats: Record<string, Record<string, GenieDetailRow>>;
      };
      const result = parse(readCapture('show_crypto_isakmp_sa_detail', `${name}_output.txt`));
      expect(result.warnings).toEqual([]);
      const ours = (sa: IkeSa) => ({
        connId: sa.connId,
        local: sa.local,
        remote: sa.remote,
        ivrf: sa.ivrf,
        status: sa.status,
        encryption: sa.algorithms?.encryption,
        hash: sa.algorithms?.hash,
        auth: sa.algorithms?.auth,
        dhGroup: sa.algorithms?.dhGroup,
        lifetimeSeconds: sa.lifetimeSeconds,
        capabilities: sa.capabilities?.join(''),
        engineId: sa.engineId,
        engineConnId: sa.engineConnId,
      });
      // genie keeps the lifetime as text; ours is the remaining seconds. `????` leaves genie without engine keys.
      const theirs = (row: GenieDetailRow) => {
        const [hours, minutes, seconds] = row.lifetime.split(':').map(Number) as [number, number, number];
        return {
          connId: row.c_id,
          local: row.local_ip,
          remote: row.remote_ip,
          ivrf: row.ivrf ?? null,
          status: row.status,
          encryption: row.encr_algo,
          hash: row.hash_algo,
          auth: row.auth_type,
          dhGroup: row.dh_group,
          lifetimeSeconds: hours * 3600 + minutes * 60 + seconds,
          capabilities: row.capabilities,
          engineId: row.engine_id ?? null,
          engineConnId: row.conn_id ?? null,
        };
      };
      expect(result.records.map(ours)).toEqual(Object.values(upstream.isakmp_stats[family]!).map(theirs));
    });
  }

  it('says the state is not printed rather than guessing it', () => {
    const { records } = parse(
      readCapture('show_crypto_isakmp_sa_detail', 'genie__golden_output_isakmp_no_ipv6_output.txt'),
    );
    expect(records.map((sa) => [sa.state, sa.up, sa.natTraversal])).toEqual([
      ['UNKNOWN', false, false],
      ['UNKNOWN', false, false],
    ]);
  });
});

describe('show crypto isakmp sa detail: what the columns tell', () => {
  it('a NAT-T peer carries the N capability, next to DPD', () => {
    const { records, warnings } = parse(
      [
        ...LEGEND,
        'IPv4 Crypto ISAKMP SA',
        '',
        HEADER,
        '',
        '1013  198.51.100.1    203.0.113.11           ACTIVE aes  sha384 psk  14 23:47:45 DN  ',
        '       Engine-id:Conn-id =  SW:13',
        '',
        'IPv6 Crypto ISAKMP SA',
        '',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      line: 10,
      version: 'v1',
      connId: 1013,
      local: '198.51.100.1',
      remote: '203.0.113.11',
      ivrf: null,
      status: 'ACTIVE',
      algorithms: { encryption: 'aes', hash: 'sha384', auth: 'psk', dhGroup: 14, keySize: null, prf: null },
      lifetimeSeconds: 23 * 3600 + 47 * 60 + 45,
      capabilities: ['D', 'N'],
      natTraversal: true,
      engineId: 'SW',
      engineConnId: 13,
    });
  });

  it('an SA without capabilities has no Cap. letters and no NAT-T', () => {
    const { records } = parse(
      [
        HEADER,
        '1074  20.10.20.2      20.30.10.2             ACTIVE aes  sha    rsig 2  23:47:17     ',
        '       Engine-id:Conn-id =  SW:74',
      ].join('\n'),
    );
    expect(records[0]).toMatchObject({
      algorithms: { auth: 'rsig', dhGroup: 2 },
      capabilities: [],
      natTraversal: false,
    });
  });

  it('an SA being deleted keeps `(deleted)` in its status', () => {
    const { records, warnings } = parse(
      [
        HEADER,
        '1003  198.51.100.1    203.0.113.11    BLUE   ACTIVE (deleted) aes  sha psk  14 00:00:04 D',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({
      ivrf: 'BLUE',
      status: 'ACTIVE (deleted)',
      deleted: true,
      lifetimeSeconds: 4,
    });
  });

  it('an IPv6 row wrapped over three lines is one SA', () => {
    const { records, warnings } = parse(
      [
        'IPv6 Crypto ISAKMP SA',
        '',
        HEADER,
        '',
        '1001  2001:DB8:2002::A8BB:CCFF:FE01:2C02',
        '      2001:DB8:2002::A8BB:CCFF:FE01:9002',
        '                                             ACTIVE aes  sha    psk  14 23:59:29 D',
        '       Engine-id:Conn-id =  SW:1',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(
      records.map((sa) => [sa.line, sa.local, sa.remote, sa.status, sa.engineConnId, sa.family]),
    ).toEqual([
      [5, '2001:DB8:2002::A8BB:CCFF:FE01:2C02', '2001:DB8:2002::A8BB:CCFF:FE01:9002', 'ACTIVE', 1, 'ipv6'],
    ]);
  });

  it('the legend, empty sections and headers alone are no SA and no warning', () => {
    const result = parse(
      [...LEGEND, 'IPv4 Crypto ISAKMP SA', '', HEADER, '', 'IPv6 Crypto ISAKMP SA', ''].join('\n'),
    );
    expect(result).toEqual({ command: 'show crypto isakmp sa detail', records: [], warnings: [] });
  });
});

describe('show crypto isakmp sa detail: filtered and bad input', () => {
  it('`| include ACTIVE` keeps the rows; their Engine-id lines are simply gone', () => {
    const result = parse(
      [
        '1013  198.51.100.1    203.0.113.11           ACTIVE aes  sha384 psk  14 23:47:45 DN',
        '1014  198.51.100.1    203.0.113.12           ACTIVE aes  sha384 psk  14 23:50:00 D',
      ].join('\n'),
      true,
    );
    expect(result.warnings).toEqual([]);
    expect(result.records.map((sa) => [sa.remote, sa.natTraversal, sa.engineId])).toEqual([
      ['203.0.113.11', true, null],
      ['203.0.113.12', false, null],
    ]);
  });

  it('`| include Engine` lines alone belong to nothing but are understood', () => {
    const result = parse('       Engine-id:Conn-id =  SW:13\n       Engine-id:Conn-id =  SW:14\n', true);
    expect(result).toEqual({ command: 'show crypto isakmp sa detail', records: [], warnings: [] });
  });

  it('a row cut before its Lifetime is a warning, not a half-read SA', () => {
    const result = parse([HEADER, '1013  198.51.100.1    203.0.113.11           ACT'].join('\n'));
    expect(result.records).toEqual([]);
    expect(result.warnings).toEqual([expect.objectContaining({ line: 2 })]);
  });

  it('an unreadable row is one warning: its Engine-id line is not a second one', () => {
    const result = parse(
      [
        HEADER,
        '1013  198.51.100.1    203.0.113.11    ACTIVE aes sha psk x 23:47:45',
        '       Engine-id:Conn-id =  SW:13',
      ].join('\n'),
    );
    expect(result.records).toEqual([]);
    expect(result.warnings.map((warning) => warning.line)).toEqual([2]);
  });

  it('the router refusing the command is an error', () => {
    const result = parse(
      [
        'show crypto isakmp sa detal',
        '                      ^',
        "% Invalid input detected at '^' marker.",
      ].join('\n'),
    );
    expect(result.error?.kind).toBe('invalid-input');
  });

  it('garbage is not recognised', () => {
    const result = parse('lorem ipsum\ndolor sit amet\n');
    expect(result.records).toEqual([]);
    expect(result.error?.kind).toBe('not-recognized');
  });

  it('empty output is reported as empty', () => {
    expect(parse('\n\n').error?.kind).toBe('empty');
  });

  it('is recognised from its output alone, ahead of the brief form it shares headers with', () => {
    const text = readCapture(
      'show_crypto_isakmp_sa_detail',
      'genie__golden_output_isakmp_no_ipv6_output.txt',
    );
    expect(detectCommand(text)).toBe(showCryptoIsakmpSaDetail);
  });
});
