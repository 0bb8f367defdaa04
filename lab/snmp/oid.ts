// Object identifiers as dotted text, ordered as SNMP orders them: sub-identifier by sub-identifier, numerically,
// a prefix before its extensions.

/** Negative when `a` comes before `b` in a walk, 0 when equal. */
export function compareOids(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    let x = 0;
    while (i < a.length && a.charCodeAt(i) !== 46) x = x * 10 + a.charCodeAt(i++) - 48;
    let y = 0;
    while (j < b.length && b.charCodeAt(j) !== 46) y = y * 10 + b.charCodeAt(j++) - 48;
    if (x !== y) return x - y;
    i++;
    j++;
  }
  return (i < a.length ? 1 : 0) - (j < b.length ? 1 : 0);
}

/** An OCTET STRING index: its length, then its bytes (RFC 2578 7.7, not IMPLIED). */
export function octetStringIndex(bytes: readonly number[]): number[] {
  return [bytes.length, ...bytes];
}
