// The MIB table indexes of one router (ifIndex, NHRP client/server/NHS/NHC/cache rows, IPsec tunnels and their
// history), shared by the traps a router sends and the tables its agent answers with.

import type { RouterState } from '../model/state.js';

/** The MIB table indexes of one router, allocated in a stable order. */
export class RouterIndexes {
  private readonly ifIndexes = new Map<string, number>();
  private readonly nhrpInstances = new Map<string, number>();
  private readonly nhsRows = new Map<string, number>();
  private readonly nhcRows = new Map<string, number>();
  private readonly cacheRows = new Map<string, number>();
  private readonly openTunnels = new Map<string, { tunnel: number; since: number }>();
  private lastTunnel = 0;
  private lastHistory = 0;

  constructor(private readonly state: RouterState) {
    // ifIndex in the order of the router's interfaces, as IOS numbers them at boot.
    state.interfaces.forEach((view) => this.ifIndexes.set(view.name, this.ifIndexes.size + 1));
    state.dmvpn.forEach((tunnel) => this.allocate(this.nhrpInstances, tunnel.interface));
  }

  ifIndex(name: string): number {
    return this.allocate(this.ifIndexes, name);
  }

  /** nhrpClientIndex / nhrpServerIndex of a tunnel interface (one NHRP instance per tunnel). */
  nhrpInstance(iface: string): number {
    return this.allocate(this.nhrpInstances, iface);
  }

  /** nhrpClientNhsIndex: the NHS's position among the tunnel's configured servers. */
  nhs(iface: string, nhsTunnel: string): number {
    const key = `${iface} ${nhsTunnel}`;
    if (!this.nhsRows.has(key)) {
      const configured = this.state.nhs.filter((row) => row.interface === iface).map((row) => row.nhs);
      const position = configured.indexOf(nhsTunnel);
      const taken = [...this.nhsRows.keys()].filter((other) => other.startsWith(`${iface} `)).length;
      this.nhsRows.set(key, position >= 0 ? position + 1 : configured.length + taken + 1);
    }
    return this.nhsRows.get(key) ?? 1;
  }

  /** nhrpServerNhcIndex: one per client tunnel address, in the order the clients first appear. */
  nhc(iface: string, nhcTunnel: string): number {
    return this.allocate(this.nhcRows, `${iface} ${nhcTunnel}`);
  }

  /** nhrpCacheIndex of a next hop's cache entry. */
  cache(iface: string, tunnel: string): number {
    return this.allocate(this.cacheRows, `${iface} ${tunnel}`);
  }

  /** cipSecTunIndex of the live tunnel to `remote`: the one its start message opened, or a new one. */
  ipsecTunnel(iface: string, remote: string, at: number): number {
    return this.openTunnels.get(`${iface} ${remote}`)?.tunnel ?? this.openIpsecTunnel(iface, remote, at);
  }

  /** IPsec tunnels closed so far (each has a history row). */
  closedIpsecTunnels(): number {
    return this.lastHistory;
  }

  openIpsecTunnel(iface: string, remote: string, at: number): number {
    this.lastTunnel += 1;
    this.openTunnels.set(`${iface} ${remote}`, { tunnel: this.lastTunnel, since: at });
    return this.lastTunnel;
  }

  /** The tunnel's index and a new history row; active time from its start in the log (0 if before the log). */
  closeIpsecTunnel(
    iface: string,
    remote: string,
    at: number,
  ): { tunnel: number; history: number; activeHundredths: number } {
    const key = `${iface} ${remote}`;
    const open = this.openTunnels.get(key);
    this.openTunnels.delete(key);
    if (!open) this.lastTunnel += 1;
    this.lastHistory += 1;
    return {
      tunnel: open?.tunnel ?? this.lastTunnel,
      history: this.lastHistory,
      activeHundredths: open ? Math.round((at - open.since) * 100) : 0,
    };
  }

  private allocate(map: Map<string, number>, key: string): number {
    let value = map.get(key);
    if (value === undefined) {
      value = map.size + 1;
      map.set(key, value);
    }
    return value;
  }
}
