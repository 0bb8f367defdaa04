// What a spoke-hub pair faces at each second: both routers running, their tunnels up, the Internet between them,
// and (from lab second 0) the verdict of the current configuration; before it, the verdicts of the previous
// configurations (`network.previous` and its own, each from its `since`), or of the network as built. The conditions change only at a few seconds
// (boots, reboots, second 0, flap edges): between two of them they hold still.

import type { IkeAgreement } from './ike.js';
import { offeredAgreement } from './ike.js';
import type { IpsecAgreement } from './ipsec.js';
import { negotiateIpsec } from './ipsec.js';
import type { PairVerdict } from './verdict.js';
import { pairVerdict, verdictKey } from './verdict.js';
import type { SpokeHubPair } from './topology.js';
import { Topology } from './topology.js';
import type { Lives, RouterLife } from './underlay.js';
import { pastNetworks } from './underlay.js';
import type { LabNetwork } from '../model/network.js';

export type Condition =
  /** The spoke is not running yet. */
  | { kind: 'absent' }
  /** The spoke's tunnel line protocol is down; `deletes`: its WAN still carries the IKE deletes of the teardown. */
  | { kind: 'spoke-intf'; deletes: boolean }
  /** The spoke runs but its ISP link is lost. */
  | { kind: 'spoke-lost' }
  /** The hub is not running yet. */
  | { kind: 'hub-absent' }
  | { kind: 'hub-intf'; deletes: boolean }
  | { kind: 'hub-lost' }
  /** Both run and reach each other: the configuration's verdict decides. */
  | { kind: 'run'; verdict: PairVerdict };

export function conditionKey(condition: Condition): string {
  switch (condition.kind) {
    case 'spoke-intf':
    case 'hub-intf':
      return `${condition.kind}:${condition.deletes}`;
    case 'run':
      return `run:${verdictKey(condition.verdict)}`;
    default:
      return condition.kind;
  }
}

/** The pair as the network was built, before second 0: the current verdict without its faults. */
function healthyVerdict(current: PairVerdict, pair: SpokeHubPair): PairVerdict {
  if (current.layer === 'OK')
    return { ...current, churn: false, ipsec: current.ipsec && { ...current.ipsec, rekeyFails: false } };
  const { spoke, spokeTunnel, hub, hubTunnel } = pair;
  const ike =
    ('ike' in current ? current.ike : null) ?? offeredAgreement(spoke) ?? (hub && offeredAgreement(hub));
  const own = negotiateIpsec(spoke, spokeTunnel, spoke, spokeTunnel);
  const hubOwn = hub && hubTunnel ? negotiateIpsec(hub, hubTunnel, hub, hubTunnel) : null;
  const ipsec = own.ok ? own.agreement : hubOwn?.ok ? hubOwn.agreement : null;
  return {
    layer: 'OK',
    protected: ike !== null && ipsec !== null,
    natT: current.natT,
    ike,
    ipsec: ipsec && { ...ipsec, rekeyFails: false },
    churn: false,
  };
}

/** A previous configuration's topology, built once per network. */
const pastTopologies = new WeakMap<LabNetwork, Topology>();

/** The pair of a previous configuration with the same spoke, spoke tunnel and hub (the same NHS entry first). */
function pastPair(previous: LabNetwork, pair: SpokeHubPair): { past: Topology; pair: SpokeHubPair | null } {
  let past = pastTopologies.get(previous);
  if (!past) pastTopologies.set(previous, (past = new Topology(previous)));
  const spoke = past.routers.get(pair.spoke.hostname);
  const candidates = spoke
    ? past
        .pairsOfSpoke(spoke)
        .filter(
          (candidate) =>
            candidate.spokeTunnel.name === pair.spokeTunnel.name &&
            candidate.hub?.hostname === pair.hub?.hostname,
        )
    : [];
  const match = candidates.find((candidate) => candidate.nhsIndex === pair.nhsIndex) ?? candidates[0] ?? null;
  return { past, pair: match };
}

/** The conditions of one pair over time. */
export class PairConditions {
  readonly spokeLife: RouterLife;
  readonly hubLife: RouterLife | null;
  readonly verdict: PairVerdict;
  private readonly before: PairVerdict;
  /** The verdicts of the previous configurations, newest first, each from its `since`. */
  private readonly past: { since: number; verdict: PairVerdict }[] = [];

  constructor(
    topology: Topology,
    lives: Lives,
    readonly pair: SpokeHubPair,
  ) {
    this.spokeLife = lives.of(pair.spoke);
    this.hubLife = pair.hub ? lives.of(pair.hub) : null;
    this.verdict = pairVerdict(topology, pair);
    // A spoke naming no hub at all, or a point-to-point tunnel aimed at another hub, never reached this one:
    // there is no healthy past to assume.
    const unreachable =
      !pair.hub || (pair.spokeTunnel.mode === 'gre ip' && pair.target !== topology.publicAddress(pair.hub));
    this.before = unreachable ? this.verdict : healthyVerdict(this.verdict, pair);
    // Without a matching pair in a previous configuration, the pair ran as built then.
    for (const { since, network } of pastNetworks(topology.network)) {
      const previous = pastPair(network, pair);
      const verdict = previous.pair ? pairVerdict(previous.past, previous.pair) : this.before;
      this.past.push({ since, verdict });
    }
  }

  at(t: number): Condition {
    const spoke = this.spokeLife;
    if (!spoke.booted(t)) return { kind: 'absent' };
    const spokeTunnel = spoke.tunnelState(this.pair.spokeTunnel, t);
    if (!spokeTunnel.up) return { kind: 'spoke-intf', deletes: spoke.reaches(t) };
    const hub = this.hubLife;
    const verdict = t < 0 ? this.verdictBefore(t) : this.verdict;
    if (!hub || !this.pair.hubTunnel) return { kind: 'run', verdict };
    if (!hub.booted(t)) return { kind: 'hub-absent' };
    const hubTunnel = hub.tunnelState(this.pair.hubTunnel, t);
    if (!hubTunnel.up) return { kind: 'hub-intf', deletes: hub.reaches(t) };
    if (!spoke.reaches(t)) return { kind: 'spoke-lost' };
    if (!hub.reaches(t)) return { kind: 'hub-lost' };
    return { kind: 'run', verdict };
  }

  /** The verdict at second t < 0. */
  private verdictBefore(t: number): PairVerdict {
    return this.past.find((entry) => t >= entry.since)?.verdict ?? this.before;
  }

  /** The algorithms the pair's sessions run with: the current configuration's, else earlier ones'. */
  agreements(): { ike: IkeAgreement | null; ipsec: IpsecAgreement | null } {
    const verdicts = [this.verdict, ...this.past.map((entry) => entry.verdict), this.before];
    const pick = <T>(read: (verdict: PairVerdict) => T | null): T | null => {
      for (const verdict of verdicts) {
        const value = read(verdict);
        if (value !== null) return value;
      }
      return null;
    };
    return {
      ike: pick((verdict) => ('ike' in verdict ? verdict.ike : null)),
      ipsec: pick((verdict) => ('ipsec' in verdict ? verdict.ipsec : null)),
    };
  }

  /** The first second of the pair's history: the earlier of the two boots. */
  start(): number {
    return Math.min(this.spokeLife.firstBoot, this.hubLife?.firstBoot ?? Infinity);
  }

  /** Seconds in (from, to] at which the condition may change, ascending and unique. */
  changePoints(from: number, to: number): number[] {
    const points = this.spokeLife.changePoints(from, to);
    if (this.hubLife) points.push(...this.hubLife.changePoints(from, to));
    points.sort((a, b) => a - b);
    return points.filter((point, index) => index === 0 || point !== points[index - 1]);
  }

  /** Whether a router restarts or has its SAs cleared (losing its SAs and the state built on them) at second t. */
  resets(t: number): { spoke: boolean; hub: boolean; dpd: boolean } {
    const spoke = this.spokeLife;
    const hub = this.hubLife;
    return {
      spoke: spoke.reboot === t || spoke.saClear === t,
      hub: hub !== null && hub !== undefined && (hub.reboot === t || hub.saClear === t),
      // The spoke's DPD gave up on the hub (lossy underlay): it tears its SAs down and builds new ones.
      dpd: spoke.dpdTeardown(t),
    };
  }
}
