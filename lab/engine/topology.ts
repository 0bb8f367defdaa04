// Who talks to whom in a lab network: routers by name and address, and each spoke's NHS entries resolved to the
// hub they name. Built once per simulation; every lookup afterwards is O(1).

import type { NhsConfig, RouterConfig, TunnelInterfaceConfig } from '../model/config.js';
import type { LabNetwork } from '../model/network.js';

/** One NHS entry of a spoke tunnel and the hub it names: the unit the engine evaluates layer by layer. */
export interface SpokeHubPair {
  /** Small stable integer (spoke number and NHS position) for SPIs, conn-ids and rates. */
  key: number;
  spoke: RouterConfig;
  spokeNumber: number;
  spokeTunnel: TunnelInterfaceConfig;
  nhs: NhsConfig;
  nhsIndex: number;
  /** False for an `ip nhrp map` with no `ip nhrp nhs` for it: the spoke never registers there. */
  registers: boolean;
  /** The NBMA address the spoke sends IKE and registrations to: tunnel destination, NHS nbma or static map. */
  target: string | null;
  /** The hub owning `target` (or, when the address is wrong, the hub owning the NHS tunnel address). */
  hub: RouterConfig | null;
  hubTunnel: TunnelInterfaceConfig | null;
}

function trailingNumber(name: string, fallback: number): number {
  const match = /(\d+)$/.exec(name);
  return match ? Number(match[1]) : fallback;
}

export class Topology {
  readonly network: LabNetwork;
  readonly routers = new Map<string, RouterConfig>();
  private readonly numbers = new Map<string, number>();
  private readonly byPublicAddress = new Map<string, RouterConfig>();
  private readonly hubByTunnelAddress = new Map<string, RouterConfig>();
  private readonly spokePairs = new Map<string, SpokeHubPair[]>();
  private hubPairs: Map<string, SpokeHubPair[]> | null = null;
  private spokesByTunnelAddress: Map<string, RouterConfig[]> | null = null;

  constructor(network: LabNetwork) {
    this.network = network;
    network.routers.forEach((router, index) => {
      this.routers.set(router.hostname, router);
      this.numbers.set(router.hostname, trailingNumber(router.hostname, index + 1));
      this.byPublicAddress.set(this.publicAddress(router), router);
      if (router.role === 'hub')
        for (const tunnel of router.tunnels) this.hubByTunnelAddress.set(tunnel.address, router);
    });
  }

  router(name: string): RouterConfig {
    const router = this.routers.get(name);
    if (!router) throw new Error(`no router named ${name} in the lab network`);
    return router;
  }

  /** `hub1` -> 1, `spoke37` -> 37. */
  number(router: RouterConfig): number {
    return this.numbers.get(router.hostname) ?? 0;
  }

  /** The address the router's packets carry on the Internet (the NAT's outside address behind NAT). */
  publicAddress(router: RouterConfig): string {
    return this.network.underlay.natOutside.get(router.hostname) ?? router.wan.address;
  }

  behindNat(router: RouterConfig): boolean {
    return this.network.underlay.natOutside.has(router.hostname);
  }

  routerAt(publicAddress: string): RouterConfig | undefined {
    return this.byPublicAddress.get(publicAddress);
  }

  /** The spokes with a tunnel at this address (more than one only when an address was copied). */
  spokesAt(tunnelAddress: string): RouterConfig[] {
    if (!this.spokesByTunnelAddress) {
      this.spokesByTunnelAddress = new Map();
      for (const router of this.network.routers)
        if (router.role === 'spoke')
          for (const tunnel of router.tunnels) {
            const list = this.spokesByTunnelAddress.get(tunnel.address);
            if (list) list.push(router);
            else this.spokesByTunnelAddress.set(tunnel.address, [router]);
          }
    }
    return this.spokesByTunnelAddress.get(tunnelAddress) ?? [];
  }

  /** The spoke's NHS entries, each resolved to the hub it names. */
  pairsOfSpoke(spoke: RouterConfig): SpokeHubPair[] {
    let pairs = this.spokePairs.get(spoke.hostname);
    if (!pairs) {
      pairs = spoke.role === 'spoke' ? this.resolvePairs(spoke) : [];
      this.spokePairs.set(spoke.hostname, pairs);
    }
    return pairs;
  }

  /** Every spoke NHS entry naming this hub (one scan of the spokes, then cached). */
  pairsOfHub(hub: RouterConfig): SpokeHubPair[] {
    if (!this.hubPairs) {
      this.hubPairs = new Map();
      for (const router of this.network.routers)
        for (const pair of this.pairsOfSpoke(router)) {
          if (!pair.hub) continue;
          const list = this.hubPairs.get(pair.hub.hostname);
          if (list) list.push(pair);
          else this.hubPairs.set(pair.hub.hostname, [pair]);
        }
    }
    return this.hubPairs.get(hub.hostname) ?? [];
  }

  private resolvePairs(spoke: RouterConfig): SpokeHubPair[] {
    const pairs: SpokeHubPair[] = [];
    const spokeNumber = this.number(spoke);
    for (const tunnel of spoke.tunnels) {
      const entries = tunnel.nhrp.nhs.map((nhs) => ({ nhs, registers: true }));
      // A static map to a hub with no NHS line for it still carries traffic (and crypto) to that hub.
      for (const map of tunnel.nhrp.maps)
        if (!tunnel.nhrp.nhs.some((nhs) => nhs.tunnel === map.tunnel))
          entries.push({
            nhs: {
              tunnel: map.tunnel,
              nbma: map.nbma,
              multicast: tunnel.nhrp.mapMulticast.includes(map.nbma),
            },
            registers: false,
          });
      entries.forEach(({ nhs, registers }, nhsIndex) => {
        const target = nhsTarget(tunnel, nhs);
        const byAddress = target === null ? undefined : this.byPublicAddress.get(target);
        const hubAtAddress = byAddress?.role === 'hub' ? byAddress : undefined;
        const hubOwningTunnel = this.hubByTunnelAddress.get(nhs.tunnel);
        // A point-to-point tunnel reaches only its destination, so its NHS is named by the tunnel address.
        const hub =
          (tunnel.mode === 'gre ip'
            ? (hubOwningTunnel ?? hubAtAddress)
            : (hubAtAddress ?? hubOwningTunnel)) ?? null;
        pairs.push({
          key: spokeNumber * 4 + nhsIndex,
          spoke,
          spokeNumber,
          spokeTunnel: tunnel,
          nhs,
          nhsIndex,
          registers,
          target,
          hub,
          hubTunnel: hub ? hubTunnelFor(hub, nhs.tunnel) : null,
        });
      });
    }
    return pairs;
  }
}

/** Where a spoke's packets for this NHS go: a point-to-point tunnel sends everything to its destination. */
export function nhsTarget(tunnel: TunnelInterfaceConfig, nhs: NhsConfig): string | null {
  if (tunnel.mode === 'gre ip' && tunnel.destination) return tunnel.destination;
  return nhs.nbma ?? tunnel.nhrp.maps.find((map) => map.tunnel === nhs.tunnel)?.nbma ?? null;
}

function hubTunnelFor(hub: RouterConfig, nhsTunnel: string): TunnelInterfaceConfig | null {
  return (
    hub.tunnels.find((tunnel) => tunnel.address === nhsTunnel) ??
    hub.tunnels.find((tunnel) => tunnel.source === hub.wan.name) ??
    hub.tunnels[0] ??
    null
  );
}
