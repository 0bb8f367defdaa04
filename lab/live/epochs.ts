// A live lab's network changes while it runs. The engine plays a network whose configuration took effect at its
// second 0, with the configurations that ran before it chained in `previous` (each from its `since`), so each change
// starts a new epoch: the engine's second 0 moves to the live second of the change, every absolute time of the
// network moves with it, and the configuration that ran until then heads the chain. The chain keeps the last
// MAX_PREVIOUS configurations: the history before the oldest is approximated as having run with it since the routers
// booted.

import { applyFault } from '../faults/catalogue.js';
import type { AppliedFault, LabNetwork, LabOptions, Underlay } from '../model/network.js';
import { buildNetwork } from '../network/build.js';

/** The underlay's events on the lab clock (they carry their own times and survive every change). */
type TimeEvents = Pick<Underlay, 'flaps' | 'reboots' | 'saClears' | 'dpdLoss'> & {
  bootAt: LabNetwork['bootAt'];
};

/** How many configurations before the current one the engine replays (each costs a verdict per pair). */
export const MAX_PREVIOUS = 8;

export interface Epoch {
  /** The engine's network: its second 0 is live second `start`. */
  network: LabNetwork;
  start: number;
}

/** The network as built with these faults applied in order (their own checks and messages included). */
export function configured(options: LabOptions, faults: readonly AppliedFault[]): LabNetwork {
  const network = buildNetwork(options);
  for (const fault of faults) applyFault(network, fault.id, fault.target);
  return network;
}

function shiftMap<V>(map: Map<string, V> | undefined, move: (value: V) => V): Map<string, V> {
  return new Map([...(map ?? new Map<string, V>())].map(([name, value]) => [name, move(value)]));
}

/** The network's time events with second `shift` moved to second 0. */
function shiftedEvents(network: LabNetwork, shift: number): TimeEvents {
  const at = (t: number): number => t - shift;
  const since = <T extends { sinceSeconds: number; untilSeconds?: number }>(value: T): T => ({
    ...value,
    sinceSeconds: at(value.sinceSeconds),
    ...(value.untilSeconds === undefined ? {} : { untilSeconds: at(value.untilSeconds) }),
  });
  const { underlay } = network;
  return {
    bootAt: shiftMap(network.bootAt, at),
    flaps: shiftMap(underlay.flaps, since),
    reboots: shiftMap(underlay.reboots, at),
    saClears: shiftMap(underlay.saClears, at),
    dpdLoss: shiftMap(underlay.dpdLoss, since),
  };
}

/**
 * A chain of previous configurations seen from `shift` seconds later; the last one kept at `depth` runs since the
 * routers booted.
 */
function shiftedChain(network: LabNetwork | undefined, shift: number, depth: number): LabNetwork | undefined {
  if (!network) return undefined;
  const { previous, since, ...rest } = network;
  if (since === undefined || depth <= 1) return rest;
  const older = shiftedChain(previous, shift, depth - 1);
  return { ...rest, since: since - shift, ...(older ? { previous: older } : {}) };
}

function withEvents(network: LabNetwork, events: TimeEvents): LabNetwork {
  const { bootAt, ...underlayEvents } = events;
  return { ...network, bootAt, underlay: { ...network.underlay, ...underlayEvents } };
}

/**
 * The epoch that starts at live second `at` with the configuration `next` (its time events are ignored: the
 * current epoch's carry on). A second change within the same second replaces the epoch that has not run yet.
 */
export function nextEpoch(current: Epoch, at: number, next: LabNetwork): Epoch {
  shareUnchanged(next, current.network);
  const shift = at - current.start;
  if (shift < 0) throw new Error(`an epoch cannot start before the current one (${at} < ${current.start})`);
  const events = shiftedEvents(current.network, shift);
  const { previous: older, ...ran } = current.network;
  const ranFrom = { ...withEvents(ran, events), since: 0, ...(older ? { previous: older } : {}) };
  const previous = shift === 0 ? older : shiftedChain(ranFrom, shift, MAX_PREVIOUS);
  const network: LabNetwork = {
    ...withEvents(next, events),
    ...(previous ? { previous } : {}),
    ...(current.network.clockStartMs === undefined ? {} : { clockStartMs: current.network.clockStartMs }),
  };
  return { network, start: at };
}

/** The configs a change left as they were are the current epoch's objects: the epochs kept share them. */
function shareUnchanged(next: LabNetwork, current: LabNetwork): void {
  const before = new Map(current.routers.map((router) => [router.hostname, router]));
  next.routers = next.routers.map((router) => {
    const old = before.get(router.hostname);
    return old && JSON.stringify(old) === JSON.stringify(router) ? old : router;
  });
}

/** The current epoch with its time events changed (a flap, a reboot): no new epoch is needed. */
export function withTimeEvents(current: Epoch, change: (events: TimeEvents) => void): Epoch {
  const events = shiftedEvents(current.network, 0);
  change(events);
  return { network: withEvents(current.network, events), start: current.start };
}

/** What applying one fault to a network as built adds to its time events. */
export interface FaultEvents {
  reboots: string[];
  saClears: string[];
  flaps: Map<string, { periodSeconds: number; downSeconds: number; sinceSeconds: number }>;
  dpdLoss: Map<string, { periodSeconds: number; sinceSeconds: number }>;
}

export function faultEvents(options: LabOptions, fault: AppliedFault): FaultEvents {
  const network = buildNetwork(options);
  const before = shiftedEvents(network, 0);
  applyFault(network, fault.id, fault.target);
  const after = shiftedEvents(network, 0);
  const added = <V>(from: Map<string, V>, to: Map<string, V>): [string, V][] =>
    [...to].filter(([name, value]) => JSON.stringify(from.get(name)) !== JSON.stringify(value));
  return {
    reboots: added(before.reboots, after.reboots).map(([name]) => name),
    saClears: added(before.saClears!, after.saClears!).map(([name]) => name),
    flaps: new Map(added(before.flaps, after.flaps)),
    dpdLoss: new Map(added(before.dpdLoss!, after.dpdLoss!)),
  };
}

/** The time events of a fault injected at engine second `now`: its reboot or SA clear happens now. */
export function addFaultEvents(events: TimeEvents, added: FaultEvents, now: number): void {
  for (const name of added.reboots) reboot(events, name, now);
  for (const name of added.saClears) events.saClears!.set(name, now);
  for (const [name, flap] of added.flaps)
    events.flaps.set(name, { ...flap, sinceSeconds: now + flap.sinceSeconds });
  for (const [name, loss] of added.dpdLoss)
    events.dpdLoss!.set(name, { ...loss, sinceSeconds: now + loss.sinceSeconds });
}

/** The time events once a fault is cleared at engine second `now`: what it started stops, what it planned is off. */
export function removeFaultEvents(events: TimeEvents, added: FaultEvents, now: number): void {
  const planned = (map: Map<string, number>, name: string): void => {
    if ((map.get(name) ?? -Infinity) > now) map.delete(name);
  };
  for (const name of added.reboots) planned(events.reboots, name);
  for (const name of added.saClears) planned(events.saClears!, name);
  for (const name of added.flaps.keys()) stopFlap(events, name, now);
  for (const name of added.dpdLoss.keys()) {
    const loss = events.dpdLoss!.get(name);
    if (loss && loss.untilSeconds === undefined) {
      if (loss.sinceSeconds >= now) events.dpdLoss!.delete(name);
      else events.dpdLoss!.set(name, { ...loss, untilSeconds: now });
    }
  }
}

/**
 * The router reboots at `now`. The network holds one reboot per router: an earlier one becomes its boot (the history
 * before it is approximated as the router not running).
 */
export function reboot(events: TimeEvents, name: string, now: number): void {
  const earlier = events.reboots.get(name);
  if (earlier !== undefined && earlier < now) events.bootAt.set(name, earlier);
  events.reboots.set(name, now);
}

export function startFlap(
  events: TimeEvents,
  name: string,
  now: number,
  periodSeconds: number,
  downSeconds: number,
): void {
  events.flaps.set(name, { periodSeconds, downSeconds, sinceSeconds: now });
}

/** Stops a running flap at `now`; false when the router was not flapping. */
export function stopFlap(events: TimeEvents, name: string, now: number): boolean {
  const flap = events.flaps.get(name);
  if (!flap || (flap.untilSeconds !== undefined && flap.untilSeconds <= now)) return false;
  if (flap.sinceSeconds >= now) events.flaps.delete(name);
  else events.flaps.set(name, { ...flap, untilSeconds: now });
  return true;
}
