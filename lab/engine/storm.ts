// A hub that lost every SA at once (a reload, its SAs cleared) faces all its spokes coming back together: a
// re-registration storm. Two hub settings meter it: `crypto call admission limit ike in-negotiation-sa N` admits N
// new IKE negotiations at a time and drops the others' first packets (they retry), and `ip nhrp max-send N every S`
// lets the hub send N NHRP packets (registration replies) every S seconds. The storm is answered in waves, in the
// order of the hub's spokes: the spoke of rank r (spoke number - 1) waits floor(r / N) waves.

import type { TunnelInterfaceConfig, RouterConfig } from '../model/config.js';
import type { SpokeHubPair } from './topology.js';
import { IKE_RETRY } from './timing.js';

/** IOS's `ip nhrp max-send` when the line is absent. */
export const DEFAULT_MAX_SEND = { packets: 10_000, everySeconds: 10 } as const;

export function maxSendOf(tunnel: TunnelInterfaceConfig | null): { packets: number; everySeconds: number } {
  return tunnel?.nhrp.maxSend ?? DEFAULT_MAX_SEND;
}

function rank(pair: SpokeHubPair): number {
  return Math.max(0, pair.spokeNumber - 1);
}

/** Seconds the spoke's IKE waits in a storm: refused by the hub's IKE call admission until its wave comes. */
export function admissionDelay(hub: RouterConfig | null, pair: SpokeHubPair): number {
  const limit = hub?.ikeInNegotiationLimit;
  if (limit === undefined || limit <= 0) return 0;
  return Math.floor(rank(pair) / limit) * IKE_RETRY;
}

/** Seconds the spoke's first registration waits in a storm for a reply the hub's max-send quota allows. */
export function registrationDelay(hubTunnel: TunnelInterfaceConfig | null, pair: SpokeHubPair): number {
  if (!hubTunnel?.nhrp.maxSend) return 0;
  const { packets, everySeconds } = hubTunnel.nhrp.maxSend;
  if (packets <= 0) return 0;
  return Math.floor(rank(pair) / packets) * everySeconds;
}

/** `Usage:x%` of `show ip nhrp traffic`: the packets sent in the last interval against the quota, at most 100. */
export function maxSendUsage(sentInInterval: number, tunnel: TunnelInterfaceConfig | null): number {
  return Math.min(100, Math.round((100 * sentInInterval) / maxSendOf(tunnel).packets));
}
