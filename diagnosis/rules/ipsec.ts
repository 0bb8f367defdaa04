// IPsec (phase 2 and data plane) rules: transform set, mode or PFS that cannot agree (and the rekey that will
// fail on them), traffic one way only, SAs out of step after one side lost them (invalid SPI, stale SAs after a
// reboot), anti-replay drops and the other send/receive errors of the SA counters.

import type { Evidence } from '../../model/finding.js';
import type { CryptoSession } from '../../model/records/crypto-session.js';
import type { IkeSa } from '../../model/records/ike.js';
import type { IpsecSa } from '../../model/records/ipsec.js';
import type { SyslogEvent } from '../../model/records/syslog.js';
import type { DeviceVersion } from '../../model/records/system.js';
import type { DeviceView, Located, NetworkView } from '../view.js';
import { evidenceOf, findLine, previousRecords } from '../view.js';
import { ODD_END_TO_CONFIRM, oddSide } from './blame.js';
import {
  comparePhase2,
  cryptoSetup,
  dpdConfigured,
  ikeVersionOf,
  type Phase2Comparison,
} from './crypto-config.js';
import { deviceClock, durationText, timedLogs } from './log-time.js';
import { failing, hubName, ikeUp, spokeHubPairs, type SpokeHubPair } from './pairs.js';
import { candidate, type Candidate, type CandidateInit, type Rule } from './rule.js';

const NO_SPI = /^0x0+$/i;

/**
 * The device's IPsec SA blocks, each once: `show crypto ipsec sa` and its `detail` form print the same SAs; the one
 * with more counters (detail) is kept.
 */
/** Every rule asks for a device's SAs, once per peer on a hub: read them once per device view. */
const sasOfDevice = new WeakMap<DeviceView, Located<IpsecSa>[]>();
const sasByRemote = new WeakMap<DeviceView, Map<string, Located<IpsecSa>>>();

export function ipsecSas(device: DeviceView): Located<IpsecSa>[] {
  let sas = sasOfDevice.get(device);
  if (!sas) {
    sas = readIpsecSas(device);
    sasOfDevice.set(device, sas);
  }
  return sas;
}

function readIpsecSas(device: DeviceView): Located<IpsecSa>[] {
  const byIdentity = new Map<string, Located<IpsecSa>>();
  const printed = (sa: IpsecSa): number => Object.values(sa).filter((value) => value !== null).length;
  for (const located of device.records<IpsecSa>('ipsec_sa')) {
    const { record } = located;
    const key = [
      record.interface,
      record.remote,
      record.localIdent?.address,
      record.remoteIdent?.address,
    ].join('|');
    const kept = byIdentity.get(key);
    if (!kept || printed(record) > printed(kept.record)) byIdentity.set(key, located);
  }
  return [...byIdentity.values()];
}

const COUNTERS = new Set<keyof IpsecSa>([
  'pktsEncaps',
  'pktsDecaps',
  'pktsReplayFailedRecv',
  'pktsVerifyFailed',
  'pktsDecapsFailedRecv',
  'pktsEncapsFailedSend',
  'pktsInvalidLenRecv',
  'pktsInvalidProtRecv',
  'pktsInvalidIdentityRecv',
  'pktsInternalErrSend',
  'pktsInternalErrRecv',
  'pktsInvalidSaRecv',
  'sendErrors',
  'recvErrors',
]);

/**
 * The SA's counters since the previous poll when the input has one (what is rising now, not what happened since
 * the SA came up); its totals otherwise. A counter lower than before (SA rebuilt, counters cleared) counts from 0.
 */
export function countersSincePrevious(
  device: DeviceView,
  located: Located<IpsecSa>,
): { sa: IpsecSa; delta: boolean } {
  const now = located.record;
  const before = previousRecords<IpsecSa>(device, 'ipsec_sa').find(
    (record) => record.remote === now.remote && record.interface === now.interface,
  );
  if (!before) return { sa: now, delta: false };
  const sa = { ...now };
  for (const field of COUNTERS) {
    const [current, previous] = [now[field] as number | null, before[field] as number | null];
    if (current !== null && previous !== null && current >= previous)
      (sa[field] as number) = current - previous;
  }
  return { sa, delta: true };
}

/** The device's IKE SAs up, each once (`show crypto ikev2 sa` and `... detailed` print the same SAs). */
function upIkeSas(device: DeviceView): Located<IkeSa>[] {
  const seen = new Map<string, Located<IkeSa>>();
  for (const located of device.records<IkeSa>('ike_sa')) {
    const { record } = located;
    if (!record.up) continue;
    const key = [
      record.version,
      record.remote,
      record.tunnelId ?? record.connId ?? record.localSpi ?? record.line,
    ].join('|');
    if (!seen.has(key)) seen.set(key, located);
  }
  return [...seen.values()];
}

function hasOutboundSa(sa: IpsecSa): boolean {
  return sa.currentOutboundSpi !== null && !NO_SPI.test(sa.currentOutboundSpi.replace(/\(.*$/, ''));
}

/** The output shows `current outbound spi: 0x0` (a filtered output that left the line out shows nothing). */
function noOutboundSa(sa: IpsecSa): boolean {
  return sa.currentOutboundSpi !== null && !hasOutboundSa(sa);
}

function sessionTo(device: DeviceView, peer: string | null): Located<CryptoSession> | undefined {
  return device.records<CryptoSession>('crypto_session').find(({ record }) => record.peer === peer);
}

/** Phase 1 up and no IPsec SA: dmvpn `IPSEC`, spi 0x0, or a hub-spoke session UP-IDLE. */
function phase2Failing(pair: SpokeHubPair): boolean {
  if (!ikeUp(pair.spokeIke) && !ikeUp(pair.hubIke)) return pair.state === 'IPSEC';
  if (pair.state === 'IPSEC') return true;
  if (
    pair.spokeIpsec &&
    !hasOutboundSa(pair.spokeIpsec.record) &&
    (pair.spokeIpsec.record.pktsEncaps ?? 0) === 0
  )
    return true;
  return sessionTo(pair.spoke, pair.hubNbma)?.record.status === 'UP-IDLE';
}

function spiLine(located: Located<IpsecSa>): Evidence {
  return (
    findLine(located.device, located.output, /current outbound spi/, located.record.line) ??
    evidenceOf(located)
  );
}

function pairEvidence(pair: SpokeHubPair): (Evidence | undefined)[] {
  const session = sessionTo(pair.spoke, pair.hubNbma);
  return [
    pair.row && evidenceOf(pair.row),
    pair.spokeIke.find(({ record }) => record.up) &&
      evidenceOf(pair.spokeIke.find(({ record }) => record.up)!),
    pair.spokeIpsec && spiLine(pair.spokeIpsec),
    session && findLine(session.device, session.output, /Session status/, session.record.line),
  ];
}

const PHASE2_TEXT: Record<Phase2Comparison['difference'], string> = {
  transform: 'IPsec transform sets',
  mode: 'IPsec modes (transport vs tunnel)',
  pfs: 'IPsec PFS settings',
};

function phase2Fault(difference: Phase2Comparison['difference'], ikeVersion: 1 | 2 | null): string {
  if (difference === 'transform') return 'transform-set-mismatch';
  if (difference === 'mode') return 'ipsec-mode-mismatch';
  // IKEv2 builds the first child SA inside IKE_AUTH, without PFS: a one-sided PFS breaks only the rekeys.
  return ikeVersion === 2 ? 'sa-rekey-failure' : 'pfs-mismatch';
}

function phase2Remediation(comparison: Phase2Comparison, good: string): string {
  switch (comparison.difference) {
    case 'transform':
      return `crypto ipsec transform-set <name> ${good}\n mode transport   ! identical on every router, and the profile's set transform-set`;
    case 'mode':
      return 'crypto ipsec transform-set <name> <transforms>\n mode transport   ! DMVPN uses transport everywhere';
    case 'pfs':
      return `crypto ipsec profile <profile>\n ${good.startsWith('set pfs') ? good : 'no set pfs'}   ! the same on every router`;
  }
}

function remainingLifetime(
  located: Located<IpsecSa> | undefined,
): { seconds: number; evidence: Evidence } | undefined {
  const entry = located?.record.inbound.find((sa) => sa.remainingSeconds !== null);
  if (!located || !entry) return undefined;
  const evidence = findLine(located.device, located.output, /sa timing/, entry.line);
  return evidence && { seconds: entry.remainingSeconds!, evidence };
}

class Keyed {
  private readonly byKey = new Map<string, CandidateInit>();

  add(init: CandidateInit, affected?: string): void {
    const key = `${init.rule}\u0000${init.device}`;
    const existing = this.byKey.get(key);
    const names = [
      ...(existing?.affected ?? []),
      ...(affected && !existing?.affected?.includes(affected) ? [affected] : []),
    ];
    // A tunnel already down outweighs one that will fail at its next rekey: the worse one tells the story.
    const worse = !existing || (init.severity === 'critical' && existing.severity !== 'critical');
    this.byKey.set(key, {
      ...(worse ? init : existing),
      affected: names.length > 0 ? names : (init.affected ?? []),
    });
  }

  build(view: NetworkView): Candidate[] {
    return [...this.byKey.values()].map((init) => candidate(init, view));
  }
}

const phase2: Rule = {
  name: 'ipsec/phase2',
  layer: 'ipsec',
  faults: ['transform-set-mismatch', 'ipsec-mode-mismatch', 'pfs-mismatch', 'sa-rekey-failure'],
  run(view) {
    const found = new Keyed();
    for (const pair of spokeHubPairs(view)) {
      const broken = failing(pair) && phase2Failing(pair);
      const spokeSetup = cryptoSetup(pair.spoke);
      const hubSetup = pair.hub && cryptoSetup(pair.hub);
      const comparison = spokeSetup && hubSetup ? comparePhase2(spokeSetup, hubSetup) : undefined;
      if (pair.hub && comparison) {
        const hub = pair.hub;
        const agree = (a: DeviceView, b: DeviceView): boolean | null => {
          const [x, y] = [cryptoSetup(a), cryptoSetup(b)];
          return x && y ? comparePhase2(x, y) === undefined : null;
        };
        const side = oddSide(pair.spoke, hub, view.devices, agree);
        const onHub = side === 'hub';
        const device = onHub ? hub : pair.spoke;
        const peer = onHub ? pair.spoke : hub;
        const [odd, good] = onHub
          ? [comparison.rightText, comparison.leftText]
          : [comparison.leftText, comparison.rightText];
        const fault = phase2Fault(comparison.difference, ikeVersionOf(pair.spoke, pair.spokeIke));
        const lifetime = remainingLifetime(pair.spokeIpsec);
        const latent = !broken;
        const note =
          side === null
            ? ' Only the two ends can be compared here: the odd setting may be on either of them.'
            : ` The other routers agree with ${peer.name}: the odd setting is on ${device.name}.`;
        found.add(
          {
            rule: latent ? 'sa-rekey-failure' : fault,
            severity: latent ? 'major' : 'critical',
            layer: 'ipsec',
            device: device.name,
            interface: onHub ? hubSetup!.tunnel.record.name : pair.interface,
            peer: onHub ? null : hub.name,
            title: latent
              ? `${PHASE2_TEXT[comparison.difference]} of ${device.name} and ${peer.name} differ: the next IPsec rekey will fail${lifetime ? ` (in ${durationText(lifetime.seconds * 1000)})` : ''}`
              : fault === 'sa-rekey-failure'
                ? `IPsec rekey between ${pair.spoke.name} and ${hub.name} fails: PFS on one side only (${odd} vs ${good})`
                : `${PHASE2_TEXT[comparison.difference]} of ${device.name} and ${peer.name} differ (${odd} vs ${good})`,
            explanation:
              (latent
                ? `The SAs up now were negotiated before the settings diverged (${odd} on ${device.name}, ${good} on ${peer.name}); ` +
                  'when they expire the new negotiation cannot agree and the tunnel drops to IPSEC.'
                : `Phase 1 is up (QM_IDLE/READY) but phase 2 cannot agree: ${device.name} has ${odd}, ${peer.name} ${good}. ` +
                  (fault === 'sa-rekey-failure'
                    ? 'Under IKEv2 the first child SA is built without PFS, so the tunnel worked until its SAs expired; every rekey since fails.'
                    : 'No IPsec SA is built (spi 0x0, encaps and decaps 0), the session stays UP-IDLE and the spoke in IPSEC.')) +
              note,
            evidence: [...comparison.left, ...comparison.right, ...pairEvidence(pair), lifetime?.evidence],
            remediation: phase2Remediation(comparison, good),
            confidence: 'confirmed',
            toConfirm: side === null ? [ODD_END_TO_CONFIRM] : [],
          },
          onHub ? pair.spoke.name : undefined,
        );
        continue;
      }
      if (!broken) continue;
      const quickModeFailures = [pair.spoke, ...(pair.hub ? [pair.hub] : [])].flatMap((device) =>
        device.logs.filter(
          ({ record }) => record.detail?.type === 'ike_mode_failure' && record.detail.mode === 'Quick',
        ),
      );
      const noConfig = [pair.spoke, ...(pair.hub ? [pair.hub] : [])].filter((device) => !cryptoSetup(device));
      if (noConfig.length === 0 && pair.hub) continue;
      found.add({
        rule: 'transform-set-mismatch',
        severity: 'critical',
        layer: 'ipsec',
        device: pair.spoke.name,
        interface: pair.interface,
        peer: hubName(pair),
        title: `Phase 2 between ${pair.spoke.name} and ${hubName(pair)} fails: IKE up, no IPsec SA`,
        explanation:
          'IKE phase 1 is up but no IPsec SA exists (state IPSEC / spi 0x0 / UP-IDLE on a hub-spoke session, which ' +
          'NHRP and routing keep busy): the two ends cannot agree on phase 2. The transform set is the usual ' +
          'difference; the mode (transport/tunnel) and PFS give the same signature.',
        evidence: [...pairEvidence(pair), quickModeFailures[0] && evidenceOf(quickModeFailures[0])],
        remediation:
          'crypto ipsec transform-set <name> esp-aes 256 esp-sha256-hmac\n mode transport\ncrypto ipsec profile <profile>\n set transform-set <name>   ! and the same set pfs (or none) on every router',
        confidence: 'possible',
        toConfirm: [
          'show crypto ipsec profile and show crypto ipsec transform-set on both ends (transforms, mode, PFS)',
        ],
        notChecked: noConfig
          .map((device) => `running-config of ${device.name}`)
          .concat(pair.hub ? [] : [`the hub side (${hubName(pair)})`]),
      });
    }
    return found.build(view);
  },
};

/** Causes that each explain a one-way SA better than the umbrella. */
const ONE_WAY_CAUSES = [
  'esp-blocked',
  'tunnel-key-mismatch',
  'tunnel-mode-mismatch',
  'nhrp-network-id-missing',
  'nhrp-auth-mismatch',
  'nhs-wrong-tunnel-ip',
  'invalid-spi-desync',
  'stale-sa',
  'ipsec-send-recv-errors',
  'spoke-behind-nat',
  'nbma-underlay-unreachable',
];

const ONE_WAY_MIN = 10;
/** Polls of both ends this close together read the same SA at the same moment (give or take packets in flight). */
const SAME_MOMENT_MS = 5_000;

function sameMoment(a: Located<IpsecSa>, b: Located<IpsecSa>): boolean {
  return Math.abs(a.output.collectedAt - b.output.collectedAt) <= SAME_MOMENT_MS;
}

/**
 * ESP lost from `sa`'s end towards the peer: what it encrypted beyond what the peer decrypted, counted only when the
 * other direction matches (a skew between the two polls would shift both directions).
 */
function lostOnTheWay(sa: IpsecSa, back: IpsecSa): number {
  if (
    sa.pktsEncaps === null ||
    back.pktsDecaps === null ||
    back.pktsEncaps === null ||
    sa.pktsDecaps === null
  )
    return 0;
  const lost = sa.pktsEncaps - back.pktsDecaps;
  const returned = Math.abs(back.pktsEncaps - sa.pktsDecaps);
  return lost >= Math.max(ONE_WAY_MIN, sa.pktsEncaps * 0.001) && returned <= 2 ? lost : 0;
}

const oneWay: Rule = {
  name: 'ipsec/one-way',
  layer: 'ipsec',
  faults: ['one-way-traffic'],
  run(view) {
    const found: Candidate[] = [];
    for (const device of view.devices) {
      for (const located of ipsecSas(device)) {
        const { sa, delta } = countersSincePrevious(device, located);
        if ((sa.pktsEncaps ?? 0) < ONE_WAY_MIN || noOutboundSa(sa)) continue;
        const peer = view.owner(sa.remote);
        const back = peer
          ? [...device.nbmaAddresses].map((address) => ownSaFor(peer, address)).find((entry) => entry)
          : undefined;
        const backCounters = back && peer ? countersSincePrevious(peer, back) : undefined;
        const lost =
          back && backCounters && backCounters.delta === delta && sameMoment(located, back)
            ? lostOnTheWay(sa, backCounters.sa)
            : 0;
        if (sa.pktsDecaps !== 0 && lost === 0) continue;
        const narrowed =
          lost > 0
            ? `${peer!.name} decrypted ${lost} packets fewer than ${device.name} encrypted on this SA while the other direction matches to the packet: the ESP towards ${peer!.name} is lost on the way (ACL/firewall dropping IP 50, NAT-T path).`
            : !back
              ? 'The far end was not captured: read its counters for this SA (decaps 0 = ESP lost on the way; decaps rising with encaps 0 = it drops after decryption: tunnel key, network-id, NHRP authentication; RECVD_PKT_INV_SPI = it lost the SA).'
              : (backCounters!.sa.pktsDecaps ?? 0) === 0
                ? `${peer!.name} decrypts nothing from ${device.name} (decaps 0): the ESP is lost on the way (ACL/firewall dropping IP 50, NAT-T path) or ${peer!.name} has no SA for it (invalid SPI).`
                : (backCounters!.sa.pktsEncaps ?? 0) === 0
                  ? `${peer!.name} decrypts ${backCounters!.sa.pktsDecaps} packets from ${device.name} but sends none back: it throws the GRE/NHRP away after decryption (tunnel key, network-id, NHRP authentication, tunnel mode).`
                  : `${peer!.name} sends ${backCounters!.sa.pktsEncaps} packets that never arrive: the return path drops them.`;
        found.push(
          candidate(
            {
              rule: 'one-way-traffic',
              // Totals of one end at one moment may be an idle return path; both ends or two polls make it sure.
              severity: back || delta ? 'critical' : 'major',
              layer: 'ipsec',
              device: device.name,
              interface: sa.interface,
              peer: peer?.name ?? sa.remote,
              title:
                lost > 0
                  ? `${lost} ESP packets from ${device.name} never reached ${peer!.name}`
                  : `${device.name} encrypts ${sa.pktsEncaps} packets to ${peer?.name ?? sa.remote}${delta ? ' since the previous poll' : ''} and decrypts none back`,
              explanation: `Traffic on this SA goes one way only. ${narrowed}`,
              evidence: [
                findLine(device.name, located.output, /#pkts encaps/, sa.line),
                findLine(device.name, located.output, /#pkts decaps/, sa.line),
                back && findLine(peer!.name, back.output, /#pkts decaps/, back.record.line),
                back && findLine(peer!.name, back.output, /#pkts encaps/, back.record.line),
              ],
              remediation:
                'Resolve the cause the far end shows (see the explanation); the SA carries traffic both ways again by itself.',
              confidence: delta ? 'probable' : 'possible',
              toConfirm: delta
                ? []
                : ['two polls of show crypto ipsec sa a minute apart on both ends (deltas, not totals)'],
              notChecked: back ? [] : [`the far end (${sa.remote}) was not captured`],
              umbrella: true,
              excludedBy: ONE_WAY_CAUSES,
            },
            view,
          ),
        );
      }
    }
    return found;
  },
};

/** How long after a boot the peers' leftover SAs count as stale rather than as the network's normal state. */
const RECENT_BOOT_MS = 60 * 60_000;
/** The invalid-SPI message is rate-limited to one a minute: consecutive lines this close mean a continuous desync. */
const CONTINUOUS_GAP_MS = 3 * 60_000;
const CONTINUOUS_LINES = 3;

/** The boot of the device when its log or `show version` shows one within the last hour. */
function recentBoot(device: DeviceView): { at: number; evidence: Evidence } | undefined {
  const version = device.records<DeviceVersion>('version')[0];
  const collectedAt = deviceClock(device);
  if (version && version.record.uptimeSeconds !== null) {
    if (version.record.uptimeSeconds * 1000 > RECENT_BOOT_MS) return undefined;
    return { at: collectedAt - version.record.uptimeSeconds * 1000, evidence: evidenceOf(version) };
  }
  const logs = timedLogs(device);
  const first = logs[0];
  const detail = first?.log.record.detail;
  if (!first || detail?.type !== 'interface_state' || detail.state !== 'up') return undefined;
  const isakmpOn = logs.find(
    ({ log, at }) => log.record.detail?.type === 'isakmp_on_off' && at - first.at <= 60_000,
  );
  if (!isakmpOn || collectedAt - first.at > RECENT_BOOT_MS) return undefined;
  return { at: first.at, evidence: evidenceOf(first.log) };
}

function invalidSpiLogs(device: DeviceView): Map<string, Located<SyslogEvent>[]> {
  const bySource = new Map<string, Located<SyslogEvent>[]>();
  for (const { log } of timedLogs(device, (event) => event.detail?.type === 'invalid_spi')) {
    const detail = log.record.detail;
    if (detail?.type !== 'invalid_spi' || !detail.source) continue;
    bySource.set(detail.source, [...(bySource.get(detail.source) ?? []), log]);
  }
  return bySource;
}

function continuous(device: DeviceView, logs: Located<SyslogEvent>[]): boolean {
  const times = timedLogs(device, (event) => logs.some((log) => log.record === event)).map(({ at }) => at);
  let run = 1;
  for (let index = 1; index < times.length; index++) {
    run = times[index]! - times[index - 1]! <= CONTINUOUS_GAP_MS ? run + 1 : 1;
    if (run >= CONTINUOUS_LINES) return true;
  }
  return false;
}

const keepersByView = new WeakMap<NetworkView, Map<string, DeviceView[]>>();

/** By remote address, the devices that still have SAs up towards it (what peerKeepsSas asks of one pair). */
function keepersOf(view: NetworkView): Map<string, DeviceView[]> {
  let keepers = keepersByView.get(view);
  if (keepers) return keepers;
  keepers = new Map();
  const add = (address: string | null, peer: DeviceView): void => {
    if (address === null) return;
    const list = keepers!.get(address) ?? [];
    if (list.at(-1) !== peer) list.push(peer);
    keepers!.set(address, list);
  };
  for (const peer of view.devices) {
    for (const { record } of ipsecSas(peer)) if (hasOutboundSa(record)) add(record.remote, peer);
    for (const { record } of peer.records<IkeSa>('ike_sa')) if (record.up) add(record.remote, peer);
  }
  keepersByView.set(view, keepers);
  return keepers;
}

/** The peer still has SAs up towards `device`: its IKE SA is up, or its IPsec SA has an outbound SPI. */
function peerKeepsSas(peer: DeviceView, device: DeviceView): Located<IpsecSa> | Located<IkeSa> | undefined {
  const ipsec = ipsecSas(peer).find(
    ({ record }) =>
      record.remote !== null && device.nbmaAddresses.has(record.remote) && hasOutboundSa(record),
  );
  return (
    ipsec ??
    peer.records<IkeSa>('ike_sa').find(({ record }) => record.up && device.nbmaAddresses.has(record.remote))
  );
}

function ownSaFor(device: DeviceView, address: string): Located<IpsecSa> | undefined {
  let byRemote = sasByRemote.get(device);
  if (!byRemote) {
    byRemote = new Map();
    for (const located of ipsecSas(device)) {
      const remote = located.record.remote;
      if (remote !== null && !byRemote.has(remote)) byRemote.set(remote, located);
    }
    sasByRemote.set(device, byRemote);
  }
  return byRemote.get(address);
}

const desync: Rule = {
  name: 'ipsec/desync',
  layer: 'ipsec',
  faults: ['invalid-spi-desync', 'stale-sa'],
  run(view) {
    const found: Candidate[] = [];
    for (const device of view.devices) {
      const boot = recentBoot(device);
      const bySource = invalidSpiLogs(device);
      if (boot) {
        const ikeWith = (addresses: (address: string) => boolean): boolean =>
          ikeUp(device.records<IkeSa>('ike_sa').filter(({ record }) => addresses(record.remote)));
        const keepers = new Set(
          [...device.nbmaAddresses].flatMap((address) => keepersOf(view).get(address) ?? []),
        );
        const stalePeers = [...keepers].filter(
          (peer) => peer !== device && !ikeWith((address) => peer.nbmaAddresses.has(address)),
        );
        // Senders logged after the boot that are still without an SA here, and not in the input themselves.
        const logged = [...bySource.keys()].filter(
          (source) =>
            !stalePeers.some((peer) => peer.nbmaAddresses.has(source)) &&
            !view.owner(source) &&
            !ikeWith((address) => address === source),
        );
        if (stalePeers.length > 0 || logged.length > 0) {
          const first = stalePeers[0];
          const kept = first && peerKeepsSas(first, device);
          const spiLog = [...bySource.values()][0]?.[0];
          found.push(
            candidate(
              {
                rule: 'stale-sa',
                severity: 'major',
                layer: 'ipsec',
                device: device.name,
                title: `${device.name} rebooted ${durationText(deviceClock(device) - boot.at)} ago; ${stalePeers.length || logged.length} peers still use their old SAs`,
                explanation:
                  `${device.name} came back without SAs while its peers kept theirs: they still encrypt on SPIs it no ` +
                  'longer has (RECVD_PKT_INV_SPI, `#pkts invalid sa`) until DPD or the SA lifetime clears them.' +
                  (dpdConfigured(device) === undefined
                    ? ' DPD is not configured, so that takes the whole SA lifetime.'
                    : ''),
                evidence: [
                  boot.evidence,
                  spiLog && evidenceOf(spiLog),
                  kept &&
                    ('currentOutboundSpi' in kept.record
                      ? spiLine(kept as Located<IpsecSa>)
                      : evidenceOf(kept)),
                ],
                remediation: `! on each peer still holding SAs:\nclear crypto session remote ${[...device.nbmaAddresses][0] ?? '<nbma>'}\n! and everywhere: crypto isakmp keepalive 30 5 (IKEv2: dpd 30 5 on-demand) so the next reboot heals itself`,
                confidence: 'probable',
                affected: stalePeers.map((peer) => peer.name),
                // A hub refusing the spokes' IKE after its reload keeps them on their old SAs longer: that is the cause.
                excludedBy: ['hub-ike-cac-or-cpu', 'nhrp-rate-limited'],
              },
              view,
            ),
          );
        }
        continue;
      }
      // IOS rate-limits the message for the whole router: the other senders show only in the SA counters.
      for (const { record } of ipsecSas(device)) {
        if (
          record.remote &&
          !bySource.has(record.remote) &&
          (record.pktsInvalidSaRecv ?? 0) > 0 &&
          !hasOutboundSa(record)
        ) {
          bySource.set(record.remote, []);
        }
      }
      for (const [source, logs] of bySource) {
        const own = ownSaFor(device, source);
        const peer = view.owner(source);
        const kept = peer && peerKeepsSas(peer, device);
        const desyncNow = own ? !hasOutboundSa(own.record) && (own.record.pktsInvalidSaRecv ?? 0) > 0 : false;
        if (!continuous(device, logs) && !(desyncNow && kept)) continue;
        const last = logs[logs.length - 1];
        const spi =
          last?.record.detail?.type === 'invalid_spi'
            ? last.record.detail.spi
            : kept && 'currentOutboundSpi' in kept.record
              ? kept.record.currentOutboundSpi
              : null;
        const noDpd =
          dpdConfigured(device) === undefined || (peer !== undefined && dpdConfigured(peer) === undefined);
        found.push(
          candidate(
            {
              rule: 'invalid-spi-desync',
              severity: 'critical',
              layer: 'ipsec',
              device: device.name,
              peer: peer?.name ?? source,
              title: `${peer?.name ?? source} keeps sending ESP on SPI ${spi ?? '?'} that ${device.name} no longer has`,
              explanation:
                (logs.length > 0
                  ? `${device.name} logs RECVD_PKT_INV_SPI from ${source} ${logs.length} times (the message is rate-limited ` +
                    'to one a minute, so a steady run means every packet is dropped): '
                  : `${device.name} has no SA for ${source} and counts its ESP as \`invalid sa\` while ${source} still encrypts towards it: `) +
                'one side lost its SAs (cleared, ' +
                "failed rekey) and the other was not told. Traffic is black-holed until the sender's SA expires." +
                (noDpd ? ' DPD is not configured, so nothing detects it sooner.' : ''),
              evidence: [
                logs[0] && evidenceOf(logs[0]),
                last && evidenceOf(last),
                own && findLine(device.name, own.output, /invalid sa/, own.record.line),
                kept &&
                  ('currentOutboundSpi' in kept.record
                    ? spiLine(kept as Located<IpsecSa>)
                    : evidenceOf(kept)),
              ],
              remediation: `! now, on ${peer?.name ?? source}:\nclear crypto session remote ${[...device.nbmaAddresses][0] ?? '<nbma>'}\n! for good, on every router:\ncrypto isakmp invalid-spi-recovery\ncrypto isakmp keepalive 30 5   ! IKEv2: dpd 30 5 on-demand in the profile`,
              confidence: desyncNow && kept ? 'confirmed' : 'probable',
              affected: peer ? [peer.name] : [],
              notChecked: peer ? [] : [`the sender (${source}) was not captured`],
              excludedBy: ['ike-sa-flapping-dpd', 'stale-sa'],
            },
            view,
          ),
        );
      }
      for (const [remote, sas] of groupBy(upIkeSas(device), ({ record }) => record.remote)) {
        if (sas.length < 2) continue;
        found.push(
          candidate(
            {
              rule: 'stale-sa',
              severity: 'minor',
              layer: 'ipsec',
              device: device.name,
              peer: view.owner(remote)?.name ?? remote,
              title: `${device.name} holds ${sas.length} IKE SAs up for ${remote}`,
              explanation:
                'Several phase 1 SAs for one peer that do not age out are leftovers the peer no longer uses (no DPD, a peer whose address changed).',
              evidence: sas.map((sa) => evidenceOf(sa)),
              remediation: `clear crypto session remote ${remote}\ncrypto isakmp keepalive 30 5`,
              confidence: 'possible',
              toConfirm: ['the same rows ten minutes later (stale rows do not go away)'],
            },
            view,
          ),
        );
      }
    }
    return found;
  },
};

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

function sum(values: (number | null)[]): number {
  return values.reduce<number>((total, value) => total + (value ?? 0), 0);
}

/** A drop rate worth a finding: above 0.1% of the decrypted packets; major from 1%. */
const ERROR_RATIO = 0.001;
const MAJOR_RATIO = 0.01;

const replay: Rule = {
  name: 'ipsec/anti-replay',
  layer: 'ipsec',
  faults: ['anti-replay-drops'],
  run(view) {
    const found: Candidate[] = [];
    for (const device of view.devices) {
      const sas = ipsecSas(device).map((located) => ({ located, ...countersSincePrevious(device, located) }));
      const dropped = sas.filter(({ sa }) => (sa.pktsReplayFailedRecv ?? 0) > 0);
      const logs = device.logs.filter(
        ({ record }) => record.mnemonic === 'REPLAY_ERROR' || record.mnemonic === 'PKT_REPLAY_ERR',
      );
      const drops = sum(dropped.map(({ sa }) => sa.pktsReplayFailedRecv));
      const decaps = sum(dropped.map(({ sa }) => sa.pktsDecaps));
      const delta = dropped.some((entry) => entry.delta);
      const ratio = decaps > 0 ? drops / decaps : 1;
      if (!(drops > 0 && ratio >= ERROR_RATIO) && logs.length < 2) continue;
      const peers = dropped.map(({ sa }) => view.owner(sa.remote)?.name ?? sa.remote ?? '?');
      found.push(
        candidate(
          {
            rule: 'anti-replay-drops',
            severity: ratio >= MAJOR_RATIO ? 'major' : 'minor',
            layer: 'ipsec',
            device: device.name,
            title: `${device.name} drops ESP failing the anti-replay check (${drops} packets${delta ? ' since the previous poll' : ''}${decaps > 0 ? `, ${(ratio * 100).toFixed(2)}% of those decrypted` : ''})`,
            explanation:
              `ESP reaches ${device.name} out of order beyond the replay window (64 packets by default): QoS on the ` +
              'sender reordering after encryption, load-balanced ISP paths or reassembly of fragments. The tunnel ' +
              `stays up but voice and TCP suffer retransmissions.${peers.length > 0 ? ` Peers: ${peers.join(', ')}.` : ''}`,
            evidence: [
              ...dropped
                .slice(0, 3)
                .map(({ located }) =>
                  findLine(device.name, located.output, /replay failed/, located.record.line),
                ),
              logs[0] && evidenceOf(logs[0]),
              logs[logs.length - 1] && evidenceOf(logs[logs.length - 1]!),
            ],
            remediation:
              'crypto ipsec security-association replay window-size 1024\n! on the senders: qos pre-classify on the tunnel, and ip mtu 1400 / ip tcp adjust-mss 1360 to avoid fragments',
            confidence: drops > 0 ? 'confirmed' : 'probable',
            toConfirm: [
              ...(delta ? [] : ['two polls of show crypto ipsec sa detail (the replay counter rising)']),
              'show policy-map interface on the senders (queue drops/reordering)',
            ],
          },
          view,
        ),
      );
    }
    return found;
  },
};

const ERROR_COUNTERS = [
  ['pktsVerifyFailed', 'verify failed'],
  ['pktsDecapsFailedRecv', 'decaps failed'],
  ['pktsEncapsFailedSend', 'encaps failed'],
  ['pktsInvalidLenRecv', 'invalid len'],
  ['pktsInvalidProtRecv', 'invalid prot'],
  ['pktsInvalidIdentityRecv', 'invalid identity'],
  ['pktsInternalErrSend', 'internal err \\(send'],
  ['pktsInternalErrRecv', 'internal err \\(recv'],
] as const;

function errorsOf(sa: IpsecSa): { count: number; counters: string[]; totalsOnly: boolean } {
  const counters: string[] = [];
  let count = 0;
  for (const [field, text] of ERROR_COUNTERS) {
    const value = sa[field] ?? 0;
    if (value > 0) {
      count += value;
      counters.push(text);
    }
  }
  // Without `detail` only the totals are printed: count what replay and invalid-SPI drops do not explain.
  const explained = (sa.pktsReplayFailedRecv ?? 0) + (sa.pktsInvalidSaRecv ?? 0);
  const totals = (sa.sendErrors ?? 0) + Math.max(0, (sa.recvErrors ?? 0) - explained);
  if (counters.length === 0 && totals > 0) {
    count = totals;
    counters.push((sa.sendErrors ?? 0) > 0 ? 'send errors' : 'recv errors');
    return { count, counters, totalsOnly: true };
  }
  return { count, counters, totalsOnly: false };
}

const sendReceiveErrors: Rule = {
  name: 'ipsec/send-recv-errors',
  layer: 'ipsec',
  faults: ['ipsec-send-recv-errors'],
  run(view) {
    const found: Candidate[] = [];
    for (const device of view.devices) {
      const erring = ipsecSas(device)
        .map((located) => {
          const { sa } = countersSincePrevious(device, located);
          return { located, sa, ...errorsOf(sa) };
        })
        .filter(({ count }) => count > 0);
      if (erring.length === 0) continue;
      const total = erring.reduce((sum, { count }) => sum + count, 0);
      const packets = sum(erring.map(({ sa }) => sa.pktsDecaps)) + sum(erring.map(({ sa }) => sa.pktsEncaps));
      const ratio = packets > 0 ? total / packets : 1;
      const kinds = [...new Set(erring.flatMap(({ counters }) => counters))].map((text) =>
        text.replace(/\\/g, ''),
      );
      const verify = kinds.includes('verify failed');
      const peers = erring.map(
        ({ located }) => view.owner(located.record.remote)?.name ?? located.record.remote ?? '?',
      );
      found.push(
        candidate(
          {
            rule: 'ipsec-send-recv-errors',
            severity: ratio >= ERROR_RATIO ? 'major' : 'minor',
            layer: 'ipsec',
            device: device.name,
            title: `${device.name} counts IPsec errors (${kinds.join(', ')}: ${total}) on ${erring.length} SA${erring.length > 1 ? 's' : ''}`,
            explanation:
              (verify
                ? `ESP arriving at ${device.name} fails its integrity check (HMAC): packets corrupted on the way (a bad line, NIC or ISP device) or keys out of step. `
                : `The SA counters of ${device.name} show packets dropped by the crypto path. `) +
              `Peers: ${peers.join(', ')}.` +
              (erring.length > 1
                ? " The errors on several SAs at once point at this router's side (its underlay or crypto engine)."
                : ''),
            evidence: erring
              .slice(0, 3)
              .map(({ located, counters }) =>
                findLine(device.name, located.output, new RegExp(counters[0]!), located.record.line),
              ),
            remediation: verify
              ? `! check the underlay of ${device.name}: show interfaces <wan> (CRC, input errors), the ISP circuit\n! if the keys are out of step: clear crypto sa peer <peer>`
              : 'show crypto engine accelerator statistic   ! and the QoS pre-crypto queues',
            confidence: 'probable',
            toConfirm: ['two polls of show crypto ipsec sa detail (the error counters rising)'],
            // Without `detail` the totals also count replay and invalid-SPI drops: their own findings explain them.
            ...(erring.every(({ totalsOnly }) => totalsOnly)
              ? { excludedBy: ['anti-replay-drops', 'invalid-spi-desync', 'stale-sa'] }
              : {}),
          },
          view,
        ),
      );
    }
    return found;
  },
};

export const ipsecRules: readonly Rule[] = [phase2, oneWay, desync, replay, sendReceiveErrors];
