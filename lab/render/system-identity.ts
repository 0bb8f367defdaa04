// The fixed identity of a simulated router that IOS prints beside its state: burned-in MAC addresses, the chassis
// serial number and the router ID a routing process picks. Derived from the hostname, so a router keeps them.

import type { InterfaceView } from '../model/state.js';

/** FNV-1a of the text: a stable 32-bit number per hostname. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    value ^= text.charCodeAt(i);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value;
}

/** `5254.00df.1325`: the KVM prefix 52:54:00 a C8000V's vNICs carry, then the router's and the vNIC's own bits. */
export function vnicMacAddress(hostname: string, vnic: number): string {
  const low = (hash(hostname) + vnic) & 0xffffff;
  const hex = low.toString(16).padStart(6, '0');
  return `5254.00${hex.slice(0, 2)}.${hex.slice(2)}`;
}

const SERIAL_CHARACTERS = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** `9XLWRY40A2V`: eleven characters starting with 9, as a C8000V's `Processor board ID`. */
export function chassisSerial(hostname: string): string {
  let value = hash(hostname);
  let serial = '9';
  for (let i = 0; i < 10; i++) {
    serial += SERIAL_CHARACTERS[value % SERIAL_CHARACTERS.length];
    value = Math.floor(value / SERIAL_CHARACTERS.length) ^ hash(`${hostname}${i}`);
  }
  return serial;
}

function addressValue(address: string): number {
  return address.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);
}

function highest(addresses: string[]): string | null {
  let best: string | null = null;
  for (const address of addresses)
    if (best === null || addressValue(address) > addressValue(best)) best = address;
  return best;
}

/**
 * The router ID IOS picks with none configured: the highest loopback address, else the highest interface address.
 * It was picked when the routing process started, at boot, so an interface that went down since still counts.
 */
export function routerId(interfaces: readonly InterfaceView[]): string | null {
  const addressed = interfaces.filter((view) => view.address !== null);
  const loopbacks = addressed.filter((view) => view.name.startsWith('Loopback')).map((view) => view.address!);
  return highest(loopbacks) ?? highest(addressed.map((view) => view.address!));
}
