// Underlay rules: the tunnel source, routes to the NBMA peers (recursion, VRF), protocols dropped on the way (IKE,
// ESP, plain GRE), NAT, and a spoke whose public address changed under a `unique` registration.

import type { Evidence } from '../../model/finding.js';
import type { ConfigInterface, EigrpProcess, OspfProcess, BgpProcess } from '../../model/records/config.js';
import type { DmvpnPeer } from '../../model/records/dmvpn.js';
import type { IpsecSa } from '../../model/records/ipsec.js';
import type { SyslogEvent } from '../../model/records/syslog.js';
import type { InterfaceBrief, InterfaceDetail } from '../../model/records/system.js';
import type { DeviceView, Located, NetworkView } from '../view.js';
import { configLine, evidenceOf, findLine } from '../view.js';
import { configInterface, dmvpnTunnelConfigs } from './config.js';
import {
  failing,
  hubCounterDeltas,
  hubName,
  ikeStuck,
  ikeUp,
  spokeHubPairs,
  type SpokeHubPair,
} from './pairs.js';
import { candidate, type Candidate, type Rule } from './rule.js';
import { protectionOf } from './tunnel.js';

/** Causes that leave a spoke in IKE exactly like an unreachable NBMA; a finding of one of them explains it better. */
const IKE_STUCK_CAUSES = [
  'tunnel-mode-mismatch',
  'tunnel-protection-one-side',
  'tunnel-admin-down',
  'tunnel-source-down',
  'fvrf-misconfig',
  'nhs-wrong-nbma',
  'ike-udp-blocked',
  'isakmp-policy-mismatch',
  'psk-mismatch',
  'ike-no-psk-for-peer',
  'ikev2-negotiation-failure',
  'hub-ike-cac-or-cpu',
  'recursive-routing',
];

/** Causes that leave a spoke in NHRP with crypto up, each shown by its own evidence. */
const NHRP_STUCK_CAUSES = [
  'tunnel-key-mismatch',
  'nhrp-network-id-missing',
  'nhrp-auth-mismatch',
  'nhs-wrong-tunnel-ip',
  'nhs-missing-static-map-only',
  'duplicate-tunnel-ip',
  'nbma-change-unique-flag',
  'tunnel-protection-one-side',
  'if-state-nhrp-down',
  'crypto-map-vs-tunnel-protection',
  // Phase-2 faults leave both IKE ends up and the ESP counters flat, as a blocked ESP path does.
  'transform-set-mismatch',
  'ipsec-mode-mismatch',
  'pfs-mismatch',
  'sa-rekey-failure',
  'invalid-spi-desync',
  'stale-sa',
];

function stateChange(log: Located<SyslogEvent>, name: string): boolean {
  const detail = log.record.detail;
  return detail?.type === 'interface_state' && detail.interface === name && detail.state !== 'up';
}

const sourceDown: Rule = {
  name: 'underlay/tunnel-source-down',
  layer: 'underlay',
  faults: ['tunnel-source-down'],
  run(view) {
    const found: Candidate[] = [];
    for (const device of view.devices) {
      for (const tunnel of device.records<InterfaceDetail>('interface')) {
        const detail = tunnel.record.tunnel;
        if (!detail || !tunnel.record.adminUp || tunnel.record.operUp) continue;
        const sourceName =
          detail.sourceInterface ??
          dmvpnTunnelConfigs(device).find(({ record }) => record.name === tunnel.record.name)?.record.tunnel
            ?.source ??
          null;
        const source = device
          .records<InterfaceDetail>('interface')
          .find(({ record }) => record.name === sourceName);
        const brief = device
          .records<InterfaceBrief>('interface_brief')
          .find(({ record }) => record.name === sourceName);
        const config = configInterface(device, sourceName);
        const sourceIsDown =
          (source && !source.record.operUp) ||
          (brief && !brief.record.operUp) ||
          config?.record.shutdown === true;
        const noRoute = /no output interface/i.test(detail.linestateReason ?? '');
        if (!sourceIsDown && !noRoute) continue;
        const logs = device.logs.filter((log) => sourceName !== null && stateChange(log, sourceName));
        found.push(
          candidate(
            {
              rule: 'tunnel-source-down',
              severity: 'critical',
              layer: 'underlay',
              device: device.name,
              interface: tunnel.record.name,
              title:
                `${tunnel.record.name} on ${device.name} is down: its source ${sourceName ?? ''} is ${sourceIsDown ? 'down' : 'unusable'}`.replace(
                  '  ',
                  ' ',
                ),
              explanation:
                `The tunnel's line protocol is down (\`${detail.linestateReason ?? 'down'}\`) because its source interface ` +
                `${sourceName ?? ''} ${config?.record.shutdown ? 'is shut' : sourceIsDown ? 'is down' : 'has no usable route or address'}: ` +
                'every DMVPN peer of the router shows INTF or is gone, and the hubs lose it.',
              evidence: [
                evidenceOf(tunnel),
                source && evidenceOf(source),
                brief && evidenceOf(brief),
                config?.record.shutdown ? configLine(config, /^\s*shutdown/) : undefined,
                logs[0] && evidenceOf(logs[0]),
              ],
              remediation: config?.record.shutdown
                ? `interface ${sourceName}\n no shutdown`
                : `! restore the WAN link / its address (DHCP, PPPoE) on ${sourceName ?? 'the tunnel source'}, or point the tunnel at the right one:\ninterface ${tunnel.record.name}\n tunnel source <wan-interface>`,
              confidence: sourceIsDown ? 'confirmed' : 'probable',
              affected:
                device.role === 'hub'
                  ? spokeHubPairs(view)
                      .filter((pair) => pair.hub === device)
                      .map((pair) => pair.spoke.name)
                  : [],
            },
            view,
          ),
        );
      }
    }
    return found;
  },
};

/** `network 203.0.113.0` without a wildcard covers the classful network. */
function classfulWildcard(network: string): string {
  const first = Number(network.split('.')[0]);
  return first < 128 ? '0.255.255.255' : first < 192 ? '0.0.255.255' : '0.0.0.255';
}

/** The device whose routing config advertises the subnet of its own tunnel source into the overlay. */
function advertisesOwnWan(device: DeviceView): AdvertisedWan | undefined {
  const wanAddresses = [...device.nbmaAddresses];
  const covers = (network: string, wildcard: string | null) =>
    wanAddresses.some((address) => {
      const a = address.split('.').map(Number);
      const n = network.split('.').map(Number);
      const w = (wildcard ?? classfulWildcard(network)).split('.').map(Number);
      return a.every((octet, i) => (octet & ~w[i]! & 255) === (n[i]! & ~w[i]! & 255));
    });
  for (const process of device.records<EigrpProcess>('config_router_eigrp')) {
    const hit = process.record.networks.find((network) => covers(network.address, network.wildcard));
    if (hit) return configLineAfter(process, new RegExp(`network ${hit.address.replace(/\./g, '\\.')}`));
  }
  for (const process of device.records<OspfProcess>('config_router_ospf')) {
    const hit = process.record.networks.find((network) => covers(network.address, network.wildcard));
    if (hit) return configLineAfter(process, new RegExp(`network ${hit.address.replace(/\./g, '\\.')}`));
  }
  for (const process of device.records<BgpProcess>('config_router_bgp')) {
    const hit = process.record.networks.find((network) =>
      covers(network.prefix, network.mask ? wildcardOf(network.mask) : null),
    );
    if (hit) return configLineAfter(process, new RegExp(`network ${hit.prefix.replace(/\./g, '\\.')}`));
  }
  return undefined;
}

function wildcardOf(mask: string): string {
  return mask
    .split('.')
    .map((octet) => 255 - Number(octet))
    .join('.');
}

interface AdvertisedWan {
  /** The `network` line. */
  line: Evidence;
  /** The `router ...` line of its block. */
  process: string;
}

function configLineAfter(located: Located<{ line: number }>, pattern: RegExp): AdvertisedWan {
  const line = configLine(located as unknown as Located<ConfigInterface>, pattern) ?? evidenceOf(located);
  return { line, process: evidenceOf(located).text };
}

const recursive: Rule = {
  name: 'underlay/recursive-routing',
  layer: 'underlay',
  faults: ['recursive-routing'],
  run(view) {
    const hit = (log: Located<SyslogEvent>) =>
      log.record.detail?.type === 'tunnel_recursive_routing' || /looped chain/.test(log.record.message);
    const victims = view.devices
      .map((device) => ({
        device,
        logs: device.logs.filter(hit),
        down: device
          .records<InterfaceDetail>('interface')
          .filter(({ record }) => /recursive/i.test(record.tunnel?.linestateReason ?? '')),
      }))
      .filter(({ logs, down }) => logs.length > 0 || down.length > 0);
    if (victims.length === 0) return [];
    const source = view.devices
      .map((device) => ({ device, advertised: advertisesOwnWan(device) }))
      .find(({ advertised }) => advertised);
    const culprit = source?.device ?? victims[0]!.device;
    const evidence = [
      source?.advertised?.line,
      ...victims.flatMap(({ logs, down }) => [
        logs[0] && evidenceOf(logs[0]),
        down[0] && evidenceOf(down[0]),
      ]),
    ];
    return [
      candidate(
        {
          rule: 'recursive-routing',
          severity: 'critical',
          layer: 'underlay',
          device: culprit.name,
          title: source
            ? `${culprit.name} advertises its own WAN subnet over the tunnel: recursive routing on ${victims.map(({ device }) => device.name).join(', ')}`
            : `Recursive routing: the route to the NBMA peer goes through the tunnel on ${victims.map(({ device }) => device.name).join(', ')}`,
          explanation:
            'The tunnel destination (an NBMA address) is learned over the tunnel itself, so IOS disables the tunnel ' +
            '(`%TUN-5-RECURDOWN`) until the route ages out, then it comes back and breaks again: tunnels, NHS and ' +
            'adjacencies flap periodically.',
          evidence,
          remediation:
            '! keep the transport prefixes out of the overlay routing:\n' +
            (source ? `${source.advertised!.process}\n no ${source.advertised!.line.text}\n` : '') +
            '! and/or pin the underlay: ip route <nbma-peer> 255.255.255.255 <isp-gw>, or a front-door VRF (tunnel vrf INET)',
          confidence: source ? 'confirmed' : 'probable',
          affected: victims.map(({ device }) => device.name).filter((name) => name !== culprit.name),
        },
        view,
      ),
    ];
  },
};

const unreachable: Rule = {
  name: 'underlay/nbma-unreachable',
  layer: 'underlay',
  faults: ['nbma-underlay-unreachable'],
  run(view) {
    const stuck = spokeHubPairs(view).filter((pair) => {
      if (!failing(pair)) return false;
      if (protectionOf(pair.spoke)?.value === null) return false;
      const spokeIke =
        pair.spokeIke.length > 0 ? ikeStuck(pair.spokeIke) !== undefined : pair.state === 'IKE';
      // The hub answering IKE at all (an SA row for the spoke) proves the underlay carries it.
      return spokeIke && (!pair.hub || pair.hubIke.length === 0);
    });
    const found: Candidate[] = [];
    const byHub = new Map<DeviceView, SpokeHubPair[]>();
    for (const pair of stuck) if (pair.hub) byHub.set(pair.hub, [...(byHub.get(pair.hub) ?? []), pair]);
    const hubWide = new Set<SpokeHubPair>();
    for (const [hub, pairs] of byHub) {
      const all = spokeHubPairs(view).filter((pair) => pair.hub === hub);
      const hubDown = hub.records('ike_sa').length === 0 && hub.collected('show crypto');
      if (pairs.length < 2 || pairs.length < all.length || !hubDown) continue;
      pairs.forEach((pair) => hubWide.add(pair));
      found.push(
        candidate(
          {
            rule: 'nbma-underlay-unreachable',
            severity: 'critical',
            layer: 'underlay',
            device: hub.name,
            title: `Hub ${hub.name} is unreachable over the underlay: ${pairs.length} spokes cut off`,
            explanation:
              `Every spoke of ${hub.name} in the input is stuck before IKE phase 1 and the hub has no IKE SA at all: ` +
              'one cause at the hub (its WAN link, its edge ACL or the ISP), not one fault per spoke.',
            evidence: pairs.flatMap((pair) => [
              pair.row && evidenceOf(pair.row),
              pair.spokeIke[0] && evidenceOf(pair.spokeIke[0]),
              downLog(pair.hubLogs) && evidenceOf(downLog(pair.hubLogs)!),
            ]),
            remediation: `! on ${hub.name}: check the WAN link and default route (show ip route ${[...hub.nbmaAddresses][0] ?? ''}), the edge ACL (UDP 500/4500, ESP)`,
            confidence: 'probable',
            affected: pairs.map((pair) => pair.spoke.name),
            toConfirm: [
              `ping ${[...hub.nbmaAddresses][0] ?? '<hub-nbma>'} source <wan> from a spoke`,
              `show ip interface brief on ${hub.name}`,
            ],
            excludedBy: IKE_STUCK_CAUSES,
          },
          view,
        ),
      );
    }
    for (const pair of stuck) {
      if (hubWide.has(pair)) continue;
      const sa = ikeStuck(pair.spokeIke);
      found.push(
        candidate(
          {
            rule: 'nbma-underlay-unreachable',
            severity: 'critical',
            layer: 'underlay',
            device: pair.spoke.name,
            interface: pair.interface,
            peer: hubName(pair),
            title: `${pair.spoke.name} gets no IKE answer from ${hubName(pair)} (${pair.hubNbma ?? 'NBMA'}): underlay unreachable`,
            explanation:
              `${pair.spoke.name} retransmits IKE (${sa?.record.state ?? pair.state ?? 'IKE'}) towards ${pair.hubNbma ?? 'the hub'} ` +
              (pair.hub
                ? `and ${pair.hub.name} has no IKE SA from it`
                : 'and the hub side was not captured') +
              ': the packets do not arrive. An ISP/WAN outage, a missing route to the hub, a broken return path, or ' +
              'UDP 500/4500 filtered on the way (the same signature) are the causes to check.',
            evidence: [
              pair.row && evidenceOf(pair.row),
              sa && evidenceOf(sa),
              pair.nhs && evidenceOf(pair.nhs),
            ],
            remediation: `! on ${pair.spoke.name}: ping ${pair.hubNbma ?? '<hub-nbma>'} source <wan>; show ip route ${pair.hubNbma ?? '<hub-nbma>'} (must not point to a Tunnel)\nip route 0.0.0.0 0.0.0.0 <isp-gateway>\n! and permit UDP 500, UDP 4500 and ESP to/from ${pair.hubNbma ?? 'the hub'} on the edge ACLs`,
            confidence: pair.hub ? 'probable' : 'possible',
            toConfirm: [
              `ping ${pair.hubNbma ?? '<hub-nbma>'} source <wan> on ${pair.spoke.name}`,
              'show ip access-lists on the edges (UDP 500 hit counters)',
              ...(pair.hub
                ? []
                : [`show crypto isakmp sa on ${hubName(pair)} (an SA from the spoke = reachable)`]),
            ],
            notChecked: pair.hub ? [] : [`the hub side (${hubName(pair)}) was not captured`],
            excludedBy: IKE_STUCK_CAUSES,
          },
          view,
        ),
      );
    }
    return found;
  },
};

/** The last log line that reports the peer going down. */
function downLog(logs: Located<SyslogEvent>[]): Located<SyslogEvent> | undefined {
  return logs
    .filter(({ record }) => {
      const detail = record.detail;
      return (detail?.type === 'nhrp_peer' || detail?.type === 'crypto_socket') && !detail.up;
    })
    .pop();
}

/** `%SEC-6-IPACCESSLOGP: list X denied udp A(p) -> B(500), 1 packet` and the protocol-50 variant. */
function aclDenied(device: DeviceView, pattern: RegExp): Located<SyslogEvent>[] {
  return device.logs.filter(
    ({ record }) => record.mnemonic?.startsWith('IPACCESSLOG') && pattern.test(record.message),
  );
}

const ikeBlocked: Rule = {
  name: 'underlay/ike-blocked',
  layer: 'underlay',
  faults: ['ike-udp-blocked'],
  run(view) {
    const found: Candidate[] = [];
    for (const device of view.devices) {
      const denied = aclDenied(device, /denied udp .*\((500|4500)\)/);
      if (denied.length === 0) continue;
      found.push(
        candidate(
          {
            rule: 'ike-udp-blocked',
            severity: 'critical',
            layer: 'underlay',
            device: device.name,
            title: `An ACL on ${device.name} drops IKE (UDP 500/4500)`,
            explanation:
              'IKE never completes because the edge ACL denies it: the spoke retransmits in MM_NO_STATE / IN-NEG and the hub sees nothing.',
            evidence: [evidenceOf(denied[0]!)],
            remediation:
              'ip access-list extended <edge-acl>\n <seq> permit udp any host <nbma> eq isakmp\n <seq> permit udp any host <nbma> eq non500-isakmp\n <seq> permit esp any host <nbma>   ! before any deny',
            confidence: 'confirmed',
          },
          view,
        ),
      );
    }
    return found;
  },
};

const cryptoUpNhrpSilent: Rule = {
  name: 'underlay/esp-or-gre-blocked',
  layer: 'underlay',
  faults: ['esp-blocked', 'gre-blocked-unencrypted', 'tunnel-key-mismatch'],
  run(view) {
    const found: Candidate[] = [];
    for (const pair of spokeHubPairs(view)) {
      if (!failing(pair) || !pair.hub) continue;
      if (pair.hubRows.some(({ record }) => record.state === 'UP')) continue;
      if (
        pair.hubLogs.some(
          ({ record }) => record.detail?.type === 'nhrp_error' || record.detail?.type === 'packet_not_ipsec',
        )
      )
        continue;
      const spokeProtection = protectionOf(pair.spoke)?.value;
      const hubProtection = protectionOf(pair.hub)?.value;
      const plain = spokeProtection === null && (hubProtection === null || hubProtection === undefined);
      if (plain) {
        if (pair.state !== null && pair.state !== 'NHRP') continue;
        found.push(
          candidate(
            {
              rule: 'gre-blocked-unencrypted',
              severity: 'critical',
              layer: 'underlay',
              device: pair.spoke.name,
              interface: pair.interface,
              peer: pair.hub.name,
              title: `GRE from ${pair.spoke.name} does not reach ${pair.hub.name} (cloud without tunnel protection)`,
              explanation:
                'The cloud runs plain mGRE: the spoke sends its registrations as GRE (IP 47) and the hub never ' +
                'sees them (no entry, no log), so a filter on the way drops GRE.',
              evidence: [
                pair.row && evidenceOf(pair.row),
                pair.nhs && evidenceOf(pair.nhs),
                protectionOf(pair.spoke)?.evidence,
                ...aclDenied(pair.hub, /denied (47|gre)/)
                  .slice(0, 1)
                  .map((log) => evidenceOf(log)),
              ],
              remediation: `ip access-list extended <edge-acl>\n <seq> permit gre host ${[...pair.spoke.nbmaAddresses][0] ?? '<spoke-nbma>'} host ${pair.hubNbma ?? '<hub-nbma>'}\n! or protect the tunnels: tunnel protection ipsec profile <profile>`,
              confidence: 'probable',
              toConfirm: ['show ip access-lists on both edges (GRE hit counters)'],
              excludedBy: NHRP_STUCK_CAUSES,
            },
            view,
          ),
        );
        continue;
      }
      if (!ikeUp(pair.spokeIke) || !ikeUp(pair.hubIke)) continue;
      const denied = aclDenied(pair.hub, /denied (50|esp)\b/);
      const hubSa = pair.hubIpsec;
      const deltas = hubCounterDeltas(pair);
      if (deltas && deltas.decaps > 0) {
        found.push(silentDrop(view, pair, deltas));
        continue;
      }
      found.push(
        candidate(
          {
            rule: 'esp-blocked',
            severity: 'critical',
            layer: 'underlay',
            device: pair.spoke.name,
            interface: pair.interface,
            peer: pair.hub.name,
            title: `ESP from ${pair.spoke.name} does not reach ${pair.hub.name}: IKE up, NHRP silent`,
            explanation:
              `IKE is up on both ends (QM_IDLE/READY) but ${pair.hub.name} has no DMVPN entry for ${pair.spoke.name} ` +
              'and logs no NHRP error, while tunnel keys, NHRP authentication and network-id show no difference: ' +
              'the registrations (ESP, IP 50) are lost on the way, typically an edge ACL that permits UDP 500 but not ESP.',
            evidence: [
              pair.row && evidenceOf(pair.row),
              pair.nhs && evidenceOf(pair.nhs),
              pair.hubIke[0] && evidenceOf(pair.hubIke[0]),
              hubSa &&
                (findLine(hubSa.device, hubSa.output, /#pkts decaps/, hubSa.record.line) ??
                  evidenceOf(hubSa)),
              denied[0] && evidenceOf(denied[0]),
            ],
            remediation: `ip access-list extended <edge-acl>\n <seq> permit esp host ${[...pair.spoke.nbmaAddresses][0] ?? '<spoke-nbma>'} host ${pair.hubNbma ?? '<hub-nbma>'}   ! before any deny (ip access-list resequence if needed)`,
            confidence: denied.length > 0 || deltas !== null ? 'confirmed' : 'probable',
            toConfirm:
              deltas !== null
                ? []
                : [
                    `show crypto ipsec sa peer ${[...pair.spoke.nbmaAddresses][0] ?? '<spoke-nbma>'} on ${pair.hub.name} twice a minute apart (decaps must stay flat)`,
                    'show ip access-lists on the edges (protocol 50)',
                  ],
            notChecked: [
              ...(pair.hub.collected('show running-config') || pair.hub.collected('show interfaces')
                ? []
                : ['the tunnel key of the hub (no show interfaces / running-config)']),
            ],
            excludedBy: NHRP_STUCK_CAUSES,
          },
          view,
        ),
      );
    }
    return found;
  },
};

/**
 * The hub decrypts the spoke's packets (decaps rising between two polls) but answers nothing and logs nothing:
 * the GRE is dropped after decryption, which a tunnel key mismatch does silently (a missing network-id logs NETID).
 */
function silentDrop(
  view: NetworkView,
  pair: SpokeHubPair,
  deltas: { encaps: number; decaps: number },
): Candidate {
  const hub = pair.hub!;
  return candidate(
    {
      rule: 'tunnel-key-mismatch',
      severity: 'critical',
      layer: 'tunnel',
      device: pair.spoke.name,
      interface: pair.interface,
      peer: hub.name,
      title: `${hub.name} decrypts ${pair.spoke.name}'s packets and drops them silently: tunnel key mismatch`,
      explanation:
        `Between two polls ${hub.name}'s decaps from ${pair.spoke.name} rose by ${deltas.decaps} while its encaps ` +
        `rose by ${deltas.encaps}, with no DMVPN entry and no NHRP log: the GRE is discarded after decryption, ` +
        'the signature of a tunnel key that differs (a missing network-id would log NHRP_NETID_UNCONFIGURED).',
      evidence: [
        pair.hubIpsec && evidenceOf(pair.hubIpsec),
        pair.row && evidenceOf(pair.row),
        pair.nhs && evidenceOf(pair.nhs),
      ],
      remediation: `interface ${pair.interface ?? 'Tunnel0'}\n tunnel key <the cloud's key>   ! the same on every router (or none anywhere)`,
      confidence: 'probable',
      toConfirm: [
        `show interfaces ${pair.interface ?? 'Tunnel0'} | include Key on ${pair.spoke.name} and ${hub.name}`,
      ],
    },
    view,
  );
}

const fvrf: Rule = {
  name: 'underlay/fvrf',
  layer: 'underlay',
  faults: ['fvrf-misconfig'],
  run(view) {
    const found: Candidate[] = [];
    for (const device of view.devices) {
      for (const tunnel of dmvpnTunnelConfigs(device)) {
        const source = configInterface(device, tunnel.record.tunnel?.source ?? null);
        if (!source) continue;
        const tunnelVrf = tunnel.record.tunnel?.vrf ?? null;
        const wanVrf = source.record.vrf;
        if (tunnelVrf === wanVrf) continue;
        found.push(
          candidate(
            {
              rule: 'fvrf-misconfig',
              severity: 'critical',
              layer: 'underlay',
              device: device.name,
              interface: tunnel.record.name,
              title: `${tunnel.record.name} on ${device.name} looks for its peers in ${tunnelVrf ? `VRF ${tunnelVrf}` : 'the global table'}, its source ${source.record.name} is in ${wanVrf ? `VRF ${wanVrf}` : 'the global table'}`,
              explanation:
                'The front-door VRF of the tunnel (`tunnel vrf`) must be the VRF of its source interface: otherwise ' +
                'IKE and GRE to the NBMA peers are routed in the wrong table and never arrive.',
              evidence: [
                configLine(tunnel, /tunnel vrf/) ?? configLine(tunnel, /tunnel source/) ?? evidenceOf(tunnel),
                configLine(source, /vrf forwarding/) ?? evidenceOf(source),
              ],
              remediation: `interface ${tunnel.record.name}\n ${wanVrf ? `tunnel vrf ${wanVrf}` : `no tunnel vrf ${tunnelVrf}`}`,
              confidence: 'confirmed',
              affected:
                device.role === 'hub'
                  ? spokeHubPairs(view)
                      .filter((pair) => pair.hub === device)
                      .map((pair) => pair.spoke.name)
                  : [],
            },
            view,
          ),
        );
      }
    }
    return found;
  },
};

const nat: Rule = {
  name: 'underlay/nat',
  layer: 'underlay',
  faults: ['spoke-behind-nat'],
  run(view) {
    const found: Candidate[] = [];
    for (const device of view.devices.filter((entry) => entry.role !== 'hub')) {
      const natRows = device
        .records<DmvpnPeer>('dmvpn_peer')
        .filter(({ record }) => record.attrs.includes('N'));
      const natSas = device.records<IpsecSa>('ipsec_sa').filter(({ record }) => record.remotePort === 4500);
      const hubRows = view.hubs.flatMap((hub) =>
        hub
          .records<DmvpnPeer>('dmvpn_peer')
          .filter(
            ({ record }) => record.attrs.includes('N') && device.tunnelAddresses.has(record.peerTunnel),
          ),
      );
      if (natSas.length === 0 && hubRows.length === 0 && natRows.length === 0) continue;
      const tunnelMode = natSas.find(({ record }) =>
        [...record.inbound, ...record.outbound].some((sa) => sa.mode === 'tunnel'),
      );
      found.push(
        candidate(
          {
            rule: 'spoke-behind-nat',
            severity: tunnelMode ? 'major' : 'info',
            layer: 'underlay',
            device: device.name,
            title: tunnelMode
              ? `${device.name} is behind NAT with IPsec tunnel mode`
              : `${device.name} is behind NAT (NAT-T, UDP 4500)`,
            explanation: tunnelMode
              ? 'Behind NAT, DMVPN needs transport-mode IPsec: in tunnel mode spoke-to-spoke tunnels through the NAT fail.'
              : 'Not a fault by itself: IKE floated to UDP 4500. Two spokes behind the same PAT cannot build a direct tunnel; keep NAT keepalives on.',
            evidence: [
              hubRows[0] && evidenceOf(hubRows[0]),
              natSas[0] && evidenceOf(natSas[0]),
              natRows[0] && evidenceOf(natRows[0]),
            ],
            remediation: tunnelMode
              ? 'crypto ipsec transform-set <ts> ...\n mode transport'
              : 'crypto isakmp nat keepalive 20',
            confidence: 'confirmed',
          },
          view,
        ),
      );
    }
    return found;
  },
};

const nbmaChange: Rule = {
  name: 'underlay/nbma-change',
  layer: 'underlay',
  faults: ['nbma-change-unique-flag'],
  run(view) {
    const found: Candidate[] = [];
    for (const hub of view.devices) {
      const byTunnel = new Map<string, Located<SyslogEvent>[]>();
      for (const log of hub.logs) {
        const detail = log.record.detail;
        if (detail?.type !== 'nhrp_peer' || detail.role !== 'nhc' || !detail.peerTunnel || !detail.peerNbma)
          continue;
        byTunnel.set(detail.peerTunnel, [...(byTunnel.get(detail.peerTunnel) ?? []), log]);
      }
      for (const [tunnel, logs] of byTunnel) {
        const nbmas = [...new Set(logs.map((log) => (log.record.detail as { peerNbma: string }).peerNbma))];
        if (nbmas.length < 2) continue;
        const spoke = view.owner(tunnel);
        // Two routers behind one tunnel address is a duplicate, not a moved spoke.
        const owners = nbmas.map((nbma) => view.owner(nbma)).filter((owner) => owner !== undefined);
        if (new Set(owners).size > 1) continue;
        const pair = spokeHubPairs(view).find((entry) => entry.spoke === spoke && entry.hub === hub);
        const stillFailing = pair ? failing(pair) : false;
        const config = spoke ? dmvpnTunnelConfigs(spoke)[0] : undefined;
        if (config?.record.nhrp?.registrationNoUnique) continue;
        const last = logs[logs.length - 1]!;
        found.push(
          candidate(
            {
              rule: 'nbma-change-unique-flag',
              severity: stillFailing ? 'critical' : 'minor',
              layer: 'underlay',
              device: spoke?.name ?? tunnel,
              peer: hub.name,
              title: `The NBMA address of ${spoke?.name ?? tunnel} changed (${nbmas.join(' -> ')}); ${hub.name} held the old \`unique\` entry`,
              explanation:
                "A spoke whose public address changes cannot register again until the hub's unique entry for its " +
                'tunnel address expires: registrations are refused (NHS `E`) for up to a holdtime.' +
                (stillFailing
                  ? ''
                  : ' The spoke has re-registered since; it will happen again at the next address change.'),
              evidence: [evidenceOf(logs[0]!), evidenceOf(last), pair?.nhs && evidenceOf(pair.nhs)],
              remediation: `interface ${config?.record.name ?? 'Tunnel0'}\n ip nhrp registration no-unique\n! immediate relief on ${hub.name}: clear ip nhrp ${tunnel}`,
              confidence: 'probable',
            },
            view,
          ),
        );
      }
    }
    return found;
  },
};

export const underlayRules: readonly Rule[] = [
  sourceDown,
  recursive,
  unreachable,
  ikeBlocked,
  cryptoUpNhrpSilent,
  fvrf,
  nat,
  nbmaChange,
];
