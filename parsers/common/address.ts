// Tells IP addresses, prefixes and masks from other words, cheaply: they are tested on every entry of a hub's output.

// At least two colons: `Type:` or `Group:` never pass for an IPv6 address.
const IPV6 = /^[0-9A-Fa-f.]*:[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*(?:\/\d{1,3})?$/;

/** Index just after the four dotted groups of 1 to 3 digits that start `token`, or -1 when it does not start so. */
function dottedQuadEnd(token: string): number {
  let dots = 0;
  let digits = 0;
  let at = 0;
  for (; at < token.length; at++) {
    const code = token.charCodeAt(at);
    if (code >= 48 && code <= 57) {
      if (++digits > 3) return -1;
    } else if (code === 46) {
      if (digits === 0 || ++dots > 3) return -1;
      digits = 0;
    } else {
      break;
    }
  }
  return dots === 3 && digits > 0 ? at : -1;
}

/** A dotted IPv4 address (`10.0.0.1`), nothing before or after it. */
export function isIpv4(token: string | undefined): token is string {
  return token !== undefined && dottedQuadEnd(token) === token.length;
}

/** A dotted IPv4 address with an optional `/len` (`10.0.0.0/24`). */
export function isIpv4Prefix(token: string): boolean {
  const end = dottedQuadEnd(token);
  if (end < 0) return false;
  if (end === token.length) return true;
  const lengthDigits = token.length - end - 1;
  if (token.charCodeAt(end) !== 47 || lengthDigits < 1 || lengthDigits > 2) return false;
  for (let k = end + 1; k < token.length; k++) {
    const code = token.charCodeAt(k);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/** An IPv6 address, with an optional `/len` (`2001:DB8::1`, `FE80::/10`). */
export function isIpv6(token: string): boolean {
  return IPV6.test(token);
}

/** An IPv4 or IPv6 address or prefix, e.g. `10.0.0.2/32`, `FE80::2/128`. */
export function isAddress(token: string): boolean {
  return isIpv4Prefix(token) || IPV6.test(token);
}

/** Bits set in a dotted mask (`255.255.255.252` -> 30); undefined for text that is not a contiguous mask. */
export function prefixLength(mask: string): number | undefined {
  if (!isIpv4(mask)) return undefined;
  let value = 0;
  for (const text of mask.split('.')) {
    const octet = Number(text);
    if (octet > 255) return undefined;
    value = ((value << 8) | octet) >>> 0;
  }
  const hostBits = ~value >>> 0;
  // A contiguous mask leaves host bits of the form 0...01...1: adding one to them carries into no set bit.
  if ((hostBits & (hostBits + 1)) !== 0) return undefined;
  return Math.clz32(hostBits);
}
