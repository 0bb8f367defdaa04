// The crypto rows one end of a spoke-hub pair shows: its IKE SA (up, or the negotiation in progress), its `show
// crypto ipsec sa` block for the peer (SPIs per rekey generation, counters, MTUs) and its crypto session.

import type { RouterConfig } from '../model/config.js';
import type { CryptoSessionView, IkeSaView, IpsecPeerView } from '../model/state.js';
import { spokeRate, PACKET_BYTES } from './counters.js';
import { mix } from './hash.js';
import type { Session } from './history.js';
import type { IkeAgreement } from './ike.js';
import { ikeLifetime, ikeSaView, offeredAgreement } from './ike.js';
import type { IpsecAgreement, SaDirection } from './ipsec.js';
import { espSaView, plaintextMtu, spiOf } from './ipsec.js';
import { IKE_RETRY, REKEY_OVERLAP } from './timing.js';

/** A conn-id for a session's IKE SA (its IPsec SAs follow it), stable for the session. */
export function connIdOf(pairKey: number, session: number): number {
  return 1001 + (mix(pairKey, session) % 8000);
}

/** One end's crypto, as the pair's history left it. */
export interface CryptoSide {
  router: RouterConfig;
  interfaceName: string;
  local: string;
  remote: string;
  natT: boolean;
  /** The IKE SA's start, or null without one. */
  ikeSince: number | null;
  ikeSession: number;
  /** The negotiation in progress (no IKE SA yet). */
  negotiating: { state: string; since: number } | null;
  /** The session whose IPsec SAs this end holds, or null. */
  sas: Session | null;
  /** The direction of this end's inbound SA within the pair (0: spoke to hub). */
  inbound: SaDirection;
  encaps: number;
  decaps: number;
  /** Whether `show crypto ipsec sa` lists the peer even without SAs (a spoke's tunnel protection does). */
  listsPeer: boolean;
  /** Inbound ESP packets a second the underlay reorders behind the anti-replay window (from lab second 0). */
  replayDropsPerSecond?: number;
  /** Inbound ESP packets a second the underlay corrupts, failing the HMAC check (from lab second 0). */
  verifyDropsPerSecond?: number;
}

/** Packets a receive check (anti-replay, HMAC) dropped on a session's inbound SAs: from its start (or second 0). */
export function inboundDrops(perSecond: number, sessionStart: number, at: number, decaps: number): number {
  if (perSecond <= 0 || decaps <= 0) return 0;
  return Math.min(decaps, Math.floor(perSecond * Math.max(0, at - Math.max(0, sessionStart))));
}

export interface CryptoRows {
  ike: IkeSaView[];
  ipsec: IpsecPeerView | null;
  session: CryptoSessionView | null;
}

export class CryptoViews {
  constructor(
    private readonly pairKey: number,
    private readonly seed: number,
    private readonly at: number,
    private readonly ike: IkeAgreement | null,
    private readonly ipsec: IpsecAgreement,
    private readonly rekey: number,
    private readonly algorithmsKnown: boolean,
  ) {}

  side(side: CryptoSide): CryptoRows {
    const ike: IkeSaView[] = [];
    if (side.ikeSince !== null) ike.push(this.ikeUp(side, side.ikeSince));
    else if (side.negotiating)
      ike.push(this.ikeNegotiating(side, side.negotiating.state, side.negotiating.since));
    const ipsec = side.sas || side.listsPeer ? this.ipsecView(side) : null;
    return { ike, ipsec, session: this.cryptoSession(side, ipsec) };
  }

  private ikeUp(side: CryptoSide, since: number): IkeSaView {
    const agreement = this.ike;
    const lifetime = agreement ? ikeLifetime(side.router, agreement) : 86_400;
    return ikeSaView({
      version: side.router.ikeVersion,
      local: side.local,
      remote: side.remote,
      natT: side.natT,
      state: side.router.ikeVersion === 'v1' ? 'QM_IDLE' : 'READY',
      connId: connIdOf(this.pairKey, side.ikeSession),
      agreement,
      lifetimeSeconds: lifetime,
      activeSeconds: (this.at - since) % lifetime,
    });
  }

  /** A negotiation that has not agreed yet: conn-id 0 in MM_NO_STATE, algorithms once IKE_SA_INIT was answered. */
  private ikeNegotiating(side: CryptoSide, state: string, since: number): IkeSaView {
    const router = side.router;
    const attempt = Math.max(0, Math.floor((this.at - since) / IKE_RETRY));
    const agreed = state !== 'MM_NO_STATE' && !(state === 'IN-NEG' && !this.algorithmsKnown);
    return ikeSaView({
      version: router.ikeVersion,
      local: side.local,
      remote: side.remote,
      natT: side.natT && state !== 'MM_NO_STATE',
      state,
      connId: state === 'MM_NO_STATE' ? 0 : connIdOf(this.pairKey, 10_000 + attempt),
      agreement: agreed ? (offeredAgreement(router) ?? this.ike) : null,
      lifetimeSeconds:
        router.ikeVersion === 'v2' ? (router.ikev2?.profile.lifetimeSeconds ?? 86_400) : 86_400,
      activeSeconds: 0,
    });
  }

  private ipsecView(side: CryptoSide): IpsecPeerView {
    const agreement = this.ipsec;
    const pathMtu = side.router.wan.mtu;
    const view: IpsecPeerView = {
      interface: side.interfaceName,
      local: side.local,
      remote: side.remote,
      remotePort: side.natT ? 4500 : 500,
      pktsEncaps: side.encaps,
      pktsDecaps: side.decaps,
      sendErrors: 0,
      recvErrors: 0,
      pfs: agreement.pfsGroup !== null,
      dhGroup: agreement.pfsGroup,
      pathMtu,
      plaintextMtu: plaintextMtu(pathMtu, agreement.mode, side.natT),
      inbound: [],
      outbound: [],
    };
    const session = side.sas;
    if (!session) return view;
    const replay = inboundDrops(side.replayDropsPerSecond ?? 0, session.start, this.at, side.decaps);
    if (replay > 0) {
      view.replayFailed = replay;
      view.recvErrors += replay;
    }
    const verify = inboundDrops(side.verifyDropsPerSecond ?? 0, session.start, this.at, side.decaps);
    if (verify > 0) {
      view.verifyFailed = verify;
      view.recvErrors += verify;
    }
    const age = this.at - session.start;
    const generation = Math.floor(age / this.rekey);
    const generationAge = age - generation * this.rekey;
    const connId = connIdOf(this.pairKey, session.id) + 1000;
    const kilobytes = (generationAge * 2 * spokeRate(this.seed, this.pairKey) * PACKET_BYTES) / 1024;
    const sa = (direction: SaDirection, nth: number, ageSeconds: number, id: number) =>
      espSaView({
        spi: spiOf(this.pairKey, direction, session.id * 100_000 + nth, this.seed),
        agreement,
        natT: side.natT,
        connId: id,
        ageSeconds,
        kilobytes,
      });
    const outbound: SaDirection = side.inbound === 0 ? 1 : 0;
    view.inbound.push(sa(side.inbound, generation, generationAge, connId + 2 * generation));
    // For a few seconds after a rekey the old inbound SA is still listed next to the new one.
    if (generation > 0 && generationAge < REKEY_OVERLAP)
      view.inbound.unshift(
        sa(side.inbound, generation - 1, generationAge + this.rekey, connId + 2 * generation - 2),
      );
    view.outbound.push(sa(outbound, generation, generationAge, connId + 2 * generation + 1));
    return view;
  }

  private cryptoSession(side: CryptoSide, ipsec: IpsecPeerView | null): CryptoSessionView {
    const port = side.natT ? 4500 : 500;
    if (side.sas && ipsec)
      return {
        interface: side.interfaceName,
        peer: side.remote,
        port,
        status: 'UP-ACTIVE',
        uptimeSeconds: this.at - side.sas.start,
        ikeActive: true,
        activeSas: ipsec.inbound.length + ipsec.outbound.length,
        pktsDecrypted: ipsec.pktsDecaps,
        pktsEncrypted: ipsec.pktsEncaps,
      };
    const ikeOnly = side.ikeSince !== null;
    return {
      interface: side.interfaceName,
      peer: side.remote,
      port,
      status: ikeOnly ? 'UP-IDLE' : side.negotiating ? 'DOWN-NEGOTIATING' : 'DOWN',
      uptimeSeconds: ikeOnly ? this.at - side.ikeSince! : null,
      ikeActive: ikeOnly,
      activeSas: 0,
      pktsDecrypted: 0,
      pktsEncrypted: 0,
    };
  }
}
