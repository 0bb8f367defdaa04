import { describe, expect, it } from 'vitest';
import type { IkeSa } from '../model/records/ike.js';
import { loadUpstream, readCapture } from '../test/fixture-files.js';
import { detectCommand, resolveCommand } from './registry/index.js';
import { showCryptoIkev2Sa } from './show-crypto-ikev2-sa.js';

const parse = (text: string, filtered = false) => showCryptoIkev2Sa.parse(text, { filtered });

/** genie's `show crypto ikev2 sa` rows (IOS-XE ShowCryptoIkev2Sa): values as printed. */
interface GenieBriefRow {
  tunnel_id: number;
  local_ip: string;
  local_port: number;
  remote_ip: string;
  remote_port: number;
  fvrf: string;
  ivrf: string;
  status: string;
  encryption: string;
  keysize: number;
  prf: string;
  hash: string;
  dh_group: number;
  auth_sign: string;
  auth_verify: string;
  pqc?: string;
  life_time: number;
  active_time: number;
  ce_id: number;
  session_id: number;
  local_spi: string;
  remote_spi: string;
}

/** genie's detail/local/remote rows: lower-cased values, `address/port` kept whole. */
interface GenieDetailRow {
  local: string;
  remote: string;
  fvrf: string;
  ivrf: string;
  status: string;
  encryption: string;
  keysize: number;
  prf: string;
  hash: string;
  dh_grp: number;
  auth_sign: string;
  auth_verify: string;
  life_time: number;
  active_time: number;
  ce_id: number;
  session_id: number;
  local_spi: string;
  remote_spi: string;
  remote_subnets: string[];
  status_description?: string;
  local_id?: string;
  remote_id?: string;
  local_reg_msg_id?: number;
  remote_req_msg_id?: number;
  local_next_msg_id?: number;
  remote_next_msg_id?: number;
  local_req_queued?: number;
  remote_req_queued?: number;
  local_window?: number;
  remote_window?: number;
  dpd_configured_time?: number;
  retry?: number;
  fragmentation?: string;
  dynamic_route_update?: string;
  extended_authentication?: string;
  nat_t?: string;
  cisco_trust_security_sgt?: string;
  initiator_of_sa?: string;
  pushed_ip?: string;
  quantum_resistance?: string;
}

const vrf = (name: string | null) => name ?? 'none';

function briefView(sa: IkeSa) {
  return {
    tunnelId: sa.tunnelId,
    local: sa.local,
    localPort: sa.localPort,
    remote: sa.remote,
    remotePort: sa.remotePort,
    fvrf: vrf(sa.fvrf),
    ivrf: vrf(sa.ivrf),
    status: sa.status,
    encryption: sa.algorithms?.encryption,
    keySize: sa.algorithms?.keySize,
    prf: sa.algorithms?.prf,
    hash: sa.algorithms?.hash,
    dhGroup: sa.algorithms?.dhGroup,
    authSign: sa.algorithms?.authSign,
    authVerify: sa.algorithms?.authVerify,
    lifetimeSeconds: sa.lifetimeSeconds,
    activeSeconds: sa.activeSeconds,
    ceId: sa.ceId,
    sessionId: sa.sessionId,
    localSpi: sa.localSpi,
    remoteSpi: sa.remoteSpi,
  };
}

/** Our record in genie's detail shape (lower-cased, `address/port`, phrases), only the keys genie has. */
function detailView(sa: IkeSa, row: GenieDetailRow): Record<string, unknown> {
  const lower = (text: string | null | undefined) => text?.toLowerCase();
  const algorithms = sa.algorithms;
  const detail = sa.detail;
  const ids = detail?.messageIds;
  const ours: Record<string, unknown> = {
    local: `${sa.local}/${sa.localPort}`,
    remote: `${sa.remote}/${sa.remotePort}`,
    fvrf: vrf(sa.fvrf),
    ivrf: vrf(sa.ivrf),
    status: lower(sa.status),
    encryption: lower(algorithms?.encryption),
    keysize: algorithms?.keySize,
    prf: lower(algorithms?.prf),
    hash: lower(algorithms?.hash),
    dh_grp: algorithms?.dhGroup,
    auth_sign: lower(algorithms?.authSign),
    auth_verify: lower(algorithms?.authVerify),
    life_time: sa.lifetimeSeconds,
    active_time: sa.activeSeconds,
    ce_id: sa.ceId,
    session_id: sa.sessionId,
    local_spi: sa.localSpi,
    remote_spi: sa.remoteSpi,
    remote_subnets: detail?.remoteSubnets ?? [],
    status_description: lower(detail?.statusDescription),
    local_id: detail?.localId,
    remote_id: detail?.remoteId,
    local_reg_msg_id: ids?.localRequest,
    remote_req_msg_id: ids?.remoteRequest,
    local_next_msg_id: ids?.localNext,
    remote_next_msg_id: ids?.remoteNext,
    local_req_queued: ids?.localQueued,
    remote_req_queued: ids?.remoteQueued,
    local_window: ids?.localWindow,
    remote_window: ids?.remoteWindow,
    dpd_configured_time: detail?.dpd?.intervalSeconds,
    retry: detail?.dpd?.retries,
    fragmentation: detail?.fragmentation,
    dynamic_route_update: detail?.dynamicRouteUpdate,
    extended_authentication: detail?.extendedAuthentication,
    nat_t: sa.natTraversal === null ? undefined : sa.natTraversal ? `detected ${sa.natSide}` : 'not detected',
    cisco_trust_security_sgt: detail?.ctsSgt,
    initiator_of_sa: sa.initiator === null ? undefined : sa.initiator ? 'yes' : 'no',
    pushed_ip: detail?.pushedAddress ?? undefined,
    quantum_resistance: algorithms?.quantumResistance ? 'Enabled' : undefined,
  };
  return Object.fromEntries(Object.keys(row).map((key) => [key, ours[key]]));
}

/**
 * genie keeps IOS's double spaces (`not  configured`, `detected  outside`) where we collapse them; its `qr` key
 * duplicates quantum_resistance; output5's `Quantum-Safe Encryption using PPK is enabled` is reported as
 * quantum_resistance `Enabled` too.
 */
function normalizeGenie(row: GenieDetailRow): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row)
      .filter(([key]) => key !== 'qr')
      .map(([key, value]) => [key, typeof value === 'string' ? value.replace(/ {2,}/g, ' ') : value]),
  );
}

describe('show crypto ikev2 sa: real captures against their upstream parse', () => {
  for (const name of ['genie__golden_output1', 'genie__golden_output2']) {
    it(`${name} gives genie's rows, IPv4 one-line and IPv6 Local/Remote-lines layouts alike`, () => {
      const upstream = loadUpstream('show_crypto_ikev2_sa', name) as Record<
        'ipv4' | 'ipv6',
        Record<string, GenieBriefRow>
      >;
      const result = parse(readCapture('show_crypto_ikev2_sa', `${name}_output.txt`));
      expect(result.warnings).toEqual([]);
      const expected = (['ipv4', 'ipv6'] as const).flatMap((family) =>
        Object.values(upstream[family]).map((row) => ({ family, pqc: row.pqc ?? null, row })),
      );
      expect(result.records.map((sa) => sa.family)).toEqual(expected.map((entry) => entry.family));
      expect(result.records.map((sa) => sa.algorithms?.pqcKeyExchange ?? null)).toEqual(
        expected.map((entry) => entry.pqc),
      );
      expect(result.records.map(briefView)).toEqual(
        expected.map(({ row }) => ({
          tunnelId: row.tunnel_id,
          local: row.local_ip,
          localPort: row.local_port,
          remote: row.remote_ip,
          remotePort: row.remote_port,
          fvrf: row.fvrf,
          ivrf: row.ivrf,
          status: row.status,
          encryption: row.encryption,
          keySize: row.keysize,
          prf: row.prf,
          hash: row.hash,
          dhGroup: row.dh_group,
          authSign: row.auth_sign,
          authVerify: row.auth_verify,
          lifetimeSeconds: row.life_time,
          activeSeconds: row.active_time,
          ceId: row.ce_id,
          sessionId: row.session_id,
          localSpi: row.local_spi,
          remoteSpi: row.remote_spi,
        })),
      );
    });
  }

  const detailCaptures: [string, string][] = [
    ['show_crypto_ikev2_sa_detail', 'genie__golden_output2'],
    ['show_crypto_ikev2_sa_detail', 'genie__golden_output3'],
    ['show_crypto_ikev2_sa_detail', 'genie__golden_output4'],
    ['show_crypto_ikev2_sa_detail', 'genie__golden_output5'],
    ['show_crypto_ikev2_sa_local', 'genie__golden_output'],
    ['show_crypto_ikev2_sa_local_detail', 'genie__golden_output'],
    ['show_crypto_ikev2_sa_remote', 'genie__golden_output'],
    ['show_crypto_ikev2_sa_remote_detail', 'genie__golden_output'],
  ];
  for (const [folder, name] of detailCaptures) {
    it(`${folder}/${name} gives genie's values for every key genie has`, () => {
      const upstream = loadUpstream(folder, name) as { tunnel_id: Record<string, GenieDetailRow> };
      const result = parse(readCapture(folder, `${name}_output.txt`));
      expect(result.warnings).toEqual([]);
      // genie keys its SAs by tunnel id (so output2's tunnels 973 and 4 come back sorted); match by id.
      const byTunnel = new Map(result.records.map((sa) => [String(sa.tunnelId), sa]));
      expect([...byTunnel.keys()].sort()).toEqual(Object.keys(upstream.tunnel_id).sort());
      for (const [tunnel, row] of Object.entries(upstream.tunnel_id)) {
        expect(detailView(byTunnel.get(tunnel)!, row), `tunnel ${tunnel}`).toEqual(normalizeGenie(row));
      }
    });
  }
});

describe('show crypto ikev2 sa: the states an IKEv2 SA goes through', () => {
  it('a peer that never answers IKE_SA_INIT stays IN-NEG with nothing negotiated', () => {
    const { records, warnings } = parse(
      [
        ' IPv4 Crypto IKEv2  SA',
        '',
        'Tunnel-id Local                 Remote                fvrf/ivrf            Status',
        '1         100.1.0.10/500        20.42.0.17/500        none/none            IN-NEG',
        '      Encr: Unknown - 0, PRF: Unknown - 0, Hash: None, DH Grp:0, Auth sign: Unknown - 0, Auth verify: Unknown - 0',
        '      Life/Active Time: 86400/0 sec',
        '',
        ' IPv6 Crypto IKEv2  SA',
        '',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      line: 4,
      version: 'v2',
      local: '100.1.0.10',
      remote: '20.42.0.17',
      state: 'IN-NEG',
      status: 'IN-NEG',
      up: false,
      algorithms: {
        encryption: null,
        keySize: null,
        prf: null,
        hash: 'None',
        auth: null,
        authSign: null,
        authVerify: null,
        dhGroup: null,
        pqcKeyExchange: null,
        quantumResistance: false,
      },
      lifetimeSeconds: 86400,
      activeSeconds: 0,
      detail: null,
    });
  });

  it('several peers: READY ones are up, one being torn down (DELETE) is not', () => {
    const { records, warnings } = parse(
      [
        'Tunnel-id Local                 Remote                fvrf/ivrf            Status',
        '2         10.1.0.16/500         10.1.0.13/500         none/none            READY  ',
        '      Encr: AES-CBC, keysize: 128, Hash: SHA256, DH Grp:2, Auth sign: PSK, Auth verify: PSK',
        '      Life/Active Time: 86400/5967 sec',
        '',
        'Tunnel-id Local                 Remote                fvrf/ivrf            Status',
        '3         10.1.0.16/500         10.1.0.14/500         none/INSIDE          DELETE ',
        '      Encr: AES-CBC, keysize: 256, PRF: SHA256, Hash: SHA256, DH Grp:19, Auth sign: PSK, Auth verify: PSK',
        '      Life/Active Time: 86400/86399 sec',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(
      records.map((sa) => [
        sa.tunnelId,
        sa.remote,
        sa.state,
        sa.up,
        sa.ivrf,
        sa.algorithms?.prf,
        sa.activeSeconds,
      ]),
    ).toEqual([
      [2, '10.1.0.13', 'READY', true, null, null, 5967],
      [3, '10.1.0.14', 'DELETE', false, 'INSIDE', 'SHA256', 86399],
    ]);
  });

  it('a spoke behind NAT talks IKE on 4500 and says which side of the NAT it is', () => {
    const { records } = parse(
      [
        'Tunnel-id Local                 Remote                fvrf/ivrf            Status ',
        '1         172.16.0.5/4500       198.51.100.37/4500    none/OUTSIDE_ONE     READY  ',
        '      Encr: AES-CBC, keysize: 256, PRF: SHA1, Hash: SHA96, DH Grp:2, Auth sign: PSK, Auth verify: PSK',
        '      Life/Active Time: 86400/7704 sec',
        '      NAT-T is detected inside',
        '      Initiator of SA : Yes',
      ].join('\n'),
    );
    expect(records[0]).toMatchObject({
      localPort: 4500,
      remotePort: 4500,
      natTraversal: true,
      natSide: 'inside',
      ivrf: 'OUTSIDE_ONE',
      initiator: true,
    });
  });

  it('empty sections (headers only) are no SA and no warning', () => {
    const result = parse([' IPv4 Crypto IKEv2  SA ', '', ' IPv6 Crypto IKEv2  SA ', ''].join('\n'));
    expect(result).toEqual({ command: 'show crypto ikev2 sa', records: [], warnings: [] });
  });

  it('`detail` is IOS shorthand for `detailed`, after a peer address too', () => {
    for (const [line, args] of [
      ['sh cry ikev2 sa detail', []],
      ['show crypto ikev2 sa remote 100.201.33.252 detail', ['100.201.33.252']],
      ['show crypto ikev2 sa local 4.4.4.1', ['4.4.4.1']],
    ] as const) {
      const resolution = resolveCommand(line);
      expect(resolution.ok && [resolution.command.parser, resolution.command.args]).toEqual([
        showCryptoIkev2Sa,
        args,
      ]);
    }
  });
});

describe('show crypto ikev2 sa: filtered output', () => {
  it('`| include READY` keeps IPv4 rows as SAs without their attributes', () => {
    const result = parse(
      [
        '2         10.1.0.16/500         10.1.0.13/500         none/none            READY  ',
        '4         10.1.0.16/500         10.1.0.15/500         none/none            READY  ',
      ].join('\n'),
      true,
    );
    expect(result.warnings).toEqual([]);
    expect(result.records.map((sa) => [sa.remote, sa.up, sa.algorithms, sa.lifetimeSeconds])).toEqual([
      ['10.1.0.13', true, null, null],
      ['10.1.0.15', true, null, null],
    ]);
  });

  it('`| include Life|NAT-T` lines have no SA to belong to: understood, not recorded', () => {
    const result = parse('      Life/Active Time: 86400/218 sec\n      NAT-T is not detected\n', true);
    expect(result).toEqual({ command: 'show crypto ikev2 sa', records: [], warnings: [] });
  });

  it('IPv6 rows whose Local/Remote lines were filtered out are said once', () => {
    const result = parse(
      ['1          none/none             READY', '2          none/none             READY'].join('\n'),
      true,
    );
    expect(result.records).toEqual([]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]!.reason).toMatch(/^2 x IPv6 SA row without its Local\/Remote lines/);
  });
});

describe('show crypto ikev2 sa: bad input', () => {
  it('an attribute line it does not know is a warning and the SA is still whole', () => {
    const result = parse(
      [
        '1         10.0.0.1/500          10.0.0.2/500          none/none            READY',
        '      Life/Active Time: 86400/10 sec',
        '      Frobnication level: 11',
      ].join('\n'),
    );
    expect(result.records[0]).toMatchObject({ lifetimeSeconds: 86400, activeSeconds: 10 });
    expect(result.warnings).toEqual([expect.objectContaining({ line: 3 })]);
  });

  it('a row cut mid-line is a warning, and its attribute lines are not given to the SA before it', () => {
    const result = parse(
      [
        '1         10.0.0.1/500          10.0.0.2/500          none/none            READY',
        '2         10.0.0.1/500          10.0.0.3/5',
        '      Life/Active Time: 86400/10 sec',
      ].join('\n'),
    );
    expect(result.records).toHaveLength(1);
    expect(result.records[0]!.lifetimeSeconds).toBeNull();
    expect(result.warnings.map((warning) => warning.line)).toEqual([2, 3]);
  });

  it('refusals, emptiness and garbage are errors', () => {
    expect(parse('').error?.kind).toBe('empty');
    expect(
      parse(
        [
          'show crypto ikev2 sa detial',
          '                     ^',
          "% Invalid input detected at '^' marker.",
        ].join('\n'),
      ).error?.kind,
    ).toBe('invalid-input');
    expect(parse('some\nrandom\ntext\n').error?.kind).toBe('not-recognized');
  });

  it('is recognised from its output alone, but not in `show crypto ikev2 session` output', () => {
    expect(detectCommand(readCapture('show_crypto_ikev2_sa_remote', 'genie__golden_output_output.txt'))).toBe(
      showCryptoIkev2Sa,
    );
    const session = [
      ' IPv4 Crypto IKEv2 Session',
      '',
      'Session-id:1, Status:UP-ACTIVE, IKE count:1, CHILD count:1',
      '',
      'Tunnel-id Local                 Remote                fvrf/ivrf            Status',
      '1         10.156.30.25/4500     146.112.67.8/4500     none/none            READY',
    ].join('\n');
    expect(showCryptoIkev2Sa.detect!(session)).toBe(false);
  });
});
