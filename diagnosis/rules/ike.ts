// IKE (phase 1) rules: ISAKMP policies or IKEv2 proposals that cannot agree, a pre-shared key that differs or is
// missing for the peer, an IKEv2 negotiation stuck IN-NEG, SAs torn down by DPD again and again, and a hub whose
// call admission limit holds back a re-registration storm.

import type { Evidence } from '../../model/finding.js';
import type { CryptoOption } from '../../model/records/config.js';
import type { IkeSa } from '../../model/records/ike.js';
import type { SyslogEvent } from '../../model/records/syslog.js';
import type { DeviceView, Located, NetworkView } from '../view.js';
import { evidenceOf } from '../view.js';
import { ODD_END_TO_CONFIRM, oddSide, type Side } from './blame.js';
import {
  cryptoSetup,
  dpdConfigured,
  ikev2Proposals,
  ikev2ProposalsMatch,
  ikeVersionOf,
  isakmpPolicies,
  isakmpPoliciesMatch,
  policyText,
  preSharedKeyFor,
  proposalText,
  sameKey,
  type CryptoSetup,
} from './crypto-config.js';
import { durationText, timedLogs, type TimedLog } from './log-time.js';
import { failing, hubName, ikeUp, spokeHubPairs, type SpokeHubPair } from './pairs.js';
import { candidate, type Candidate, type CandidateInit, type Rule } from './rule.js';

/** Underlay causes that leave IKE unanswered exactly like a negotiation that fails: their own evidence wins. */
const UNANSWERED_IKE_CAUSES = [
  'nbma-underlay-unreachable',
  'ike-udp-blocked',
  'tunnel-source-down',
  'recursive-routing',
  'fvrf-misconfig',
  'nhs-wrong-nbma',
  'tunnel-admin-down',
];

function firstNbma(device: DeviceView): string | undefined {
  return [...device.nbmaAddresses][0];
}

/** The spoke's side of a failing pair: its dmvpn row, its IKE SA, its NHS line. */
function pairEvidence(pair: SpokeHubPair): (Evidence | undefined)[] {
  return [
    pair.row && evidenceOf(pair.row),
    pair.spokeIke[0] && evidenceOf(pair.spokeIke[0]),
    pair.hubIke[0] && evidenceOf(pair.hubIke[0]),
    pair.nhs && evidenceOf(pair.nhs),
  ];
}

/** The same pair across calls of spokeHubPairs (each call builds new objects). */
function pairKey(pair: SpokeHubPair): string {
  return `${pair.spoke.name}\u0000${pair.hubTunnel ?? ''}\u0000${pair.hubNbma ?? ''}`;
}

/** Candidates keyed by fault and device, so a hub at odds with many spokes gives one finding listing them all. */
class Findings {
  private readonly byKey = new Map<string, CandidateInit>();

  add(init: CandidateInit, affected?: string): void {
    const key = `${init.rule}\u0000${init.device}`;
    const existing = this.byKey.get(key);
    if (existing) {
      if (affected && !existing.affected!.includes(affected)) existing.affected!.push(affected);
      existing.evidence.push(...init.evidence);
      return;
    }
    this.byKey.set(key, { ...init, affected: affected ? [affected] : (init.affected ?? []) });
  }

  has(rule: string, device: string): boolean {
    return this.byKey.has(`${rule}\u0000${device}`);
  }

  build(view: NetworkView): Candidate[] {
    return [...this.byKey.values()].map((init) => candidate(init, view));
  }
}

interface Blamed {
  device: DeviceView;
  peer: DeviceView;
  side: Side | null;
}

function blamed(pair: SpokeHubPair & { hub: DeviceView }, side: Side | null): Blamed {
  return side === 'hub'
    ? { device: pair.hub, peer: pair.spoke, side }
    : { device: pair.spoke, peer: pair.hub, side };
}

function sideNote(who: Blamed): string {
  if (who.side === null)
    return ` Only the two ends can be compared here: the odd setting may be on either of them.`;
  return ` The other routers of the cloud agree with ${who.peer.name}: the odd setting is on ${who.device.name}.`;
}

function keyRemediation(setup: CryptoSetup, peer: string): string {
  return setup.ikeVersion === 1
    ? `crypto isakmp key <the cloud's key> address 0.0.0.0 0.0.0.0   ! or address ${peer}`
    : `crypto ikev2 keyring ${setup.ikev2Profile?.record.keyringLocal ?? '<keyring>'}\n peer ANY\n  address 0.0.0.0 0.0.0.0\n  pre-shared-key <the cloud's key>`;
}

/** Compares the two ends' IKE configuration for every pair that does not come up. */
function configMismatches(view: NetworkView, findings: Findings): Set<string> {
  const explained = new Set<string>();
  for (const pair of spokeHubPairs(view)) {
    if (!failing(pair) || ikeUp(pair.spokeIke)) continue;
    const spokeSetup = cryptoSetup(pair.spoke);
    const hubSetup = pair.hub && cryptoSetup(pair.hub);
    const hubNbma = pair.hubNbma;
    const spokeNbma = firstNbma(pair.spoke);
    // A key missing on one end is visible from that end's config alone.
    if (spokeSetup && hubNbma && !preSharedKeyFor(spokeSetup, hubNbma)) {
      explained.add(pairKey(pair));
      findings.add({
        rule: 'ike-no-psk-for-peer',
        severity: 'critical',
        layer: 'ike',
        device: pair.spoke.name,
        interface: pair.interface,
        peer: hubName(pair),
        title: `${pair.spoke.name} has no pre-shared key for ${hubName(pair)} (${hubNbma})`,
        explanation:
          `No ${spokeSetup.ikeVersion === 1 ? '`crypto isakmp key`' : 'IKEv2 keyring peer'} of ${pair.spoke.name} covers ` +
          `${hubNbma}: the key lookup fails before any packet leaves ("No pre-shared key with ${hubNbma}"), so ` +
          `there is no IKE SA on either end, the hub row stays \`${pair.state ?? 'IKE'}\` and the NHS \`E\`.`,
        evidence: [evidenceOf(spokeSetup.tunnel), ...pairEvidence(pair)],
        remediation: keyRemediation(spokeSetup, hubNbma),
        confidence: 'confirmed',
      });
      continue;
    }
    if (pair.hub && hubSetup && spokeNbma && !preSharedKeyFor(hubSetup, spokeNbma)) {
      explained.add(pairKey(pair));
      findings.add(
        {
          rule: 'ike-no-psk-for-peer',
          severity: 'critical',
          layer: 'ike',
          device: pair.hub.name,
          interface: hubSetup.tunnel.record.name,
          title: `${pair.hub.name} has no pre-shared key for its spokes`,
          explanation:
            `No ${hubSetup.ikeVersion === 1 ? '`crypto isakmp key`' : 'IKEv2 keyring peer'} of ${pair.hub.name} covers ` +
            `the spokes' addresses (e.g. ${spokeNbma}): it cannot authenticate them, so their IKE never completes.`,
          evidence: [evidenceOf(hubSetup.tunnel), ...pairEvidence(pair)],
          remediation: keyRemediation(hubSetup, spokeNbma),
          confidence: 'confirmed',
        },
        pair.spoke.name,
      );
      continue;
    }
    if (!pair.hub || !spokeSetup || !hubSetup || !hubNbma || !spokeNbma) continue;
    const hub = pair.hub;
    const withHub = pair as SpokeHubPair & { hub: DeviceView };
    if (spokeSetup.ikeVersion === hubSetup.ikeVersion) {
      const policiesAgree = spokeSetup.ikeVersion === 1 ? isakmpPoliciesMatch : ikev2ProposalsMatch;
      if (policiesAgree(pair.spoke, hub) === false) {
        explained.add(pairKey(pair));
        addPolicyMismatch(view, withHub, spokeSetup.ikeVersion, findings);
        continue;
      }
      const spokeKey = preSharedKeyFor(spokeSetup, hubNbma)!;
      const hubKey = preSharedKeyFor(hubSetup, spokeNbma)!;
      if (sameKey(spokeKey.key, hubKey.key) === false) {
        explained.add(pairKey(pair));
        const keysAgree = (a: DeviceView, b: DeviceView): boolean | null => {
          const [x, y] = [cryptoSetup(a), cryptoSetup(b)];
          const [ka, kb] = [
            x && preSharedKeyFor(x, firstNbma(b) ?? ''),
            y && preSharedKeyFor(y, firstNbma(a) ?? ''),
          ];
          return ka && kb ? sameKey(ka.key, kb.key) : null;
        };
        const who = blamed(withHub, oddSide(pair.spoke, hub, view.devices, keysAgree));
        const badMessages = ikmpBadMessages(hub, pair.spoke).concat(ikmpBadMessages(pair.spoke, hub));
        findings.add(
          {
            rule: 'psk-mismatch',
            severity: 'critical',
            layer: 'ike',
            device: who.device.name,
            interface: (who.side === 'hub' ? hubSetup : spokeSetup).tunnel.record.name,
            peer: who.side === 'hub' ? null : hub.name,
            title:
              who.side === 'hub'
                ? `${hub.name}'s pre-shared key differs from its spokes'`
                : `Pre-shared key of ${pair.spoke.name} differs from ${hub.name}'s`,
            explanation:
              `The keys ${pair.spoke.name} and ${hub.name} use for each other differ: phase 1 gets through the DH ` +
              `exchange (MM_KEY_EXCH / IKE_AUTH) and fails authentication, so IKE never reaches QM_IDLE/READY.` +
              (badMessages.length > 0 ? ' The responder logs IKMP_BAD_MESSAGE for every attempt.' : '') +
              sideNote(who),
            evidence: [
              spokeKey.evidence,
              hubKey.evidence,
              badMessages[0] && evidenceOf(badMessages[0]),
              ...pairEvidence(pair),
            ],
            remediation: keyRemediation(
              who.side === 'hub' ? hubSetup : spokeSetup,
              who.side === 'hub' ? '0.0.0.0' : hubNbma,
            ),
            confidence: 'confirmed',
            toConfirm: who.side === null ? [ODD_END_TO_CONFIRM] : [],
          },
          who.side === 'hub' ? pair.spoke.name : undefined,
        );
      }
    }
  }
  return explained;
}

function addPolicyMismatch(
  view: NetworkView,
  pair: SpokeHubPair & { hub: DeviceView },
  version: 1 | 2,
  findings: Findings,
): void {
  const hub = pair.hub;
  const agree = version === 1 ? isakmpPoliciesMatch : ikev2ProposalsMatch;
  const who = blamed(pair, oddSide(pair.spoke, hub, view.devices, agree));
  const describe = (device: DeviceView): { text: string; evidence: Evidence[] } => {
    if (version === 1) {
      const policies = isakmpPolicies(device);
      return {
        text: policies.map(({ record }) => `policy ${record.priority} (${policyText(record)})`).join('; '),
        evidence: policies.map((policy) => evidenceOf(policy, encryptionLine(policy))),
      };
    }
    const proposals = ikev2Proposals(device);
    return {
      text: proposals.map(({ record }) => `${record.name} (${proposalText(record)})`).join('; '),
      evidence: proposals.map((proposal) => evidenceOf(proposal, encryptionLine(proposal))),
    };
  };
  const odd = describe(who.device);
  const good = describe(who.peer);
  const fault = version === 1 ? 'isakmp-policy-mismatch' : 'ikev2-negotiation-failure';
  findings.add(
    {
      rule: fault,
      severity: 'critical',
      layer: 'ike',
      device: who.device.name,
      interface: who.side === 'hub' ? null : pair.interface,
      peer: who.side === 'hub' ? null : hub.name,
      title:
        version === 1
          ? `No ISAKMP policy of ${who.device.name} matches ${who.peer.name}'s`
          : `IKEv2 proposals of ${who.device.name} and ${who.peer.name} share no algorithm set (NO_PROPOSAL_CHOSEN)`,
      explanation:
        (version === 1
          ? `Phase 1 cannot agree: ${who.device.name} offers ${odd.text}, ${who.peer.name} accepts ${good.text}. ` +
            'The responder answers "atts are not acceptable" and the initiator stays in MM_NO_STATE.'
          : `IKE_SA_INIT cannot agree: ${who.device.name} offers ${odd.text}, ${who.peer.name} accepts ${good.text}. ` +
            'The responder answers NO_PROPOSAL_CHOSEN and the SA stays IN-NEG.') + sideNote(who),
      evidence: [...odd.evidence, ...good.evidence, ...pairEvidence(pair)],
      remediation:
        version === 1
          ? `crypto isakmp policy ${isakmpPolicies(who.peer)[0]?.record.priority ?? 10}\n encr ${isakmpPolicies(who.peer)[0]?.record.encryption ?? 'aes 256'}\n hash ${isakmpPolicies(who.peer)[0]?.record.hash ?? 'sha256'}\n authentication pre-share\n group ${isakmpPolicies(who.peer)[0]?.record.group ?? 14}   ! the same on every router`
          : `crypto ikev2 proposal ${ikev2Proposals(who.device)[0]?.record.name ?? 'PROP'}\n encryption ${ikev2Proposals(who.peer)[0]?.record.encryption.join(' ') ?? 'aes-cbc-256'}\n integrity ${ikev2Proposals(who.peer)[0]?.record.integrity.join(' ') ?? 'sha256'}\n group ${ikev2Proposals(who.peer)[0]?.record.groups.join(' ') ?? '14'}`,
      confidence: 'confirmed',
      toConfirm: who.side === null ? [ODD_END_TO_CONFIRM] : [],
    },
    who.side === 'hub' ? pair.spoke.name : undefined,
  );
}

/** The `encr`/`encryption` line of a policy or proposal block (the usual difference), else its first line. */
function encryptionLine(located: Located<{ line: number }>): number {
  const lines = located.output.raw.split(/\r?\n|\r/);
  for (let index = located.record.line; index < lines.length && /^\s/.test(lines[index]!); index++) {
    if (/^\s*(encr|encryption)\s/.test(lines[index]!)) return index + 1;
  }
  return located.record.line;
}

/** `%CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from <peer> failed its sanity check`, logged on `device` for `peer`. */
function ikmpBadMessages(device: DeviceView, peer: DeviceView): Located<SyslogEvent>[] {
  return device.logs.filter(({ record }) => {
    if (record.mnemonic !== 'IKMP_BAD_MESSAGE') return false;
    const from = /from\s+(\d+\.\d+\.\d+\.\d+)/.exec(record.message)?.[1];
    return from !== undefined && peer.addresses.has(from);
  });
}

/** What the SA states alone show, for the pairs the configs could not explain. */
function stateSignatures(view: NetworkView, findings: Findings, explained: Set<string>): void {
  for (const pair of spokeHubPairs(view)) {
    if (explained.has(pairKey(pair)) || !failing(pair) || ikeUp(pair.spokeIke) || ikeUp(pair.hubIke))
      continue;
    const sas = [...pair.spokeIke, ...pair.hubIke].filter(({ record }) => !record.deleted);
    const keyExchange = sas.find(
      ({ record }) => record.state === 'MM_KEY_EXCH' || record.state === 'AG_INIT_EXCH',
    );
    const badMessages = pair.hub ? ikmpBadMessages(pair.hub, pair.spoke) : [];
    const authWait = sas.find(
      ({ record }) =>
        record.version === 'v2' &&
        record.state === 'IN-NEG' &&
        record.algorithms?.encryption !== null &&
        record.algorithms?.encryption !== undefined,
    );
    const missingConfig = [pair.spoke, ...(pair.hub ? [pair.hub] : [])].filter(
      (device) => !cryptoSetup(device),
    );
    const notChecked = [
      ...missingConfig.map((device) => `running-config of ${device.name} (keys and policies not compared)`),
      ...(pair.hub ? [] : [`the hub side (${hubName(pair)}) was not captured`]),
    ];
    if (keyExchange || badMessages.length > 0 || authWait) {
      findings.add({
        rule: 'psk-mismatch',
        severity: 'critical',
        layer: 'ike',
        device: pair.spoke.name,
        interface: pair.interface,
        peer: hubName(pair),
        title: `IKE between ${pair.spoke.name} and ${hubName(pair)} fails authentication (${keyExchange?.record.state ?? authWait?.record.state ?? 'IKMP_BAD_MESSAGE'})`,
        explanation:
          'Phase 1 agrees on the policy and completes Diffie-Hellman, then fails to authenticate: ' +
          (keyExchange
            ? '`MM_KEY_EXCH` that never reaches `QM_IDLE`'
            : authWait
              ? 'IKEv2 waiting for the AUTH response with the algorithms agreed'
              : "the responder cannot decrypt the peer's messages") +
          ' is the signature of different pre-shared keys (or a keyring bound to the wrong address/VRF).',
        evidence: [
          keyExchange && evidenceOf(keyExchange),
          authWait && evidenceOf(authWait),
          badMessages[0] && evidenceOf(badMessages[0]),
          ...pairEvidence(pair),
        ],
        remediation: `! on both ${pair.spoke.name} and ${hubName(pair)}, the same key:\ncrypto isakmp key <the cloud's key> address 0.0.0.0 0.0.0.0   ! IKEv2: pre-shared-key under the keyring peer`,
        confidence: badMessages.length > 0 || keyExchange ? 'probable' : 'possible',
        toConfirm:
          missingConfig.length > 0
            ? ['show running-config | section crypto on both ends (the key fingerprints)']
            : [],
        notChecked,
      });
      continue;
    }
    const unanswered = sas.find(({ record }) => record.version === 'v2' && record.state === 'IN-NEG');
    // The hub answering (its own SA row for the spoke) proves reachability: the proposals are what fails.
    const hubAnswers = pair.hubIke.some(({ record }) => !record.deleted);
    const stuckV1 = sas.find(
      ({ record }) => record.state === 'MM_NO_STATE' || record.state === 'MM_SA_SETUP',
    );
    if (unanswered && (hubAnswers || ikeVersionOf(pair.spoke) === 2)) {
      findings.add({
        rule: 'ikev2-negotiation-failure',
        severity: 'critical',
        layer: 'ike',
        device: pair.spoke.name,
        interface: pair.interface,
        peer: hubName(pair),
        title: `IKEv2 between ${pair.spoke.name} and ${hubName(pair)} stays IN-NEG`,
        explanation:
          'The IKEv2 SA never reaches READY and no algorithm was agreed (`Unknown - 0`): either IKE_SA_INIT is answered ' +
          'with NO_PROPOSAL_CHOSEN (proposal/policy mismatch) or not answered at all (UDP 500/4500 lost).',
        evidence: [evidenceOf(unanswered), ...pairEvidence(pair)],
        remediation: `crypto ikev2 proposal <name>\n encryption aes-cbc-256\n integrity sha256\n group 14   ! identical on ${pair.spoke.name} and ${hubName(pair)}`,
        confidence: hubAnswers ? 'probable' : 'possible',
        toConfirm: [
          'show crypto ikev2 stats exchange on both ends (NO_PROPOSAL_CHOSEN rows)',
          'show running-config | section crypto ikev2 on both ends',
        ],
        notChecked,
        excludedBy: UNANSWERED_IKE_CAUSES,
      });
      continue;
    }
    if (stuckV1 && hubAnswers) {
      findings.add({
        rule: 'isakmp-policy-mismatch',
        severity: 'critical',
        layer: 'ike',
        device: pair.spoke.name,
        interface: pair.interface,
        peer: hubName(pair),
        title: `ISAKMP between ${pair.spoke.name} and ${hubName(pair)} stuck in ${stuckV1.record.state}`,
        explanation:
          `Both ends hold an SA for each other (so UDP 500 gets through) but it never leaves ${stuckV1.record.state}: ` +
          'no ISAKMP policy of one side is acceptable to the other (encryption, hash, DH group or authentication differ), ' +
          'or the responder has no key for the initiator.',
        evidence: [evidenceOf(stuckV1), ...pairEvidence(pair)],
        remediation:
          'crypto isakmp policy 10\n encr aes 256\n hash sha256\n authentication pre-share\n group 14   ! identical on both ends',
        confidence: 'possible',
        toConfirm: [
          'show crypto isakmp policy on both ends',
          'debug crypto isakmp on the responder ("atts are not acceptable")',
        ],
        notChecked,
      });
    }
  }
}

const phase1: Rule = {
  name: 'ike/phase1',
  layer: 'ike',
  faults: ['isakmp-policy-mismatch', 'psk-mismatch', 'ike-no-psk-for-peer', 'ikev2-negotiation-failure'],
  run(view) {
    const findings = new Findings();
    const explained = configMismatches(view, findings);
    stateSignatures(view, findings, explained);
    return findings.build(view);
  },
};

/** How quickly a socket must come back for its drop to be DPD's doing rather than an outage. */
const DPD_REBUILD_MS = 15_000;
/** The window the DOWN/UP cycles are counted in. */
const DPD_WINDOW_MS = 60 * 60_000;
const DPD_MIN_CYCLES = 2;

interface Cycle {
  down: TimedLog;
  up: TimedLog;
}

/** DPD reacts to the peer's outage up to a minute late: any interface change of the peer around a cycle explains it. */
const OUTAGE_LEAD_MS = 60_000;

function interfaceChangeDuring(device: DeviceView, cycle: Cycle): boolean {
  return timedLogs(device).some(
    (entry) =>
      entry.log.record.detail?.type === 'interface_state' &&
      entry.at >= cycle.down.at - OUTAGE_LEAD_MS &&
      entry.at <= cycle.up.at + DPD_REBUILD_MS,
  );
}

/** CRYPTO_SS DOWN quickly followed by UP for one remote, with no interface going down around it. */
function socketCycles(device: DeviceView): Map<string, Cycle[]> {
  const logs = timedLogs(device);
  const newest = logs[logs.length - 1]?.at ?? 0;
  const byRemote = new Map<string, Cycle[]>();
  const sockets = logs.filter(
    ({ log, at }) => log.record.detail?.type === 'crypto_socket' && newest - at <= DPD_WINDOW_MS,
  );
  for (const [index, down] of sockets.entries()) {
    const detail = down.log.record.detail;
    if (detail?.type !== 'crypto_socket' || detail.up) continue;
    const up = sockets
      .slice(index + 1)
      .find(
        ({ log }) =>
          log.record.detail?.type === 'crypto_socket' && log.record.detail.remoteNbma === detail.remoteNbma,
      );
    const upDetail = up?.log.record.detail;
    if (!up || upDetail?.type !== 'crypto_socket' || !upDetail.up || up.at - down.at > DPD_REBUILD_MS)
      continue;
    if (interfaceChangeDuring(device, { down, up })) continue;
    byRemote.set(detail.remoteNbma, [...(byRemote.get(detail.remoteNbma) ?? []), { down, up }]);
  }
  return byRemote;
}

const dpdFlapping: Rule = {
  name: 'ike/dpd-flapping',
  layer: 'ike',
  faults: ['ike-sa-flapping-dpd'],
  run(view) {
    const findings = new Findings();
    for (const device of view.devices) {
      for (const [remote, cycles] of socketCycles(device)) {
        if (cycles.length < DPD_MIN_CYCLES) continue;
        const peer = view.owner(remote);
        // A hub sees only the socket: the spoke's own log, when captured, shows whether its WAN went down too.
        if (device.role === 'hub' && peer && peer.role !== 'hub' && peer.collected('show logging')) continue;
        // The far end's interface going down at those moments is an outage there, not DPD.
        if (peer && cycles.some((cycle) => interfaceChangeDuring(peer, cycle))) continue;
        // The spoke of the pair is the one to fix (its underlay loss, its DPD timers); a hub logs it for the spoke.
        const spokeSide = device.role === 'hub' && peer ? peer : device;
        const other = spokeSide === device ? (peer?.name ?? remote) : device.name;
        const dpd = dpdConfigured(spokeSide);
        const invalidSpi = spokeSide.logs.filter(({ record }) => record.detail?.type === 'invalid_spi');
        const gaps = cycles.slice(1).map((cycle, index) => cycle.down.at - cycles[index]!.down.at);
        const period = gaps.length > 0 ? Math.round(gaps.reduce((a, b) => a + b, 0) / gaps.length) : null;
        findings.add({
          rule: 'ike-sa-flapping-dpd',
          severity: 'major',
          layer: 'ike',
          device: spokeSide.name,
          interface:
            cycles[0]!.down.log.record.detail?.type === 'crypto_socket'
              ? cycles[0]!.down.log.record.detail.interface
              : null,
          peer: other,
          title: `IKE/IPsec SAs between ${spokeSide.name} and ${other} torn down and rebuilt ${cycles.length} times${period ? ` (every ${durationText(period)})` : ''}`,
          explanation:
            `The crypto socket goes DOWN and is UP again within seconds, ${cycles.length} times in the log, while no ` +
            'interface goes down: dead peer detection declares the peer dead on lost keepalives and the next packet ' +
            'builds new SAs (new SPIs, the peer briefly sending on the old one: RECVD_PKT_INV_SPI). A lossy underlay ' +
            'with aggressive DPD is the usual cause.' +
            (dpd ? '' : dpd === null ? ' The DPD settings were not in the input.' : ''),
          evidence: [
            evidenceOf(cycles[0]!.down.log),
            evidenceOf(cycles[0]!.up.log),
            evidenceOf(cycles[cycles.length - 1]!.down.log),
            invalidSpi[0] && evidenceOf(invalidSpi[0]),
            dpd ? evidenceOf(dpd) : undefined,
          ],
          remediation:
            ikeVersionOf(spokeSide) === 2
              ? 'crypto ikev2 profile <profile>\n dpd 30 5 on-demand\n! and fix the packet loss on the underlay (IP SLA to the hub)'
              : 'crypto isakmp keepalive 30 5 on-demand\ncrypto isakmp nat keepalive 20\n! and fix the packet loss on the underlay (IP SLA to the hub)',
          confidence: dpd ? 'probable' : 'possible',
          toConfirm: [
            'IP SLA / ping with repeat 1000 to the peer NBMA (loss)',
            'show crypto isakmp sa detail (D capability) or show crypto ikev2 sa detailed (DPD configured)',
          ],
          since: cycles[0]!.down.at,
        });
      }
    }
    return findings.build(view);
  },
};

/** `call admission limit ike in-negotiation-sa N` (or `call admission limit N`). */
function admissionLimit(device: DeviceView): { limit: number; evidence: Evidence } | undefined {
  for (const option of device.records<CryptoOption>('config_crypto_option')) {
    const match = /^call admission limit (?:ike in-negotiation-sa |ike sa )?(\d+)/.exec(option.record.option);
    if (match) return { limit: Number(match[1]), evidence: evidenceOf(option) };
  }
  return undefined;
}

function stuckInIke(pair: SpokeHubPair): Located<IkeSa> | undefined | true {
  if (ikeUp(pair.spokeIke)) return undefined;
  if (pair.state === 'IKE') return pair.spokeIke[0] ?? true;
  return pair.spokeIke.find(({ record }) => !record.up && !record.deleted);
}

const callAdmission: Rule = {
  name: 'ike/call-admission',
  layer: 'ike',
  faults: ['hub-ike-cac-or-cpu'],
  run(view) {
    const found: Candidate[] = [];
    for (const hub of view.hubs) {
      const cac = admissionLimit(hub);
      if (!cac) continue;
      const pairs = spokeHubPairs(view).filter((pair) => pair.hub === hub);
      const stuck = pairs.filter((pair) => stuckInIke(pair) !== undefined);
      if (stuck.length === 0 || stuck.length < cac.limit) continue;
      const up = hub.records<IkeSa>('ike_sa').filter(({ record }) => record.up);
      found.push(
        candidate(
          {
            rule: 'hub-ike-cac-or-cpu',
            severity: 'major',
            layer: 'ike',
            device: hub.name,
            title: `${hub.name} admits ${cac.limit} IKE negotiations at a time; ${stuck.length} spokes wait in IKE`,
            explanation:
              `The hub's call admission control allows ${cac.limit} SAs in negotiation: when many spokes come back ` +
              `together (after a hub reload or a WAN outage) those beyond the limit are refused and retry, so the ` +
              `cloud recovers in waves. ${up.length} spokes have phase 1 up on the hub, ${stuck.length} are still in IKE.`,
            evidence: [
              cac.evidence,
              ...stuck.slice(0, 4).flatMap((pair) => {
                const sa = stuckInIke(pair);
                return [pair.row && evidenceOf(pair.row), sa && sa !== true ? evidenceOf(sa) : undefined];
              }),
            ],
            remediation: `crypto call admission limit ike in-negotiation-sa ${Math.max(cac.limit * 4, pairs.length)}   ! sized to the hub's crypto capacity\n! and stagger the spokes' recovery (random IKE retry), or add a hub`,
            confidence: 'probable',
            affected: stuck.map((pair) => pair.spoke.name),
            toConfirm: [
              `show crypto call admission statistics on ${hub.name} (rejected count rising)`,
              `show processes cpu sorted on ${hub.name}`,
            ],
          },
          view,
        ),
      );
    }
    return found;
  },
};

export const ikeRules: readonly Rule[] = [phase1, dpdFlapping, callAdmission];
