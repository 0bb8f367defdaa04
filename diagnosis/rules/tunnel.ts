// Tunnel interface rules: shut, held down by `if-state nhrp`, wrong mode, key or protection differing between the
// ends, a crypto map beside tunnel protection, and two routers with one tunnel address.

import type { Evidence } from '../../model/finding.js';
import type { ConfigInterface } from '../../model/records/config.js';
import type { DmvpnTunnel } from '../../model/records/dmvpn.js';
import type { IpsecSa } from '../../model/records/ipsec.js';
import type { InterfaceBrief, InterfaceDetail } from '../../model/records/system.js';
import type { DeviceView, Located, NetworkView } from '../view.js';
import { configLine, evidenceOf, findLine, linesOf } from '../view.js';
import { dmvpnTunnelConfigs, tunnelConfigs } from './config.js';
import { failing, spokeHubPairs, type SpokeHubPair } from './pairs.js';
import { candidate, type Candidate, type Rule } from './rule.js';

function tunnelInterfaces(device: DeviceView): Located<InterfaceDetail>[] {
  return device.records<InterfaceDetail>('interface').filter(({ record }) => record.tunnel !== null);
}

/** The line of a `show interfaces` block that matches, searched within the interface's own block. */
function interfaceLine(located: Located<InterfaceDetail>, pattern: RegExp): Evidence | undefined {
  const lines = linesOf(located.output);
  let end = lines.length + 1;
  for (let i = located.record.line; i < lines.length; i++) {
    if (/^\S/.test(lines[i]!)) {
      end = i + 1;
      break;
    }
  }
  return findLine(located.device, located.output, pattern, located.record.line, end);
}

function spokesOf(view: NetworkView, hub: DeviceView): string[] {
  return [
    ...new Set(
      spokeHubPairs(view)
        .filter((pair) => pair.hub === hub)
        .map((pair) => pair.spoke.name),
    ),
  ];
}

const adminDown: Rule = {
  name: 'tunnel/admin-down',
  layer: 'tunnel',
  faults: ['tunnel-admin-down'],
  run(view) {
    const found: Candidate[] = [];
    for (const device of view.devices) {
      const shown = tunnelInterfaces(device).filter(({ record }) => !record.adminUp);
      const brief = device
        .records<InterfaceBrief>('interface_brief')
        .filter(({ record }) => /^tu/i.test(record.name) && !record.adminUp);
      const configured = dmvpnTunnelConfigs(device).filter(({ record }) => record.shutdown);
      const names = new Set([
        ...shown.map(({ record }) => record.name),
        ...brief.map(({ record }) => record.name),
        ...configured.map(({ record }) => record.name!),
      ]);
      for (const name of names) {
        const affected = device.role === 'hub' ? spokesOf(view, device) : [];
        found.push(
          candidate(
            {
              rule: 'tunnel-admin-down',
              severity: 'critical',
              layer: 'tunnel',
              device: device.name,
              interface: name,
              title: `${name} on ${device.name} is administratively down`,
              explanation: `${name} is shut: ${device.name} has no DMVPN tunnel on it, and its peers lose it (NHS \`E\`, the hub's entry expires).`,
              evidence: [
                ...shown.filter(({ record }) => record.name === name).map((entry) => evidenceOf(entry)),
                ...brief.filter(({ record }) => record.name === name).map((entry) => evidenceOf(entry)),
                ...configured
                  .filter(({ record }) => record.name === name)
                  .map((entry) => configLine(entry, /^\s*shutdown/) ?? evidenceOf(entry)),
                device.logs
                  .filter(
                    ({ record }) =>
                      record.detail?.type === 'interface_state' &&
                      record.detail.interface === name &&
                      /administratively/.test(record.detail.state),
                  )
                  .map((entry) => evidenceOf(entry))[0],
              ],
              remediation: `interface ${name}\n no shutdown`,
              confidence: 'confirmed',
              affected,
            },
            view,
          ),
        );
      }
    }
    return found;
  },
};

const ifStateNhrp: Rule = {
  name: 'tunnel/if-state-nhrp',
  layer: 'tunnel',
  faults: ['if-state-nhrp-down'],
  run(view) {
    const found: Candidate[] = [];
    for (const device of view.devices) {
      const shown = tunnelInterfaces(device).filter(
        ({ record }) =>
          record.adminUp && !record.operUp && /nhrp/i.test(record.tunnel?.linestateReason ?? ''),
      );
      const detail = device
        .records<DmvpnTunnel>('dmvpn_tunnel')
        .filter(({ record }) => record.adminUp && !record.lineUp && record.interfaceStateControl === true);
      const names = new Set([
        ...shown.map(({ record }) => record.name),
        ...detail.map(({ record }) => record.interface),
      ]);
      for (const name of names) {
        const config = dmvpnTunnelConfigs(device).find(({ record }) => record.name === name);
        found.push(
          candidate(
            {
              rule: 'if-state-nhrp-down',
              severity: 'critical',
              layer: 'tunnel',
              device: device.name,
              interface: name,
              title: `${name} on ${device.name} is held down by \`if-state nhrp\`: no NHS answers`,
              explanation:
                `\`if-state nhrp\` takes the tunnel's line protocol down when every NHS stops answering. The line ` +
                'protocol is a consequence: the cause is the failing registration (see the NHRP finding for this ' +
                'router), and the tunnel comes back up as soon as one NHS answers.',
              evidence: [
                ...shown
                  .filter(({ record }) => record.name === name)
                  .flatMap((entry) => [evidenceOf(entry), interfaceLine(entry, /linestate evaluation/)]),
                ...detail.filter(({ record }) => record.interface === name).map((entry) => evidenceOf(entry)),
                config && configLine(config, /if-state nhrp/),
              ],
              remediation:
                'Fix the NHS registration failure; keep `if-state nhrp` only where a backup path depends on it.',
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

const modeMismatch: Rule = {
  name: 'tunnel/mode-mismatch',
  layer: 'tunnel',
  faults: ['tunnel-mode-mismatch'],
  run(view) {
    const found: Candidate[] = [];
    const nhsOwners = new Set(
      spokeHubPairs(view)
        .map((pair) => pair.hub)
        .filter((hub) => hub !== undefined),
    );
    for (const device of view.devices) {
      const isHub = device.role === 'hub' || nhsOwners.has(device);
      if (!isHub) continue;
      const shown = tunnelInterfaces(device).filter(
        ({ record }) =>
          record.tunnel!.multipoint === false ||
          /no IPv4 tunnel destination/i.test(record.tunnel!.linestateReason ?? ''),
      );
      const configured = tunnelConfigs(device).filter(
        ({ record }) => record.nhrp !== null && !(record.tunnel!.mode ?? 'gre ip').includes('multipoint'),
      );
      const names = new Set([
        ...shown.map(({ record }) => record.name),
        ...configured.map(({ record }) => record.name!),
      ]);
      for (const name of names) {
        const affected = spokesOf(view, device);
        found.push(
          candidate(
            {
              rule: 'tunnel-mode-mismatch',
              severity: 'critical',
              layer: 'tunnel',
              device: device.name,
              interface: name,
              title: `Hub ${device.name} ${name} is point-to-point GRE, not multipoint`,
              explanation:
                'A DMVPN hub needs `tunnel mode gre multipoint`: in point-to-point mode without a destination the ' +
                'tunnel stays down, the hub runs no IKE for the spokes, and every spoke stays in IKE / MM_NO_STATE' +
                (affected.length > 0 ? ` (${affected.join(', ')}).` : '.'),
              evidence: [
                ...shown
                  .filter(({ record }) => record.name === name)
                  .flatMap((entry) => [
                    interfaceLine(entry, /Tunnel protocol\/transport/),
                    interfaceLine(entry, /linestate evaluation/),
                  ]),
                ...configured
                  .filter(({ record }) => record.name === name)
                  .map((entry) => configLine(entry, /tunnel (mode|destination)/) ?? evidenceOf(entry)),
              ],
              remediation: `interface ${name}\n no tunnel destination\n tunnel mode gre multipoint\n shutdown\n no shutdown`,
              confidence: 'confirmed',
              affected,
            },
            view,
          ),
        );
      }
    }
    return found;
  },
};

interface TunnelSetting<T> {
  value: T;
  evidence: Evidence | undefined;
}

/** The GRE key of a device's DMVPN tunnel: `show interfaces` first, the running-config second. */
function keyOf(device: DeviceView, tunnelAddress: string | null): TunnelSetting<number | null> | undefined {
  for (const entry of tunnelInterfaces(device)) {
    if (tunnelAddress && entry.record.ipAddress && entry.record.ipAddress !== tunnelAddress) continue;
    if (entry.record.tunnel?.protocol === null) continue;
    return { value: entry.record.tunnel!.key, evidence: interfaceLine(entry, /\bKey\b/) };
  }
  for (const entry of dmvpnTunnelConfigs(device)) {
    if (
      tunnelAddress &&
      !entry.record.ipv4.some((a) => a.address === tunnelAddress) &&
      entry.record.ipv4.length > 0
    )
      continue;
    return {
      value: entry.record.tunnel!.key,
      evidence: configLine(entry, /tunnel key/) ?? evidenceOf(entry),
    };
  }
  return undefined;
}

/** The IPsec profile protecting a device's DMVPN tunnel (null: none). */
export function protectionOf(device: DeviceView): TunnelSetting<string | null> | undefined {
  for (const entry of tunnelInterfaces(device)) {
    if (entry.record.tunnel?.protocol === null) continue;
    const profile = entry.record.tunnel!.protectionProfile ?? entry.record.tunnel!.protection;
    return { value: profile, evidence: interfaceLine(entry, /Tunnel protection/) ?? evidenceOf(entry) };
  }
  for (const entry of dmvpnTunnelConfigs(device)) {
    return {
      value: entry.record.tunnel!.protection?.profile ?? null,
      evidence: configLine(entry, /tunnel protection/) ?? evidenceOf(entry),
    };
  }
  const detail = device.records<DmvpnTunnel>('dmvpn_tunnel')[0];
  if (detail) return { value: detail.record.protectionProfile, evidence: evidenceOf(detail) };
  return undefined;
}

/** The device of a pair that differs from the rest of the cloud: the hub when every one of its spokes disagrees with it. */
function oddOne<T>(
  view: NetworkView,
  pair: SpokeHubPair,
  settingOf: (device: DeviceView) => T | undefined,
  equal: (a: T, b: T) => boolean,
): 'spoke' | 'hub' {
  const hubValue = settingOf(pair.hub!);
  const others = spokeHubPairs(view)
    .filter((other) => other.hub === pair.hub && other.spoke !== pair.spoke)
    .map((other) => settingOf(other.spoke))
    .filter((value): value is T => value !== undefined);
  if (hubValue === undefined || others.length === 0) return 'spoke';
  return others.every((value) => !equal(value, hubValue)) ? 'hub' : 'spoke';
}

const keyMismatch: Rule = {
  name: 'tunnel/key-mismatch',
  layer: 'tunnel',
  faults: ['tunnel-key-mismatch'],
  run(view) {
    const found = new Map<string, Candidate>();
    for (const pair of spokeHubPairs(view)) {
      if (!pair.hub) continue;
      const spokeKey = keyOf(pair.spoke, null);
      const hubKey = keyOf(pair.hub, pair.hubTunnel);
      if (!spokeKey || !hubKey || spokeKey.value === hubKey.value) continue;
      const odd = oddOne(
        view,
        pair,
        (device) => keyOf(device, null)?.value,
        (a, b) => a === b,
      );
      const device = odd === 'hub' ? pair.hub : pair.spoke;
      const right = odd === 'hub' ? spokeKey.value : hubKey.value;
      const existing = found.get(device.name);
      if (existing) {
        if (odd === 'hub') existing.affected.push(pair.spoke.name);
        continue;
      }
      const show = (key: number | null) => (key === null ? 'no key' : `key ${key}`);
      found.set(
        device.name,
        candidate(
          {
            rule: 'tunnel-key-mismatch',
            severity: 'critical',
            layer: 'tunnel',
            device: device.name,
            interface: pair.interface,
            peer: odd === 'hub' ? pair.spoke.name : pair.hub.name,
            title: `Tunnel key differs: ${pair.spoke.name} has ${show(spokeKey.value)}, ${pair.hub.name} ${show(hubKey.value)}`,
            explanation:
              'The GRE key selects the mGRE tunnel on decapsulation: the far end decrypts the packets and drops them ' +
              'silently (no log), so the spoke waits in NHRP with NHS `E` while IKE and IPsec are up.',
            evidence: [
              spokeKey.evidence,
              hubKey.evidence,
              ...[pair.row, pair.nhs].map((entry) => entry && evidenceOf(entry)),
            ],
            remediation: `interface ${pair.interface ?? 'Tunnel0'}\n ${right === null ? 'no tunnel key' : `tunnel key ${right}`}   ! the same on every router of the cloud`,
            confidence: 'confirmed',
            affected: odd === 'hub' ? [pair.spoke.name] : [],
          },
          view,
        ),
      );
    }
    return [...found.values()];
  },
};

const protectionOneSide: Rule = {
  name: 'tunnel/protection-one-side',
  layer: 'tunnel',
  faults: ['tunnel-protection-one-side'],
  run(view) {
    const found = new Map<string, Candidate>();
    const add = (
      device: DeviceView,
      peer: DeviceView | undefined,
      evidence: (Evidence | undefined)[],
      profile: string | null,
      affected: string[],
    ) => {
      const existing = found.get(device.name);
      if (existing) {
        existing.affected.push(...affected.filter((name) => !existing.affected.includes(name)));
        return;
      }
      found.set(
        device.name,
        candidate(
          {
            rule: 'tunnel-protection-one-side',
            severity: 'critical',
            layer: 'tunnel',
            device: device.name,
            peer: peer?.name,
            title: `${device.name} has no \`tunnel protection\` while its peers encrypt`,
            explanation:
              device.role === 'hub'
                ? 'The hub runs no IPsec on its tunnel: every protected spoke waits in IKE with no SA on the hub.'
                : 'The spoke sends plain GRE: the hub drops it (`RECVD_PKT_NOT_IPSEC`), the spoke waits in NHRP with no IKE SA.',
            evidence,
            remediation: `interface Tunnel0\n tunnel protection ipsec profile ${profile ?? '<profile>'}   ! the exact (case-sensitive) profile name of the cloud`,
            confidence: 'confirmed',
            affected,
          },
          view,
        ),
      );
    };
    for (const pair of spokeHubPairs(view)) {
      if (!pair.hub) continue;
      const spoke = protectionOf(pair.spoke);
      const hub = protectionOf(pair.hub);
      if (!spoke || !hub || (spoke.value === null) === (hub.value === null)) continue;
      if (spoke.value === null)
        add(
          pair.spoke,
          pair.hub,
          [spoke.evidence, hub.evidence, pair.row && evidenceOf(pair.row)],
          hub.value,
          [],
        );
      else
        add(
          pair.hub,
          pair.spoke,
          [hub.evidence, spoke.evidence, pair.row && evidenceOf(pair.row)],
          spoke.value,
          [pair.spoke.name],
        );
    }
    for (const device of view.devices) {
      for (const log of device.logs) {
        const detail = log.record.detail;
        if (detail?.type !== 'packet_not_ipsec') continue;
        const sender = view.owner(detail.source);
        if (sender && sender !== device)
          add(
            sender,
            device,
            [evidenceOf(log), protectionOf(sender)?.evidence],
            protectionOf(device)?.value ?? null,
            [],
          );
      }
    }
    return [...found.values()];
  },
};

const cryptoMap: Rule = {
  name: 'tunnel/crypto-map',
  layer: 'tunnel',
  faults: ['crypto-map-vs-tunnel-protection'],
  run(view) {
    const found: Candidate[] = [];
    for (const device of view.devices) {
      const tunnels = dmvpnTunnelConfigs(device).filter(({ record }) => record.tunnel?.protection);
      const sources = new Set(tunnels.map(({ record }) => record.tunnel!.source));
      const maps = device
        .records<ConfigInterface>('config_interface')
        .filter(
          ({ record }) =>
            record.cryptoMap &&
            record.name &&
            (sources.has(record.name) || record.ipv4.some((a) => sources.has(a.address))),
        );
      const foreignSas = device
        .records<IpsecSa>('ipsec_sa')
        .filter(
          ({ record }) =>
            record.cryptoMapTag &&
            !/-head-\d+$/.test(record.cryptoMapTag) &&
            record.remoteIdent?.protocol === 47,
        );
      if (maps.length === 0 && foreignSas.length === 0) continue;
      const map = maps[0];
      found.push(
        candidate(
          {
            rule: 'crypto-map-vs-tunnel-protection',
            severity: 'critical',
            layer: 'tunnel',
            device: device.name,
            interface: map?.record.name ?? null,
            title: `${device.name} has a crypto map${map ? ` (${map.record.cryptoMap}) on ${map.record.name}` : ''} beside tunnel protection`,
            explanation:
              'A crypto map on the tunnel source matching GRE to the DMVPN peers competes with tunnel protection: ' +
              'phase 2 proxy identities mismatch, the pair stays in IPSEC (QM_IDLE, no IPsec SA, session UP-IDLE).',
            evidence: [
              map && (configLine(map, /crypto map/) ?? evidenceOf(map)),
              tunnels[0] && configLine(tunnels[0], /tunnel protection/),
              foreignSas[0] && evidenceOf(foreignSas[0]),
            ],
            remediation: `interface ${map?.record.name ?? '<wan-interface>'}\n no crypto map ${map?.record.cryptoMap ?? '<name>'}\n! or exclude GRE to the DMVPN peers from the crypto map ACL (deny gre host A host B)`,
            confidence: map ? 'confirmed' : 'probable',
          },
          view,
        ),
      );
    }
    return found;
  },
};

const duplicateAddress: Rule = {
  name: 'tunnel/duplicate-address',
  layer: 'tunnel',
  faults: ['duplicate-tunnel-ip'],
  run(view) {
    const found: Candidate[] = [];
    const owners = new Map<string, DeviceView[]>();
    for (const device of view.devices) {
      for (const address of device.tunnelAddresses) {
        const list = owners.get(address) ?? [];
        list.push(device);
        owners.set(address, list);
      }
    }
    const pairs = spokeHubPairs(view);
    for (const [address, devices] of owners) {
      if (devices.length < 2) continue;
      // The newcomer is the one whose registration fails; the owner stays UP.
      const failingOnes = devices.filter((device) =>
        pairs.some((pair) => pair.spoke === device && failing(pair)),
      );
      const culprit = failingOnes[0] ?? devices[devices.length - 1]!;
      const others = devices.filter((device) => device !== culprit);
      const evidence = devices.map((device) => {
        const config = dmvpnTunnelConfigs(device).find(({ record }) =>
          record.ipv4.some((a) => a.address === address),
        );
        if (config) return configLine(config, /ip address/) ?? evidenceOf(config);
        const brief = device
          .records<InterfaceBrief>('interface_brief')
          .find(({ record }) => record.ipAddress === address);
        return brief && evidenceOf(brief);
      });
      const pair = pairs.find((entry) => entry.spoke === culprit);
      found.push(
        candidate(
          {
            rule: 'duplicate-tunnel-ip',
            severity: 'critical',
            layer: 'tunnel',
            device: culprit.name,
            interface: pair?.interface,
            peer: others.map((device) => device.name).join(', '),
            title: `${culprit.name} uses tunnel address ${address}, already used by ${others.map((device) => device.name).join(', ')}`,
            explanation:
              'Two spokes with one tunnel address: the hub refuses the second registration (unique address already ' +
              'registered) or, with `no-unique`, the two overwrite each other and spoke-to-spoke traffic goes to the wrong site.',
            evidence: [...evidence, pair?.nhs && evidenceOf(pair.nhs), pair?.row && evidenceOf(pair.row)],
            remediation: `interface ${pair?.interface ?? 'Tunnel0'}\n ip address <a unique tunnel address> <mask>`,
            confidence: 'confirmed',
          },
          view,
        ),
      );
    }
    return found;
  },
};

export const tunnelRules: readonly Rule[] = [
  adminDown,
  ifStateNhrp,
  modeMismatch,
  keyMismatch,
  protectionOneSide,
  cryptoMap,
  duplicateAddress,
];
