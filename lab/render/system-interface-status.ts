// The two state words IOS prints for an interface (`up`/`up`, `up`/`down`, `administratively down`/`down`) and its
// short name (`Tu0`, `Gi1`) as the neighbor tables print it.

import type { InterfaceView } from '../model/state.js';

export interface InterfaceStatus {
  /** `up`, `down` or `administratively down`. */
  status: string;
  /** The line protocol: `up` or `down`. */
  protocol: string;
}

/**
 * A shut interface is `administratively down`/`down`. A tunnel or loopback that is not shut stays `up` whatever its
 * line protocol does (a tunnel whose linestate evaluation fails is `up`/`down`); an Ethernet without carrier is
 * `down`/`down`.
 */
export function interfaceStatus(view: InterfaceView): InterfaceStatus {
  if (!view.adminUp) return { status: 'administratively down', protocol: 'down' };
  const protocol = view.operUp ? 'up' : 'down';
  const virtual = view.tunnel !== null || view.name.startsWith('Loopback');
  return { status: virtual ? 'up' : protocol, protocol };
}

const SHORT_TYPES: [string, string][] = [
  ['GigabitEthernet', 'Gi'],
  ['TenGigabitEthernet', 'Te'],
  ['FastEthernet', 'Fa'],
  ['Ethernet', 'Et'],
  ['Loopback', 'Lo'],
  ['Tunnel', 'Tu'],
  ['Port-channel', 'Po'],
  ['Vlan', 'Vl'],
];

/** `Tunnel0` -> `Tu0`, `GigabitEthernet1` -> `Gi1`, as `show ip eigrp neighbors` prints the interface. */
export function shortInterfaceName(name: string): string {
  for (const [type, short] of SHORT_TYPES) {
    if (name.startsWith(type) && /^\d/.test(name.slice(type.length))) return short + name.slice(type.length);
  }
  return name;
}
