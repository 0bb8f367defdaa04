// IPv4 dotted quads as numbers: matching configured address/mask pairs and sorting peers as IOS lists them.

/** A dotted quad as an unsigned number; NaN for anything else (`UNKNOWN`). Read by hand: it runs per peer. */
export function ipv4ToNumber(address: string): number {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < address.length; i++) {
    const code = address.charCodeAt(i);
    if (code === 46 /* . */) {
      if (digits === 0 || part > 255) return Number.NaN;
      value = value * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (code >= 48 && code <= 57) {
      part = part * 10 + code - 48;
      digits++;
    } else return Number.NaN;
  }
  if (dots !== 3 || digits === 0 || part > 255) return Number.NaN;
  return value * 256 + part;
}

/** Whether `address` falls in `network`/`mask` (`0.0.0.0 0.0.0.0` matches everything). */
export function inNetwork(address: string, network: string, mask: string): boolean {
  const maskValue = ipv4ToNumber(mask);
  return (ipv4ToNumber(address) & maskValue) >>> 0 === (ipv4ToNumber(network) & maskValue) >>> 0;
}

/** Prefix length of a dotted mask (`255.255.255.0` -> 24). */
export function maskLength(mask: string): number {
  let bits = 0;
  for (let value = ipv4ToNumber(mask); value > 0; value = (value * 2) % 4_294_967_296) bits++;
  return bits;
}

/** The network address of `address`/`mask`. */
export function networkOf(address: string, mask: string): string {
  const value = (ipv4ToNumber(address) & ipv4ToNumber(mask)) >>> 0;
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

export function compareAddresses(a: string, b: string): number {
  const left = ipv4ToNumber(a);
  const right = ipv4ToNumber(b);
  if (Number.isNaN(left) || Number.isNaN(right))
    return Number.isNaN(left) ? (Number.isNaN(right) ? 0 : 1) : -1;
  return left - right;
}
