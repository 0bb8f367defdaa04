// History rules: a tunnel flapping (N transitions within W minutes, resolved after S stable minutes), many spokes
// re-registering with a hub within one holdtime, and SAs re-created far more often than their lifetime allows.
// Transitions come from the input's TunnelEvents and from the DMVPN log lines of the snapshots.

import type { Evidence, TunnelEvent } from '../model/finding.js';
import type { IpsecProfile } from '../model/records/config.js';
import type { DmvpnPeer } from '../model/records/dmvpn.js';
import type { SyslogEvent } from '../model/records/syslog.js';
import { dmvpnTunnelConfigs } from './rules/config.js';
import { deviceClock, durationText, timedLogs, type TimedLog } from './rules/log-time.js';
import { candidate, type Candidate, type Rule } from './rules/rule.js';
import { DEFAULT_FLAP_OPTIONS, type FlapOptions } from './types.js';
import type { DeviceView, Located, NetworkView } from './view.js';
import { evidenceOf } from './view.js';

const MINUTE_MS = 60_000;

/** A transition with the log line it was read from, when it came from a log. */
export interface Transition {
  event: TunnelEvent;
  log?: Located<SyslogEvent>;
}

function peerOfLog(event: SyslogEvent): { interface: string; peer: string; up: boolean } | undefined {
  const detail = event.detail;
  if (detail?.type === 'crypto_socket')
    return { interface: detail.interface, peer: detail.remoteNbma, up: detail.up };
  if (detail?.type === 'nhrp_peer') {
    const peer = detail.peerNbma ?? detail.peerTunnel;
    return peer ? { interface: detail.interface, peer, up: detail.up } : undefined;
  }
  return undefined;
}

/** The state edges the device's log shows, one per change (a socket and an NHS going down together are one edge). */
export function transitionsFromLogs(device: DeviceView): Transition[] {
  const state = new Map<string, string>();
  const transitions: Transition[] = [];
  for (const { log, at } of timedLogs(device)) {
    const seen = peerOfLog(log.record);
    if (!seen) continue;
    const key = `${seen.interface}\u0000${seen.peer}`;
    const to = seen.up ? 'UP' : 'DOWN';
    const from = state.get(key) ?? (seen.up ? 'DOWN' : 'UP');
    state.set(key, to);
    if (from === to) continue;
    transitions.push({
      event: {
        device: device.name,
        interface: seen.interface,
        peer: seen.peer,
        from,
        to,
        at,
        source: 'syslog',
      },
      log,
    });
  }
  return transitions;
}

export interface FlapEpisode {
  device: string;
  interface: string;
  peer: string;
  transitions: Transition[];
  /** When the N-th transition within W minutes happened. */
  triggeredAt: number;
  /** From the first transition of the triggering window to the trigger. */
  timeToTriggerMs: number;
  lastAt: number;
  /** Time since the last transition, at `now`. */
  stableForMs: number;
  /** Resolved once the tunnel has been stable for S minutes (hysteresis: the episode holds until then). */
  resolved: boolean;
  /** Most transitions seen within one window. */
  peakInWindow: number;
}

/** Flap episodes of one tunnel's transitions (sorted by time). */
export function flapEpisodes(transitions: Transition[], options: FlapOptions, now: number): FlapEpisode[] {
  const sorted = [...transitions].sort((a, b) => a.event.at - b.event.at);
  const windowMs = options.windowMinutes * MINUTE_MS;
  const stableMs = options.stableMinutes * MINUTE_MS;
  const episodes: FlapEpisode[] = [];
  let index = 0;
  while (index < sorted.length) {
    let start = index;
    let trigger = -1;
    for (let cursor = index; cursor < sorted.length; cursor++) {
      while (sorted[cursor]!.event.at - sorted[start]!.event.at >= windowMs) start++;
      if (cursor - start + 1 >= options.transitions) {
        trigger = cursor;
        break;
      }
    }
    if (trigger < 0) break;
    let end = trigger;
    while (end + 1 < sorted.length && sorted[end + 1]!.event.at - sorted[end]!.event.at < stableMs) end++;
    const members = sorted.slice(start, end + 1);
    let peak = 0;
    for (let left = 0, right = 0; right < members.length; right++) {
      while (members[right]!.event.at - members[left]!.event.at >= windowMs) left++;
      peak = Math.max(peak, right - left + 1);
    }
    const first = sorted[start]!.event;
    const lastAt = sorted[end]!.event.at;
    episodes.push({
      device: first.device,
      interface: first.interface,
      peer: first.peer,
      transitions: members,
      triggeredAt: sorted[trigger]!.event.at,
      timeToTriggerMs: sorted[trigger]!.event.at - first.at,
      lastAt,
      stableForMs: now - lastAt,
      resolved: now - lastAt >= stableMs,
      peakInWindow: peak,
    });
    index = end + 1;
  }
  return episodes;
}

function newest(view: NetworkView): number {
  return Math.max(0, ...view.devices.map((device) => device.snapshot.collectedAt));
}

/** A name for an address: the device that owns it when it is in the input. */
function nameOf(view: NetworkView, address: string): string {
  return view.owner(address)?.name ?? address;
}

/** The current dmvpn row of the tunnel, whose UpDn timer shows the last reset. */
function rowFor(view: NetworkView, device: string, peer: string): Evidence | undefined {
  const row = view
    .device(device)
    ?.records<DmvpnPeer>('dmvpn_peer')
    .find(
      ({ record }) =>
        record.peerNbma === peer || record.peerTunnel === peer || view.owner(record.peerNbma)?.name === peer,
    );
  return row && evidenceOf(row);
}

/** Causes whose own finding explains a tunnel going up and down. */
const FLAP_CAUSES = [
  'ike-sa-flapping-dpd',
  'nhrp-holdtime-registration-timer',
  'recursive-routing',
  'if-state-nhrp-down',
];

/** Share of a hub's spokes flapping together that makes one hub-side incident rather than one per spoke (§5.1). */
const HUB_WIDE_SHARE = 0.2;

/**
 * `tunnel-flapping` findings for the tunnels flapping now; resolved episodes are left out. `now` defaults to the
 * reporting device's clock (its log's when that clock is not synchronised), else the newest poll.
 */
export function flapCandidates(
  view: NetworkView,
  options: FlapOptions = DEFAULT_FLAP_OPTIONS,
  now?: number,
): Candidate[] {
  const byTunnel = new Map<string, Transition[]>();
  const add = (transition: Transition): void => {
    const { device, peer } = transition.event;
    // Both ends of a tunnel report it: key by the unordered pair of names so the two become one finding.
    const ends = [device, nameOf(view, peer)].sort().join('\u0000');
    byTunnel.set(ends, [...(byTunnel.get(ends) ?? []), transition]);
  };
  view.events.filter((event) => event.from !== event.to).forEach((event) => add({ event }));
  view.devices.flatMap(transitionsFromLogs).forEach(add);
  const active: FlapEpisode[] = [];
  for (const transitions of byTunnel.values()) {
    // Prefer the spoke's own record of the tunnel; a hub's log repeats the same edges.
    const perDevice = new Map<string, Transition[]>();
    for (const transition of transitions) {
      perDevice.set(transition.event.device, [...(perDevice.get(transition.event.device) ?? []), transition]);
    }
    const reporter = [...perDevice.keys()].sort((a, b) => rank(view, a) - rank(view, b))[0]!;
    const own = perDevice.get(reporter)!;
    const device = view.device(reporter);
    const clock =
      now ?? (device && own.some((transition) => transition.log) ? deviceClock(device) : newest(view));
    active.push(...flapEpisodes(own, options, clock).filter((episode) => !episode.resolved));
  }
  const byHub = new Map<string, FlapEpisode[]>();
  for (const episode of active) {
    const hub = [view.device(episode.device), view.owner(episode.peer)].find((end) => end?.role === 'hub');
    if (hub) byHub.set(hub.name, [...(byHub.get(hub.name) ?? []), episode]);
  }
  const found: Candidate[] = [];
  const grouped = new Set<FlapEpisode>();
  for (const [hubName, episodes] of byHub) {
    const spokes = view.device(hubName)!.records<DmvpnPeer>('dmvpn_peer').length;
    if (episodes.length < 2 || episodes.length < spokes * HUB_WIDE_SHARE) continue;
    episodes.forEach((episode) => grouped.add(episode));
    found.push(flapFinding(view, options, episodes, hubName));
  }
  for (const episode of active) if (!grouped.has(episode)) found.push(flapFinding(view, options, [episode]));
  return found;
}

function flapFinding(
  view: NetworkView,
  options: FlapOptions,
  episodes: FlapEpisode[],
  hub?: string,
): Candidate {
  const episode = episodes.reduce((a, b) => (b.peakInWindow > a.peakInWindow ? b : a));
  const windowMs = options.windowMinutes * MINUTE_MS;
  const critical =
    episode.peakInWindow >= options.transitions * 2 ||
    windowed(episode.transitions, windowMs / 5) >= options.transitions;
  const peer = nameOf(view, episode.peer);
  const logged = episode.transitions.filter((transition) => transition.log);
  const triggeredAt = Math.min(...episodes.map((each) => each.triggeredAt));
  const others = episodes
    .map((each) => (view.device(each.device)?.role === 'hub' ? nameOf(view, each.peer) : each.device))
    .sort();
  return candidate(
    {
      rule: 'tunnel-flapping',
      severity: critical ? 'critical' : 'major',
      layer: 'tunnel',
      device: hub ?? episode.device,
      interface: hub ? null : episode.interface,
      peer: hub ? null : peer,
      title: hub
        ? `${episodes.length} tunnels of ${hub} are flapping together (${others.join(', ')}): one cause on the hub side`
        : `Tunnel ${episode.device} ↔ ${peer} is flapping: ${episode.transitions.length} transitions, up to ${episode.peakInWindow} within ${options.windowMinutes} minutes`,
      explanation:
        (hub
          ? `The tunnels of ${episodes.length} spokes go up and down at the same times: the hub's WAN, crypto or CPU, not each spoke. `
          : '') +
        `The tunnel went UP and down ${episode.transitions.length} times since ${new Date(episode.transitions[0]!.event.at).toISOString()}; ` +
        `it crossed ${options.transitions} transitions in ${options.windowMinutes} minutes after ` +
        `${durationText(episode.timeToTriggerMs)}. It counts as resolved after ${options.stableMinutes} stable minutes ` +
        `(last transition ${durationText(episode.stableForMs)} ago).`,
      evidence: [
        ...logged.slice(0, 2).map((transition) => evidenceOf(transition.log!)),
        logged.length > 2 ? evidenceOf(logged[logged.length - 1]!.log!) : undefined,
        rowFor(view, episode.device, episode.peer),
      ],
      remediation:
        '! find what takes the tunnel down each time: the WAN interface (show interfaces <wan>, LINEPROTO logs), ' +
        'DPD timeouts (CRYPTO_SS without an interface change), or NHRP registration timeouts\n' +
        '! meanwhile: ip nhrp registration timeout / DPD timers sized to the link',
      since: triggeredAt,
      confidence: logged.length > 0 ? 'confirmed' : 'probable',
      affected: hub ? others : [],
      excludedBy: FLAP_CAUSES,
    },
    view,
  );
}

function rank(view: NetworkView, device: string): number {
  const role = view.device(device)?.role;
  return role === 'spoke' ? 0 : role === 'hub' ? 2 : 1;
}

function windowed(transitions: Transition[], windowMs: number): number {
  let peak = 0;
  for (let left = 0, right = 0; right < transitions.length; right++) {
    while (transitions[right]!.event.at - transitions[left]!.event.at >= windowMs) left++;
    peak = Math.max(peak, right - left + 1);
  }
  return peak;
}

/** IOS's default `ip nhrp holdtime`. */
const DEFAULT_HOLDTIME_S = 7200;
const CHURN_SHARE = 0.1;
const CHURN_MIN_SPOKES = 2;

function holdtimeOf(hub: DeviceView): number {
  const configured = dmvpnTunnelConfigs(hub).find(({ record }) => record.nhrp?.holdtimeSeconds);
  return (configured?.record.nhrp?.holdtimeSeconds ?? DEFAULT_HOLDTIME_S) * 1000;
}

/** `nhrp-registration-churn`: more than 10% of a hub's spokes going DOWN and UP again within one holdtime. */
export function churnCandidates(view: NetworkView): Candidate[] {
  const found: Candidate[] = [];
  for (const hub of view.hubs) {
    const logs = timedLogs(hub, (event) => event.detail?.type === 'nhrp_peer' && event.detail.role === 'nhc');
    const holdMs = holdtimeOf(hub);
    const reRegistrations: { spoke: string; down: TimedLog; up: TimedLog }[] = [];
    const downs = new Map<string, TimedLog>();
    for (const entry of logs) {
      const detail = entry.log.record.detail;
      if (detail?.type !== 'nhrp_peer' || !detail.peerTunnel) continue;
      if (!detail.up) downs.set(detail.peerTunnel, entry);
      else {
        const down = downs.get(detail.peerTunnel);
        if (down) reRegistrations.push({ spoke: detail.peerTunnel, down, up: entry });
        downs.delete(detail.peerTunnel);
      }
    }
    const spokes = new Set([
      ...hub.records<DmvpnPeer>('dmvpn_peer').map(({ record }) => record.peerTunnel),
      ...logs
        .map(({ log }) => (log.record.detail?.type === 'nhrp_peer' ? log.record.detail.peerTunnel : null))
        .filter((peer): peer is string => peer !== null),
    ]);
    let best: typeof reRegistrations = [];
    for (const [index, first] of reRegistrations.entries()) {
      const within = reRegistrations.slice(index).filter((entry) => entry.up.at - first.down.at <= holdMs);
      if (new Set(within.map((entry) => entry.spoke)).size > new Set(best.map((entry) => entry.spoke)).size)
        best = within;
    }
    const churned = new Set(best.map((entry) => entry.spoke));
    if (churned.size < CHURN_MIN_SPOKES || churned.size <= spokes.size * CHURN_SHARE) continue;
    const names = [...churned].map((address) => nameOf(view, address));
    found.push(
      candidate(
        {
          rule: 'nhrp-registration-churn',
          severity: churned.size >= spokes.size / 2 ? 'major' : 'minor',
          layer: 'nhrp',
          device: hub.name,
          title: `${churned.size} of ${spokes.size} spokes of ${hub.name} dropped and re-registered within one holdtime (${durationText(holdMs)})`,
          explanation:
            `${hub.name} logged NHC DOWN then UP for ${names.join(', ')} within ${durationText(holdMs)}: many spokes ` +
            're-registering together points at one cause on the hub side (its WAN, crypto or CPU, an NHRP timer) rather ' +
            'than at each spoke.',
          evidence: best
            .slice(0, 3)
            .flatMap((entry) => [evidenceOf(entry.down.log), evidenceOf(entry.up.log)]),
          remediation: `! on ${hub.name}: show processes cpu sorted, show interfaces <wan>, show ip nhrp traffic (registration rate)\n! and check the spokes' ip nhrp registration timeout against the holdtime`,
          since: best[0]!.down.at,
          confidence: 'probable',
          affected: names,
          excludedBy: ['tunnel-flapping', 'recursive-routing'],
        },
        view,
      ),
    );
  }
  return found;
}

const DEFAULT_IPSEC_LIFETIME_S = 3600;
const CHURN_SAS = 3;

function ipsecLifetimeMs(device: DeviceView): number {
  const tunnel = dmvpnTunnelConfigs(device).find(({ record }) => record.tunnel?.protection);
  const profileName = tunnel?.record.tunnel?.protection?.profile;
  const profile = device
    .records<IpsecProfile>('config_ipsec_profile')
    .find(({ record }) => record.name === profileName);
  return (profile?.record.lifetimeSeconds ?? DEFAULT_IPSEC_LIFETIME_S) * 1000;
}

/** `sa-churn`: the crypto socket to one peer re-created three times or more, each time within a tenth of the SA lifetime. */
export function saChurnCandidates(view: NetworkView): Candidate[] {
  const found: Candidate[] = [];
  const reported = new Set<string>();
  for (const device of view.devices) {
    const limit = ipsecLifetimeMs(device) / 10;
    const ups = timedLogs(device, (event) => event.detail?.type === 'crypto_socket' && event.detail.up);
    const byPeer = new Map<string, TimedLog[]>();
    for (const entry of ups) {
      const detail = entry.log.record.detail;
      if (detail?.type === 'crypto_socket')
        byPeer.set(detail.remoteNbma, [...(byPeer.get(detail.remoteNbma) ?? []), entry]);
    }
    for (const [peer, entries] of byPeer) {
      let run: TimedLog[] = [];
      let longest: TimedLog[] = [];
      for (const entry of entries) {
        run = run.length > 0 && entry.at - run[run.length - 1]!.at < limit ? [...run, entry] : [entry];
        if (run.length > longest.length) longest = run;
      }
      if (longest.length < CHURN_SAS) continue;
      const peerName = nameOf(view, peer);
      const pair = [device.name, peerName].sort().join('\u0000');
      // Both ends log the same sockets: the spoke's record of it is the one to report.
      const peerDevice = view.device(peerName);
      if (
        device.role === 'hub' &&
        peerDevice &&
        peerDevice.role !== 'hub' &&
        peerDevice.collected('show logging')
      )
        continue;
      if (reported.has(pair)) continue;
      reported.add(pair);
      found.push(
        candidate(
          {
            rule: 'sa-churn',
            severity: 'minor',
            layer: 'ipsec',
            device: device.name,
            peer: peerName,
            title: `SAs between ${device.name} and ${peerName} re-created ${longest.length} times, each within ${durationText(limit)} (a tenth of their lifetime)`,
            explanation:
              'IPsec SAs should live for their lifetime and rekey in place; being rebuilt this often wastes hub crypto ' +
              'capacity and drops traffic at each rebuild (DPD timeouts, a flapping path, or a peer clearing its SAs).',
            evidence: [evidenceOf(longest[0]!.log), evidenceOf(longest[longest.length - 1]!.log)],
            remediation:
              "! find what tears the SAs down: show crypto isakmp sa detail / ikev2 sa detailed (DPD), the underlay loss, the peer's logs",
            since: longest[CHURN_SAS - 1]!.at,
            confidence: 'probable',
            affected: view.device(peerName) ? [peerName] : [],
            excludedBy: ['tunnel-flapping', 'ike-sa-flapping-dpd', 'stale-sa'],
          },
          view,
        ),
      );
    }
  }
  return found;
}

export const flapRules: readonly Rule[] = [
  {
    name: 'history/tunnel-flapping',
    layer: 'tunnel',
    faults: ['tunnel-flapping'],
    run: (view) => flapCandidates(view, view.settings.flap),
  },
  {
    name: 'history/registration-churn',
    layer: 'nhrp',
    faults: ['nhrp-registration-churn'],
    run: churnCandidates,
  },
  { name: 'history/sa-churn', layer: 'ipsec', faults: ['sa-churn'], run: saChurnCandidates },
];
