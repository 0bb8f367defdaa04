// The numbers IOS prints to name crypto SAs: ESP SPIs, IKEv2 SPIs, crypto-engine and flow ids, IKEv2 session ids.
// The lab state carries SPIs and conn ids; the rest follows from them, the same way on every render.

/** `0x1A2B3C4D(439041101)`: an ESP SPI, hex without leading zeros, then in decimal. */
export function spiText(spi: number): string {
  const value = spi >>> 0;
  return `0x${value.toString(16).toUpperCase()}(${value})`;
}

/** FNV-1a over a string: a cheap, stable 32-bit hash. */
function fnv1a(text: string, seed: number): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

function hex8(value: number): string {
  return value.toString(16).toUpperCase().padStart(8, '0');
}

/**
 * The 8-byte IKEv2 SPI (`1F7B76961C3A77ED`) a side chose for the SA between `initiator` and `responder`. Derived
 * from the two addresses only, so that both routers print the same pair, swapped.
 */
export function ikev2Spi(initiator: string, responder: string, side: 'initiator' | 'responder'): string {
  const key = `${initiator}>${responder}:${side}`;
  return hex8(fnv1a(key, 0x811c9dc5)) + hex8(fnv1a(key, 0x050c5d1f));
}

/** `Engine-id:Conn-id =  SW:74` for ISAKMP conn-id 1074: the software engine numbers from 1000 less. */
export function isakmpEngineConnId(connId: number): number {
  return connId > 1000 ? connId - 1000 : connId;
}

/** `flow_id: CSR:4` for ESP conn id 2004: IOS-XE numbers its IPsec flows from 2000 less. */
export function espFlowId(connId: number): string {
  return `CSR:${connId > 2000 ? connId - 2000 : connId}`;
}

/**
 * IKEv2 `Session-id` (and `show crypto session`'s `Session ID`): the lab gives each IKEv2 SA its own session, and
 * numbers it like the SA's Tunnel-id (its conn id).
 */
export function ikev2SessionId(connId: number): number {
  return connId;
}
