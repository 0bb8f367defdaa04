// Counters read from a pair's history in closed form: packets each side encrypts and decrypts (per flow and since
// boot), registrations sent, answered and received. Rates come from the network seed, one per spoke.

import type { Condition } from './conditions.js';
import { unit } from './hash.js';
import { periodicBefore, retriesBefore, retryAt } from './nhrp.js';
import type { HubPhase, PairHistory, Session, SpokePhase } from './history.js';
import { deliversToHub, deliversToSpoke } from './verdict.js';

/** Packets a second of registrations, hellos and keepalives when no user traffic flows. */
const CONTROL_RATE = 0.25;
/** Average packet size through the tunnels, bytes. */
export const PACKET_BYTES = 420;

/** Packets a second a spoke sends its hub while up (user traffic plus control), from the seed. */
export function spokeRate(seed: number, pairKey: number): number {
  return 0.5 + 4.5 * unit(seed, pairKey, 17);
}

function hubRate(seed: number, pairKey: number): number {
  return 0.8 * spokeRate(seed, pairKey);
}

/** Seconds of [a, b) during which a churning registration is alive. */
function churnAlive(churn: NonNullable<HubPhase['churn']>, a: number, b: number): number {
  const alive = (x: number): number => {
    if (x <= churn.anchor) return 0;
    const cycles = Math.floor((x - churn.anchor) / churn.period);
    const into = x - churn.anchor - cycles * churn.period;
    return cycles * Math.min(churn.hold, churn.period) + Math.min(into, churn.hold);
  };
  return Math.max(0, alive(b) - alive(a));
}

export function churnRegistered(churn: HubPhase['churn'], t: number): boolean {
  if (!churn || t < churn.anchor) return true;
  return (t - churn.anchor) % churn.period < churn.hold;
}

export interface Segment {
  from: number;
  to: number;
  spoke: SpokePhase;
  hub: HubPhase;
  condition: Condition;
  toHub: boolean;
  toSpoke: boolean;
}

const cuts = new WeakMap<PairHistory, Segment[]>();

/** The whole history cut where either side's phase or the condition changes (computed once per history). */
function allSegments(history: PairHistory): Segment[] {
  let result = cuts.get(history);
  if (result) return result;
  result = [];
  const { spoke, hub, episodes } = history;
  let spokeIndex = 0;
  let hubIndex = 0;
  let episodeIndex = 0;
  let start = Math.min(spoke[1]?.from ?? Infinity, hub[1]?.from ?? Infinity, episodes[0]?.from ?? Infinity);
  while (start < history.at) {
    while (spoke[spokeIndex + 1] && spoke[spokeIndex + 1]!.from <= start) spokeIndex++;
    while (hub[hubIndex + 1] && hub[hubIndex + 1]!.from <= start) hubIndex++;
    while (episodes[episodeIndex + 1] && episodes[episodeIndex + 1]!.from <= start) episodeIndex++;
    const end = Math.min(
      spoke[spokeIndex + 1]?.from ?? Infinity,
      hub[hubIndex + 1]?.from ?? Infinity,
      episodes[episodeIndex + 1]?.from ?? Infinity,
      history.at,
    );
    const condition: Condition = episodes[episodeIndex]?.condition ?? { kind: 'absent' };
    const running = condition.kind === 'run';
    result.push({
      from: start,
      to: end,
      spoke: spoke[spokeIndex]!,
      hub: hub[hubIndex]!,
      condition,
      toHub: running && deliversToHub(condition.verdict),
      toSpoke: running && deliversToSpoke(condition.verdict),
    });
    start = end;
  }
  cuts.set(history, result);
  return result;
}

/** The pair's history cut where either side's phase or the condition changes, within [from, to). */
export function segments(history: PairHistory, from: number, to: number): Segment[] {
  const result: Segment[] = [];
  for (const segment of allSegments(history)) {
    if (segment.to <= from || segment.from >= to) continue;
    result.push(
      segment.from >= from && segment.to <= to
        ? segment
        : { ...segment, from: Math.max(segment.from, from), to: Math.min(segment.to, to) },
    );
  }
  return result;
}

export interface PacketCounts {
  /** Encrypted (or GRE-encapsulated) by the spoke towards the hub. */
  spokeSent: number;
  /** Decrypted by the spoke from the hub. */
  spokeReceived: number;
  hubSent: number;
  hubReceived: number;
}

function spokeSends(phase: SpokePhase, rate: number): number {
  if (phase.posture === 'up') return rate;
  if (phase.posture === 'nhrp' && (phase.session !== null || phase.registrations !== 'none'))
    return CONTROL_RATE;
  return 0;
}

function sameSession(a: Session | null, b: Session | null): boolean {
  return a !== null && a === b;
}

/**
 * Packets over [from, to), optionally only those of one side's flow (its SAs with `session`): a flow's counters
 * start from zero when its session is built, as IOS's do.
 */
export function packetCounts(
  history: PairHistory,
  seed: number,
  from: number,
  to: number,
  flow?: { side: 'spoke' | 'hub'; session: Session },
): PacketCounts {
  return floored(exactPacketCounts(history, seed, from, to, flow));
}

function floored(counts: PacketCounts): PacketCounts {
  return {
    spokeSent: Math.floor(counts.spokeSent),
    spokeReceived: Math.floor(counts.spokeReceived),
    hubSent: Math.floor(counts.hubSent),
    hubReceived: Math.floor(counts.hubReceived),
  };
}

/** Packets from `boot` to the asked second, the periods a long periodic history skipped counted in. */
export function packetTotals(history: PairHistory, seed: number, boot: number): PacketCounts {
  const counts = exactPacketCounts(history, seed, boot, history.at);
  const { periods, period } = history.periodic;
  if (periods > 0) {
    const one = exactPacketCounts(history, seed, history.at - period, history.at);
    counts.spokeSent += periods * one.spokeSent;
    counts.spokeReceived += periods * one.spokeReceived;
    counts.hubSent += periods * one.hubSent;
    counts.hubReceived += periods * one.hubReceived;
  }
  return floored(counts);
}

function exactPacketCounts(
  history: PairHistory,
  seed: number,
  from: number,
  to: number,
  flow?: { side: 'spoke' | 'hub'; session: Session },
): PacketCounts {
  const pairKey = history.conditions.pair.key;
  const up = spokeRate(seed, pairKey);
  const down = hubRate(seed, pairKey);
  const counts: PacketCounts = { spokeSent: 0, spokeReceived: 0, hubSent: 0, hubReceived: 0 };
  if (to <= from) return counts;
  for (const segment of segments(history, from, to)) {
    const { spoke, hub } = segment;
    if (flow && (flow.side === 'spoke' ? spoke.session : hub.session) !== flow.session) continue;
    const length = segment.to - segment.from;
    const sent = spokeSends(spoke, up) * length;
    let hubAlive = 0;
    if (hub.posture === 'up') hubAlive = hub.churn ? churnAlive(hub.churn, segment.from, segment.to) : length;
    const hubSent = down * hubAlive;
    const shared = sameSession(spoke.session, hub.session);
    counts.spokeSent += sent;
    counts.hubSent += hubSent;
    if (segment.toHub && (shared || !spoke.session)) counts.hubReceived += sent;
    if (segment.toSpoke && (shared || !hub.session) && spoke.posture !== 'intf')
      counts.spokeReceived += hubSent;
  }
  return counts;
}

export interface RegistrationCounts {
  sent: number;
  /** Answered (replies received by the spoke). */
  answered: number;
  /** Arrived at the hub's NHRP (accepted or rejected). */
  arrived: number;
  /** Accepted by the hub (replies sent). */
  accepted: number;
  /** The last answered registration, or null. */
  lastAnswered: number | null;
  /** The last registration the hub accepted, or null. */
  lastAccepted: number | null;
}

/** The spoke's registration requests over [from, to] and what became of them. */
export function registrationCounts(history: PairHistory, from: number, to: number): RegistrationCounts {
  const counts: RegistrationCounts = {
    sent: 0,
    answered: 0,
    arrived: 0,
    accepted: 0,
    lastAnswered: null,
    lastAccepted: null,
  };
  const phases = history.spoke;
  const interval = history.registrationInterval;
  for (let index = 0; index < phases.length; index++) {
    const phase = phases[index]!;
    if (phase.registrations === 'none') continue;
    const start = Math.max(phase.from, from);
    const end = Math.min(phases[index + 1]?.from ?? Infinity, to + 1e-9);
    if (end <= start) continue;
    const before = (x: number): number =>
      phase.periodic
        ? periodicBefore(phase.registrationAnchor, interval, x)
        : retriesBefore(phase.registrationAnchor, x);
    const count = before(end) - before(start);
    if (count <= 0) continue;
    counts.sent += count;
    const fate = phase.registrations;
    const lastIndex = before(end) - 1;
    const last = phase.periodic
      ? phase.registrationAnchor + lastIndex * interval
      : retryAt(phase.registrationAnchor, lastIndex);
    if (fate === 'answered') {
      counts.answered += count;
      counts.lastAnswered = last;
    }
    if (fate === 'answered' || fate === 'accepted' || fate === 'rejected') counts.arrived += count;
    if (fate === 'answered' || fate === 'accepted') {
      counts.accepted += count;
      counts.lastAccepted = last;
    }
  }
  return counts;
}

/** Registrations from `boot` to the asked second, the periods a long periodic history skipped counted in. */
export function registrationTotals(history: PairHistory, boot: number): RegistrationCounts {
  const counts = registrationCounts(history, boot, history.at);
  const { periods, period } = history.periodic;
  if (periods > 0) {
    const one = registrationCounts(history, history.at - period + 1e-6, history.at);
    counts.sent += periods * one.sent;
    counts.answered += periods * one.answered;
    counts.arrived += periods * one.arrived;
    counts.accepted += periods * one.accepted;
  }
  return counts;
}
