import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listCaptures } from '../test/fixture-files.js';
import { resolveCommand } from './registry/index.js';
import { showDmvpnDetail } from './show-dmvpn-detail.js';
import type { DmvpnPeer } from '../model/records/dmvpn.js';
import type { NhsEntry } from '../model/records/nhrp-server.js';
import { recordsToSamples } from './samples.js';
import { showCryptoIsakmpSa } from './show-crypto-isakmp-sa.js';
import { showInterfaces } from './show-interfaces.js';

const context = { device: 'hub1', role: 'hub' as const, time: 1_700_000_000_000 };

function peer(overrides: Partial<DmvpnPeer>): DmvpnPeer {
  return {
    kind: 'dmvpn_peer',
    line: 1,
    interface: 'Tunnel0',
    peerNbma: '198.51.100.2',
    peerTunnel: '10.0.0.2',
    state: 'UP',
    attrs: ['D'],
    upDownSeconds: 3600,
    entries: 1,
    extraTunnelAddresses: [],
    ...overrides,
  };
}

describe('recordsToSamples', () => {
  it('writes a dmvpn_peer point per peer with the schema tags and fields', () => {
    const samples = recordsToSamples([peer({ state: 'NHRP', attrs: ['S'], upDownSeconds: null })], context);
    expect(samples.find((sample) => sample.measurement === 'dmvpn_peer')).toEqual({
      measurement: 'dmvpn_peer',
      tags: {
        device: 'hub1',
        role: 'hub',
        interface: 'Tunnel0',
        peer_nbma: '198.51.100.2',
        peer_tunnel: '10.0.0.2',
        peer_type: 'static',
      },
      fields: { state: 'NHRP', up: 0, entries: 1 },
      time: context.time,
    });
  });

  it('sums the peers of each tunnel by state into dmvpn_summary', () => {
    const records = [
      peer({ peerNbma: '198.51.100.2' }),
      peer({ peerNbma: '198.51.100.3', state: 'IKE' }),
      peer({ peerNbma: '198.51.100.4', state: 'INTF' }),
      peer({ peerNbma: '198.51.100.5', interface: 'Tunnel1', state: 'IPSEC' }),
    ];
    const summaries = recordsToSamples(records, context).filter(
      (sample) => sample.measurement === 'dmvpn_summary',
    );
    expect(summaries.map((sample) => [sample.tags.interface, sample.fields])).toEqual([
      ['Tunnel0', { peers: 3, peers_up: 1, peers_nhrp: 0, peers_ike: 1, peers_ipsec: 0, peers_down: 1 }],
      ['Tunnel1', { peers: 1, peers_up: 0, peers_nhrp: 0, peers_ike: 0, peers_ipsec: 1, peers_down: 0 }],
    ]);
  });

  it('counts a peer once when show dmvpn and show dmvpn detail both list it', () => {
    const samples = recordsToSamples([peer({}), peer({ line: 40 })], context);
    expect(samples.filter((sample) => sample.measurement === 'dmvpn_peer')).toHaveLength(1);
    expect(samples.find((sample) => sample.measurement === 'dmvpn_summary')?.fields.peers).toBe(1);
  });

  it('marks an NHS up only when it responds, and keeps its counters', () => {
    const nhs: NhsEntry = {
      kind: 'nhrp_nhs',
      line: 3,
      interface: 'Tunnel0',
      nhs: '10.0.0.1',
      nbma: '203.0.113.1',
      flags: 'E',
      up: false,
      priority: 0,
      cluster: 0,
      reqSent: 120,
      reqFailed: 0,
      replRecv: 0,
      lastReplySecondsAgo: null,
      expecting: true,
      waiting: false,
      dynamic: false,
      currentRequestId: null,
      ackedRequestId: null,
      protectionSocketRequested: null,
    };
    const [sample] = recordsToSamples([nhs], { ...context, device: 'spoke1', role: 'spoke' });
    expect(sample).toMatchObject({
      measurement: 'nhrp_nhs',
      tags: { device: 'spoke1', role: 'spoke', interface: 'Tunnel0', nhs: '10.0.0.1' },
      fields: { up: 0, flags: 'E', req_sent: 120, repl_recv: 0 },
    });
  });

  it('writes tunnel_if only for tunnel interfaces', () => {
    const text = [
      'Tunnel0 is up, line protocol is down ',
      '  Hardware is Tunnel',
      '     10 packets input, 1000 bytes, 0 no buffer',
      '     2 input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored, 0 abort',
      '     20 packets output, 2000 bytes, 0 underruns',
      '     1 output errors, 0 collisions, 0 interface resets',
      'GigabitEthernet1 is up, line protocol is up ',
      '  Hardware is CSR vNIC, address is 0050.56bf.0001 (bia 0050.56bf.0001)',
    ].join('\n');
    const samples = recordsToSamples(showInterfaces.parse(text).records, context);
    expect(samples).toHaveLength(1);
    expect(samples[0]).toMatchObject({
      measurement: 'tunnel_if',
      tags: { interface: 'Tunnel0' },
      fields: { admin_up: 1, oper_up: 0, in_octets: 1000, out_octets: 2000, in_errors: 2, out_errors: 1 },
    });
  });

  it('writes ike_sa with up from the SA state', () => {
    const text = [
      'IPv4 Crypto ISAKMP SA',
      'dst             src             state          conn-id status',
      '203.0.113.1     198.51.100.2    MM_NO_STATE          0 ACTIVE',
    ].join('\n');
    const records = showCryptoIsakmpSa.parse(text).records;
    expect(recordsToSamples(records, context)[0]).toMatchObject({
      measurement: 'ike_sa',
      tags: { version: 'v1' },
      fields: { state: 'MM_NO_STATE', up: 0 },
    });
  });

  it('ignores records that carry no time series', () => {
    expect(recordsToSamples([{ kind: 'version', line: 1 }], context)).toEqual([]);
  });
});

describe('recordsToSamples on every real capture', () => {
  const SCHEMA: Record<string, string[]> = {
    dmvpn_peer: ['interface', 'peer_nbma', 'peer_tunnel', 'peer_type'],
    dmvpn_summary: ['interface'],
    nhrp_nhs: ['interface', 'nhs'],
    nhrp_cache: ['interface', 'target', 'nbma'],
    nhrp_traffic: ['interface'],
    ike_sa: ['version', 'local', 'remote'],
    ipsec_sa: ['interface', 'local', 'remote'],
    crypto_session: ['interface', 'peer'],
    tunnel_if: ['interface'],
  };

  it.each(listCaptures().map((capture) => [`${capture.folder}/${capture.name}`, capture] as const))(
    '%s gives only schema measurements, tags and finite values',
    (_, capture) => {
      const resolution = resolveCommand(capture.command);
      if (!resolution.ok) throw new Error(resolution.error);
      const { parser, args } = resolution.command;
      const records = parser.parse(readFileSync(capture.rawPath, 'utf8'), { args }).records;
      for (const sample of recordsToSamples(records, context)) {
        const allowed = SCHEMA[sample.measurement];
        expect(allowed, sample.measurement).toBeDefined();
        expect(
          Object.keys(sample.tags).filter((tag) => !['device', 'role', ...allowed!].includes(tag)),
        ).toEqual([]);
        expect(Object.keys(sample.fields).length).toBeGreaterThan(0);
        for (const value of Object.values(sample.fields)) {
          if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
        }
      }
    },
  );

  it('the crypto section of show dmvpn detail feeds crypto_session', () => {
    const capture = listCaptures().find(
      (entry) => entry.folder === 'show_dmvpn_detail' && entry.name.includes('crypto'),
    )!;
    const records = showDmvpnDetail.parse(readFileSync(capture.rawPath, 'utf8')).records;
    const sessions = recordsToSamples(records, context).filter(
      (sample) => sample.measurement === 'crypto_session',
    );
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.every((sample) => sample.tags.peer && typeof sample.fields.status === 'string')).toBe(
      true,
    );
  });
});
