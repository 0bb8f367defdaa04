// The bookkeeping of a pair being played: its timers, each side's phases, events and log series, and the reactions
// every condition shares (teardown, a silent peer until DPD, holdtime expiry, registrations going unanswered).

import type { Condition, PairConditions } from './conditions.js';
import type {
  EventKind,
  EventSeries,
  HubPhase,
  PairEvent,
  RegistrationFate,
  Session,
  SpokePhase,
} from './history.js';
import { REASON_EXTERNAL, REASON_REGISTRATION, REASON_TIMEOUT } from './history.js';
import { deadPeerSeconds } from './ike.js';
import { rekeyPeriod } from './ipsec.js';
import {
  lastPeriodic,
  nextPeriodic,
  registrationHoldtime,
  registrationInterval,
  retryTimes,
} from './nhrp.js';
import { NHS_DOWN_AFTER } from './timing.js';

type TimerKind =
  | 'spoke-deadline'
  | 'hub-deadline'
  | 'attempt'
  | 'crypto-up'
  | 'registered'
  | 'registration-failing'
  | 'nbma-free'
  | 'nhs-fail'
  | 'hub-expire'
  | 'recover'
  | 'rekey-fail'
  | 'ipsec-fail';

interface Timer {
  kind: TimerKind;
  t: number;
  fire: () => void;
}

/** Timers that belong to one condition and are dropped when it changes (deadlines outlive it). */
export const CONDITION_TIMERS: TimerKind[] = [
  'attempt',
  'crypto-up',
  'registered',
  'registration-failing',
  'nbma-free',
  'nhs-fail',
  'hub-expire',
  'recover',
  'rekey-fail',
  'ipsec-fail',
];

/** The state a fresh negotiation shows. */
export function negotiating(version: 'v1' | 'v2'): string {
  return version === 'v1' ? 'MM_NO_STATE' : 'IN-NEG';
}

/** What a pair holds while it is played; the player (timeline.ts) decides how each condition moves it. */
export abstract class PairRecorder {
  readonly spoke: SpokePhase[] = [];
  readonly hub: HubPhase[] = [];
  readonly events: PairEvent[] = [];
  readonly series: EventSeries[] = [];
  protected readonly timers: Timer[] = [];
  protected condition: Condition = { kind: 'absent' };
  protected spokeSession: Session | null = null;
  protected hubSession: Session | null = null;
  protected nhsUp = false;
  protected hubRegistered = false;
  /** IKEv2 PFS mismatch: the rekey of this IKE session failed, and no new child SA can be built over it. */
  protected childFailedFor: Session | null = null;
  protected sessions = 0;
  readonly interval: number;
  readonly holdtime: number;
  readonly rekey: number;
  protected readonly spokeDpd: number | null;
  protected readonly hubDpd: number | null;
  protected readonly version: 'v1' | 'v2';

  constructor(protected readonly conditions: PairConditions) {
    const { pair, verdict } = conditions;
    this.interval = registrationInterval(pair.spokeTunnel);
    this.holdtime = registrationHoldtime(pair.spokeTunnel);
    const lifetime = ('ipsec' in verdict && verdict.ipsec?.lifetimeSeconds) || 3600;
    this.rekey = rekeyPeriod(lifetime);
    this.spokeDpd = deadPeerSeconds(pair.spoke);
    this.hubDpd = pair.hub ? deadPeerSeconds(pair.hub) : null;
    this.version = pair.spoke.ikeVersion;
    this.spoke.push({
      from: -Infinity,
      posture: 'absent',
      session: null,
      ikeState: null,
      ikeSince: 0,
      registrations: 'none',
      registrationAnchor: 0,
      periodic: false,
    });
    this.hub.push({
      from: -Infinity,
      posture: 'none',
      session: null,
      ikeState: null,
      ikeSince: 0,
      registeredSince: 0,
      unknownSince: null,
      churn: null,
    });
  }

  protected setTimer(kind: TimerKind, t: number, fire: () => void): void {
    this.clearTimer(kind);
    this.timers.push({ kind, t, fire });
  }

  protected clearTimer(kind: TimerKind): void {
    const index = this.timers.findIndex((timer) => timer.kind === kind);
    if (index >= 0) this.timers.splice(index, 1);
  }

  protected hasTimer(kind: TimerKind): boolean {
    return this.timers.some((timer) => timer.kind === kind);
  }

  /** Fires the timers due before `until` (or at it, when `inclusive`), earliest first. */
  protected runTimers(until: number, inclusive: boolean): void {
    for (;;) {
      let next: Timer | undefined;
      for (const timer of this.timers) if (!next || timer.t < next.t) next = timer;
      if (!next || next.t > until || (!inclusive && next.t === until)) return;
      this.timers.splice(this.timers.indexOf(next), 1);
      next.fire();
    }
  }

  protected setSpoke(t: number, patch: Partial<SpokePhase>): void {
    const last = this.spoke[this.spoke.length - 1]!;
    const next = { ...last, ...patch, from: t };
    if (last.from === t) this.spoke[this.spoke.length - 1] = next;
    else this.spoke.push(next);
  }

  protected setHub(t: number, patch: Partial<HubPhase>): void {
    const last = this.hub[this.hub.length - 1]!;
    const next = { ...last, ...patch, from: t };
    if (last.from === t) this.hub[this.hub.length - 1] = next;
    else this.hub.push(next);
  }

  protected get spokeNow(): SpokePhase {
    return this.spoke[this.spoke.length - 1]!;
  }

  protected get hubNow(): HubPhase {
    return this.hub[this.hub.length - 1]!;
  }

  protected emit(t: number, side: 'spoke' | 'hub', kind: EventKind, reason?: string): void {
    this.events.push({ t, side, kind, ...(reason === undefined ? {} : { reason }) });
  }

  protected openSeries(series: Omit<EventSeries, 'to'>): void {
    this.series.push({ ...series, to: Infinity });
  }

  protected closeSeries(t: number, kind?: EventKind): void {
    for (const series of this.series)
      if (series.to === Infinity && (!kind || series.kind === kind)) series.to = t;
  }

  protected seriesOpen(kind: EventKind): boolean {
    return this.series.some((series) => series.to === Infinity && series.kind === kind);
  }

  protected spokeDrop(t: number, reason: string): void {
    const session = this.spokeSession;
    if (session?.encrypted) this.emit(t, 'spoke', 'crypto-down');
    if (this.nhsUp) this.emit(t, 'spoke', 'nhs-down', reason);
    this.spokeSession = null;
    this.nhsUp = false;
    for (const kind of ['spoke-deadline', 'registration-failing', 'nhs-fail', 'recover'] as const)
      this.clearTimer(kind);
    if (session) this.closeSeries(t, 'invalid-spi');
  }

  protected hubDrop(t: number, reason: string): void {
    if (this.hubSession?.encrypted) this.emit(t, 'hub', 'crypto-down');
    if (this.hubRegistered) this.emit(t, 'hub', 'nhc-down', reason);
    this.hubSession = null;
    this.hubRegistered = false;
    for (const kind of ['hub-deadline', 'hub-expire'] as const) this.clearTimer(kind);
    this.closeSeries(t, 'nhc-down');
    this.closeSeries(t, 'nhc-up');
    this.setHub(t, { posture: 'none', session: null, ikeState: null, unknownSince: null, churn: null });
  }

  /** When a side holding SAs finds its peer silent: DPD, or without it the end of the SA's lifetime. */
  protected silentDeadline(session: Session, t: number, dpd: number | null): number {
    if (session.encrypted && dpd !== null) return t + dpd;
    if (session.encrypted) return nextPeriodic(session.start, this.rekey, t + 1);
    return Infinity;
  }

  /** The spoke gets no answer from the hub: keeps its SAs until DPD, or keeps trying to build them. */
  protected spokeUnanswered(t: number): void {
    const session = this.spokeSession;
    if (session) {
      if (!this.hasTimer('spoke-deadline')) {
        const deadline = this.silentDeadline(session, t, this.spokeDpd);
        if (deadline < Infinity)
          this.setTimer('spoke-deadline', deadline, () => {
            this.spokeDrop(deadline, REASON_EXTERNAL);
            this.evaluate(deadline);
          });
      }
      this.registrationsFail(t, 'dropped');
      return;
    }
    this.spokeTrying(t, this.protectedNow() ? negotiating(this.version) : null, 'dropped');
  }

  /** The spoke retries from second t: IKE in `state` (protected), or bare registrations. */
  protected spokeTrying(t: number, ikeState: string | null, fate: RegistrationFate): void {
    const now = this.spokeNow;
    const posture = this.protectedNow() ? 'ike' : 'nhrp';
    if (now.posture === posture && now.ikeState === ikeState && now.registrations === fate && !now.periodic)
      return;
    this.setSpoke(t, {
      posture,
      session: null,
      ikeState: posture === 'ike' ? ikeState : null,
      ikeSince: t,
      registrations: fate,
      registrationAnchor: t,
      periodic: false,
    });
  }

  protected protectedNow(): boolean {
    const condition = this.condition;
    return condition.kind === 'run' ? condition.verdict.protected : this.conditions.verdict.protected;
  }

  /** The hub's spoke went silent (or, with `deletes`, said goodbye). */
  protected hubLosesSpoke(t: number, deletes: boolean): void {
    const session = this.hubSession;
    if (!session && !this.hubRegistered) return;
    if (deletes) {
      this.hubDrop(t, REASON_EXTERNAL);
      return;
    }
    if (session && !this.hasTimer('hub-deadline')) {
      const deadline = this.silentDeadline(session, t, this.hubDpd);
      if (deadline < Infinity)
        this.setTimer('hub-deadline', deadline, () => this.hubDrop(deadline, REASON_EXTERNAL));
    }
    this.expireRegistration(t);
  }

  /** The hub's entry for the spoke times out a holdtime after the last registration it accepted. */
  protected expireRegistration(t: number, unknown = false): number | null {
    if (!this.hubRegistered) return null;
    const pending = this.timers.find((timer) => timer.kind === 'hub-expire');
    if (pending) return pending.t;
    const last = this.lastAcceptedRegistration(t) ?? t;
    const expiry = Math.max(t, last + this.holdtime);
    this.setTimer('hub-expire', expiry, () => {
      this.emit(expiry, 'hub', 'nhc-down', REASON_TIMEOUT);
      this.hubRegistered = false;
      this.setHub(expiry, {
        posture: this.hubSession ? 'crypto' : 'none',
        churn: null,
        unknownSince: unknown ? expiry : null,
      });
    });
    return expiry;
  }

  /** The last registration the hub accepted at or before t (from the spoke's registration clock). */
  protected lastAcceptedRegistration(t: number): number | null {
    for (let index = this.spoke.length - 1; index >= 0; index--) {
      const phase = this.spoke[index]!;
      if (phase.registrations !== 'answered' && phase.registrations !== 'accepted') continue;
      const end = Math.min(t, (this.spoke[index + 1]?.from ?? Infinity) - 1e-9);
      if (end < phase.from) continue;
      if (phase.periodic) {
        const tick = lastPeriodic(phase.registrationAnchor, this.interval, end);
        if (tick !== null && tick >= phase.from) return tick;
      } else {
        const ticks = retryTimes(phase.registrationAnchor, phase.from, end + 1e-9, 1);
        if (ticks.length > 0) return ticks[0]!;
      }
    }
    return null;
  }

  /** From the next registration on, replies stop coming (`fate` at the hub); the NHS goes down soon after. */
  protected registrationsFail(t: number, fate: RegistrationFate): void {
    const session = this.spokeSession;
    const now = this.spokeNow;
    if (!session || (!now.periodic && now.registrations !== 'none')) {
      if (!now.periodic && now.registrations !== fate) this.setSpoke(t, { registrations: fate });
      return;
    }
    const next = nextPeriodic(now.registrationAnchor, this.interval, t);
    this.setTimer('registration-failing', next, () => {
      this.setSpoke(next, { registrations: fate, registrationAnchor: next, periodic: false });
      const down = next + NHS_DOWN_AFTER;
      this.setTimer('nhs-fail', down, () => {
        if (this.nhsUp) this.emit(down, 'spoke', 'nhs-down', REASON_REGISTRATION);
        this.nhsUp = false;
        this.setSpoke(down, { posture: 'nhrp' });
      });
    });
  }

  /** Makes both sides follow the current condition from second t (idempotent). */
  protected abstract evaluate(t: number): void;
}
