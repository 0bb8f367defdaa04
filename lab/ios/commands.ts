// The exec commands a simulated router answers, and the renderer behind each.

import type { RouterConfig } from '../model/config.js';
import type { RouterState } from '../model/state.js';
import { renderShowCryptoIkev2Sa, renderShowCryptoIkev2SaDetailed } from '../render/show-crypto-ikev2-sa.js';
import { renderShowCryptoIpsecSa } from '../render/show-crypto-ipsec-sa.js';
import { renderShowCryptoIsakmpSa, renderShowCryptoIsakmpSaDetail } from '../render/show-crypto-isakmp-sa.js';
import { renderShowCryptoSession, renderShowCryptoSessionDetail } from '../render/show-crypto-session.js';
import { renderShowDmvpn } from '../render/show-dmvpn.js';
import { renderShowDmvpnDetail } from '../render/show-dmvpn-detail.js';
import { renderShowInterfaces } from '../render/show-interfaces.js';
import { renderShowIpBgpSummary } from '../render/show-ip-bgp-summary.js';
import { renderShowIpEigrpNeighbors } from '../render/show-ip-eigrp-neighbors.js';
import { renderShowIpInterfaceBrief } from '../render/show-ip-interface-brief.js';
import { renderShowIpNhrp } from '../render/show-ip-nhrp.js';
import { renderShowIpNhrpNhs } from '../render/show-ip-nhrp-nhs.js';
import { renderShowIpNhrpTraffic } from '../render/show-ip-nhrp-traffic.js';
import { renderShowIpOspfNeighbor } from '../render/show-ip-ospf-neighbor.js';
import { renderShowLogging } from '../render/show-logging.js';
import { renderRunningConfig, renderRunningConfigInterface } from '../render/show-running-config.js';
import { renderShowVersion } from '../render/show-version.js';
import { CommandTree, refusalText } from './command-line.js';

export interface RouterView {
  config: RouterConfig;
  state: RouterState;
}

/** Returns undefined when an argument names nothing on this router (IOS then refuses the argument). */
type Render = (router: RouterView, args: string[]) => string | undefined;

const COMMANDS: { form: string; handler: Render }[] = [
  { form: 'show dmvpn', handler: ({ state }) => renderShowDmvpn(state) },
  { form: 'show dmvpn detail', handler: ({ state }) => renderShowDmvpnDetail(state) },
  { form: 'show ip nhrp', handler: ({ state }) => renderShowIpNhrp(state) },
  { form: 'show ip nhrp detail', handler: ({ state }) => renderShowIpNhrp(state, true) },
  { form: 'show ip nhrp nhs', handler: ({ state }) => renderShowIpNhrpNhs(state) },
  { form: 'show ip nhrp nhs detail', handler: ({ state }) => renderShowIpNhrpNhs(state, true) },
  { form: 'show ip nhrp traffic', handler: ({ state }) => renderShowIpNhrpTraffic(state) },
  { form: 'show crypto isakmp sa', handler: ({ state }) => renderShowCryptoIsakmpSa(state) },
  { form: 'show crypto isakmp sa detail', handler: ({ state }) => renderShowCryptoIsakmpSaDetail(state) },
  { form: 'show crypto ikev2 sa', handler: ({ state }) => renderShowCryptoIkev2Sa(state) },
  { form: 'show crypto ikev2 sa detailed', handler: ({ state }) => renderShowCryptoIkev2SaDetailed(state) },
  { form: 'show crypto ipsec sa', handler: ({ state }) => renderShowCryptoIpsecSa(state) },
  { form: 'show crypto session', handler: ({ state }) => renderShowCryptoSession(state) },
  { form: 'show crypto session detail', handler: ({ state }) => renderShowCryptoSessionDetail(state) },
  { form: 'show interfaces', handler: ({ state }) => renderShowInterfaces(state) },
  { form: 'show interfaces <interface>', handler: ({ state }, args) => renderShowInterfaces(state, args) },
  {
    form: 'show interfaces <type> <number>',
    handler: ({ state }, args) => renderShowInterfaces(state, args),
  },
  { form: 'show ip interface brief', handler: ({ state }) => renderShowIpInterfaceBrief(state) },
  {
    form: 'show ip interface brief <interface>',
    handler: ({ state }, args) => renderShowIpInterfaceBrief(state, args),
  },
  {
    form: 'show ip eigrp neighbors',
    handler: ({ state, config }) => renderShowIpEigrpNeighbors(state, config.routing),
  },
  {
    form: 'show ip ospf neighbor',
    handler: ({ state, config }) => renderShowIpOspfNeighbor(state, config.routing),
  },
  {
    form: 'show ip bgp summary',
    handler: ({ state, config }) => renderShowIpBgpSummary(state, config.routing),
  },
  { form: 'show version', handler: ({ state }) => renderShowVersion(state) },
  { form: 'show logging', handler: ({ state }) => renderShowLogging(state) },
  { form: 'show running-config', handler: ({ config }) => renderRunningConfig(config) },
  {
    form: 'show running-config interface <interface>',
    handler: ({ config }, [name]) => renderRunningConfigInterface(config, name!),
  },
];

const commandTree = new CommandTree(COMMANDS);

/** Every command form the lab answers, for help texts. */
export const LAB_COMMANDS: readonly string[] = COMMANDS.map(({ form }) => form);

/** What the router prints for a typed command line, refusals included (caret placed after `promptLength`). */
export function runCommand(router: RouterView, line: string, promptLength = 0): string {
  const match = commandTree.match(line);
  if (!match.ok) return refusalText(line, match, promptLength);
  const output = match.handler(router, match.args);
  if (output !== undefined) return output;
  return refusalText(
    line,
    { ok: false, kind: 'invalid-input', column: match.argColumns[0] ?? 0 },
    promptLength,
  );
}
