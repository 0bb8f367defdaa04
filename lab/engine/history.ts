// What a played spoke-hub pair history holds: each side's phases (what it holds and shows from which second), the
// log events and periodic log series, and the clock values counters and views read it with.

import type { Condition, PairConditions } from './conditions.js';
import type { PeriodicShift } from './periodic.js';

/** One crypto session (IKE SA + IPsec SAs) or, without protection, one registration relationship. */
export interface Session {
  id: number;
  /** IKE and the first IPsec SAs up; the first registration leaves now. */
  start: number;
  encrypted: boolean;
}

export type SpokePosture = 'absent' | 'intf' | 'off' | 'ike' | 'ipsec' | 'nhrp' | 'up';

/** What becomes of the spoke's registration requests. */
export type RegistrationFate = 'answered' | 'accepted' | 'rejected' | 'dropped' | 'none';

export interface SpokePhase {
  from: number;
  posture: SpokePosture;
  session: Session | null;
  /** Posture `ike`: the state of the negotiation in progress (null: none can start); `ipsec`: unused. */
  ikeState: string | null;
  /** Posture `ike`: the first attempt (attempts repeat every IKE_RETRY); `ipsec`: the IKE SA's start. */
  ikeSince: number;
  registrations: RegistrationFate;
  /** Registrations leave at anchor + k * interval while answered, on the retry schedule from anchor otherwise. */
  registrationAnchor: number;
  periodic: boolean;
}

export type HubPosture = 'none' | 'ike' | 'ipsec' | 'crypto' | 'up';

export interface HubPhase {
  from: number;
  posture: HubPosture;
  session: Session | null;
  ikeState: string | null;
  ikeSince: number;
  /** Posture `up`: when this registration (the hub's dynamic entry) was created. */
  registeredSince: number;
  /** Rejected registrations leave an `UNKNOWN <spoke> IKE never IX` entry, created at this second. */
  unknownSince: number | null;
  /** Registration churn: the entry lives `hold` seconds of every `period` from `anchor` (holdtime too short). */
  churn: { anchor: number; period: number; hold: number } | null;
}

export type EventKind =
  | 'crypto-up'
  | 'crypto-down'
  | 'nhs-up'
  | 'nhs-down'
  | 'nhc-up'
  | 'nhc-down'
  | 'bad-message'
  | 'mode-failure'
  | 'auth-error'
  | 'nhs-error'
  | 'resolution-error'
  | 'not-ipsec'
  | 'invalid-spi';

export type Side = 'spoke' | 'hub';

export interface PairEvent {
  t: number;
  side: Side;
  kind: EventKind;
  reason?: string;
  /** The session whose SPI a stray packet carried (`invalid-spi`). */
  session?: Session;
}

/** A log message repeated on a clock: every `period` seconds, or on the registration retry schedule (null). */
export interface EventSeries {
  side: Side;
  kind: EventKind;
  from: number;
  to: number;
  anchor: number;
  period: number | null;
  reason?: string;
  session?: Session;
}

export interface Episode {
  from: number;
  condition: Condition;
}

export interface PairHistory {
  conditions: PairConditions;
  /** The second the history was played to (`at - periodic.shift`: every time inside is a played time). */
  at: number;
  /** How the played history maps to the asked second (a long flapping history is played short). */
  periodic: PeriodicShift;
  episodes: Episode[];
  spoke: SpokePhase[];
  hub: HubPhase[];
  events: PairEvent[];
  series: EventSeries[];
  registrationInterval: number;
  holdtime: number;
  rekeyPeriod: number;
}

export const REASON_EXTERNAL = 'External(NHRP: no error)';
export const REASON_REGISTRATION = 'NHRP Registration Failure(NHRP: no error)';
export const REASON_PROHIBITED = 'administratively prohibited(NHRP: no error)';
export const REASON_TIMEOUT = 'External(NHRP Registration timeout)';
