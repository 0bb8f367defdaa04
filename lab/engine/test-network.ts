// Helpers of the engine's tests: a small lab network, its routers' configs, and lookups into the state records
// the tests check (a spoke's row for its hub, the hub's row for a spoke, SAs towards a peer, log lines).

import type { RouterConfig } from '../model/config.js';
import type { LabNetwork, LabOptions } from '../model/network.js';
import type { DmvpnPeerView, IkeSaView, IpsecPeerView, RouterState } from '../model/state.js';
import { buildNetwork } from '../network/build.js';
import { simulate } from './index.js';

export const HUB_NBMA = '203.0.113.1';
export const SPOKE1_NBMA = '198.18.0.1';
export const SPOKE1_TUNNEL = '10.0.0.12';

export function labNetwork(options: Partial<LabOptions> = {}): LabNetwork {
  return buildNetwork({ spokes: 3, ...options });
}

export function configOf(network: LabNetwork, name: string): RouterConfig {
  const router = network.routers.find((candidate) => candidate.hostname === name);
  if (!router) throw new Error(`no ${name}`);
  return router;
}

/** The state of two routers (spoke1 and hub1 unless told) at one second. */
export function both(
  network: LabNetwork,
  at: number,
  spoke = 'spoke1',
  hub = 'hub1',
): { spoke: RouterState; hub: RouterState } {
  const states = simulate(network, at);
  return { spoke: states.get(spoke)!, hub: states.get(hub)! };
}

/** A spoke's row for its NHS (static entry). */
export function hubRow(spoke: RouterState, nbma = HUB_NBMA): DmvpnPeerView | undefined {
  return spoke.dmvpn
    .flatMap((tunnel) => tunnel.peers)
    .find((peer) => peer.nbma === nbma && peer.attrs.includes('S'));
}

/** A hub's row for a spoke's tunnel address (registered or UNKNOWN). */
export function spokeRow(hub: RouterState, tunnel = SPOKE1_TUNNEL): DmvpnPeerView | undefined {
  return hub.dmvpn.flatMap((view) => view.peers).find((peer) => peer.tunnelAddresses[0] === tunnel);
}

export function ipsecTo(state: RouterState, remote: string): IpsecPeerView | undefined {
  return state.ipsecSas.find((peer) => peer.remote === remote);
}

export function ikeTo(state: RouterState, remote: string): IkeSaView[] {
  return state.ikeSas.filter((sa) => sa.remote === remote);
}

/** Log texts matching `pattern`, logged at or after `since`. */
export function logs(state: RouterState, pattern: RegExp, since = 0): string[] {
  return state.logs.filter((log) => log.atSeconds >= since && pattern.test(log.text)).map((log) => log.text);
}
