// The underlay on the lab clock: when each router runs (boot, reboot), when its WAN link and tunnel interface are
// up, and whether a packet of a given protocol gets from one router to another at a given second.
//
// Lab second 0 is when the current configuration and underlay took effect; before it the network ran as it was
// built (healthy), or as `network.previous` (and its own previous, before its `since`) was configured. Config-driven
// interface states (shutdowns, a point-to-point tunnel without destination) and `wanDown` therefore change at second
// 0 (and at each previous `since`); flaps and reboots carry their own times.

import type { RouterConfig, TunnelInterfaceConfig } from '../model/config.js';
import type { LabNetwork, UnderlayProtocol } from '../model/network.js';
import type { TunnelOutage } from './recursion.js';
import type { Topology } from './topology.js';
import { hubsByNbma, recursiveOutage } from './recursion.js';

export interface TunnelLineState {
  up: boolean;
  adminDown: boolean;
  /** `Tunnel linestate evaluation down - <reason>`; null when up. */
  reason: string | null;
}

const NO_DESTINATION = 'no IPv4 tunnel destination address';
const SOURCE_DOWN = 'no output interface';
const ADMIN_DOWN = 'interface administratively down';
export const RECURSIVE_REASON = 'temporarily disabled due to recursive routing';

/** A router as it was configured from `since` (one of the network's previous configurations), newest first. */
export interface PastRouter {
  since: number;
  /** Null when the router was not in that configuration: it ran as built. */
  router: RouterConfig | null;
  wanDown: boolean;
}

/** The previous configurations of a network, newest first, each with the second it took effect. */
export function pastNetworks(network: LabNetwork): { since: number; network: LabNetwork }[] {
  const chain: { since: number; network: LabNetwork }[] = [];
  for (let past = network.previous; past; past = past.previous)
    chain.push({ since: past.since ?? -Infinity, network: past });
  return chain;
}

interface Flap {
  periodSeconds: number;
  downSeconds: number;
  sinceSeconds: number;
  untilSeconds?: number;
}

/** One router's life on the lab clock. */
export class RouterLife {
  readonly router: RouterConfig;
  /** The boot second of the network as built (usually days before second 0). */
  readonly firstBoot: number;
  /** A reboot after the first boot (the router loses every SA and NHRP entry), or null. */
  readonly reboot: number | null;
  /** A second at which the router's IPsec SAs are cleared while it keeps running (underlay `saClears`), or null. */
  readonly saClear: number | null;
  /** Keepalives lost every `periodSeconds` after `sinceSeconds` (underlay `dpdLoss`): DPD tears the SAs down. */
  readonly dpdLoss: { periodSeconds: number; sinceSeconds: number; untilSeconds?: number } | null;
  private readonly flap: Flap | null;
  private readonly wanDown: boolean;
  /** Before second 0: the previous configurations, newest first (none: as built). */
  private readonly past: PastRouter[];
  /** The tunnels disabled periodically by recursive routing (recursion.ts), from second 0. */
  private readonly recursion: TunnelOutage | null;

  constructor(
    router: RouterConfig,
    network: LabNetwork,
    hubs: Map<string, RouterConfig> = new Map(),
    past: PastRouter[] = [],
  ) {
    this.router = router;
    this.past = past;
    this.firstBoot = network.bootAt.get(router.hostname) ?? -30 * 86_400;
    const reboot = network.underlay.reboots.get(router.hostname);
    this.reboot = reboot !== undefined && reboot > this.firstBoot ? reboot : null;
    const saClear = network.underlay.saClears?.get(router.hostname);
    this.saClear = saClear !== undefined && saClear > this.firstBoot ? saClear : null;
    const dpdLoss = network.underlay.dpdLoss?.get(router.hostname);
    this.dpdLoss = dpdLoss && dpdLoss.periodSeconds > 0 ? dpdLoss : null;
    const flap = network.underlay.flaps.get(router.hostname);
    this.flap = flap && flap.periodSeconds > 0 && flap.downSeconds > 0 ? flap : null;
    this.wanDown = network.underlay.wanDown.has(router.hostname);
    this.recursion = recursiveOutage(router, hubs);
  }

  /** The boot the router is running on at `t` (its uptime and log buffer start there). */
  bootBefore(t: number): number {
    return this.reboot !== null && t >= this.reboot ? this.reboot : this.firstBoot;
  }

  /** DPD declares the router's peers dead at `t` (a whole number of loss periods after the loss began). */
  dpdTeardown(t: number): boolean {
    const loss = this.dpdLoss;
    if (loss === null || t <= loss.sinceSeconds || t >= (loss.untilSeconds ?? Infinity)) return false;
    return (t - loss.sinceSeconds) % loss.periodSeconds === 0;
  }

  booted(t: number): boolean {
    return t >= this.firstBoot;
  }

  flapDown(t: number): boolean {
    const flap = this.flap;
    if (!flap || t < flap.sinceSeconds || (flap.untilSeconds !== undefined && t >= flap.untilSeconds))
      return false;
    return (t - flap.sinceSeconds) % flap.periodSeconds < flap.downSeconds;
  }

  /** The tunnels are disabled by recursive routing at `t`. */
  recursionDown(t: number): boolean {
    const outage = this.recursion;
    if (!outage || t < outage.sinceSeconds) return false;
    return (t - outage.sinceSeconds) % outage.periodSeconds < outage.downSeconds;
  }

  /** The WAN interface's line protocol: down while flapping down or shut. */
  wanLinkUp(t: number): boolean {
    return !this.wanShut(t) && !this.flapDown(t);
  }

  /** The WAN interface is shut at `t` (by the configuration running then). */
  wanShut(t: number): boolean {
    return t >= 0 ? this.router.wan.shutdown : (this.pastAt(t)?.router?.wan.shutdown ?? false);
  }

  /** The router's packets reach the Internet: running, WAN link up, ISP link not lost. */
  reaches(t: number): boolean {
    const lost = t >= 0 ? this.wanDown : (this.pastAt(t)?.wanDown ?? false);
    return this.booted(t) && this.wanLinkUp(t) && !lost;
  }

  /** The previous configuration running at `t` < 0, or null when the router ran as built. */
  private pastAt(t: number): PastRouter | null {
    return this.past.find((entry) => t >= entry.since) ?? null;
  }

  /** The router as configured just before second 0, or null when it ran as built. */
  get pastRouter(): RouterConfig | null {
    return this.pastAt(-1)?.router ?? null;
  }

  /** The tunnel as configured at `t`; null before second 0 when it ran as built. */
  private configAt(tunnel: TunnelInterfaceConfig, t: number): TunnelInterfaceConfig | null {
    if (t >= 0) return tunnel;
    return this.pastAt(t)?.router?.tunnels.find((candidate) => candidate.name === tunnel.name) ?? null;
  }

  tunnelState(tunnel: TunnelInterfaceConfig, t: number): TunnelLineState {
    const config = this.configAt(tunnel, t);
    if (config?.shutdown) return { up: false, adminDown: true, reason: ADMIN_DOWN };
    if (tunnel.source === this.router.wan.name && !this.wanLinkUp(t))
      return { up: false, adminDown: false, reason: SOURCE_DOWN };
    if (config && config.mode === 'gre ip' && !config.destination)
      return { up: false, adminDown: false, reason: NO_DESTINATION };
    if (this.recursionDown(t)) return { up: false, adminDown: false, reason: RECURSIVE_REASON };
    return { up: true, adminDown: false, reason: null };
  }

  /** Seconds in (from, to] at which anything above may change, ascending. */
  changePoints(from: number, to: number): number[] {
    const points: number[] = [];
    const add = (t: number): void => {
      if (t > from && t <= to) points.push(t);
    };
    add(this.firstBoot);
    if (this.reboot !== null) add(this.reboot);
    if (this.saClear !== null) add(this.saClear);
    const loss = this.dpdLoss;
    if (loss) {
      const first = Math.max(1, Math.floor((from - loss.sinceSeconds) / loss.periodSeconds));
      const end = Math.min(to, (loss.untilSeconds ?? Infinity) - 1);
      for (let t = loss.sinceSeconds + first * loss.periodSeconds; t <= end; t += loss.periodSeconds) add(t);
    }
    add(0);
    for (const entry of this.past) add(entry.since);
    for (const flap of [this.flap, this.recursion] as (Flap | null)[]) {
      if (!flap) continue;
      const until = flap.untilSeconds ?? Infinity;
      const first = Math.max(0, Math.floor((from - flap.sinceSeconds) / flap.periodSeconds));
      for (let k = first; ; k++) {
        const down = flap.sinceSeconds + k * flap.periodSeconds;
        if (down > to || down >= until) break;
        add(down);
        add(Math.min(down + flap.downSeconds, until));
      }
    }
    points.sort((a, b) => a - b);
    return points.filter((point, index) => index === 0 || point !== points[index - 1]);
  }

  /**
   * The flap parameters (WAN flap, else recursive tunnel outage), for callers that shorten long periodic histories;
   * null for a flap that was stopped (its history does not repeat up to the end).
   */
  flapping(): { periodSeconds: number; downSeconds: number; sinceSeconds: number } | null {
    if (this.flap?.untilSeconds !== undefined) return null;
    return this.flap ?? this.recursion;
  }
}

/**
 * Whether a router's tunnels look their NBMA peers up in another VRF than its WAN interface's (`tunnel vrf` without
 * `vrf forwarding` on the WAN, or the reverse): its tunnel packets, crypto included, never reach the WAN.
 */
export function fvrfMismatch(router: RouterConfig): boolean {
  return router.tunnels.some((tunnel) => (tunnel.tunnelVrf ?? null) !== (router.wan.vrf ?? null));
}

/** Whether the transport drops `protocol` from one router to another (blocks, independent of time). */
export function blocked(topology: Topology, from: string, to: string, protocol: UnderlayProtocol): boolean {
  const misrouted = (name: string): boolean => {
    const router = topology.routers.get(name);
    return router !== undefined && fvrfMismatch(router);
  };
  if (misrouted(from) || misrouted(to)) return true;
  return topology.network.underlay.blocks.some(
    (block) =>
      block.protocol === protocol &&
      (block.from === '*' || block.from === from) &&
      (block.to === '*' || block.to === to) &&
      !block.except?.includes(block.from === '*' ? from : to),
  );
}

/** A router's lives, built once per simulation. */
export class Lives {
  private readonly lives = new Map<string, RouterLife>();
  private hubs: Map<string, RouterConfig> | null = null;
  private pastRouters: { since: number; network: LabNetwork; routers: Map<string, RouterConfig> }[] | null =
    null;
  constructor(private readonly network: LabNetwork) {}

  private pastOf(hostname: string): PastRouter[] {
    this.pastRouters ??= pastNetworks(this.network).map(({ since, network }) => ({
      since,
      network,
      routers: new Map(network.routers.map((router) => [router.hostname, router])),
    }));
    return this.pastRouters.map(({ since, network, routers }) => ({
      since,
      router: routers.get(hostname) ?? null,
      wanDown: network.underlay.wanDown.has(hostname),
    }));
  }

  of(router: RouterConfig): RouterLife {
    let life = this.lives.get(router.hostname);
    if (!life) {
      this.hubs ??= hubsByNbma(this.network);
      life = new RouterLife(router, this.network, this.hubs, this.pastOf(router.hostname));
      this.lives.set(router.hostname, life);
    }
    return life;
  }
}
