import { describe, expect, it } from 'vitest';
import type { DmvpnPeer } from '../model/records/dmvpn.js';
import type { IkeSa } from '../model/records/ike.js';
import type { NhsEntry } from '../model/records/nhrp-server.js';
import type { InterfaceDetail } from '../model/records/system.js';
import { recordsToSamples } from './samples.js';

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
    };
    const [sample] = recordsToSamples([nhs], { ...context, device: 'spoke1', role: 'spoke' });
    expect(sample).toMatchObject({
      measurement: 'nhrp_nhs',
      tags: { device: 'spoke1', role: 'spoke', interface: 'Tunnel0', nhs: '10.0.0.1' },
      fields: { up: 0, flags: 'E', req_sent: 120, repl_recv: 0 },
    });
  });

  it('writes tunnel_if only for tunnel interfaces', () => {
    const base: Omit<InterfaceDetail, 'name'> = {
      kind: 'interface',
      line: 1,
      adminUp: true,
      operUp: false,
      inBytes: 10,
      outBytes: 20,
      inErrors: 0,
      outErrors: 1,
      lastChangeSeconds: null,
    };
    const samples = recordsToSamples(
      [
        { ...base, name: 'Tunnel0' },
        { ...base, name: 'GigabitEthernet1' },
      ],
      context,
    );
    expect(samples).toHaveLength(1);
    expect(samples[0]).toMatchObject({
      measurement: 'tunnel_if',
      tags: { interface: 'Tunnel0' },
      fields: { admin_up: 1, oper_up: 0, in_octets: 10, out_octets: 20, in_errors: 0, out_errors: 1 },
    });
  });

  it('writes ike_sa with up from the SA state', () => {
    const sa: IkeSa = {
      kind: 'ike_sa',
      line: 2,
      version: 'v1',
      local: '203.0.113.1',
      remote: '198.51.100.2',
      state: 'MM_NO_STATE',
      status: 'ACTIVE',
      up: false,
      lifetimeSeconds: null,
    };
    expect(recordsToSamples([sa], context)[0]).toMatchObject({
      measurement: 'ike_sa',
      tags: { version: 'v1', local: '203.0.113.1', remote: '198.51.100.2' },
      fields: { state: 'MM_NO_STATE', up: 0 },
    });
  });

  it('ignores records that carry no time series', () => {
    expect(recordsToSamples([{ kind: 'version', line: 1 }], context)).toEqual([]);
  });
});
