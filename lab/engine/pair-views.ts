// What each end of a spoke-hub pair shows at one second, read from the pair's history: the `show dmvpn` row, the
// NHRP cache entry, the NHS line, the IKE and IPsec SAs and the crypto session, on the spoke and on the hub.

import type {
  CryptoSessionView,
  DmvpnPeerView,
  IkeSaView,
  IpsecPeerView,
  NhrpCacheView,
  NhsView,
  PeerState,
} from '../model/state.js';
import type { RouterConfig } from '../model/config.js';
import { churnRegistered, packetCounts, registrationCounts, registrationTotals } from './counters.js';
import { CryptoViews } from './crypto-views.js';
import { offeredAgreement } from './ike.js';
import { oldNbma } from './verdict.js';
import type { IpsecAgreement } from './ipsec.js';
import { lastPeriodic } from './nhrp.js';
import type { HubPhase, PairHistory, SpokePhase } from './history.js';
import { NEGATIVE_ENTRY_HOLD, REGISTRATION_SETUP } from './timing.js';
import type { Topology } from './topology.js';

export interface SideView {
  dmvpn: DmvpnPeerView | null;
  cache: NhrpCacheView | null;
  nhs: NhsView | null;
  ike: IkeSaView[];
  ipsec: IpsecPeerView | null;
  session: CryptoSessionView | null;
}

const ROW_STATES: Partial<Record<SpokePhase['posture'], PeerState>> = {
  up: 'UP',
  nhrp: 'NHRP',
  ike: 'IKE',
  ipsec: 'IPSEC',
  intf: 'INTF',
};

/** The built network's transform, for a pair whose configs agree on none. */
const DEFAULT_IPSEC: IpsecAgreement = {
  transform: 'esp-256-aes esp-sha256-hmac',
  mode: 'Transport',
  pfsGroup: null,
  lifetimeSeconds: 3600,
  rekeyFails: false,
};

export class PairReader {
  readonly spokeBoot: number;
  readonly hubBoot: number;
  private readonly crypto: CryptoViews;
  private readonly spokePhase: SpokePhase;
  private readonly hubPhase: HubPhase;

  /** The played second (see PairHistory.at): every duration below is measured against it. */
  readonly at: number;

  constructor(
    readonly history: PairHistory,
    readonly topology: Topology,
  ) {
    this.at = history.at;
    const conditions = history.conditions;
    this.spokeBoot = conditions.spokeLife.bootBefore(this.at);
    this.hubBoot = conditions.hubLife?.bootBefore(this.at) ?? this.at;
    const agreements = conditions.agreements();
    const verdict = conditions.verdict;
    this.crypto = new CryptoViews(
      conditions.pair.key,
      topology.network.options.seed,
      this.at,
      agreements.ike ?? offeredAgreement(conditions.pair.spoke),
      agreements.ipsec ?? DEFAULT_IPSEC,
      history.rekeyPeriod,
      verdict.layer === 'IKE' && verdict.failure.algorithmsAgreed,
    );
    this.spokePhase = history.spoke[history.spoke.length - 1]!;
    this.hubPhase = history.hub[history.hub.length - 1]!;
  }

  private get pair() {
    return this.history.conditions.pair;
  }

  private get seed(): number {
    return this.topology.network.options.seed;
  }

  get spokeNow(): SpokePhase {
    return this.spokePhase;
  }

  get hubNow(): HubPhase {
    return this.hubPhase;
  }

  /** The hub's entry for the spoke exists now (registered, and not in a churn gap). */
  get hubRegistered(): boolean {
    const hub = this.hubPhase;
    return hub.posture === 'up' && churnRegistered(hub.churn, this.at);
  }

  /** The pair carries traffic both ways now: the spoke registered and the hub holding the same session. */
  get linkUp(): boolean {
    const spoke = this.spokePhase;
    return spoke.posture === 'up' && this.hubRegistered && spoke.session === this.hubPhase.session;
  }

  /** Since when the pair has been up, in lab seconds (call while `linkUp`). */
  upSince(): number {
    return (this.spokeRowSince() ?? this.at) + this.history.periodic.shift;
  }

  /** Since when the spoke's row has its current state; null for `never` (never up since boot). */
  private spokeRowSince(): number | null {
    const phases = this.history.spoke;
    const state = ROW_STATES[this.spokePhase.posture];
    let since = this.spokePhase.from;
    for (let index = phases.length - 1; index >= 0; index--) {
      const phase = phases[index]!;
      if (ROW_STATES[phase.posture] !== state || phase.from < this.spokeBoot) break;
      since = phase.from;
    }
    if (state === 'UP') return since;
    const everUp = phases.some((phase) => phase.posture === 'up' && phase.from >= this.spokeBoot);
    return everUp ? since : null;
  }

  spokeView(): SideView {
    const phase = this.spokePhase;
    const pair = this.pair;
    const state = ROW_STATES[phase.posture];
    const view: SideView = { dmvpn: null, cache: null, nhs: null, ike: [], ipsec: null, session: null };
    if (state === undefined) return view;
    const nbma = pair.target ?? 'UNKNOWN';
    const since = this.spokeRowSince();
    view.dmvpn = {
      nbma,
      tunnelAddresses: [pair.nhs.tunnel],
      state,
      upDownSeconds: since === null ? null : this.at - since,
      attrs: ['S'],
      targetNetworks: [`${pair.nhs.tunnel}/32`],
    };
    const protectedPair = this.history.conditions.verdict.protected;
    const socket = phase.session?.encrypted === true && (phase.posture === 'up' || phase.posture === 'nhrp');
    view.cache = {
      interface: pair.spokeTunnel.name,
      target: `${pair.nhs.tunnel}/32`,
      via: pair.nhs.tunnel,
      createdSeconds: this.at - this.tunnelUpSince(),
      expiresSeconds: null,
      type: 'static',
      flags: phase.posture === 'up' ? ['used'] : [],
      nbma: pair.target,
      claimedNbma: null,
      noSocket: protectedPair && !socket,
    };
    const registrations = registrationTotals(this.history, this.spokeBoot);
    if (pair.registers)
      view.nhs = {
        interface: pair.spokeTunnel.name,
        nhs: pair.nhs.tunnel,
        nbma: pair.target,
        flags: phase.posture === 'up' ? 'RE' : 'E',
        priority: 0,
        cluster: 0,
        reqSent: registrations.sent,
        reqFailed: 0,
        replRecv: registrations.answered,
        lastReplySecondsAgo:
          registrations.lastAnswered === null
            ? null
            : Math.max(0, Math.floor(this.at - registrations.lastAnswered - REGISTRATION_SETUP)),
      };
    if (protectedPair) this.spokeCrypto(view);
    return view;
  }

  /** The second the spoke's tunnel last came up (its static entries were created then). */
  private tunnelUpSince(): number {
    const phases = this.history.spoke;
    for (let index = phases.length - 1; index > 0; index--) {
      const posture = phases[index - 1]!.posture;
      if (posture === 'absent' || posture === 'intf' || posture === 'off') return phases[index]!.from;
    }
    return this.spokeBoot;
  }

  private spokeCrypto(view: SideView): void {
    const phase = this.spokePhase;
    if (phase.posture === 'intf') return;
    const pair = this.pair;
    const session = phase.session?.encrypted ? phase.session : null;
    const withSas = session !== null && (phase.posture === 'up' || phase.posture === 'nhrp');
    const counts = withSas
      ? packetCounts(this.history, this.seed, session.start, this.at, { side: 'spoke', session })
      : null;
    Object.assign(
      view,
      this.crypto.side({
        router: pair.spoke,
        interfaceName: pair.spokeTunnel.name,
        local: pair.spoke.wan.address,
        remote: pair.target ?? '0.0.0.0',
        natT: this.topology.behindNat(pair.spoke),
        ikeSince: phase.posture === 'ipsec' ? phase.ikeSince : (session?.start ?? null),
        ikeSession: session?.id ?? 0,
        negotiating:
          phase.posture === 'ike' && phase.ikeState !== null
            ? { state: phase.ikeState, since: phase.ikeSince }
            : null,
        sas: withSas ? session : null,
        inbound: 1,
        encaps: counts?.spokeSent ?? 0,
        decaps: counts?.spokeReceived ?? 0,
        listsPeer: true,
        replayDropsPerSecond:
          this.topology.network.underlay.reorder?.get(pair.spoke.hostname)?.ratePerSecond ?? 0,
        verifyDropsPerSecond:
          this.topology.network.underlay.corrupt?.get(pair.spoke.hostname)?.ratePerSecond ?? 0,
      }),
    );
  }

  hubView(): SideView {
    const phase = this.hubPhase;
    const pair = this.pair;
    const view: SideView = { dmvpn: null, cache: null, nhs: null, ike: [], ipsec: null, session: null };
    const hub = pair.hub;
    if (!hub || !pair.hubTunnel) return view;
    const spokeAddress = this.topology.publicAddress(pair.spoke);
    const natted = this.topology.behindNat(pair.spoke);
    const tunnel = pair.spokeTunnel.address;
    if (this.hubRegistered) {
      const since = this.registrationSince();
      // The spoke's NBMA changed at second 0: the entry registered before it keeps the old NBMA until it expires.
      const verdict = this.history.conditions.verdict;
      const old = verdict.layer === 'NHRP' && verdict.kind === 'nbma-unique' && since < 0;
      const nbma = old ? (oldNbma(this.topology, pair) ?? spokeAddress) : spokeAddress;
      view.dmvpn = {
        nbma,
        tunnelAddresses: [tunnel],
        state: 'UP',
        upDownSeconds: this.at - since,
        attrs: [natted ? 'DN' : 'D'],
        targetNetworks: [`${tunnel}/32`],
      };
      const last = registrationCounts(this.history, this.hubBoot, this.at).lastAccepted ?? since;
      view.cache = {
        interface: pair.hubTunnel.name,
        target: `${tunnel}/32`,
        via: tunnel,
        createdSeconds: this.at - since,
        expiresSeconds: Math.max(0, Math.floor(this.history.holdtime - (this.at - last))),
        type: 'dynamic',
        flags: [
          ...(pair.spokeTunnel.nhrp.registrationNoUnique ? [] : ['unique']),
          'registered',
          'used',
          'nhop',
        ],
        nbma,
        claimedNbma: natted ? pair.spoke.wan.address : null,
        noSocket: false,
      };
    } else if (phase.unknownSince !== null) {
      const age = this.at - phase.unknownSince;
      view.dmvpn = {
        nbma: 'UNKNOWN',
        tunnelAddresses: [tunnel],
        state: 'IKE',
        upDownSeconds: null,
        attrs: ['IX'],
        targetNetworks: [`${tunnel}/32`],
      };
      view.cache = {
        interface: pair.hubTunnel.name,
        target: `${tunnel}/32`,
        via: null,
        createdSeconds: age % NEGATIVE_ENTRY_HOLD,
        expiresSeconds: NEGATIVE_ENTRY_HOLD - (age % NEGATIVE_ENTRY_HOLD),
        type: 'incomplete',
        flags: ['negative'],
        nbma: null,
        claimedNbma: null,
        noSocket: true,
      };
    }
    if (phase.posture === 'none') {
      view.ipsec = this.strayInbound(hub, pair.hubTunnel.name, spokeAddress, natted);
      return view;
    }
    const session = phase.session?.encrypted ? phase.session : null;
    const withSas = session !== null && (phase.posture === 'up' || phase.posture === 'crypto');
    const counts = withSas
      ? packetCounts(this.history, this.seed, session.start, this.at, { side: 'hub', session })
      : null;
    Object.assign(
      view,
      this.crypto.side({
        router: hub,
        interfaceName: pair.hubTunnel.name,
        local: hub.wan.address,
        remote: spokeAddress,
        natT: natted,
        ikeSince: phase.posture === 'ipsec' ? phase.ikeSince : withSas ? session.start : null,
        ikeSession: session?.id ?? 0,
        negotiating:
          phase.posture === 'ike' && phase.ikeState !== null
            ? { state: phase.ikeState, since: phase.ikeSince }
            : null,
        sas: withSas ? session : null,
        inbound: 0,
        encaps: counts?.hubSent ?? 0,
        decaps: counts?.hubReceived ?? 0,
        listsPeer: withSas,
        replayDropsPerSecond: this.topology.network.underlay.reorder?.get(hub.hostname)?.ratePerSecond ?? 0,
        verifyDropsPerSecond: this.topology.network.underlay.corrupt?.get(hub.hostname)?.ratePerSecond ?? 0,
      }),
    );
    return view;
  }

  /**
   * The hub lost its SAs (cleared or rebooted) while the spoke still encrypts on the old ones: the peer block without
   * SAs, its `#pkts invalid sa (rcv)` counting what the spoke sent since. Null when no stray ESP arrives.
   */
  private strayInbound(
    hub: RouterConfig,
    interfaceName: string,
    remote: string,
    natT: boolean,
  ): IpsecPeerView | null {
    const at = this.history.at;
    const series = this.history.series.find(
      (each) => each.side === 'hub' && each.kind === 'invalid-spi' && each.from <= at && each.to >= at,
    );
    const session = series?.session;
    if (!series || !session?.encrypted) return null;
    // What the spoke's encaps counter gained since the hub lost the SAs (a second before the series starts).
    const sent = (to: number): number =>
      packetCounts(this.history, this.seed, session.start, to, { side: 'spoke', session }).spokeSent;
    const stray = sent(at) - sent(series.from - 1);
    const side = this.crypto.side({
      router: hub,
      interfaceName,
      local: hub.wan.address,
      remote,
      natT,
      ikeSince: null,
      ikeSession: 0,
      negotiating: null,
      sas: null,
      inbound: 0,
      encaps: 0,
      decaps: 0,
      listsPeer: true,
    });
    if (!side.ipsec) return null;
    return { ...side.ipsec, recvErrors: side.ipsec.recvErrors + stray, invalidSaRecv: stray };
  }

  /** When the hub's current registration began (a churning entry is created anew each refresh). */
  private registrationSince(): number {
    const phase = this.hubPhase;
    const churn = phase.churn;
    if (churn && this.at >= churn.anchor) {
      const refresh = lastPeriodic(churn.anchor, churn.period, this.at)!;
      return Math.max(phase.registeredSince, refresh + REGISTRATION_SETUP);
    }
    return phase.registeredSince;
  }
}
