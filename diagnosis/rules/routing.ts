// Overlay routing rules: what the IGP/BGP over the DMVPN must do in each phase (split horizon and next hop on the
// hub, tunnel bandwidth for EIGRP pacing, OSPF network type and DR election, BGP next hop), read from the configs.

import type { Evidence } from '../../model/finding.js';
import type {
  BgpProcess,
  ConfigInterface,
  EigrpInterfaceSettings,
  EigrpProcess,
  OspfProcess,
} from '../../model/records/config.js';
import type { EigrpNeighbor, InterfaceDetail, OspfNeighbor } from '../../model/records/system.js';
import type { DeviceView, Located, NetworkView } from '../view.js';
import { configLine, evidenceOf, findLine } from '../view.js';
import { oddSide } from './blame.js';
import { dmvpnTunnelConfigs } from './config.js';
import { spokeHubPairs } from './pairs.js';
import { candidate, type Candidate, type Rule } from './rule.js';

interface Phase {
  phase: 1 | 2 | 3;
  evidence: Evidence;
}

/** The DMVPN phase the configs show: redirect/shortcut = 3; spokes on mGRE = 2; spokes on point-to-point GRE = 1. */
export function cloudPhase(view: NetworkView): Phase | null {
  for (const device of view.devices) {
    for (const tunnel of dmvpnTunnelConfigs(device)) {
      const nhrp = tunnel.record.nhrp;
      if (nhrp?.redirect || nhrp?.shortcut) {
        return { phase: 3, evidence: configLine(tunnel, /nhrp (redirect|shortcut)/) ?? evidenceOf(tunnel) };
      }
    }
  }
  for (const spoke of view.devices.filter((device) => device.role === 'spoke')) {
    const tunnel = spoke
      .records<ConfigInterface>('config_interface')
      .find(({ record }) => record.nhrp && record.tunnel);
    if (!tunnel) continue;
    if (tunnel.record.tunnel!.mode?.includes('multipoint')) {
      return { phase: 2, evidence: configLine(tunnel, /tunnel mode gre multipoint/) ?? evidenceOf(tunnel) };
    }
    if (tunnel.record.tunnel!.destination) {
      return { phase: 1, evidence: configLine(tunnel, /tunnel destination/) ?? evidenceOf(tunnel) };
    }
  }
  return null;
}

function hubTunnels(view: NetworkView): { hub: DeviceView; tunnel: Located<ConfigInterface> }[] {
  return view.hubs.flatMap((hub) => dmvpnTunnelConfigs(hub).map((tunnel) => ({ hub, tunnel })));
}

/** The EIGRP settings of a tunnel: classic-mode interface lines, or the named-mode af-interface (or its default). */
function eigrpSettings(
  device: DeviceView,
  tunnel: ConfigInterface,
): { process: Located<EigrpProcess>; settings: EigrpInterfaceSettings[] } | undefined {
  const process = device.records<EigrpProcess>('config_router_eigrp')[0];
  if (!process || (tunnel.name && process.record.passiveInterfaces.includes(tunnel.name))) return undefined;
  const settings = process.record.namedMode
    ? process.record.afInterfaces.filter(
        (entry) => entry.interface === tunnel.name || entry.interface === 'default',
      )
    : tunnel.eigrp.filter((entry) => entry.asn === null || entry.asn === process.record.asn);
  return { process, settings };
}

function hubPair(view: NetworkView, hub: DeviceView): string[] {
  return spokeHubPairs(view)
    .filter((pair) => pair.hub === hub)
    .map((pair) => pair.spoke.name);
}

const eigrpHub: Rule = {
  name: 'routing/eigrp-hub',
  layer: 'routing',
  faults: ['eigrp-split-horizon-phase2', 'eigrp-next-hop-self-phase2'],
  run(view) {
    const phase = cloudPhase(view);
    if (!phase || phase.phase === 1) return [];
    const found: Candidate[] = [];
    for (const { hub, tunnel } of hubTunnels(view)) {
      const eigrp = eigrpSettings(hub, tunnel.record);
      if (!eigrp) continue;
      const asn = eigrp.process.record.asn ?? eigrp.process.record.process;
      const splitHorizonOff = eigrp.settings.some((entry) => entry.splitHorizon === false);
      const summarised = eigrp.settings.some((entry) => entry.summaries.length > 0);
      const name = tunnel.record.name ?? 'Tunnel0';
      const affected = hubPair(view, hub);
      if (!splitHorizonOff && !(phase.phase === 3 && summarised)) {
        found.push(
          candidate(
            {
              rule: 'eigrp-split-horizon-phase2',
              severity: 'major',
              layer: 'routing',
              device: hub.name,
              interface: name,
              title: `EIGRP split horizon is on for ${name} of ${hub.name}: spokes do not learn each other's LANs`,
              explanation:
                `Routes ${hub.name} learns from one spoke on ${name} are not advertised back out of ${name}, so the ` +
                `other spokes never get them: NHRP and crypto are up, but spoke-to-spoke traffic has no route ` +
                (phase.phase === 2
                  ? '(phase 2 needs every spoke LAN, with its own next hop).'
                  : '(phase 3 needs at least a summary or default from the hub to trigger the redirect).'),
              evidence: [evidenceOf(tunnel), evidenceOf(eigrp.process), phase.evidence],
              remediation:
                phase.phase === 2
                  ? `interface ${name}\n no ip split-horizon eigrp ${asn}`
                  : `interface ${name}\n no ip split-horizon eigrp ${asn}\n! or advertise a summary: ip summary-address eigrp ${asn} <spoke LAN summary>`,
              confidence: 'confirmed',
              affected,
              toConfirm: ["show ip route eigrp on a spoke (the other spokes' LANs are missing)"],
            },
            view,
          ),
        );
      }
      const nextHopSelfOff = eigrp.settings.some((entry) => entry.nextHopSelf === false);
      if (phase.phase === 2 && !nextHopSelfOff) {
        found.push(
          candidate(
            {
              rule: 'eigrp-next-hop-self-phase2',
              severity: 'major',
              layer: 'routing',
              device: hub.name,
              interface: name,
              title: `${hub.name} advertises the spokes' routes with itself as next hop on ${name} (phase 2)`,
              explanation:
                `With \`ip next-hop-self eigrp\` (the default) the spokes learn each other's LANs via the hub's tunnel ` +
                'address, so they never resolve each other and all spoke-to-spoke traffic transits the hub (no `D` ' +
                'spoke entries): phase 2 needs the original next hop.',
              evidence: [evidenceOf(tunnel), evidenceOf(eigrp.process), phase.evidence],
              remediation: `interface ${name}\n no ip next-hop-self eigrp ${asn}\n! or migrate to phase 3 (ip nhrp redirect on the hub, ip nhrp shortcut on the spokes)`,
              confidence: 'confirmed',
              affected,
              toConfirm: ['show ip route <other spoke LAN> on a spoke (via the hub tunnel address)'],
            },
            view,
          ),
        );
      }
    }
    return found;
  },
};

/** The tunnel's default bandwidth: EIGRP paces itself to half of it. */
const DEFAULT_TUNNEL_KBPS = 100;

const tunnelBandwidth: Rule = {
  name: 'routing/tunnel-bandwidth',
  layer: 'routing',
  faults: ['tunnel-bandwidth-eigrp-pacing'],
  run(view) {
    const found: Candidate[] = [];
    for (const hub of view.hubs) {
      if (
        hub.records<EigrpProcess>('config_router_eigrp').length === 0 &&
        hub.records<EigrpNeighbor>('eigrp_neighbor').length === 0
      )
        continue;
      const configs = dmvpnTunnelConfigs(hub);
      const shown = hub
        .records<InterfaceDetail>('interface')
        .filter(({ record }) => record.tunnel?.multipoint);
      const names = new Set([
        ...configs.map(({ record }) => record.name),
        ...shown.map(({ record }) => record.name),
      ]);
      for (const name of names) {
        const config = configs.find(({ record }) => record.name === name);
        const detail = shown.find(({ record }) => record.name === name);
        const configured = config?.record.bandwidthKbps ?? null;
        const bandwidth = detail?.record.bandwidthKbps ?? configured;
        const unset = config ? configured === null : bandwidth !== null && bandwidth <= DEFAULT_TUNNEL_KBPS;
        if (!unset) continue;
        const queued = hub
          .records<EigrpNeighbor>('eigrp_neighbor')
          .filter(({ record }) => record.interface.startsWith('Tu') && record.queueCount > 0);
        const retries = hub.logs.filter(
          ({ record }) =>
            record.detail?.type === 'eigrp_neighbor' && record.detail.reason === 'retry limit exceeded',
        );
        found.push(
          candidate(
            {
              rule: 'tunnel-bandwidth-eigrp-pacing',
              severity: queued.length > 0 || retries.length > 0 ? 'major' : 'minor',
              layer: 'routing',
              device: hub.name,
              interface: name,
              title: `${name} of ${hub.name} runs at the default ${bandwidth ?? DEFAULT_TUNNEL_KBPS} kbit/s: EIGRP paces its updates to half of it`,
              explanation:
                `A tunnel without \`bandwidth\` is ${DEFAULT_TUNNEL_KBPS} kbit/s to EIGRP, which limits itself to 50% of it: ` +
                'with many spokes the updates and queries queue up (Q Cnt), convergence is slow and adjacencies can ' +
                'drop with "retry limit exceeded".' +
                (queued.length > 0 ? ` ${queued.length} neighbours have packets queued now.` : ''),
              evidence: [
                detail && findLine(hub.name, detail.output, /\bBW \d+ Kbit/, detail.record.line),
                config && evidenceOf(config),
                queued[0] && evidenceOf(queued[0]),
                retries[0] && evidenceOf(retries[0]),
              ],
              remediation: `interface ${name}\n bandwidth 1000   ! the real WAN rate in kbit/s\n! or: ip bandwidth-percent eigrp <AS> <percent>`,
              confidence: config || detail ? 'confirmed' : 'probable',
              toConfirm:
                queued.length > 0 ? [] : ['show ip eigrp neighbors on the hub during a change (Q Cnt)'],
            },
            view,
          ),
        );
      }
    }
    return found;
  },
};

function ospfNetwork(tunnel: ConfigInterface): string {
  // A tunnel interface is point-to-point to OSPF unless told otherwise.
  return tunnel.ospf?.network ?? 'point-to-point';
}

/** OSPF hello classes: point-to-point and broadcast hello every 10 s; point-to-multipoint and NBMA every 30 s. */
function helloClass(network: string): number {
  return network === 'point-to-multipoint' || network === 'non-broadcast' ? 30 : 10;
}

function ospfTunnel(device: DeviceView): Located<ConfigInterface> | undefined {
  if (
    device.records<OspfProcess>('config_router_ospf').length === 0 &&
    !dmvpnTunnelConfigs(device).some(({ record }) => record.ospf?.processId)
  )
    return undefined;
  return dmvpnTunnelConfigs(device)[0];
}

function networkEvidence(tunnel: Located<ConfigInterface>): Evidence {
  return configLine(tunnel, /ip ospf network/) ?? evidenceOf(tunnel);
}

const ospfNetworkType: Rule = {
  name: 'routing/ospf-network-type',
  layer: 'routing',
  faults: ['ospf-network-type-mismatch', 'ospf-p2mp-in-phase2'],
  run(view) {
    const found: Candidate[] = [];
    const seen = new Set<string>();
    const agree = (a: DeviceView, b: DeviceView): boolean | null => {
      const [x, y] = [ospfTunnel(a), ospfTunnel(b)];
      return x && y ? ospfNetwork(x.record) === ospfNetwork(y.record) : null;
    };
    for (const pair of spokeHubPairs(view)) {
      if (!pair.hub) continue;
      const spokeTunnel = ospfTunnel(pair.spoke);
      const hubTunnel = ospfTunnel(pair.hub);
      if (!spokeTunnel || !hubTunnel) continue;
      const spokeType = ospfNetwork(spokeTunnel.record);
      const hubType = ospfNetwork(hubTunnel.record);
      if (spokeType === hubType) continue;
      const onHub = oddSide(pair.spoke, pair.hub, view.devices, agree) === 'hub';
      const device = onHub ? pair.hub : pair.spoke;
      if (seen.has(device.name)) continue;
      seen.add(device.name);
      const [odd, good] = onHub ? [hubType, spokeType] : [spokeType, hubType];
      const timers = helloClass(odd) !== helloClass(good);
      const dead = [pair.spoke, pair.hub].flatMap((end) =>
        end.logs.filter(
          ({ record }) =>
            record.detail?.type === 'ospf_adjacency' && /Dead timer/i.test(record.detail.reason ?? ''),
        ),
      );
      found.push(
        candidate(
          {
            rule: 'ospf-network-type-mismatch',
            severity: timers ? 'critical' : 'major',
            layer: 'routing',
            device: device.name,
            interface: (onHub ? hubTunnel : spokeTunnel).record.name,
            peer: onHub ? null : pair.hub.name,
            title: `OSPF network type of ${device.name} (${odd}) differs from ${onHub ? 'its spokes' : pair.hub.name} (${good})`,
            explanation:
              (timers
                ? `The hello/dead timers differ (${helloClass(odd)}/${helloClass(odd) * 4} s vs ${helloClass(good)}/${helloClass(good) * 4} s): the adjacency never forms or keeps dying on the dead timer, over a tunnel that is otherwise UP.`
                : 'The timers match, so the adjacency comes up, but the two ends describe the link differently in their LSAs: routes go missing or point the wrong way.') +
              (onHub ? ' Every spoke agrees with each other: the hub is the odd one.' : ''),
            evidence: [
              networkEvidence(onHub ? hubTunnel : spokeTunnel),
              networkEvidence(onHub ? spokeTunnel : hubTunnel),
              dead[0] && evidenceOf(dead[0]),
            ],
            remediation: `interface ${(onHub ? hubTunnel : spokeTunnel).record.name ?? 'Tunnel0'}\n ip ospf network ${good}   ! the same type on the hub and every spoke`,
            confidence: 'confirmed',
            affected: onHub ? [pair.spoke.name] : [],
          },
          view,
        ),
      );
    }
    const phase = cloudPhase(view);
    if (phase?.phase === 2) {
      for (const { hub, tunnel } of hubTunnels(view)) {
        if (!ospfTunnel(hub) || ospfNetwork(tunnel.record) !== 'point-to-multipoint' || seen.has(hub.name))
          continue;
        found.push(
          candidate(
            {
              rule: 'ospf-p2mp-in-phase2',
              severity: 'major',
              layer: 'routing',
              device: hub.name,
              interface: tunnel.record.name,
              title: `OSPF point-to-multipoint on ${hub.name} in a phase 2 cloud: spoke-to-spoke traffic stays on the hub`,
              explanation:
                'Point-to-multipoint rewrites the next hop of every spoke prefix to the hub, so in phase 2 the spokes ' +
                'never resolve each other: all spoke-to-spoke traffic transits the hub (no `D` spoke entries).',
              evidence: [networkEvidence(tunnel), phase.evidence],
              remediation: `interface ${tunnel.record.name ?? 'Tunnel0'}\n ip ospf network broadcast\n ip ospf priority 255   ! hub; spokes: ip ospf network broadcast + ip ospf priority 0\n! or migrate to phase 3 (ip nhrp redirect / shortcut)`,
              confidence: 'confirmed',
              affected: hubPair(view, hub),
            },
            view,
          ),
        );
      }
    }
    return found;
  },
};

const ospfSpokeDr: Rule = {
  name: 'routing/ospf-spoke-dr',
  layer: 'routing',
  faults: ['ospf-spoke-dr'],
  run(view) {
    const found: Candidate[] = [];
    for (const spoke of view.devices.filter((device) => device.role === 'spoke')) {
      const tunnel = ospfTunnel(spoke);
      if (!tunnel) continue;
      const network = ospfNetwork(tunnel.record);
      if (network !== 'broadcast' && network !== 'non-broadcast') continue;
      const priority = tunnel.record.ospf?.priority ?? 1;
      const electedRow = view.devices
        .flatMap((device) => device.records<OspfNeighbor>('ospf_neighbor'))
        .find(
          ({ record }) =>
            spoke.tunnelAddresses.has(record.address) && (record.role === 'DR' || record.role === 'BDR'),
        );
      if (priority === 0 && !electedRow) continue;
      found.push(
        candidate(
          {
            rule: 'ospf-spoke-dr',
            severity: 'major',
            layer: 'routing',
            device: spoke.name,
            interface: tunnel.record.name,
            title: electedRow
              ? `Spoke ${spoke.name} is elected OSPF ${electedRow.record.role} on the DMVPN`
              : `Spoke ${spoke.name} can be elected OSPF DR/BDR (priority ${priority} on a ${network} tunnel)`,
            explanation:
              'On a broadcast DMVPN only the hub reaches every spoke: a spoke elected DR/BDR cannot flood LSAs to the ' +
              'others, so adjacencies hang in 2WAY/EXSTART and routes go missing, typically after the hub reloads ' +
              '(OSPF does not preempt the DR).',
            evidence: [
              configLine(tunnel, /ip ospf priority/) ?? networkEvidence(tunnel),
              electedRow && evidenceOf(electedRow),
            ],
            remediation: `interface ${tunnel.record.name ?? 'Tunnel0'}\n ip ospf priority 0\n! then clear ip ospf process on the hub to re-elect it as DR`,
            confidence: 'confirmed',
            // A spoke on the wrong network type is one cause; its election follows from it.
            excludedBy: ['ospf-network-type-mismatch'],
          },
          view,
        ),
      );
    }
    return found;
  },
};

const bgpNextHop: Rule = {
  name: 'routing/bgp-next-hop',
  layer: 'routing',
  faults: ['bgp-next-hop-phase2'],
  run(view) {
    const phase = cloudPhase(view);
    if (phase?.phase !== 2) return [];
    const found: Candidate[] = [];
    for (const hub of view.hubs) {
      for (const bgp of hub.records<BgpProcess>('config_router_bgp')) {
        const rewriting = bgp.record.neighbors.filter(
          (neighbor) =>
            neighbor.nextHopSelf && (neighbor.remoteAs === null || neighbor.remoteAs === bgp.record.asn),
        );
        if (rewriting.length === 0) continue;
        const line = findLine(
          hub.name,
          bgp.output,
          new RegExp(`neighbor ${rewriting[0]!.neighbor.replace(/\./g, '\\.')} next-hop-self`),
          bgp.record.line,
        );
        found.push(
          candidate(
            {
              rule: 'bgp-next-hop-phase2',
              severity: 'major',
              layer: 'routing',
              device: hub.name,
              title: `${hub.name} reflects the spokes' routes with next-hop-self (phase 2)`,
              explanation:
                `\`neighbor ${rewriting[0]!.neighbor} next-hop-self\` makes every spoke prefix point at the hub, so in ` +
                'phase 2 the spokes never resolve each other and all spoke-to-spoke traffic transits the hub.',
              evidence: [line ?? evidenceOf(bgp), phase.evidence],
              remediation: `router bgp ${bgp.record.asn}\n no neighbor ${rewriting[0]!.neighbor} next-hop-self\n! or migrate to phase 3, where next-hop-self is fine`,
              confidence: 'confirmed',
              affected: hubPair(view, hub),
            },
            view,
          ),
        );
      }
    }
    return found;
  },
};

export const routingRules: readonly Rule[] = [
  eigrpHub,
  tunnelBandwidth,
  ospfNetworkType,
  ospfSpokeDr,
  bgpNextHop,
];
