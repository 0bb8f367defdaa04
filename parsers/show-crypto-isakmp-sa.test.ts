import { describe, expect, it } from 'vitest';
import type { IkeSa } from '../model/records/ike.js';
import { loadUpstream, readCapture } from '../test/fixture-files.js';
import { detectCommand, resolveCommand } from './registry/index.js';
import { showCryptoIsakmpSa } from './show-crypto-isakmp-sa.js';

interface GenieIsakmpRow {
  destination: string;
  source: string;
  session_state: string;
  conn_id: number;
  status: string;
  current_status?: string;
}

interface GenieIsakmpStatusRow {
  dst: string;
  src: string;
  state: string;
  conn_id: number;
  slot: number;
  status: string;
}

const parse = (text: string, filtered = false) => showCryptoIsakmpSa.parse(text, { filtered });

/** The fields genie's rows carry, in our shape. */
const asGenie = (sa: IkeSa) => ({
  dst: sa.dst,
  src: sa.src,
  state: sa.state,
  connId: sa.connId,
  status: sa.status,
});

describe('show crypto isakmp sa: real captures against their upstream parse', () => {
  for (const [name, family] of [
    ['genie__golden_output_isakmp_no_ipv4', 'IPv6'],
    ['genie__golden_output_isakmp_no_ipv6', 'IPv4'],
  ] as const) {
    it(`${name} gives genie's ${family} rows`, () => {
      const upstream = loadUpstream('show_crypto_isakmp_sa', name) as {
        isakmp_stats: Record<string, Record<string, GenieIsakmpRow>>;
      };
      const rows = Object.values(upstream.isakmp_stats[family]!);
      const result = parse(readCapture('show_crypto_isakmp_sa', `${name}_output.txt`));
      expect(result.warnings).toEqual([]);
      // genie splits `ACTIVE (deleted)` into status and current_status; we keep it as printed plus `deleted`.
      expect(result.records.map(asGenie)).toEqual(
        rows.map((row) => ({
          dst: row.destination,
          src: row.source,
          state: row.session_state,
          connId: row.conn_id,
          status: row.current_status ? `${row.status} (${row.current_status})` : row.status,
        })),
      );
      expect(result.records.map((sa) => sa.deleted)).toEqual(
        rows.map((row) => row.current_status === 'deleted'),
      );
      expect(result.records.every((sa) => sa.family === family.toLowerCase())).toBe(true);
    });
  }

  it('the hub is the address all three spokes share, so it is local whichever side initiated', () => {
    const { records } = parse(
      readCapture('show_crypto_isakmp_sa', 'genie__golden_output_isakmp_no_ipv6_output.txt'),
    );
    expect(records.map((sa) => [sa.local, sa.remote, sa.initiator, sa.sidesGuessed])).toEqual([
      ['100.0.10.2', '100.13.220.2', false, false],
      ['100.0.10.2', '100.12.82.2', false, false],
      ['100.0.10.2', '100.11.106.2', false, false],
    ]);
    expect(records.map((sa) => sa.up)).toEqual([true, false, true]);
  });

  it('`show crypto isakmp sa active` prints a slot column: the status is still found after it', () => {
    const name = 'genie__golden_output_1';
    const upstream = loadUpstream('show_crypto_isakmp_sa_status', name) as {
      isakmp_stats: { ipv4: Record<string, GenieIsakmpStatusRow> };
    };
    const result = parse(readCapture('show_crypto_isakmp_sa_status', `${name}_output.txt`));
    expect(result.warnings).toEqual([]);
    expect(result.records.map((sa) => [sa.dst, sa.src, sa.state, sa.connId, sa.slot, sa.status])).toEqual(
      Object.values(upstream.isakmp_stats.ipv4).map((row) => [
        row.dst,
        row.src,
        row.state,
        row.conn_id,
        row.slot,
        row.status,
      ]),
    );
    // A standby SA of a stateful-failover pair is still an established phase 1.
    expect(result.records.map((sa) => sa.up)).toEqual([true, true]);
  });
});

describe('show crypto isakmp sa: the phase 1 faults a spoke shows', () => {
  it('a spoke whose hub never answers (or has no matching policy) sits in MM_NO_STATE and is not up', () => {
    const { records, warnings, error } = parse(
      [
        'IPv4 Crypto ISAKMP SA',
        'dst             src             state          conn-id status',
        '198.51.100.1    203.0.113.11    MM_NO_STATE          0 ACTIVE',
        '',
        'IPv6 Crypto ISAKMP SA',
        '',
      ].join('\n'),
    );
    expect(error).toBeUndefined();
    expect(warnings).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      kind: 'ike_sa',
      line: 3,
      version: 'v1',
      state: 'MM_NO_STATE',
      status: 'ACTIVE',
      up: false,
      connId: 0,
      lifetimeSeconds: null,
      // One SA: nothing tells which side is this router; the spoke (src, the initiator) is assumed.
      local: '203.0.113.11',
      remote: '198.51.100.1',
      sidesGuessed: true,
      initiator: null,
    });
  });

  it('a pre-shared key mismatch leaves the SA in MM_KEY_EXCH after DH, never QM_IDLE', () => {
    const { records } = parse(
      [
        'IPv4 Crypto ISAKMP SA',
        'dst             src             state          conn-id status',
        '198.51.100.1    203.0.113.11    MM_KEY_EXCH       1004 ACTIVE',
        '198.51.100.1    203.0.113.11    MM_NO_STATE       1003 ACTIVE (deleted)',
      ].join('\n'),
    );
    expect(records.map((sa) => [sa.state, sa.status, sa.deleted, sa.up, sa.connId])).toEqual([
      ['MM_KEY_EXCH', 'ACTIVE', false, false, 1004],
      ['MM_NO_STATE', 'ACTIVE (deleted)', true, false, 1003],
    ]);
  });

  it('an SA in QM_IDLE that is being deleted is not counted as up', () => {
    const { records } = parse('198.51.100.1    203.0.113.11    QM_IDLE           1001 ACTIVE (deleted)\n');
    expect(records[0]).toMatchObject({
      state: 'QM_IDLE',
      status: 'ACTIVE (deleted)',
      deleted: true,
      up: false,
    });
  });

  it('aggressive mode states are read like main mode ones', () => {
    const { records, warnings } = parse(
      [
        'dst             src             state          conn-id status',
        '198.51.100.1    203.0.113.11    AG_INIT_EXCH      1001 ACTIVE',
        '198.51.100.1    203.0.113.12    AG_AUTH           1002 ACTIVE',
        '198.51.100.1    203.0.113.13    AG_NO_STATE       1003 ACTIVE',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(records.map((sa) => sa.state)).toEqual(['AG_INIT_EXCH', 'AG_AUTH', 'AG_NO_STATE']);
  });

  it('a hub with several spokes: the hub is local whichever side initiated, spoke-to-spoke SAs on a spoke too', () => {
    const hub = parse(
      [
        'IPv4 Crypto ISAKMP SA',
        'dst             src             state          conn-id status',
        '198.51.100.1    203.0.113.11    QM_IDLE           1001 ACTIVE',
        '203.0.113.12    198.51.100.1    QM_IDLE           1002 ACTIVE',
        '198.51.100.1    203.0.113.13    MM_KEY_EXCH       1003 ACTIVE',
      ].join('\n'),
    );
    expect(hub.records.map((sa) => [sa.local, sa.remote, sa.initiator, sa.up])).toEqual([
      ['198.51.100.1', '203.0.113.11', false, true],
      ['198.51.100.1', '203.0.113.12', true, true],
      ['198.51.100.1', '203.0.113.13', false, false],
    ]);
    const spoke = parse(
      [
        '198.51.100.1    203.0.113.11    QM_IDLE           1001 ACTIVE',
        '203.0.113.11    203.0.113.12    QM_IDLE           1002 ACTIVE',
      ].join('\n'),
    );
    expect(spoke.records.map((sa) => [sa.local, sa.remote, sa.sidesGuessed])).toEqual([
      ['203.0.113.11', '198.51.100.1', false],
      ['203.0.113.11', '203.0.113.12', false],
    ]);
  });

  it('an IPv6 transport prints each SA as a dst:/src:/state: block', () => {
    const { records, warnings } = parse(
      [
        'IPv4 Crypto ISAKMP SA',
        'dst             src             state          conn-id status',
        '',
        'IPv6 Crypto ISAKMP SA',
        '',
        ' dst: 2001:DB8:19:86::252',
        ' src: 2001:DB8:68:1::A',
        ' state: QM_IDLE         conn-id:   1001 status: ACTIVE',
        '',
        ' dst: 2001:DB8:19:86::252',
        ' src: 2001:DB8:74:1::B',
        ' state: MM_KEY_EXCH     conn-id:   1003 status: ACTIVE (deleted)',
        '',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(
      records.map((sa) => [sa.line, sa.local, sa.remote, sa.state, sa.connId, sa.deleted, sa.family]),
    ).toEqual([
      [6, '2001:DB8:19:86::252', '2001:DB8:68:1::A', 'QM_IDLE', 1001, false, 'ipv6'],
      [10, '2001:DB8:19:86::252', '2001:DB8:74:1::B', 'MM_KEY_EXCH', 1003, true, 'ipv6'],
    ]);
  });

  it('empty sections (headers only) are a router with no IKEv1 SA, not an error', () => {
    const result = parse(
      [
        'IPv4 Crypto ISAKMP SA',
        'dst             src             state          conn-id status',
        '',
        'IPv6 Crypto ISAKMP SA',
        '',
      ].join('\n'),
    );
    expect(result).toEqual({ command: 'show crypto isakmp sa', records: [], warnings: [] });
  });
});

describe('show crypto isakmp sa: filtered output', () => {
  it('`| include QM_IDLE` keeps the rows: each is a whole SA', () => {
    const resolution = resolveCommand('sh cry isa sa | include QM_IDLE');
    expect(resolution.ok && resolution.command.parser).toBe(showCryptoIsakmpSa);
    const result = parse(
      [
        '198.51.100.1    203.0.113.11    QM_IDLE           1001 ACTIVE',
        '198.51.100.1    203.0.113.12    QM_IDLE           1002 ACTIVE',
      ].join('\n'),
      true,
    );
    expect(result.warnings).toEqual([]);
    expect(result.records.map((sa) => [sa.remote, sa.up])).toEqual([
      ['203.0.113.11', true],
      ['203.0.113.12', true],
    ]);
  });

  it('IPv6 state lines whose dst:/src: lines were filtered out are said once, not one warning each', () => {
    const result = parse(
      [
        ' state: QM_IDLE         conn-id:   1001 status: ACTIVE',
        ' state: QM_IDLE         conn-id:   1002 status: ACTIVE',
        ' state: QM_IDLE         conn-id:   1003 status: ACTIVE',
      ].join('\n'),
      true,
    );
    expect(result.records).toEqual([]);
    expect(result.error).toBeUndefined();
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ line: 1 });
    expect(result.warnings[0]!.reason).toMatch(/^3 x IPv6 SA line without its dst:\/src: lines/);
  });
});

describe('show crypto isakmp sa: bad input', () => {
  it('empty output is reported as empty', () => {
    expect(parse('').error?.kind).toBe('empty');
  });

  it('a mistyped command gives the router refusal, not records', () => {
    const result = parse(
      [
        'show crypto isakmp sa detial',
        '                          ^',
        "% Invalid input detected at '^' marker.",
        '',
      ].join('\n'),
    );
    expect(result.records).toEqual([]);
    expect(result.error?.kind).toBe('invalid-input');
  });

  it('a row cut mid-line is a warning, the whole rows around it still records', () => {
    const result = parse(
      [
        'dst             src             state          conn-id status',
        '198.51.100.1    203.0.113.11    QM_IDLE           1001 ACTIVE',
        '198.51.100.1    203.0.113.12    QM_ID',
      ].join('\n'),
    );
    expect(result.records).toHaveLength(1);
    expect(result.warnings).toEqual([
      expect.objectContaining({ line: 3, text: '198.51.100.1    203.0.113.12    QM_ID' }),
    ]);
  });

  it('garbage is not mistaken for SAs', () => {
    const result = parse('hello world\nthis is not a router output\n12 34 56 78 90\n');
    expect(result.records).toEqual([]);
    expect(result.warnings).toHaveLength(3);
    expect(result.error?.kind).toBe('not-recognized');
  });

  it('is recognised from its output alone', () => {
    const text = readCapture('show_crypto_isakmp_sa', 'genie__golden_output_isakmp_no_ipv6_output.txt');
    expect(detectCommand(text)).toBe(showCryptoIsakmpSa);
  });
});
