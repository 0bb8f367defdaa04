// The exec commands a simulated router answers, and the renderer behind each.

import type { RouterConfig } from '../model/config.js';
import type { RouterState } from '../model/state.js';
import { renderShowCryptoIkev2Sa, renderShowCryptoIkev2SaDetailed } from '../render/show-crypto-ikev2-sa.js';
import { renderShowCryptoIpsecSa, renderShowCryptoIpsecSaCount } from '../render/show-crypto-ipsec-sa.js';
import { renderShowCryptoIpsecSaAddress } from '../render/show-crypto-ipsec-sa-address.js';
import { renderShowCryptoIsakmpSaCount } from '../render/show-crypto-isakmp-sa-count.js';
import { renderShowIpNhrpStats } from '../render/show-ip-nhrp-stats.js';
import { renderShowIpNhrpTrafficOf } from '../render/show-ip-nhrp-traffic-detail.js';
import { renderShowMonitorEventTraceDmvpn } from '../render/show-monitor-event-trace.js';
import { renderShowTunnelProtectionStatistics } from '../render/show-tunnel-protection-statistics.js';
import { renderShowCryptoIsakmpPeers } from '../render/show-crypto-isakmp-peers.js';
import { renderShowCryptoIsakmpPeersConfig } from '../render/show-crypto-isakmp-peers-config.js';
import { renderShowCryptoIsakmpSa, renderShowCryptoIsakmpSaDetail } from '../render/show-crypto-isakmp-sa.js';
import { renderShowCryptoSession, renderShowCryptoSessionDetail } from '../render/show-crypto-session.js';
import { renderShowDmvpn } from '../render/show-dmvpn.js';
import { renderShowDmvpnDetail } from '../render/show-dmvpn-detail.js';
import { renderShowInterfaces } from '../render/show-interfaces.js';
import { renderShowIpBgpSummary } from '../render/show-ip-bgp-summary.js';
import { renderShowIpEigrpNeighbors } from '../render/show-ip-eigrp-neighbors.js';
import { renderShowIpInterfaceBrief } from '../render/show-ip-interface-brief.js';
import { renderShowIpNhrp } from '../render/show-ip-nhrp.js';
import { renderShowIpNhrpSelf } from '../render/show-ip-nhrp-self.js';
import { renderShowIpNhrpSummary } from '../render/show-ip-nhrp-summary.js';
import { renderShowIpNhrpNhs } from '../render/show-ip-nhrp-nhs.js';
import { renderShowIpNhrpTraffic } from '../render/show-ip-nhrp-traffic.js';
import { renderShowIpOspfNeighbor } from '../render/show-ip-ospf-neighbor.js';
import { renderShowLogging } from '../render/show-logging.js';
import { renderRunningConfig, renderRunningConfigInterface } from '../render/show-running-config.js';
import { renderShowVersion } from '../render/show-version.js';
import { findInterface } from '../render/system-interface-lookup.js';
import { CommandTree, refusalText } from './command-line.js';

export interface RouterView {
  config: RouterConfig;
  state: RouterState;
}

/** A dotted-quad IPv4 address, the only peer argument IOS accepts for these commands. */
function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255);
}

/** Returns undefined when an argument names nothing on this router (IOS then refuses the argument). */
type Render = (router: RouterView, args: string[]) => string | undefined;

/** A filter by the interface the arguments name (`Tunnel0`, `tu 0`); IOS refuses a name the router does not have. */
function onInterface(render: (state: RouterState, name: string) => string): Render {
  return ({ state }, words) => {
    const view = findInterface(state.interfaces, words);
    return view === undefined ? undefined : render(state, view.name);
  };
}

const COMMANDS: { form: string; handler: Render }[] = [
  { form: 'show dmvpn', handler: ({ state }) => renderShowDmvpn(state) },
  { form: 'show dmvpn interface <interface>', handler: onInterface(renderShowDmvpn) },
  { form: 'show dmvpn interface <type> <number>', handler: onInterface(renderShowDmvpn) },
  { form: 'show dmvpn detail', handler: ({ state }) => renderShowDmvpnDetail(state) },
  { form: 'show ip nhrp', handler: ({ state }) => renderShowIpNhrp(state) },
  { form: 'show ip nhrp detail', handler: ({ state }) => renderShowIpNhrp(state, true) },
  { form: 'show ip nhrp summary', handler: ({ state }) => renderShowIpNhrpSummary(state) },
  { form: 'show ip nhrp self', handler: ({ state }) => renderShowIpNhrpSelf(state) },
  // The state holds no redirect entries, and IOS-XE prints its redirect blocks without a header: nothing at all.
  { form: 'show ip nhrp redirect', handler: () => '' },
  { form: 'show ip nhrp nhs', handler: ({ state }) => renderShowIpNhrpNhs(state) },
  { form: 'show ip nhrp nhs detail', handler: ({ state }) => renderShowIpNhrpNhs(state, true) },
  ...['show ip nhrp nhs <interface>', 'show ip nhrp nhs <type> <number>'].flatMap((form) => [
    { form, handler: onInterface((state, name) => renderShowIpNhrpNhs(state, false, name)) },
    { form: `${form} detail`, handler: onInterface((state, name) => renderShowIpNhrpNhs(state, true, name)) },
  ]),
  { form: 'show ip nhrp traffic', handler: ({ state }) => renderShowIpNhrpTraffic(state) },
  {
    form: 'show ip nhrp traffic detail',
    handler: ({ state }) => renderShowIpNhrpTrafficOf(state, undefined, true),
  },
  ...['show ip nhrp traffic interface <interface>', 'show ip nhrp traffic interface <type> <number>'].flatMap(
    (form) => [
      { form, handler: onInterface((state, name) => renderShowIpNhrpTrafficOf(state, name, false)) },
      {
        form: `${form} detail`,
        handler: onInterface((state, name) => renderShowIpNhrpTrafficOf(state, name, true)),
      },
    ],
  ),
  { form: 'show ip nhrp stats', handler: ({ state }) => renderShowIpNhrpStats(state) },
  { form: 'show ip nhrp stats detail', handler: ({ state }) => renderShowIpNhrpStats(state, true) },
  ...['show ip nhrp stats <interface>', 'show ip nhrp stats <type> <number>'].flatMap((form) => [
    { form, handler: onInterface((state, name) => renderShowIpNhrpStats(state, false, name)) },
    {
      form: `${form} detail`,
      handler: onInterface((state, name) => renderShowIpNhrpStats(state, true, name)),
    },
  ]),
  {
    form: 'show monitor event-trace dmvpn all',
    handler: ({ state }) => renderShowMonitorEventTraceDmvpn(state),
  },
  {
    form: 'show tunnel protection statistics',
    handler: ({ state }) => renderShowTunnelProtectionStatistics(state),
  },
  { form: 'show crypto isakmp sa', handler: ({ state }) => renderShowCryptoIsakmpSa(state) },
  { form: 'show crypto isakmp sa detail', handler: ({ state }) => renderShowCryptoIsakmpSaDetail(state) },
  { form: 'show crypto isakmp sa count', handler: ({ state }) => renderShowCryptoIsakmpSaCount(state) },
  { form: 'show crypto isakmp peers', handler: ({ state }) => renderShowCryptoIsakmpPeers(state) },
  {
    form: 'show crypto isakmp peers config',
    handler: ({ state, config }) => renderShowCryptoIsakmpPeersConfig(state, config),
  },
  {
    form: 'show crypto isakmp peers <address>',
    handler: ({ state }, [peer]) => (isIpv4(peer!) ? renderShowCryptoIsakmpPeers(state, peer) : undefined),
  },
  { form: 'show crypto ikev2 sa', handler: ({ state }) => renderShowCryptoIkev2Sa(state) },
  { form: 'show crypto ikev2 sa detailed', handler: ({ state }) => renderShowCryptoIkev2SaDetailed(state) },
  { form: 'show crypto ipsec sa', handler: ({ state }) => renderShowCryptoIpsecSa(state) },
  { form: 'show crypto ipsec sa detail', handler: ({ state }) => renderShowCryptoIpsecSa(state, true) },
  { form: 'show crypto ipsec sa count', handler: ({ state }) => renderShowCryptoIpsecSaCount(state) },
  { form: 'show crypto ipsec sa address', handler: ({ state }) => renderShowCryptoIpsecSaAddress(state) },
  {
    form: 'show crypto ipsec sa peer <address>',
    handler: ({ state }, [peer]) => (isIpv4(peer!) ? renderShowCryptoIpsecSa(state, false, peer) : undefined),
  },
  {
    form: 'show crypto ipsec sa peer <address> detail',
    handler: ({ state }, [peer]) => (isIpv4(peer!) ? renderShowCryptoIpsecSa(state, true, peer) : undefined),
  },
  { form: 'show crypto session', handler: ({ state }) => renderShowCryptoSession(state) },
  { form: 'show crypto session detail', handler: ({ state }) => renderShowCryptoSessionDetail(state) },
  {
    form: 'show crypto session remote <address>',
    handler: ({ state }, [peer]) => (isIpv4(peer!) ? renderShowCryptoSession(state, peer) : undefined),
  },
  {
    form: 'show crypto session remote <address> detail',
    handler: ({ state }, [peer]) => (isIpv4(peer!) ? renderShowCryptoSessionDetail(state, peer) : undefined),
  },
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
