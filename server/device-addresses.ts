// Which device owns an address: its management address from the inventory, and the NBMA (tunnel source) and tunnel
// addresses its own tables show. Peers in `show dmvpn` are named by NBMA and tunnel address, never by device.

import type { DmvpnTunnel } from '../model/records/dmvpn.js';
import type { IkeSa } from '../model/records/ike.js';
import type { IpsecSa } from '../model/records/ipsec.js';
import type { InterfaceDetail } from '../model/records/system.js';
import type { DeviceSnapshot } from '../model/snapshot.js';
import type { DeviceEntry } from '../storage/state-store.js';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

const isAddress = (text: string | null | undefined): text is string =>
  typeof text === 'string' && IPV4.test(text);

export interface OwnAddresses {
  /** Underlay addresses the device's tunnels are sourced from. */
  nbma: string[];
  /** Overlay addresses of its tunnel interfaces. */
  tunnel: string[];
}

export function ownAddresses(snapshot: DeviceSnapshot): OwnAddresses {
  const nbma = new Set<string>();
  const tunnel = new Set<string>();
  for (const output of snapshot.outputs) {
    for (const record of output.parsed.records as { kind?: string }[]) {
      if (record.kind === 'interface') {
        const detail = record as InterfaceDetail;
        if (!detail.tunnel) continue;
        if (isAddress(detail.tunnel.source)) nbma.add(detail.tunnel.source);
        if (isAddress(detail.ipAddress)) tunnel.add(detail.ipAddress);
      } else if (record.kind === 'dmvpn_tunnel') {
        const detail = record as DmvpnTunnel;
        if (isAddress(detail.tunnelSource)) nbma.add(detail.tunnelSource);
        if (isAddress(detail.address)) tunnel.add(detail.address);
      } else if (record.kind === 'ipsec_sa') {
        const sa = record as IpsecSa;
        if (isAddress(sa.local)) nbma.add(sa.local);
      } else if (record.kind === 'ike_sa') {
        const sa = record as IkeSa;
        if (!sa.sidesGuessed && isAddress(sa.local)) nbma.add(sa.local);
      }
    }
  }
  return { nbma: [...nbma], tunnel: [...tunnel] };
}

export class AddressBook {
  private readonly owners = new Map<string, string>();

  constructor(devices: readonly DeviceEntry[], latest: readonly { device: string; own: OwnAddresses }[]) {
    // A management address several devices share (a jump host, a lab on loopback) names none of them; the
    // snapshot's own addresses win over a management address.
    const shared = new Set<string>();
    for (const device of devices) {
      if (!device.address) continue;
      if (this.owners.has(device.address)) shared.add(device.address);
      this.owners.set(device.address, device.name);
    }
    for (const address of shared) this.owners.delete(address);
    for (const { device, own } of latest)
      for (const address of [...own.tunnel, ...own.nbma]) this.owners.set(address, device);
  }

  /** The device that owns the NBMA address, else the one that owns the tunnel address. */
  owner(nbma: string, tunnel?: string): string | undefined {
    return this.owners.get(nbma) ?? (tunnel === undefined ? undefined : this.owners.get(tunnel));
  }
}
