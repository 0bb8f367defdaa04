// Deterministic addresses of the simulated routers: the same options always give the same network.

const HUB_NBMA_NET = '203.0.113';

export const TUNNEL_MASK = '255.255.0.0';

export function hubName(hub: number): string {
  return `hub${hub}`;
}

export function spokeName(spoke: number): string {
  return `spoke${spoke}`;
}

export function hubNbma(hub: number): string {
  return `${HUB_NBMA_NET}.${hub}`;
}

export function hubTunnelAddress(hub: number): string {
  return `10.0.0.${hub}`;
}

/** Spokes start at 10.0.0.12 and fill 10.0.0.0/16, 250 to a /24, so no address ends in .0 or .255. */
export function spokeTunnelAddress(spoke: number): string {
  const n = spoke + 10;
  return `10.0.${Math.floor(n / 250)}.${(n % 250) + 1}`;
}

/** Public WAN addresses of the spokes in 198.18.0.0/15, 250 to a /24. */
export function spokePublicNbma(spoke: number): string {
  const n = spoke - 1;
  return `198.${18 + Math.floor(n / 65_000)}.${Math.floor((n % 65_000) / 250)}.${(n % 250) + 1}`;
}

export function wanGateway(address: string): string {
  return address.replace(/\.\d+$/, '.254');
}

/** The LAN behind each router: 172.16.N.0/24 behind hubN, 10.(100+i/256).(i%256).0/24 behind spoke i. */
export function hubLanAddress(hub: number): string {
  return `172.16.${hub}.1`;
}

export function spokeLanAddress(spoke: number): string {
  return `10.${100 + Math.floor(spoke / 256)}.${spoke % 256}.1`;
}

/** The private address of a spoke behind NAT (each behind its own NAT router, so they may repeat). */
export const NAT_INSIDE_ADDRESS = '192.168.1.2';
export const NAT_INSIDE_GATEWAY = '192.168.1.1';
