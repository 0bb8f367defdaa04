import { describe, expect, it } from 'vitest';
import type { DmvpnInterface, DmvpnPeer } from '../../model/records/dmvpn.js';
import type { ShowDmvpnRecord } from '../../parsers/show-dmvpn.js';
import type { RouterState } from '../model/state.js';
import {
  asShown,
  emptyState,
  largeHubState,
  mixedHubState,
  peer,
  phase3SpokeState,
} from './dmvpn-test-states.js';
import { captureLines, captureText, columnStarts, parseRendered } from './dmvpn-test-parse.js';
import { renderShowDmvpn } from './show-dmvpn.js';

function parsed(state: RouterState): { interfaces: DmvpnInterface[]; peers: DmvpnPeer[] } {
  const records = parseRendered<ShowDmvpnRecord>('show dmvpn', renderShowDmvpn(state));
  return {
    interfaces: records.filter((record): record is DmvpnInterface => record.kind === 'dmvpn_interface'),
    peers: records.filter((record): record is DmvpnPeer => record.kind === 'dmvpn_peer'),
  };
}

/** What the parser must give back for every peer of the state's tunnels that have peers. */
function expectedPeers(state: RouterState) {
  return state.dmvpn.flatMap((tunnel) =>
    tunnel.peers.map((view) => ({
      interface: tunnel.interface,
      interfaceType: tunnel.type,
      peerNbma: view.nbma,
      peerTunnel: view.tunnelAddresses[0],
      state: view.state,
      upDownSeconds: asShown(view.upDownSeconds),
      entries: view.tunnelAddresses.length,
      attrb: view.attrs[0],
      rows: view.tunnelAddresses.map((address, row) => [address, view.attrs[row]]),
    })),
  );
}

function actualPeers(peers: DmvpnPeer[]) {
  return peers.map((record) => ({
    interface: record.interface,
    interfaceType: record.interfaceType,
    peerNbma: record.peerNbma,
    peerTunnel: record.peerTunnel,
    state: record.state,
    upDownSeconds: record.upDownSeconds,
    entries: record.entries,
    attrb: record.attrb,
    rows: record.nhrpEntries!.map((entry) => [entry.peerTunnel, entry.attrb]),
  }));
}

describe('show dmvpn round trip', () => {
  it('gives back every spoke of a hub: states, NBMA and tunnel addresses, flags, times as IOS shows them', () => {
    const state = mixedHubState();
    const { interfaces, peers } = parsed(state);
    expect(interfaces.map(({ interface: name, type, peerCount }) => ({ name, type, peerCount }))).toEqual([
      { name: 'Tunnel0', type: 'Hub', peerCount: 8 },
    ]);
    expect(actualPeers(peers)).toEqual(expectedPeers(state));
    // Two spokes behind one PAT address: one peer with two entries, the second on a continuation row.
    expect(peers[1]!.extraTunnelAddresses).toEqual(['10.0.0.4']);
    expect(peers.find((record) => record.peerNbma === 'UNKNOWN')!.upDownSeconds).toBeNull();
    expect(peers.find((record) => record.peerNbma === '203.0.113.77')!.attrs).toEqual(['D', 'N']);
  });

  it('gives back a phase 3 spoke: its hub, and a shortcut whose DT2 and DT1 rows share one NBMA', () => {
    const state = phase3SpokeState();
    const { interfaces, peers } = parsed(state);
    expect(interfaces.map((record) => [record.interface, record.type, record.peerCount])).toEqual([
      ['Tunnel0', 'Spoke', 2],
      ['Tunnel1', 'Spoke', 1],
    ]);
    expect(actualPeers(peers)).toEqual(expectedPeers(state));
    expect(peers[0]!.nhrpEntries!.map((entry) => entry.attrs)).toEqual([
      ['D', 'T2'],
      ['D', 'T1'],
    ]);
  });

  it('prints a tunnel without NHRP peers not at all, as a hub whose spokes are gone prints the legend only', () => {
    const text = renderShowDmvpn(mixedHubState());
    expect(text).not.toContain('Tunnel1');
    const lonely = emptyState('hub1', 'hub');
    lonely.dmvpn = [{ interface: 'Tunnel0', type: 'Hub', peers: [] }];
    expect(renderShowDmvpn(lonely)).toBe(
      `${captureLines('show_dmvpn', 'ntc__cisco_ios_show_dmvpn.raw').slice(0, 8).join('\n')}\n\n`,
    );
    expect(parsed(lonely).peers).toEqual([]);
  });

  it('reads back a 5,000-spoke hub with 5,000 peers,', () => {
    const state = largeHubState(5_000);
    const text = renderShowDmvpn(state);
    const { peers } = parsed(state);
    expect(peers).toHaveLength(5_000);
    expect(text.split('\n')).toHaveLength(8 + 6 + 5_000 + 2);
    expect(actualPeers(peers)).toEqual(expectedPeers(state));
  });
});

describe('show dmvpn format, against real captures', () => {
  const capture = captureLines('show_dmvpn', 'ntc__cisco_ios_show_dmvpn.raw');

  it('prints a spoke exactly as the IOS-XE capture: legend, headers with their trailing blank, rows', () => {
    const state = emptyState('spoke1', 'spoke');
    state.dmvpn = [
      {
        interface: 'Tunnel100',
        type: 'Spoke',
        peers: [
          peer('10.200.0.3', ['10.253.0.1'], 'UP', 3 * 3_600 + 19 * 60 + 46, ['S']),
          peer('10.202.0.170', ['10.253.0.2'], 'NHRP', 48 * 604_800 + 3_600, ['S']),
        ],
      },
    ];
    expect(renderShowDmvpn(state)).toBe(captureText('show_dmvpn', 'ntc__cisco_ios_show_dmvpn.raw'));
  });

  it('prints the phase 3 continuation row as the capture, under the tunnel column', () => {
    const rows = captureLines('show_dmvpn', 'genie__golden_output1_output.txt').slice(-2);
    const state = emptyState('spoke1', 'spoke');
    state.dmvpn = [
      {
        interface: 'Tunnel90',
        type: 'Spoke',
        peers: [peer('172.29.134.1', ['172.30.72.72', '172.30.72.72'], 'UP', 29 * 60 + 40, ['DT2', 'DT1'])],
      },
    ];
    expect(renderShowDmvpn(state).split('\n').slice(-4, -2)).toEqual(rows);
  });

  it('keeps the capture column starts for other values of the same widths', () => {
    const state = emptyState('spoke1', 'spoke');
    state.dmvpn = [
      {
        interface: 'Tunnel100',
        type: 'Spoke',
        peers: [
          peer('10.201.9.4', ['10.253.7.9'], 'UP', 7 * 3_600, ['D']),
          peer('10.202.0.199', ['10.253.0.8'], 'DOWN', 21 * 604_800, ['X']),
        ],
      },
    ];
    const rendered = renderShowDmvpn(state).split('\n');
    const [up, down] = rendered.slice(-4, -2);
    const [captureUp, captureNhrp] = capture.slice(-3, -1);
    expect(columnStarts(up!)).toEqual(columnStarts(captureUp!));
    expect(columnStarts(down!)).toEqual(columnStarts(captureNhrp!));
  });
});

describe('show dmvpn interface <interface>', () => {
  it("keeps the named tunnel's block, and reads back with the interface argument", () => {
    const state = phase3SpokeState();
    const text = renderShowDmvpn(state, 'Tunnel1');
    const records = parseRendered<ShowDmvpnRecord>('show dmvpn interface tunnel 1', text);
    const peers = records.filter((record): record is DmvpnPeer => record.kind === 'dmvpn_peer');
    expect(peers.map((view) => [view.interface, view.peerNbma, view.state])).toEqual(
      state.dmvpn[1]!.peers.map((view) => ['Tunnel1', view.nbma, view.state]),
    );
    const full = renderShowDmvpn(state);
    expect(full.startsWith(text.slice(0, text.indexOf('Interface: Tunnel1')).replace(/\n$/, ''))).toBe(true);
    expect(full.endsWith(text.slice(text.indexOf('\nInterface: Tunnel1')))).toBe(true);
    expect(text).not.toContain('Tunnel0');
  });

  it('prints the legend alone for an interface without NHRP peers', () => {
    const state = phase3SpokeState();
    expect(renderShowDmvpn(state, 'GigabitEthernet1')).toBe(renderShowDmvpn(emptyState('spoke2', 'spoke')));
  });
});
