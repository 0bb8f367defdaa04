// NHRP rules: registration rejected (authentication, wrong NHS, no NHS, no network-id), timers, multicast maps,
// phase 3 redirect/shortcut, resolution and rate limits; and the umbrella "registration failing" when the input
// cannot tell which of them it is.

import type { Evidence } from '../../model/finding.js';
import type { ConfigInterface, SecretFingerprint } from '../../model/records/config.js';
import type { DmvpnPeer } from '../../model/records/dmvpn.js';
import type { NhrpCacheEntry } from '../../model/records/nhrp-cache.js';
import type { NhrpTraffic } from '../../model/records/nhrp-server.js';
import type { NhrpErrorReport, SyslogEvent } from '../../model/records/syslog.js';
import type { DeviceView, Located } from '../view.js';
import { configLine, evidenceOf } from '../view.js';
import { dmvpnTunnelConfigs, hasConfig, runsMulticastIgp } from './config.js';
import { failing, hubName, spokeHubPairs, type SpokeHubPair } from './pairs.js';
import { candidate, type Candidate, type Rule } from './rule.js';

function nhrpErrors(device: DeviceView, code: number): Located<SyslogEvent & { detail: NhrpErrorReport }>[] {
  return device.logs.filter(
    (log): log is Located<SyslogEvent & { detail: NhrpErrorReport }> =>
      log.record.detail?.type === 'nhrp_error' && log.record.detail.reasonCode === code,
  );
}

/** Evidence of the spoke side of a pair: the dmvpn row, the NHS line, the first pending request. */
function spokeSide(pair: SpokeHubPair): (Evidence | undefined)[] {
  return [
    pair.row && evidenceOf(pair.row, pair.row.record.line),
    pair.nhs && evidenceOf(pair.nhs),
    pair.pending[0] && evidenceOf(pair.pending[0]),
  ];
}

function unknownHubRow(pair: SpokeHubPair): Located<DmvpnPeer> | undefined {
  return pair.hubRows.find(({ record }) => record.peerNbma === 'UNKNOWN' || record.attrs.includes('I'));
}

function sameSecret(a: SecretFingerprint | null, b: SecretFingerprint | null): boolean | null {
  if (!a && !b) return true;
  if (!a || !b) return false;
  // Type-6 secrets are encrypted with each router's own key: their fingerprints cannot be compared.
  if (a.encryption !== b.encryption || a.encryption === 6) return a.encryption === 6 ? null : false;
  return a.sha256 === b.sha256;
}

function hubTunnelConfig(pair: SpokeHubPair): Located<ConfigInterface> | undefined {
  if (!pair.hub) return undefined;
  const configs = dmvpnTunnelConfigs(pair.hub);
  return configs.find(({ record }) => record.ipv4.some((a) => a.address === pair.hubTunnel)) ?? configs[0];
}

const authMismatch: Rule = {
  name: 'nhrp/auth-mismatch',
  layer: 'nhrp',
  faults: ['nhrp-auth-mismatch'],
  run(view) {
    const found: Candidate[] = [];
    for (const pair of spokeHubPairs(view)) {
      if (!pair.hub) continue;
      const logs = nhrpErrors(pair.hub, 11).filter(({ record }) =>
        pair.spoke.tunnelAddresses.has(record.detail.peerTunnel ?? ''),
      );
      const spokeConfig = pair.config;
      const hubConfig = hubTunnelConfig(pair);
      const same =
        spokeConfig?.record.nhrp && hubConfig?.record.nhrp
          ? sameSecret(spokeConfig.record.nhrp.authentication, hubConfig.record.nhrp.authentication)
          : null;
      if (logs.length === 0 && same !== false) continue;
      const configEvidence =
        same === false
          ? [
              configLine(spokeConfig!, /nhrp authentication/) ?? evidenceOf(spokeConfig!),
              configLine(hubConfig!, /nhrp authentication/) ?? evidenceOf(hubConfig!),
            ]
          : [];
      found.push(
        candidate(
          {
            rule: 'nhrp-auth-mismatch',
            severity: 'critical',
            layer: 'nhrp',
            device: pair.spoke.name,
            interface: pair.interface,
            peer: hubName(pair),
            title: `NHRP authentication differs between ${pair.spoke.name} and ${hubName(pair)}`,
            explanation:
              `${hubName(pair)} rejects the registrations of ${pair.spoke.name} with NHRP error 11 (authentication ` +
              `failure): crypto is up, but the NHRP authentication strings differ, so the NHS never answers ` +
              `(NHS \`E\`) and the hub holds the spoke as \`UNKNOWN ... IX\`.` +
              (logs.length > 0 ? ` The hub logged the rejection ${logs.length} times.` : ''),
            evidence: [
              logs[0] && evidenceOf(logs[0]),
              ...configEvidence,
              ...spokeSide(pair),
              unknownHubRow(pair) && evidenceOf(unknownHubRow(pair)!),
            ],
            remediation: `interface ${pair.interface ?? 'Tunnel0'}\n ip nhrp authentication <the cloud's key>   ! same string (max 8 characters, case-sensitive) on every router`,
            confidence: 'confirmed',
            toConfirm:
              same === null
                ? ['show running-config interface Tunnel on both ends (compare `ip nhrp authentication`)']
                : [],
          },
          view,
        ),
      );
    }
    return found;
  },
};

const wrongNhs: Rule = {
  name: 'nhrp/wrong-nhs',
  layer: 'nhrp',
  faults: ['nhs-wrong-tunnel-ip', 'nhs-wrong-nbma'],
  run(view) {
    const found: Candidate[] = [];
    for (const pair of spokeHubPairs(view)) {
      const byNbma = view.owner(pair.hubNbma);
      const byTunnel = view.owner(pair.hubTunnel);
      const evidence = [...spokeSide(pair), pair.config && configLine(pair.config, /nhrp (nhs|map) /)];
      if (
        byNbma &&
        byNbma.role === 'hub' &&
        byNbma !== byTunnel &&
        byNbma.tunnelAddresses.size > 0 &&
        pair.hubTunnel &&
        !byNbma.tunnelAddresses.has(pair.hubTunnel)
      ) {
        const code7 = nhrpErrors(byNbma, 7).filter(
          ({ record }) =>
            pair.spoke.addresses.has(record.detail.peerTunnel ?? '') &&
            /Registration/i.test(record.detail.packetType),
        );
        const owned = [...byNbma.tunnelAddresses].join(', ');
        found.push(
          candidate(
            {
              rule: 'nhs-wrong-tunnel-ip',
              severity: 'critical',
              layer: 'nhrp',
              device: pair.spoke.name,
              interface: pair.interface,
              peer: byNbma.name,
              title: `${pair.spoke.name} registers to NHS ${pair.hubTunnel}, which ${byNbma.name} does not own`,
              explanation:
                `The NHS of ${pair.spoke.name} is ${pair.hubTunnel} at NBMA ${pair.hubNbma}, but ${byNbma.name} (that NBMA) ` +
                `owns tunnel address ${owned}: the hub rejects the registration (protocol generic error 7) and the NHS stays \`E\`.`,
              evidence: [
                code7[0] && evidenceOf(code7[0]),
                ...evidence,
                unknownHubRow(pair) && evidenceOf(unknownHubRow(pair)!),
              ],
              remediation: `interface ${pair.interface ?? 'Tunnel0'}\n no ip nhrp nhs ${pair.hubTunnel}\n ip nhrp nhs ${[...byNbma.tunnelAddresses][0]} nbma ${pair.hubNbma} multicast`,
              confidence: 'confirmed',
            },
            view,
          ),
        );
        continue;
      }
      if (
        byTunnel &&
        byTunnel.role === 'hub' &&
        byTunnel !== byNbma &&
        byTunnel.nbmaAddresses.size > 0 &&
        pair.hubNbma &&
        !byTunnel.nbmaAddresses.has(pair.hubNbma)
      ) {
        const real = [...byTunnel.nbmaAddresses][0]!;
        found.push(
          candidate(
            {
              rule: 'nhs-wrong-nbma',
              severity: 'critical',
              layer: 'nhrp',
              device: pair.spoke.name,
              interface: pair.interface,
              peer: byTunnel.name,
              title: `${pair.spoke.name} sends IKE and NHRP for NHS ${pair.hubTunnel} to ${pair.hubNbma}, not to ${byTunnel.name} (${real})`,
              explanation:
                `The NBMA address configured for NHS ${pair.hubTunnel} is ${pair.hubNbma}, but ${byTunnel.name} ` +
                `owns ${pair.hubTunnel} at ${real}: IKE goes to an address that never answers, the hub row stays ` +
                `\`${pair.state ?? 'IKE'}\` and the NHS \`E\`.`,
              evidence: [...evidence, pair.spokeIke[0] && evidenceOf(pair.spokeIke[0])],
              remediation: `interface ${pair.interface ?? 'Tunnel0'}\n no ip nhrp nhs ${pair.hubTunnel}\n ip nhrp nhs ${pair.hubTunnel} nbma ${real} multicast`,
              confidence: 'confirmed',
            },
            view,
          ),
        );
      }
    }
    return found;
  },
};

const staticMapOnly: Rule = {
  name: 'nhrp/static-map-only',
  layer: 'nhrp',
  faults: ['nhs-missing-static-map-only'],
  run(view) {
    const found: Candidate[] = [];
    for (const spoke of view.devices.filter((device) => device.role !== 'hub')) {
      const configs = dmvpnTunnelConfigs(spoke).filter(
        ({ record }) => record.nhrp && record.nhrp.nhs.length === 0 && record.nhrp.maps.length > 0,
      );
      const staticRows = spoke
        .records<DmvpnPeer>('dmvpn_peer')
        .filter(({ record }) => record.attrs.includes('S') && record.state !== 'UP');
      const noNhs = spoke.collected('show ip nhrp nhs') && spoke.records('nhrp_nhs').length === 0;
      if (configs.length === 0 && !(noNhs && staticRows.length > 0 && !hasConfig(spoke))) continue;
      const config = configs[0];
      const hubLogs = view.hubs.flatMap((hub) =>
        nhrpErrors(hub, 7).filter(
          ({ record }) =>
            spoke.addresses.has(record.detail.peerTunnel ?? '') &&
            /Resolution/i.test(record.detail.packetType),
        ),
      );
      const map = config?.record.nhrp?.maps[0];
      found.push(
        candidate(
          {
            rule: 'nhs-missing-static-map-only',
            severity: 'critical',
            layer: 'nhrp',
            device: spoke.name,
            interface: config?.record.name ?? staticRows[0]?.record.interface ?? null,
            peer: map?.tunnel ?? staticRows[0]?.record.peerTunnel ?? null,
            title: `${spoke.name} has a static NHRP map to its hub but no \`ip nhrp nhs\`: it never registers`,
            explanation:
              `Without an NHS the spoke never sends a Registration Request, so the hub never learns its NBMA address: ` +
              `the static row stays \`NHRP never\`, \`show ip nhrp nhs\` is empty and the hub answers its resolution ` +
              `requests with protocol generic error (7).`,
            evidence: [
              config && (configLine(config, /nhrp map /) ?? evidenceOf(config)),
              staticRows[0] && evidenceOf(staticRows[0]),
              hubLogs[0] && evidenceOf(hubLogs[0]),
            ],
            remediation: `interface ${config?.record.name ?? 'Tunnel0'}\n ip nhrp nhs ${map?.tunnel ?? '<hub-tunnel-ip>'} nbma ${map?.nbma ?? '<hub-nbma>'} multicast`,
            confidence: config ? 'confirmed' : 'probable',
            toConfirm: config ? [] : ['show running-config interface Tunnel (no `ip nhrp nhs` line)'],
          },
          view,
        ),
      );
    }
    return found;
  },
};

const networkIdMissing: Rule = {
  name: 'nhrp/network-id-missing',
  layer: 'nhrp',
  faults: ['nhrp-network-id-missing'],
  run(view) {
    const found: Candidate[] = [];
    for (const device of view.devices) {
      const logs = device.logs.filter(({ record }) => record.detail?.type === 'nhrp_netid_unconfigured');
      const configs = dmvpnTunnelConfigs(device).filter(
        ({ record }) => record.nhrp && record.nhrp.networkId === null && !record.shutdown,
      );
      // A network-id that came back after the log line is fine: the config has the last word when present.
      const configured = dmvpnTunnelConfigs(device).some(({ record }) => record.nhrp?.networkId !== null);
      if (configs.length === 0 && (logs.length === 0 || configured)) continue;
      const config = configs[0];
      const iface =
        config?.record.name ??
        (logs[0]?.record.detail as { interface?: string } | undefined)?.interface ??
        null;
      const affected =
        device.role === 'hub'
          ? spokeHubPairs(view)
              .filter((pair) => pair.hub === device)
              .map((pair) => pair.spoke.name)
          : [];
      found.push(
        candidate(
          {
            rule: 'nhrp-network-id-missing',
            severity: 'critical',
            layer: 'nhrp',
            device: device.name,
            interface: iface,
            title: `NHRP is off on ${device.name} ${iface ?? ''}: \`ip nhrp network-id\` is missing`.replace(
              '  ',
              ' ',
            ),
            explanation:
              `Without \`ip nhrp network-id\` the tunnel runs no NHRP: ` +
              (device.role === 'hub'
                ? "the hub decrypts the spokes' registrations and drops them, shows no DMVPN peers, and every spoke waits in NHRP with NHS `E`."
                : 'the spoke never registers and shows no DMVPN peers.') +
              ' (A different network-id value on each router is normal: only a missing one is a fault.)',
            evidence: [logs[0] && evidenceOf(logs[0]), config && evidenceOf(config)],
            remediation: `interface ${iface ?? 'Tunnel0'}\n ip nhrp network-id <n>`,
            confidence: 'confirmed',
            affected,
          },
          view,
        ),
      );
    }
    return found;
  },
};

const holdtime: Rule = {
  name: 'nhrp/holdtime',
  layer: 'nhrp',
  faults: ['nhrp-holdtime-registration-timer'],
  run(view) {
    const found: Candidate[] = [];
    for (const device of view.devices) {
      for (const config of dmvpnTunnelConfigs(device)) {
        const nhrp = config.record.nhrp;
        if (!nhrp || nhrp.holdtimeSeconds === null || nhrp.registrationTimeoutSeconds === null) continue;
        if (nhrp.registrationTimeoutSeconds < nhrp.holdtimeSeconds) continue;
        const churn = view.hubs.flatMap((hub) =>
          hub.logs.filter(
            ({ record }) =>
              record.detail?.type === 'nhrp_peer' &&
              record.detail.role === 'nhc' &&
              !record.detail.up &&
              device.addresses.has(record.detail.peerTunnel ?? ''),
          ),
        );
        found.push(
          candidate(
            {
              rule: 'nhrp-holdtime-registration-timer',
              severity: 'major',
              layer: 'nhrp',
              device: device.name,
              interface: config.record.name,
              title: `${device.name} registers every ${nhrp.registrationTimeoutSeconds} s but its entries live only ${nhrp.holdtimeSeconds} s`,
              explanation:
                `The registration timeout (${nhrp.registrationTimeoutSeconds} s) is not shorter than the holdtime ` +
                `(${nhrp.holdtimeSeconds} s): the hub's entry expires before each refresh, so the tunnel drops and ` +
                `comes back periodically` +
                (churn.length > 0 ? ` (the hub logged ${churn.length} NHC DOWN for it).` : '.'),
              evidence: [
                configLine(config, /nhrp registration timeout/),
                configLine(config, /nhrp holdtime/),
                churn[0] && evidenceOf(churn[0]),
              ],
              remediation: `interface ${config.record.name}\n ip nhrp holdtime 600\n no ip nhrp registration timeout   ! default: a third of the holdtime`,
              confidence: 'confirmed',
            },
            view,
          ),
        );
      }
    }
    return found;
  },
};

const multicastMaps: Rule = {
  name: 'nhrp/multicast-maps',
  layer: 'nhrp',
  faults: ['hub-missing-map-multicast-dynamic', 'spoke-missing-multicast-map'],
  run(view) {
    const found: Candidate[] = [];
    for (const device of view.devices) {
      if (!runsMulticastIgp(device)) continue;
      for (const config of dmvpnTunnelConfigs(device)) {
        const nhrp = config.record.nhrp;
        if (!nhrp || config.record.shutdown) continue;
        if (device.role === 'hub' && !nhrp.multicastDynamic) {
          const retries = device.logs.filter(
            ({ record }) =>
              record.detail?.type === 'eigrp_neighbor' && /retry limit/i.test(record.detail.reason ?? ''),
          );
          found.push(
            candidate(
              {
                rule: 'hub-missing-map-multicast-dynamic',
                severity: 'major',
                layer: 'nhrp',
                device: device.name,
                interface: config.record.name,
                title: `Hub ${device.name} does not replicate multicast to its spokes (no \`ip nhrp map multicast dynamic\`)`,
                explanation:
                  'The hub sends its routing hellos to no registered spoke: NHRP and crypto are UP but adjacencies ' +
                  'fail one way (EIGRP `retry limit exceeded`, OSPF stuck in INIT on the spokes).',
                evidence: [
                  evidenceOf(config),
                  configLine(config, /nhrp network-id/),
                  retries[0] && evidenceOf(retries[0]),
                ],
                remediation: `interface ${config.record.name}\n ip nhrp map multicast dynamic`,
                confidence: 'confirmed',
                toConfirm: [
                  'show ip nhrp multicast on the hub',
                  'show ip eigrp neighbors / show ip ospf neighbor on a spoke',
                ],
              },
              view,
            ),
          );
        }
        if (
          device.role !== 'hub' &&
          nhrp.nhs.length > 0 &&
          !nhrp.nhs.some((nhs) => nhs.multicast) &&
          nhrp.multicastNbma.length === 0
        ) {
          found.push(
            candidate(
              {
                rule: 'spoke-missing-multicast-map',
                severity: 'major',
                layer: 'nhrp',
                device: device.name,
                interface: config.record.name,
                title: `${device.name} sends no multicast to its hubs: no routing adjacency over ${config.record.name}`,
                explanation:
                  'The spoke has neither `multicast` on its `ip nhrp nhs` lines nor an `ip nhrp map multicast`: its ' +
                  'IGP hellos never reach the hub, so NHRP is UP but no adjacency forms.',
                evidence: [configLine(config, /nhrp nhs /) ?? evidenceOf(config)],
                remediation: `interface ${config.record.name}\n ip nhrp nhs ${nhrp.nhs[0]!.server}${nhrp.nhs[0]!.nbma ? ` nbma ${nhrp.nhs[0]!.nbma}` : ''} multicast`,
                confidence: 'confirmed',
              },
              view,
            ),
          );
        }
      }
    }
    return found;
  },
};

const phase3: Rule = {
  name: 'nhrp/phase3',
  layer: 'nhrp',
  faults: ['phase3-missing-redirect', 'phase3-missing-shortcut'],
  run(view) {
    const found: Candidate[] = [];
    const hubConfigs = view.hubs.flatMap((hub) => dmvpnTunnelConfigs(hub).map((config) => ({ hub, config })));
    const spokeConfigs = view.spokes.flatMap((spoke) =>
      dmvpnTunnelConfigs(spoke).map((config) => ({ spoke, config })),
    );
    const spokesWithShortcut = spokeConfigs.filter(({ config }) => config.record.nhrp?.shortcut);
    const hubsWithRedirect = hubConfigs.filter(({ config }) => config.record.nhrp?.redirect);
    // Phase 3 is the design when any router of the cloud has one half of it.
    for (const { hub, config } of hubConfigs) {
      if (config.record.nhrp?.redirect || spokesWithShortcut.length === 0) continue;
      found.push(
        candidate(
          {
            rule: 'phase3-missing-redirect',
            severity: 'major',
            layer: 'nhrp',
            device: hub.name,
            interface: config.record.name,
            title: `Phase 3 hub ${hub.name} sends no redirects (no \`ip nhrp redirect\`)`,
            explanation:
              `The spokes have \`ip nhrp shortcut\` (${spokesWithShortcut.map(({ spoke }) => spoke.name).join(', ')}) ` +
              'but the hub sends no Traffic Indication: spoke-to-spoke traffic keeps transiting the hub.',
            evidence: [
              evidenceOf(config),
              configLine(spokesWithShortcut[0]!.config, /nhrp shortcut/),
              trafficIndication(hub, 'sent'),
            ],
            remediation: `interface ${config.record.name}\n ip nhrp redirect`,
            confidence: 'confirmed',
            affected: spokesWithShortcut.map(({ spoke }) => spoke.name),
          },
          view,
        ),
      );
    }
    if (hubsWithRedirect.length === 0) return found;
    for (const { spoke, config } of spokeConfigs) {
      if (config.record.nhrp?.shortcut) continue;
      found.push(
        candidate(
          {
            rule: 'phase3-missing-shortcut',
            severity: 'major',
            layer: 'nhrp',
            device: spoke.name,
            interface: config.record.name,
            title: `${spoke.name} installs no NHRP shortcuts (no \`ip nhrp shortcut\`)`,
            explanation:
              `The hub redirects (\`ip nhrp redirect\` on ${hubsWithRedirect[0]!.hub.name}) but this spoke installs no ` +
              'shortcut route: its spoke-to-spoke traffic keeps going through the hub.',
            evidence: [
              evidenceOf(config),
              configLine(hubsWithRedirect[0]!.config, /nhrp redirect/),
              trafficIndication(spoke, 'rcvd'),
            ],
            remediation: `interface ${config.record.name}\n ip nhrp shortcut`,
            confidence: 'confirmed',
          },
          view,
        ),
      );
    }
    return found;
  },
};

function trafficIndication(device: DeviceView, direction: 'sent' | 'rcvd'): Evidence | undefined {
  const traffic = device.records<NhrpTraffic>('nhrp_traffic')[0];
  if (!traffic) return undefined;
  const lines = traffic.output.raw.split(/\r?\n|\r/);
  const header = lines.findIndex(
    (line, i) =>
      i >= traffic.record.line - 1 &&
      new RegExp(direction === 'sent' ? '^\\s*Sent:' : '^\\s*Rcvd:').test(line),
  );
  if (header < 0) return evidenceOf(traffic);
  const at = lines.findIndex((line, i) => i > header && /Traffic Indication/.test(line));
  return evidenceOf(traffic, at < 0 ? header + 1 : at + 1);
}

const resolution: Rule = {
  name: 'nhrp/resolution',
  layer: 'nhrp',
  faults: ['nhrp-resolution-failing'],
  run(view) {
    const found: Candidate[] = [];
    for (const spoke of view.devices.filter((device) => device.role === 'spoke')) {
      const stuck = spoke
        .records<DmvpnPeer>('dmvpn_peer')
        .filter(
          ({ record }) =>
            !record.attrs.includes('S') &&
            record.state !== 'UP' &&
            view.owner(record.peerNbma)?.role !== 'hub',
        );
      const negative = spoke
        .records<NhrpCacheEntry>('nhrp_cache')
        .filter(({ record }) => record.flags.includes('negative') || record.type === 'incomplete');
      if (stuck.length === 0) continue;
      found.push(
        candidate(
          {
            rule: 'nhrp-resolution-failing',
            severity: 'major',
            layer: 'nhrp',
            device: spoke.name,
            interface: stuck[0]!.record.interface,
            peer: stuck[0]!.record.peerNbma,
            title: `${spoke.name}: spoke-to-spoke tunnels never come up (${stuck.length} stuck in ${[...new Set(stuck.map(({ record }) => record.state))].join('/')})`,
            explanation:
              'Resolution goes through the hub, but the direct tunnel to the other spoke stays in ' +
              `${stuck[0]!.record.state}: the spokes cannot reach each other over the underlay (edge ACLs admitting ` +
              'only the hubs, a PSK keyed to the hub only, both spokes behind PAT). Traffic keeps transiting the hub.',
            evidence: [
              ...stuck.slice(0, 3).map((row) => evidenceOf(row)),
              negative[0] && evidenceOf(negative[0]),
            ],
            remediation:
              '! on each spoke edge: permit UDP 500/4500 and ESP from the other spokes\n' +
              'crypto isakmp key <k> address 0.0.0.0 0.0.0.0   ! or a wildcard keyring / certificates',
            confidence: 'probable',
            toConfirm: ['show crypto isakmp sa on both spokes', 'show ip access-lists on the spoke edges'],
          },
          view,
        ),
      );
    }
    return found;
  },
};

const rateLimited: Rule = {
  name: 'nhrp/rate-limited',
  layer: 'nhrp',
  faults: ['nhrp-rate-limited'],
  run(view) {
    const found: Candidate[] = [];
    for (const device of view.devices) {
      for (const traffic of device.records<NhrpTraffic>('nhrp_traffic')) {
        const usage = traffic.record.usagePercent;
        if (usage === null || usage < 80) continue;
        found.push(
          candidate(
            {
              rule: 'nhrp-rate-limited',
              severity: usage >= 95 ? 'critical' : 'major',
              layer: 'nhrp',
              device: device.name,
              interface: traffic.record.interface,
              title: `NHRP on ${device.name} ${traffic.record.interface ?? ''} at ${usage}% of its max-send limit`,
              explanation:
                `NHRP packets beyond ${traffic.record.maxSendPackets ?? '?'} per ${traffic.record.maxSendIntervalSeconds ?? '?'} s ` +
                'are held back: registrations and resolutions are delayed, spokes come up in waves.',
              evidence: [evidenceOf(traffic)],
              remediation: `interface ${traffic.record.interface ?? 'Tunnel0'}\n ip nhrp max-send <packets> every <seconds>   ! sized to the spokes' registration rate`,
              confidence: 'confirmed',
            },
            view,
          ),
        );
      }
    }
    return found;
  },
};

/** What the input lacks to tell the causes of a failing registration apart. */
function missingForRegistration(pair: SpokeHubPair): { toConfirm: string[]; notChecked: string[] } {
  const notChecked: string[] = [];
  const toConfirm: string[] = [];
  if (!pair.hub) {
    notChecked.push(`the hub side (${hubName(pair)}) was not captured`);
    toConfirm.push(
      `show logging | include DMVPN|NHRP|CRYPTO on ${hubName(pair)} (error 11 = authentication, 7 = wrong NHS, NETID = network-id)`,
    );
    toConfirm.push(
      `show crypto ipsec sa peer ${pair.spoke.nbmaAddresses.values().next().value ?? '<spoke-nbma>'} on ${hubName(pair)} (decaps 0 = ESP lost, decaps rising = dropped after decryption)`,
    );
  } else {
    if (!pair.hub.collected('show logging')) toConfirm.push(`show logging on ${pair.hub.name}`);
    if (!pair.hub.collected('show crypto ipsec sa'))
      toConfirm.push(`show crypto ipsec sa on ${pair.hub.name}`);
    if (!hasConfig(pair.hub) && !pair.hub.collected('show interfaces'))
      toConfirm.push(`show interfaces ${'Tunnel'} on ${pair.hub.name} (tunnel key)`);
  }
  if (!hasConfig(pair.spoke))
    notChecked.push(
      'running-configs not in the input: NHRP authentication, network-id, tunnel key not compared',
    );
  toConfirm.push(
    'two polls a minute apart: hub decaps flat = ESP blocked; hub decaps rising with encaps 0 = tunnel key / network-id',
  );
  return { toConfirm, notChecked };
}

const registrationFailing: Rule = {
  name: 'nhrp/registration-failing',
  layer: 'nhrp',
  faults: ['nhrp-registration-failing'],
  run(view) {
    const found: Candidate[] = [];
    for (const pair of spokeHubPairs(view)) {
      if (!failing(pair)) continue;
      const nhsDown = pair.spoke.logs.filter(
        ({ record }) =>
          record.detail?.type === 'nhrp_peer' &&
          record.detail.role === 'nhs' &&
          !record.detail.up &&
          record.detail.peerTunnel === pair.hubTunnel,
      );
      const { toConfirm, notChecked } = missingForRegistration(pair);
      const state = pair.state ?? (pair.nhs?.record.flags || '?');
      found.push(
        candidate(
          {
            rule: 'nhrp-registration-failing',
            severity: 'critical',
            layer: 'nhrp',
            device: pair.spoke.name,
            interface: pair.interface,
            peer: hubName(pair),
            title: `${pair.spoke.name} is not registered with ${hubName(pair)} (${state}${pair.nhs ? `, NHS ${pair.nhs.record.flags || 'no flags'}` : ''})`,
            explanation:
              `The NHS ${pair.hubTunnel ?? ''} does not answer ${pair.spoke.name}'s registrations. The input does not show ` +
              'why: the usual causes are ESP blocked, a tunnel key or NHRP authentication mismatch, a missing ' +
              'network-id or a wrong NHS address on one end, or an IKE/IPsec failure below.',
            evidence: [
              ...spokeSide(pair),
              nhsDown[nhsDown.length - 1] && evidenceOf(nhsDown[nhsDown.length - 1]!),
            ],
            remediation: 'Resolve the cause first (see what to check); the registration recovers by itself.',
            confidence: 'possible',
            toConfirm,
            notChecked,
            umbrella: true,
          },
          view,
        ),
      );
    }
    return found;
  },
};

/** What the hub's NHRP error logs name when the spoke itself is not in the input. */
const REJECTIONS: { code: number; packet: RegExp; rule: string; why: string; fix: string }[] = [
  {
    code: 11,
    packet: /Registration/i,
    rule: 'nhrp-auth-mismatch',
    why: 'authentication failure (11): the NHRP authentication strings differ',
    fix: "interface Tunnel0\n ip nhrp authentication <the cloud's key>   ! on the spoke, same as the hub",
  },
  {
    code: 7,
    packet: /Registration/i,
    rule: 'nhs-wrong-tunnel-ip',
    why: 'protocol generic error (7) on its Registration Requests: they are addressed to a tunnel address the hub does not own',
    fix: 'interface Tunnel0\n ip nhrp nhs <hub-tunnel-ip> nbma <hub-nbma> multicast   ! on the spoke',
  },
  {
    code: 7,
    packet: /Resolution/i,
    rule: 'nhs-missing-static-map-only',
    why: 'protocol generic error (7) on its Resolution Requests: the spoke never registered (static map, no NHS)',
    fix: 'interface Tunnel0\n ip nhrp nhs <hub-tunnel-ip> nbma <hub-nbma> multicast   ! on the spoke',
  },
];

const hubOnlyRejections: Rule = {
  name: 'nhrp/hub-rejections',
  layer: 'nhrp',
  faults: ['nhrp-auth-mismatch', 'nhs-wrong-tunnel-ip', 'nhs-missing-static-map-only'],
  run(view) {
    const found: Candidate[] = [];
    for (const hub of view.devices) {
      for (const rejection of REJECTIONS) {
        const bySpoke = new Map<string, Located<SyslogEvent & { detail: NhrpErrorReport }>[]>();
        for (const log of nhrpErrors(hub, rejection.code)) {
          const spoke = log.record.detail.peerTunnel;
          if (!spoke || view.owner(spoke) || !rejection.packet.test(log.record.detail.packetType)) continue;
          bySpoke.set(spoke, [...(bySpoke.get(spoke) ?? []), log]);
        }
        for (const [spoke, logs] of bySpoke) {
          const row = hub
            .records<DmvpnPeer>('dmvpn_peer')
            .find(({ record }) => record.peerTunnel === spoke || record.extraTunnelAddresses.includes(spoke));
          found.push(
            candidate(
              {
                rule: rejection.rule,
                severity: 'critical',
                layer: 'nhrp',
                device: spoke,
                interface: logs[0]!.record.detail.interface,
                peer: hub.name,
                title: `${hub.name} rejects the spoke at tunnel address ${spoke}: ${rejection.why.split(':')[0]}`,
                explanation: `${hub.name} logged ${logs.length} NHRP error(s) for ${spoke}, ${rejection.why}.`,
                evidence: [evidenceOf(logs[0]!), row && evidenceOf(row)],
                remediation: rejection.fix,
                confidence: 'probable',
                notChecked: [`the spoke at ${spoke} was not captured`],
                toConfirm: [
                  `show running-config interface Tunnel on the spoke at ${spoke} (ip nhrp authentication / nhs lines)`,
                ],
              },
              view,
            ),
          );
        }
      }
    }
    return found;
  },
};

export const nhrpRules: readonly Rule[] = [
  hubOnlyRejections,
  authMismatch,
  wrongNhs,
  staticMapOnly,
  networkIdMissing,
  holdtime,
  multicastMaps,
  phase3,
  resolution,
  rateLimited,
  registrationFailing,
];
