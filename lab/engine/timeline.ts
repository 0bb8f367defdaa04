// Plays one spoke-hub pair on the lab clock, from the first boot to the second asked for: the conditions change at
// a few seconds, and each side reacts as IOS does (IKE attempts and retries, registrations answered or not, DPD and
// holdtime expiry, teardown on interface loss, replacement after a reboot). The result (history.ts) is each side's
// phases, the log events and the periodic log series; counters and views read it in closed form.

import type { Condition, PairConditions } from './conditions.js';
import { conditionKey } from './conditions.js';
import type { Episode, PairHistory, RegistrationFate, Session } from './history.js';
import { REASON_EXTERNAL, REASON_PROHIBITED, REASON_TIMEOUT } from './history.js';
import { nextPeriodic } from './nhrp.js';
import { periodicShift } from './periodic.js';
import { CONDITION_TIMERS, PairRecorder, negotiating } from './recorder.js';
import { admissionDelay, registrationDelay } from './storm.js';
import { CRYPTO_LOG_INTERVAL, IKE_RETRY, IKE_SETUP, REGISTRATION_SETUP, START_DELAY } from './timing.js';
import type { PairVerdict } from './verdict.js';

/** Walks the pair's conditions in time order, firing the timers in between. */
class PairPlayer extends PairRecorder {
  /** `nbma-unique`: the hub's old registration has gone (expired, or the hub lost it): the spoke may register. */
  private nbmaFreed = false;
  /** The hub lost every SA at once: the spoke's next session comes back in the storm of all its spokes. */
  private inStorm = false;

  play(at: number): void {
    const conditions = this.conditions;
    const start = conditions.start();
    const points = [start, ...conditions.changePoints(start, at)];
    let key = '';
    for (const point of points) {
      this.runTimers(point, false);
      const condition = conditions.at(point);
      const resets = conditions.resets(point);
      const nextKey = conditionKey(condition);
      if (nextKey === key && !resets.spoke && !resets.hub && !resets.dpd) continue;
      key = nextKey;
      this.enter(point, condition, resets.spoke, resets.hub, resets.dpd);
    }
    this.runTimers(at, true);
    for (const series of this.series) if (series.to > at) series.to = at;
  }

  private enter(t: number, condition: Condition, resetSpoke: boolean, resetHub: boolean, dpd = false): void {
    this.condition = condition;
    for (const kind of CONDITION_TIMERS) this.clearTimer(kind);
    this.closeSeries(t);
    if (resetSpoke) {
      this.spokeSession = null;
      this.nhsUp = false;
      this.clearTimer('spoke-deadline');
      this.setSpoke(t, { posture: 'absent', session: null, registrations: 'none' });
    }
    if (resetHub) {
      this.inStorm = true;
      this.hubSession = null;
      this.hubRegistered = false;
      this.clearTimer('hub-deadline');
      this.setHub(t, { posture: 'none', session: null, ikeState: null, unknownSince: null, churn: null });
    }
    // DPD declared the hub dead: the spoke deletes its SAs (the hub never hears of it) and renegotiates.
    if (dpd && this.spokeSession?.encrypted) this.spokeDrop(t, REASON_EXTERNAL);
    this.evaluate(t);
  }

  protected override evaluate(t: number): void {
    const condition = this.condition;
    switch (condition.kind) {
      case 'absent':
        this.setSpoke(t, { posture: 'absent', session: null, registrations: 'none' });
        return;
      case 'spoke-intf':
        this.spokeDrop(t, REASON_EXTERNAL);
        this.setSpoke(t, { posture: 'intf', session: null, registrations: 'none' });
        this.hubLosesSpoke(t, condition.deletes);
        return;
      case 'spoke-lost':
      case 'hub-lost':
        this.spokeUnanswered(t);
        this.hubLosesSpoke(t, false);
        return;
      case 'hub-absent':
        this.spokeUnanswered(t);
        return;
      case 'hub-intf':
        if (this.hubSession || this.hubRegistered) this.hubDrop(t, REASON_EXTERNAL);
        if (condition.deletes) this.spokeDrop(t, REASON_EXTERNAL);
        this.spokeUnanswered(t);
        return;
      case 'run':
        this.run(t, condition.verdict);
        return;
    }
  }

  private run(t: number, verdict: PairVerdict): void {
    if (verdict.layer === 'NHRP' && verdict.kind === 'nbma-unique' && this.nbmaFreed) {
      const { protected: isProtected, natT, ike, ipsec } = verdict;
      verdict = { protected: isProtected, natT, layer: 'OK', ike, ipsec, churn: false };
    }
    switch (verdict.layer) {
      case 'OK':
        this.runHealthy(t, verdict);
        return;
      case 'OFF':
        this.bounce(t, REASON_PROHIBITED);
        this.setSpoke(t, { posture: 'off', session: null, registrations: 'none', ikeState: null });
        return;
      case 'IKE': {
        this.bounce(t, REASON_EXTERNAL);
        const failure = verdict.failure;
        this.spokeTrying(t, failure.initiatorState, 'dropped');
        if (failure.responderState && this.hubNow.posture !== 'ike')
          this.setHub(t, { posture: 'ike', ikeState: failure.responderState, ikeSince: t + 1 });
        if (failure.responderBadMessage)
          this.openSeries({
            side: 'hub',
            kind: 'bad-message',
            from: t + 1,
            anchor: t + 1 + IKE_SETUP,
            period: IKE_RETRY,
          });
        return;
      }
      case 'IPSEC':
        this.ipsecFailing(t, verdict.kind === 'pfs' || this.version === 'v1');
        return;
      case 'NHRP':
        this.runRejected(t, verdict);
        return;
    }
  }

  /** A configuration change tears down the sessions it breaks (as `clear crypto session` after the change). */
  private bounce(t: number, spokeReason: string): void {
    if (this.spokeSession || this.nhsUp) this.spokeDrop(t, spokeReason);
    if (this.hubSession || this.hubRegistered) this.hubDrop(t, REASON_EXTERNAL);
    this.clearTimer('hub-deadline');
  }

  /** IKE comes up, IPsec never does: both sides keep an IKE SA; the responder logs each refused quick mode. */
  private ipsecFailing(t: number, logged: boolean): void {
    if (this.spokeNow.posture === 'ipsec' && this.hubNow.posture === 'ipsec') {
      if (logged && this.version === 'v1')
        this.openSeries({
          side: 'hub',
          kind: 'mode-failure',
          from: t,
          anchor: this.hubNow.ikeSince,
          period: IKE_RETRY,
        });
      return;
    }
    this.bounce(t, REASON_EXTERNAL);
    this.spokeTrying(t, negotiating(this.version), 'dropped');
    const up = t + 1 + IKE_SETUP;
    this.setTimer('ipsec-fail', up, () => {
      this.setSpoke(up, { posture: 'ipsec', ikeSince: up, ikeState: null });
      this.setHub(up, { posture: 'ipsec', ikeSince: up, ikeState: null });
    });
    if (logged && this.version === 'v1')
      this.openSeries({ side: 'hub', kind: 'mode-failure', from: up, anchor: up, period: IKE_RETRY });
  }

  private runHealthy(t: number, verdict: PairVerdict & { layer: 'OK' }): void {
    const session = this.spokeSession;
    if (session && session === this.childFailedFor && verdict.ipsec?.rekeyFails) return;
    if (session && session === this.hubSession) {
      this.clearTimer('spoke-deadline');
      this.clearTimer('hub-deadline');
      if (!this.nhsUp || !this.hubRegistered) this.recover(t);
      else if (!this.spokeNow.periodic)
        this.setSpoke(t, { registrations: 'answered', periodic: true, registrationAnchor: session.start });
      this.softFaults(t, verdict);
      return;
    }
    if (session) {
      // The hub lost this session (it rebooted): the spoke sends into the void until DPD or the SA expires.
      this.spokeUnanswered(t);
      this.openSeries({
        side: 'hub',
        kind: 'invalid-spi',
        from: t + 1,
        anchor: t + 1,
        period: CRYPTO_LOG_INTERVAL,
        session,
      });
      return;
    }
    if (this.hubSession) {
      // The spoke lost it (it rebooted): the hub keeps sending on the old SAs until it is replaced or DPD fires.
      this.hubLosesSpoke(t, false);
      if (this.hubRegistered)
        this.openSeries({
          side: 'spoke',
          kind: 'invalid-spi',
          from: t + 1,
          anchor: t + 1,
          period: CRYPTO_LOG_INTERVAL,
          session: this.hubSession,
        });
    }
    this.attemptSoon(t, verdict);
  }

  private attemptSoon(t: number, verdict: PairVerdict): void {
    if (this.hasTimer('attempt') || this.hasTimer('crypto-up') || this.hasTimer('registered')) return;
    const posture = this.spokeNow.posture;
    const startAt = t + (posture === 'absent' || posture === 'intf' || posture === 'off' ? START_DELAY : 1);
    this.spokeTrying(t, null, 'none');
    this.setTimer('attempt', startAt, () => this.attempt(startAt, verdict));
  }

  /** The spoke starts IKE (or, unprotected, registers at once). */
  private attempt(s: number, verdict: PairVerdict): void {
    if (!verdict.protected) {
      this.setSpoke(s, {
        posture: 'nhrp',
        ikeState: null,
        registrations: 'answered',
        registrationAnchor: s,
        periodic: true,
      });
      this.sessionUp(s, verdict, false);
      return;
    }
    this.spokeTrying(s, negotiating(this.version), 'dropped');
    // In a storm the hub's IKE call admission refuses the spoke (no SA on the hub) until its wave.
    const { pair } = this.conditions;
    const up = s + (this.inStorm ? admissionDelay(pair.hub, pair) : 0) + IKE_SETUP;
    this.setTimer('crypto-up', up, () => this.sessionUp(up, verdict, true));
  }

  /** IKE and IPsec are up (or, unprotected, the first registration leaves): a new session on both sides. */
  private sessionUp(c: number, verdict: PairVerdict, encrypted: boolean): void {
    if (this.hubSession || this.hubRegistered) this.hubDrop(c, REASON_EXTERNAL);
    this.closeSeries(c, 'invalid-spi');
    const storm = this.inStorm;
    this.inStorm = false;
    const session: Session = { id: ++this.sessions, start: c, encrypted };
    this.spokeSession = session;
    this.hubSession = session;
    if (encrypted) {
      this.emit(c, 'spoke', 'crypto-up');
      this.emit(c, 'hub', 'crypto-up');
    }
    this.setSpoke(c, {
      posture: 'nhrp',
      session,
      ikeState: null,
      registrations: 'answered',
      registrationAnchor: c,
      periodic: true,
    });
    this.setHub(c, { posture: encrypted ? 'crypto' : 'none', session, ikeState: null, unknownSince: null });
    if (verdict.layer === 'NHRP') {
      this.rejectedFrom(c, verdict);
      return;
    }
    // In a storm the hub's max-send quota holds the reply back: the spoke retransmits until its wave is answered.
    const { pair } = this.conditions;
    const held = storm ? registrationDelay(pair.hubTunnel, pair) : 0;
    if (held > 0) this.setSpoke(c, { registrations: 'rejected', periodic: false });
    const registered = c + held + REGISTRATION_SETUP;
    this.setTimer('registered', registered, () => {
      // The request answered left a second before its reply: the periodic clock starts there.
      if (held > 0)
        this.setSpoke(registered - REGISTRATION_SETUP, {
          registrations: 'answered',
          registrationAnchor: registered - REGISTRATION_SETUP,
          periodic: true,
        });
      this.nhsUp = true;
      this.hubRegistered = true;
      this.emit(registered, 'spoke', 'nhs-up');
      this.emit(registered, 'hub', 'nhc-up');
      this.setSpoke(registered, { posture: 'up' });
      this.setHub(registered, { posture: 'up', registeredSince: registered, unknownSince: null });
      if (verdict.layer === 'OK') this.softFaults(registered, verdict);
    });
  }

  /** The session is whole again after a short outage: the next registration is answered. */
  private recover(t: number): void {
    const session = this.spokeSession!;
    const next = nextPeriodic(
      this.spokeNow.periodic ? this.spokeNow.registrationAnchor : session.start,
      this.interval,
      t,
    );
    const answered = next + REGISTRATION_SETUP;
    this.setSpoke(t, { registrations: 'answered', registrationAnchor: session.start, periodic: true });
    this.setTimer('recover', answered, () => {
      if (!this.nhsUp) this.emit(answered, 'spoke', 'nhs-up');
      if (!this.hubRegistered) {
        this.emit(answered, 'hub', 'nhc-up');
        this.setHub(answered, { posture: 'up', registeredSince: answered, unknownSince: null });
      }
      this.nhsUp = true;
      this.hubRegistered = true;
      this.setSpoke(answered, { posture: 'up' });
    });
  }

  /** Faults that let the pair come up and show over time: registration churn, IKEv2 PFS failing at rekey. */
  private softFaults(t: number, verdict: PairVerdict & { layer: 'OK' }): void {
    const session = this.spokeSession;
    if (!session) return;
    const now = this.hubNow;
    if (verdict.churn && this.hubRegistered) {
      const churn = now.churn ?? { anchor: session.start, period: this.interval, hold: this.holdtime };
      if (!now.churn) this.setHub(t, { churn });
      if (!this.seriesOpen('nhc-down')) {
        // The entry dies a holdtime after each registration and comes back with the next one.
        const period = churn.period;
        this.openSeries({
          side: 'hub',
          kind: 'nhc-down',
          from: t,
          anchor: churn.anchor + churn.hold,
          period,
          reason: REASON_TIMEOUT,
        });
        this.openSeries({
          side: 'hub',
          kind: 'nhc-up',
          from: t,
          anchor: churn.anchor + REGISTRATION_SETUP,
          period,
        });
      }
    }
    if (!verdict.churn && now.churn) this.setHub(t, { churn: null });
    if (verdict.ipsec?.rekeyFails && session.encrypted && !this.hasTimer('rekey-fail')) {
      const failAt = nextPeriodic(session.start, this.rekey, Math.max(t, session.start + 1));
      this.setTimer('rekey-fail', failAt, () => {
        this.emit(failAt, 'spoke', 'crypto-down');
        this.emit(failAt, 'hub', 'crypto-down');
        if (this.nhsUp) this.emit(failAt, 'spoke', 'nhs-down', REASON_EXTERNAL);
        if (this.hubRegistered) this.emit(failAt, 'hub', 'nhc-down', REASON_EXTERNAL);
        this.nhsUp = false;
        this.hubRegistered = false;
        this.childFailedFor = session;
        this.setSpoke(failAt, {
          posture: 'ipsec',
          ikeSince: session.start,
          registrations: 'dropped',
          registrationAnchor: failAt,
          periodic: false,
        });
        this.setHub(failAt, { posture: 'ipsec', ikeSince: session.start, churn: null });
      });
    }
  }

  /** Crypto is (or comes) up but the hub does not register the spoke. */
  private runRejected(t: number, verdict: PairVerdict & { layer: 'NHRP' }): void {
    const session = this.spokeSession;
    if (verdict.kind === 'not-ipsec') {
      this.bounce(t, REASON_EXTERNAL);
      this.spokeTrying(t, null, 'dropped');
      this.setSpoke(t, { posture: 'nhrp' });
      this.openSeries({
        side: 'hub',
        kind: 'not-ipsec',
        from: t + 1,
        anchor: t + 1,
        period: CRYPTO_LOG_INTERVAL,
      });
      return;
    }
    if (session && session === this.hubSession) {
      this.rejectedFrom(t, verdict);
      return;
    }
    this.bounce(t, REASON_EXTERNAL);
    this.attemptSoon(t, verdict);
  }

  /** What the hub does from second t with a spoke whose session it holds but whose registrations fail. */
  private rejectedFrom(t: number, verdict: PairVerdict & { layer: 'NHRP' }): void {
    const kind = verdict.kind;
    if (kind === 'no-nhs') {
      this.staticMapOnly(t);
      return;
    }
    const fate: RegistrationFate =
      kind === 'lost-to-spoke'
        ? 'accepted'
        : kind === 'auth' || kind === 'wrong-nhs' || kind === 'unique' || kind === 'nbma-unique'
          ? 'rejected'
          : 'dropped';
    const firstFailing = this.nhsUp ? nextPeriodic(this.spokeNow.registrationAnchor, this.interval, t) : t;
    if (this.nhsUp) this.registrationsFail(t, fate);
    else this.setSpoke(t, { registrations: fate, registrationAnchor: t, periodic: false });
    // A NAK for a duplicate address is logged by neither end (IOS 15+ has no syslog for CIE code 14).
    if (fate === 'rejected' && kind !== 'unique' && kind !== 'nbma-unique')
      this.openSeries({
        side: 'hub',
        kind: kind === 'auth' ? 'auth-error' : 'nhs-error',
        from: firstFailing,
        anchor: firstFailing,
        period: null,
      });
    if (kind === 'netid-hub') {
      if (this.hubRegistered) this.emit(t, 'hub', 'nhc-down', REASON_PROHIBITED);
      this.hubRegistered = false;
      this.setHub(t, { posture: this.hubSession?.encrypted ? 'crypto' : 'none', churn: null });
      return;
    }
    if (kind === 'nbma-unique') {
      // The hub keeps the old NBMA's entry (flagged `unique`) until its holdtime runs out; then the spoke registers.
      const expiry = this.expireRegistration(t);
      if (expiry === null) {
        this.nbmaFreed = true;
        this.run(t, verdict);
        return;
      }
      this.setTimer('nbma-free', expiry, () => {
        this.nbmaFreed = true;
        this.evaluate(expiry);
      });
      return;
    }
    if (kind === 'unique') {
      // The hub's entry for the address is the other spoke's: this one's old binding expires, no UNKNOWN row.
      if (this.hubRegistered) this.expireRegistration(t);
      return;
    }
    if (kind === 'lost-to-spoke') {
      if (!this.hubRegistered) {
        const registered = t + REGISTRATION_SETUP;
        this.setTimer('registered', registered, () => {
          this.hubRegistered = true;
          this.emit(registered, 'hub', 'nhc-up');
          this.setHub(registered, { posture: 'up', registeredSince: registered, unknownSince: null });
        });
      }
      return;
    }
    if (this.hubRegistered) this.expireRegistration(t, fate === 'rejected');
    else if (fate === 'rejected' && this.hubNow.unknownSince === null)
      this.setHub(firstFailing, { unknownSince: firstFailing });
  }

  /**
   * A static map and no NHS: nothing registers (no NHS, no log on the spoke), its resolution requests reach the hub,
   * which refuses them (`protocol generic error (7)`) and keeps an UNKNOWN entry once the old registration expires.
   */
  private staticMapOnly(t: number): void {
    this.nhsUp = false;
    this.clearTimer('registration-failing');
    this.clearTimer('nhs-fail');
    this.setSpoke(t, { posture: 'nhrp', registrations: 'none' });
    this.openSeries({
      side: 'hub',
      kind: 'resolution-error',
      from: t + 1,
      anchor: t + 1,
      period: CRYPTO_LOG_INTERVAL,
    });
    if (this.hubRegistered) this.expireRegistration(t, true);
    else if (this.hubNow.unknownSince === null) this.setHub(t, { unknownSince: t });
  }
}

/**
 * The pair's history from its first boot up to second `asked`; a long periodic stretch keeps `keepPeriods` periods
 * for real (enough for the logging buffers of the routers involved).
 */
export function playPair(conditions: PairConditions, asked: number, keepPeriods = 40): PairHistory {
  const periodic = periodicShift(conditions.spokeLife, conditions.hubLife, asked, keepPeriods);
  const at = periodic.playAt;
  const player = new PairPlayer(conditions);
  player.play(at);
  const episodes: Episode[] = [];
  const start = conditions.start();
  for (const point of [start, ...conditions.changePoints(start, at)]) {
    const condition = conditions.at(point);
    const last = episodes[episodes.length - 1];
    if (!last || conditionKey(last.condition) !== conditionKey(condition))
      episodes.push({ from: point, condition });
  }
  return {
    conditions,
    at,
    periodic,
    episodes,
    spoke: player.spoke,
    hub: player.hub,
    events: player.events,
    series: player.series,
    registrationInterval: player.interval,
    holdtime: player.holdtime,
    rekeyPeriod: player.rekey,
  };
}
