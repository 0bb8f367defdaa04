// NHRP between a spoke and its NHS: what the hub does with a registration once it arrives (GRE key, network-id,
// authentication, NHS address), and the registration clock: requests every registration interval while answered,
// retransmitted with backoff while not.

import type { TunnelInterfaceConfig } from '../model/config.js';
import { REGISTRATION_BACKOFF_MAX, REGISTRATION_RETRIES } from './timing.js';

/** Why the hub does not register a spoke whose GRE packets reach it. */
export type NhrpRejection = 'tunnel-key' | 'netid-hub' | 'auth' | 'wrong-nhs';

/** The hub's NHRP verdict on a spoke's registration, in the order the hub applies its checks. */
export function nhrpRejection(
  spokeTunnel: TunnelInterfaceConfig,
  nhsAddress: string,
  hubTunnel: TunnelInterfaceConfig,
): NhrpRejection | null {
  if (spokeTunnel.key !== hubTunnel.key) return 'tunnel-key';
  if (hubTunnel.nhrp.networkId === null) return 'netid-hub';
  if (spokeTunnel.nhrp.authentication !== hubTunnel.nhrp.authentication) return 'auth';
  if (nhsAddress !== hubTunnel.address) return 'wrong-nhs';
  return null;
}

/** `ip nhrp registration timeout`, or a third of the holdtime as IOS does by default. */
export function registrationInterval(tunnel: TunnelInterfaceConfig): number {
  return Math.max(1, tunnel.nhrp.registrationTimeoutSeconds ?? Math.floor(tunnel.nhrp.holdtimeSeconds / 3));
}

/** The hub keeps a registration for the holdtime the spoke put in it. */
export function registrationHoldtime(tunnel: TunnelInterfaceConfig): number {
  return tunnel.nhrp.holdtimeSeconds;
}

/** Ticks anchor + k * period (k >= 0) strictly before `x`. */
export function periodicBefore(anchor: number, period: number, x: number): number {
  return x <= anchor ? 0 : Math.ceil((x - anchor) / period);
}

/** The last tick anchor + k * period at or before `t`, or null. */
export function lastPeriodic(anchor: number, period: number, t: number): number | null {
  return t < anchor ? null : anchor + Math.floor((t - anchor) / period) * period;
}

/** The first tick anchor + k * period at or after `t`. */
export function nextPeriodic(anchor: number, period: number, t: number): number {
  return t <= anchor ? anchor : anchor + Math.ceil((t - anchor) / period) * period;
}

const LAST_RETRY = REGISTRATION_RETRIES[REGISTRATION_RETRIES.length - 1]!;

/** Retransmissions of an unanswered request (anchor + 0, 1, 3, 7 ... 63, then every 64 s) strictly before `x`. */
export function retriesBefore(anchor: number, x: number): number {
  const elapsed = x - anchor;
  if (elapsed <= 0) return 0;
  let count = 0;
  for (const offset of REGISTRATION_RETRIES) if (offset < elapsed) count++;
  if (elapsed > LAST_RETRY)
    count += Math.max(0, Math.ceil((elapsed - LAST_RETRY) / REGISTRATION_BACKOFF_MAX) - 1);
  return count;
}

/** The retransmission times in [from, to), the last `limit` of them. */
export function retryTimes(anchor: number, from: number, to: number, limit: number): number[] {
  const times: number[] = [];
  const first = retriesBefore(anchor, from);
  const last = retriesBefore(anchor, to);
  for (let index = Math.max(first, last - limit); index < last; index++) times.push(retryAt(anchor, index));
  return times;
}

/** The index-th transmission of the retry schedule. */
export function retryAt(anchor: number, index: number): number {
  if (index < REGISTRATION_RETRIES.length) return anchor + REGISTRATION_RETRIES[index]!;
  return anchor + LAST_RETRY + (index - REGISTRATION_RETRIES.length + 1) * REGISTRATION_BACKOFF_MAX;
}

/** The periodic ticks in [from, to), the last `limit` of them. */
export function periodicTimes(
  anchor: number,
  period: number,
  from: number,
  to: number,
  limit: number,
): number[] {
  const times: number[] = [];
  const first = periodicBefore(anchor, period, from);
  const last = periodicBefore(anchor, period, to);
  for (let index = Math.max(first, last - limit); index < last; index++) times.push(anchor + index * period);
  return times;
}

/** Whether the tunnel runs NHRP at all (`ip nhrp network-id` is what enables it). */
export function runsNhrp(tunnel: TunnelInterfaceConfig): boolean {
  return tunnel.nhrp.networkId !== null;
}

/** Multicast towards the hub: `ip nhrp nhs ... multicast` or `ip nhrp map multicast <hub nbma>`. */
export function spokeSendsMulticast(tunnel: TunnelInterfaceConfig, hubNbma: string | null): boolean {
  if (tunnel.mode === 'gre ip') return true;
  return (
    tunnel.nhrp.nhs.some((nhs) => nhs.multicast && (nhs.nbma === null || nhs.nbma === hubNbma)) ||
    (hubNbma !== null && tunnel.nhrp.mapMulticast.includes(hubNbma))
  );
}
