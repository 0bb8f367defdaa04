import { describe, expect, it } from 'vitest';
import type {
  DmvpnCryptoSession,
  DmvpnInterface,
  DmvpnNhs,
  DmvpnPeer,
  DmvpnTunnel,
} from '../../model/records/dmvpn.js';
import type { ShowDmvpnDetailRecord } from '../../parsers/show-dmvpn-detail.js';
import type { RouterState } from '../model/state.js';
import {
  asShown,
  emptyState,
  largeHubState,
  mixedHubState,
  peer,
  phase3SpokeState,
  tunnelInterface,
} from './dmvpn-test-states.js';
import { captureLines, columnStarts, parseRendered } from './dmvpn-test-parse.js';
import { renderShowDmvpnDetail } from './show-dmvpn-detail.js';

function parsed(state: RouterState) {
  const records = parseRendered<ShowDmvpnDetailRecord>('show dmvpn detail', renderShowDmvpnDetail(state));
  const ofKind = <K extends ShowDmvpnDetailRecord['kind']>(kind: K) =>
    records.filter((record) => record.kind === kind) as Extract<ShowDmvpnDetailRecord, { kind: K }>[];
  return {
    tunnels: ofKind('dmvpn_tunnel') as DmvpnTunnel[],
    nhs: ofKind('dmvpn_nhs') as DmvpnNhs[],
    interfaces: ofKind('dmvpn_interface') as DmvpnInterface[],
    peers: ofKind('dmvpn_peer') as DmvpnPeer[],
    sessions: ofKind('dmvpn_crypto_session') as DmvpnCryptoSession[],
  };
}

/** Every row of every peer: NBMA, tunnel address, state, time as shown, flags and target network. */
function expectedRows(state: RouterState) {
  return state.dmvpn.flatMap((tunnel) =>
    tunnel.peers.map((view) => ({
      interface: tunnel.interface,
      peerNbma: view.nbma,
      entries: view.tunnelAddresses.length,
      rows: view.tunnelAddresses.map((address, row) => ({
        peerTunnel: address,
        state: view.state,
        upDownSeconds: asShown(view.upDownSeconds),
        attrb: view.attrs[row],
        targetNetwork: view.targetNetworks[row],
      })),
    })),
  );
}

function actualRows(peers: DmvpnPeer[]) {
  return peers.map((record) => ({
    interface: record.interface,
    peerNbma: record.peerNbma,
    entries: record.entries,
    rows: record.nhrpEntries!.map(({ peerTunnel, state, upDownSeconds, attrb, targetNetwork }) => ({
      peerTunnel,
      state,
      upDownSeconds,
      attrb,
      targetNetwork,
    })),
  }));
}

describe('show dmvpn detail round trip', () => {
  it('gives back a hub: its tunnel state, its spokes with target networks, and a shut tunnel', () => {
    const state = mixedHubState();
    const { tunnels, nhs, interfaces, peers, sessions } = parsed(state);
    expect(
      tunnels.map(({ interface: name, adminUp, lineUp, address, tunnelSource, tunnelDestination }) => ({
        name,
        adminUp,
        lineUp,
        address,
        tunnelSource,
        tunnelDestination,
      })),
    ).toEqual([
      {
        name: 'Tunnel0',
        adminUp: true,
        lineUp: true,
        address: '10.0.0.1',
        tunnelSource: '192.0.2.1',
        tunnelDestination: 'MGRE',
      },
      {
        name: 'Tunnel1',
        adminUp: false,
        lineUp: false,
        address: null,
        tunnelSource: null,
        tunnelDestination: null,
      },
    ]);
    expect(tunnels[0]!.transport).toBe('multi-GRE/IP');
    expect(tunnels[0]!.protectionProfile).toBe('DMVPN-PROF');
    expect(nhs).toEqual([]);
    expect(interfaces.map((record) => [record.interface, record.type, record.peerCount])).toEqual([
      ['Tunnel0', 'Hub', 8],
    ]);
    expect(actualRows(peers)).toEqual(expectedRows(state));
    expect(sessions).toEqual([]);
  });

  it('gives back a phase 3 spoke: NHS lines, shortcut rows with their networks, crypto sessions with SAs and counters', () => {
    const state = phase3SpokeState();
    const { tunnels, nhs, peers, sessions } = parsed(state);
    expect(tunnels.map((record) => [record.interface, record.status, record.protectionProfile])).toEqual([
      ['Tunnel0', 'up/up', 'DMVPN-PROF'],
      ['Tunnel1', 'up/up', 'DMVPN-PROF'],
    ]);
    expect(
      nhs.map(({ interface: name, nhs: server, status, priority, cluster }) => ({
        name,
        server,
        status,
        priority,
        cluster,
      })),
    ).toEqual(
      state.nhs.map((view) => ({
        name: view.interface,
        server: view.nhs,
        status: view.flags,
        priority: view.priority,
        cluster: view.cluster,
      })),
    );
    expect(actualRows(peers)).toEqual(expectedRows(state));
    expect(peers.map((record) => record.nhsStatus)).toEqual([null, 'RE', 'E']);

    const [up, negotiating] = sessions;
    const ike = state.ikeSas[0]!;
    const ipsec = state.ipsecSas[0]!;
    expect(up).toMatchObject({
      interface: 'Tunnel0',
      peer: '192.0.2.1',
      status: 'UP-ACTIVE',
      phase1Id: '192.0.2.1',
      fvrf: null,
    });
    expect(up!.ikeSas).toMatchObject([
      {
        version: 'IKEv2',
        sessionId: ike.connId,
        local: ike.local,
        localPort: ike.localPort,
        remote: ike.remote,
        remotePort: ike.remotePort,
        active: true,
        capabilities: [],
        connId: ike.connId,
        lifetimeSeconds: ike.lifetimeSeconds - ike.activeSeconds,
      },
    ]);
    expect(up!.flows).toMatchObject([
      {
        source: ipsec.local,
        destination: ipsec.remote,
        protocol: '47',
        activeSas: 2,
        inbound: { packets: 46, drops: 1, lifeKb: 4_310_556, lifeSeconds: 3_551 },
        outbound: { packets: 47, drops: 0, lifeKb: 4_310_557, lifeSeconds: 3_551 },
        outboundSpi: '0x623029E',
        transform: 'esp-aes esp-sha-hmac',
        socketState: 'Open',
      },
    ]);
    expect(negotiating).toMatchObject({
      interface: 'Tunnel1',
      peer: '192.0.2.9',
      status: 'DOWN-NEGOTIATING',
      ikeSas: [],
    });
    expect(negotiating!.flows).toMatchObject([{ activeSas: 0, outboundSpi: null, socketState: 'Closed' }]);
  });

  it('reads back a 5,000-spoke hub with 5,000 peers,', () => {
    const state = largeHubState(5_000);
    const { peers } = parsed(state);
    expect(peers).toHaveLength(5_000);
    expect(actualRows(peers)).toEqual(expectedRows(state));
  });
});

describe('show dmvpn detail format, against real captures', () => {
  const capture = captureLines('show_dmvpn_detail', 'Truxton-Marley_ENARSI__r4_spoke_phase3_i2_ikev2.raw');

  /** The spoke of the capture: Tunnel0, one NHS, the hub with a temporary entry, two spokes, one IKEv2 session. */
  function captureSpoke(): RouterState {
    const state = emptyState('R4', 'spoke');
    state.interfaces = [tunnelInterface('Tunnel0', '172.16.123.4', '4.4.4.4', 'ipsecprof')];
    state.nhs = [
      {
        interface: 'Tunnel0',
        nhs: '172.16.123.1',
        nbma: '1.1.1.1',
        flags: 'RE',
        priority: 0,
        cluster: 0,
        reqSent: 3,
        reqFailed: 0,
        replRecv: 3,
        lastReplySecondsAgo: 5,
      },
    ];
    state.dmvpn = [
      {
        interface: 'Tunnel0',
        type: 'Spoke',
        peers: [
          peer('1.1.1.1', ['172.16.123.1', '172.16.123.4'], 'UP', 13 * 60 + 38, ['S', 'I2']),
          peer('2.2.2.2', ['172.16.123.2'], 'UP', 17, ['D']),
          peer('3.3.3.3', ['172.16.123.3'], 'UP', 8, ['D']),
        ],
      },
    ];
    const phase3 = phase3SpokeState();
    state.ikeSas = [{ ...phase3.ikeSas[0]!, local: '4.4.4.4', remote: '1.1.1.1' }];
    state.ipsecSas = [{ ...phase3.ipsecSas[0]!, local: '4.4.4.4', remote: '1.1.1.1', recvErrors: 0 }];
    state.cryptoSessions = [{ ...phase3.cryptoSessions[0]!, peer: '1.1.1.1', pktsDecrypted: 47 }];
    return state;
  }

  it('prints the capture line for line; the temporary row differs only by its own time, which the view does not hold', () => {
    const rendered = renderShowDmvpnDetail(captureSpoke()).split('\n');
    const temporary = capture.findIndex((line) => line.trimStart().startsWith('1.1.1.1'));
    expect(rendered.slice(0, temporary)).toEqual(capture.slice(0, temporary));
    expect(columnStarts(rendered[temporary]!)).toEqual(columnStarts(capture[temporary]!));
    expect(rendered.slice(temporary + 1, capture.length)).toEqual(capture.slice(temporary + 1));
    expect(rendered.slice(capture.length)).toEqual(['', 'Pending DMVPN Sessions:', '', '']);
  });

  it('prints a shut tunnel as one line right under the legend, as the capture does', () => {
    const admindown = captureLines(
      'show_dmvpn_detail',
      'john-clarkson_cisco-labs__usa1_hubspoke_tunnel51-admindown_tunnel501.raw',
    );
    const state = emptyState('usa1', 'hub');
    state.interfaces = [
      { ...tunnelInterface('Tunnel51', '10.169.169.1', '58.169.1.1', null), adminUp: false, operUp: false },
    ];
    state.dmvpn = [{ interface: 'Tunnel51', type: 'Hub', peers: [] }];
    const rendered = renderShowDmvpnDetail(state).split('\n');
    const rule = rendered.findIndex((line) => line.startsWith('====='));
    expect(rendered[rule + 1]).toBe(admindown[admindown.indexOf('Tunnel51 is admin down')]);
    expect(rendered.slice(rule + 2, rule + 5)).toEqual(['', '', 'Crypto Session Details:']);
  });
});
