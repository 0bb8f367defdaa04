// Cell values as a Cisco agent types them: Counter32 wrapping at 2^32, Counter64, TimeTicks, TruthValue and the
// 4-byte OCTET STRING addresses of Cisco's tables.

import { ipv4Octets } from '../traps/notification.js';
import type { Cell } from './mib-view.js';

const TWO_32 = 2 ** 32;

export function integer(value: number): Cell {
  return { type: 'Integer', value: Math.trunc(value) };
}
export function gauge(value: number): Cell {
  return { type: 'Gauge32', value: Math.min(TWO_32 - 1, Math.max(0, Math.trunc(value))) };
}
/** The low 32 bits of a running count, as a Counter32 shows it after it wrapped. */
export function counter32(value: number): Cell {
  return { type: 'Counter32', value: Math.trunc(value) % TWO_32 };
}
/** How often a count wrapped its Counter32 (the Cisco `...OctWraps` objects). */
export function wraps(value: number): Cell {
  return { type: 'Counter32', value: Math.floor(value / TWO_32) % TWO_32 };
}
export function counter64(value: number): Cell {
  return { type: 'Counter64', value: BigInt(Math.trunc(value)) };
}
export function timeTicks(hundredths: number): Cell {
  return { type: 'TimeTicks', value: Math.max(0, Math.round(hundredths)) % TWO_32 };
}
export function text(value: string): Cell {
  return { type: 'OctetString', value };
}
/** A Cisco address object (IPSIpAddress, NhrpGenAddr): the address's 4 bytes; empty when there is none. */
export function address(dotted: string | null): Cell {
  return { type: 'OctetString', value: dotted ? ipv4Octets(dotted) : new Uint8Array(0) };
}
export function objectId(oid: string): Cell {
  return { type: 'ObjectIdentifier', value: oid };
}
/** TruthValue: true(1), false(2). */
export function truth(value: boolean): Cell {
  return { type: 'Integer', value: value ? 1 : 2 };
}
