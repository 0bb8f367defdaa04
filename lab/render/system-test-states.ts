// Router states the interface, routing, version and logging renderer tests print: a hub with its vNICs, loopback
// and DMVPN tunnel, a spoke with broken or shut interfaces, routing neighbors of every protocol, and hubs of any
// size. Test support only.

import type { RoutingConfig } from '../model/config.js';
import type { InterfaceView, LogMessageView, RouterState, RoutingNeighborView } from '../model/state.js';
import { emptyState } from './dmvpn-test-states.js';

const DAY = 86_400;
const WEEK = 604_800;
const YEAR = 31_536_000;

export function vnic(
  name: string,
  address: string | null,
  overrides: Partial<InterfaceView> = {},
): InterfaceView {
  return {
    name,
    adminUp: true,
    operUp: true,
    address,
    mask: address === null ? null : '255.255.255.0',
    mtu: 1500,
    bandwidthKbps: 1_000_000,
    lastInputSeconds: 0,
    lastOutputSeconds: 0,
    inPackets: 0,
    inBytes: 0,
    outPackets: 0,
    outBytes: 0,
    inErrors: 0,
    outErrors: 0,
    tunnel: null,
    ...overrides,
  };
}

export function dmvpnTunnel(
  address: string,
  source: string,
  overrides: Partial<InterfaceView> = {},
): InterfaceView {
  return {
    ...vnic('Tunnel0', address, { mask: '255.255.0.0', mtu: 9972, bandwidthKbps: 1000 }),
    tunnel: {
      source,
      sourceInterface: 'GigabitEthernet1',
      destination: null,
      mode: 'multi-GRE/IP',
      key: 100,
      protectionProfile: 'DMVPN-PROFILE',
      transportMtu: 1438,
      linestateDownReason: null,
    },
    ...overrides,
  };
}

/** hub1: busy WAN vNIC with counters past 2^32, LAN vNIC, loopback, the DMVPN tunnel; up for over a year. */
export function hubState(): RouterState {
  const state = emptyState('hub1', 'hub');
  state.atSeconds = 3_725.25;
  state.uptimeSeconds = YEAR + 2 * WEEK + 3 * DAY + 4 * 3_600 + 5 * 60 + 6;
  state.interfaces = [
    vnic('GigabitEthernet1', '203.0.113.1', {
      inPackets: 15_884_405_591,
      inBytes: 1_445_989_033_603,
      outPackets: 4_294_967_296,
      outBytes: 292_267_844_123,
      inErrors: 7,
      outErrors: 3,
    }),
    vnic('GigabitEthernet2', '172.16.1.1', { lastInputSeconds: 5 * DAY + 7_200, lastOutputSeconds: 59 }),
    vnic('Loopback0', '10.255.0.1', {
      mask: '255.255.255.255',
      mtu: 1514,
      bandwidthKbps: 8_000_000,
      lastInputSeconds: null,
      lastOutputSeconds: null,
    }),
    dmvpnTunnel('10.0.0.1', '203.0.113.1', {
      lastInputSeconds: 1,
      lastOutputSeconds: 2,
      inPackets: 123_456_789,
      inBytes: 98_765_432_100,
      outPackets: 123_456_000,
      outBytes: 98_000_000_000,
    }),
  ];
  return state;
}

/**
 * spoke7: a phase 1 spoke whose WAN lost its carrier (p2p GRE to the hub, no key, no protection, linestate down),
 * its LAN shut, a loopback with no address, and times past a week and past a year.
 */
export function brokenSpokeState(): RouterState {
  const state = emptyState('spoke7', 'spoke');
  state.uptimeSeconds = 42;
  state.interfaces = [
    vnic('GigabitEthernet1', '198.18.0.7', {
      operUp: false,
      lastInputSeconds: 37_600_000,
      lastOutputSeconds: 3 * WEEK,
    }),
    vnic('GigabitEthernet2', null, {
      adminUp: false,
      operUp: false,
      lastInputSeconds: null,
      lastOutputSeconds: null,
    }),
    vnic('Loopback9', null, { mask: null, mtu: 1514, bandwidthKbps: 8_000_000 }),
    dmvpnTunnel('10.0.0.17', '198.18.0.7', {
      operUp: false,
      lastInputSeconds: null,
      lastOutputSeconds: 93_600,
      tunnel: {
        source: '198.18.0.7',
        sourceInterface: 'GigabitEthernet1',
        destination: '203.0.113.1',
        mode: 'GRE/IP',
        key: null,
        protectionProfile: null,
        transportMtu: 1476,
        linestateDownReason: 'no output interface',
      },
    }),
    { ...dmvpnTunnel('10.1.0.17', '198.18.0.7'), name: 'Tunnel1', adminUp: false, operUp: false },
  ];
  return state;
}

export function routing(
  protocol: RoutingConfig['protocol'],
  overrides: Partial<RoutingConfig> = {},
): RoutingConfig {
  return {
    protocol,
    asn: protocol === 'bgp' ? 65000 : 100,
    networks: [{ address: '172.16.1.0', wildcard: '0.0.0.255' }],
    bgpNeighbors: [],
    bgpListenRange: null,
    ...overrides,
  };
}

export function neighbor(
  protocol: RoutingNeighborView['protocol'],
  address: string,
  upSeconds: number,
  detail: number,
  state = protocol === 'bgp' ? 'Established' : protocol === 'ospf' ? 'FULL/  -' : '',
  iface = 'Tunnel0',
): RoutingNeighborView {
  return { protocol, neighbor: address, interface: iface, state, upSeconds, detail };
}

/** The address of the n-th spoke of a large hub, unique up to 65,000 spokes. */
export function spokeAddress(n: number): string {
  return `10.0.${Math.floor(n / 250)}.${(n % 250) + 2}`;
}

/** A hub with `spokes` neighbors of `protocol`, up for times spread from seconds to years. */
export function largeRoutingHubState(protocol: RoutingNeighborView['protocol'], spokes: number): RouterState {
  const state = hubState();
  for (let n = 0; n < spokes; n++) {
    state.routingNeighbors.push(
      neighbor(protocol, spokeAddress(n), (n * 7_919) % (2 * YEAR), n % 7 === 0 ? 40 : n % 9),
    );
  }
  return state;
}

/** Log messages on the lab clock, one every few seconds, as a hub logs its spokes coming up. */
export function spokeLogs(count: number, from = 0): LogMessageView[] {
  const logs: LogMessageView[] = [];
  for (let n = 0; n < count; n++) {
    const spoke = spokeAddress(n);
    logs.push({
      atSeconds: from + n * 2.5 + (n % 1000) / 1000,
      text:
        n % 2 === 0
          ? `%DMVPN-5-NHRP_NHC_UP: Tunnel0: Next Hop Client : (Tunnel: ${spoke} NBMA: 198.18.0.${(n % 250) + 1}) for (Tunnel: 10.0.0.1 NBMA: 203.0.113.1) is UP`
          : `%DUAL-5-NBRCHANGE: EIGRP-IPv4 100: Neighbor ${spoke} (Tunnel0) is up: new adjacency`,
    });
  }
  return logs;
}
