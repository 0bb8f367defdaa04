// A router's interfaces on the lab clock: the WAN, the LAN and the tunnels as `show interfaces` shows them, and the
// LINK / LINEPROTO / ISAKMP / NETID messages of their transitions since boot.

import type { RouterConfig, TunnelInterfaceConfig } from '../model/config.js';
import type { InterfaceView } from '../model/state.js';
import { NETWORK_ID } from '../network/build.js';
import { protectionOf } from './ipsec.js';
import type { LogEntry } from './logs.js';
import { texts } from './logs.js';
import { PACKET_BYTES } from './counters.js';
import type { Topology } from './topology.js';
import type { RouterLife } from './underlay.js';
import { RECURSIVE_REASON } from './underlay.js';

/** IOS-XE's MTU for a tunnel interface (the IP MTU is separate: `ip mtu`). */
const TUNNEL_INTERFACE_MTU = 17_912;
/** GRE over IPv4 (outer IP + GRE header), plus 4 bytes with a tunnel key. */
const GRE_OVERHEAD = 24;
const KEY_OVERHEAD = 4;
/** IOS's default tunnel bandwidth, kbit/s. */
const DEFAULT_TUNNEL_BANDWIDTH = 100;

export interface TunnelTraffic {
  inPackets: number;
  outPackets: number;
  /** Whether traffic is moving now (Last input/output 00:00:00). */
  active: boolean;
}

/** The IP MTU the tunnel carries: `ip mtu`, else what GRE leaves of the WAN MTU. */
function tunnelTransportMtu(router: RouterConfig, tunnel: TunnelInterfaceConfig): number {
  return tunnel.ipMtu ?? router.wan.mtu - GRE_OVERHEAD - (tunnel.key === null ? 0 : KEY_OVERHEAD);
}

function physical(
  router: RouterConfig,
  which: 'wan' | 'lan',
  life: RouterLife,
  at: number,
  traffic: TunnelTraffic,
): InterfaceView {
  const config = router[which];
  const adminUp = !(at >= 0 && config.shutdown);
  const operUp = which === 'wan' ? life.wanLinkUp(at) : adminUp;
  const inPackets = which === 'wan' ? traffic.inPackets : traffic.outPackets;
  const outPackets = which === 'wan' ? traffic.outPackets : traffic.inPackets;
  return {
    name: config.name,
    adminUp,
    operUp,
    address: config.address,
    mask: config.mask,
    mtu: config.mtu,
    bandwidthKbps: 1_000_000,
    lastInputSeconds: operUp ? 0 : null,
    lastOutputSeconds: operUp ? 0 : null,
    inPackets,
    inBytes: inPackets * (PACKET_BYTES + (which === 'wan' ? 60 : 0)),
    outPackets,
    outBytes: outPackets * (PACKET_BYTES + (which === 'wan' ? 60 : 0)),
    inErrors: 0,
    outErrors: 0,
    tunnel: null,
  };
}

function tunnelView(
  router: RouterConfig,
  tunnel: TunnelInterfaceConfig,
  life: RouterLife,
  at: number,
  traffic: TunnelTraffic,
): InterfaceView {
  const state = life.tunnelState(tunnel, at);
  const multipoint = tunnel.mode === 'gre multipoint';
  return {
    name: tunnel.name,
    adminUp: !state.adminDown,
    operUp: state.up,
    address: tunnel.address,
    mask: tunnel.mask,
    mtu: TUNNEL_INTERFACE_MTU,
    bandwidthKbps: tunnel.bandwidthKbps ?? DEFAULT_TUNNEL_BANDWIDTH,
    lastInputSeconds: traffic.active ? 0 : null,
    lastOutputSeconds: traffic.active ? 0 : null,
    inPackets: traffic.inPackets,
    inBytes: traffic.inPackets * PACKET_BYTES,
    outPackets: traffic.outPackets,
    outBytes: traffic.outPackets * PACKET_BYTES,
    inErrors: 0,
    outErrors: 0,
    tunnel: {
      source: router.wan.address,
      sourceInterface: tunnel.source,
      destination: multipoint ? null : tunnel.destination,
      mode: multipoint ? 'multi-GRE/IP' : 'GRE/IP',
      key: tunnel.key,
      protectionProfile: tunnel.protectionProfile,
      transportMtu: tunnelTransportMtu(router, tunnel),
      linestateDownReason: state.reason,
    },
  };
}

export function interfaceViews(
  router: RouterConfig,
  life: RouterLife,
  at: number,
  traffic: TunnelTraffic,
): InterfaceView[] {
  return [
    physical(router, 'wan', life, at, traffic),
    physical(router, 'lan', life, at, traffic),
    ...router.tunnels.map((tunnel) => tunnelView(router, tunnel, life, at, traffic)),
  ];
}

/** Messages of the router's interfaces from its boot to `at`: coming up, link flaps, shutdowns at second 0. */
export function interfaceLogs(
  router: RouterConfig,
  life: RouterLife,
  topology: Topology,
  at: number,
): LogEntry[] {
  const boot = life.bootBefore(at);
  const logs: LogEntry[] = [];
  const add = (t: number, text: () => string): void => {
    if (t >= boot && t <= at) logs.push({ t, text });
  };
  const wan = router.wan.name;
  const wanUp = (t: number): boolean => life.wanLinkUp(t);
  add(boot + 1, () => (wanUp(boot + 1) ? texts.link(wan, true) : texts.adminDown(wan)));
  if (wanUp(boot + 1)) add(boot + 2, () => texts.lineProtocol(wan, true));
  add(boot + 1, () => texts.link(router.lan.name, true));
  add(boot + 2, () => texts.lineProtocol(router.lan.name, true));
  for (const tunnel of router.tunnels) {
    const state = life.tunnelState(tunnel, boot + 2);
    add(boot + 2, () => (state.adminDown ? texts.adminDown(tunnel.name) : texts.link(tunnel.name, true)));
    if (state.up) add(boot + 3, () => texts.lineProtocol(tunnel.name, true));
  }
  const protectedNow = router.tunnels.some((tunnel) => protectionOf(router, tunnel) !== null);
  if (protectedNow || boot < 0) add(boot + 3, () => texts.isakmp(true));
  for (const t of life.changePoints(boot, at)) {
    const before = t - 1e-6;
    if (life.wanLinkUp(before) !== wanUp(t)) {
      const up = wanUp(t);
      const admin = life.wanShut(t) && !up && !life.flapDown(t);
      add(t, () => (admin ? texts.adminDown(wan) : texts.link(wan, up)));
      add(t, () => texts.lineProtocol(wan, up));
    }
    for (const tunnel of router.tunnels) {
      const was = life.tunnelState(tunnel, before);
      const is = life.tunnelState(tunnel, t);
      if (is.adminDown && !was.adminDown) add(t, () => texts.adminDown(tunnel.name));
      if (is.reason === RECURSIVE_REASON && was.up) add(t, () => texts.recursiveDown(tunnel.name));
      if (was.up !== is.up) add(t, () => texts.lineProtocol(tunnel.name, is.up));
    }
    if (t === 0 && boot < 0) {
      // Only what changed at second 0 is logged: the previous configuration (when there is one) already ran.
      const past = life.pastRouter;
      const pastTunnel = (name: string) => past?.tunnels.find((candidate) => candidate.name === name);
      for (const tunnel of router.tunnels)
        if (tunnel.nhrp.networkId === null && pastTunnel(tunnel.name)?.nhrp.networkId !== null)
          add(0, () =>
            texts.netIdUnconfigured(tunnel.name, NETWORK_ID, tunnel.address, topology.publicAddress(router)),
          );
      const wasProtected = !past || past.tunnels.some((tunnel) => protectionOf(past, tunnel) !== null);
      if (!protectedNow && wasProtected) add(0, () => texts.isakmp(false));
    }
  }
  return logs;
}
