// Records of IKE phase 1: `show crypto isakmp sa`, `show crypto ikev2 sa` and their variants.

import type { RecordBase } from '../parse.js';

/**
 * One IKE (phase 1) SA, IKEv1 from `show crypto isakmp sa [detail]` or IKEv2 from `show crypto ikev2 sa [detailed]`.
 * Fields a command does not print are null (or empty lists); `line` is the SA's row (its `dst:` line for an IKEv1
 * IPv6 block).
 */
export interface IkeSa extends RecordBase<'ike_sa'> {
  version: 'v1' | 'v2';
  local: string;
  remote: string;
  /**
   * `QM_IDLE`, `MM_NO_STATE`, `MM_KEY_EXCH`, `AG_AUTH`, ... (v1) or `READY`, `IN-NEG`, `DELETE`, ... (v2).
   * `show crypto isakmp sa detail` prints no state column: its SAs say `UNKNOWN` here.
   */
  state: string;
  /** `ACTIVE`, `ACTIVE (deleted)`, `STDBY` (v1); same as state for v2. */
  status: string;
  /** Phase 1 is up: `QM_IDLE` and not being deleted (v1), `READY` (v2). False when the state is not printed. */
  up: boolean;
  /**
   * v1: the REMAINING lifetime of `show crypto isakmp sa detail`'s Lifetime column (null in the brief form, which
   * prints none). v2: the CONFIGURED lifetime, the first half of `Life/Active Time: 86400/20942 sec` (the time
   * already spent is `activeSeconds`).
   */
  lifetimeSeconds: number | null;

  /** From the addresses: IPv6 addresses contain a colon. */
  family: 'ipv4' | 'ipv6';
  /** IKE's UDP ports (v2 prints `address/port`: 4500 once NAT-T is in use); null for v1, which prints none. */
  localPort: number | null;
  remotePort: number | null;
  /** `(deleted)` after the v1 status: the SA is being torn down. */
  deleted: boolean;
  /** Front-door VRF (v2); null for `none` or when not printed. */
  fvrf: string | null;
  /** Inside VRF (v1 detail `I-VRF`, v2 `fvrf/ivrf`); null for blank/`none`. */
  ivrf: string | null;

  /**
   * v1 brief: the `dst` and `src` columns as printed. They name the responder and the initiator, not this router
   * and its peer: `local`/`remote` are inferred from the address every SA of the output shares.
   */
  dst: string | null;
  src: string | null;
  /**
   * v1 brief with a single peer: the output cannot tell which of dst/src is this router, so `local` is taken to
   * be `src` (a spoke initiates to its hub); wrong on a hub that answered one spoke.
   */
  sidesGuessed: boolean;
  /** v1 `conn-id` (brief) or `C-id` (detail): the same number, which joins the two outputs. */
  connId: number | null;
  /** v1 `slot` column (older IOS, `show crypto isakmp sa active|standby`). */
  slot: number | null;
  /** v1 detail `Engine-id:Conn-id = SW:12609`; null when IOS prints `????`. */
  engineId: string | null;
  engineConnId: number | null;
  /** v1 detail `Cap.` letters split: C config mode, D DPD, K keepalives, N NAT-T, T cTCP, X XAUTH; null if not printed. */
  capabilities: string[] | null;

  /** v2 `Tunnel-id`. */
  tunnelId: number | null;
  ceId: number | null;
  sessionId: number | null;

  /** The negotiated algorithms: v1 detail columns, v2 `Encr:` line; null when the output does not print them. */
  algorithms: IkeAlgorithms | null;

  /** v2: seconds since the SA came up (second half of `Life/Active Time`). */
  activeSeconds: number | null;
  /** v2 IKE SPIs (`Local spi: ... Remote spi: ...`). */
  localSpi: string | null;
  remoteSpi: string | null;

  /** NAT traversal in use: v1 detail `N` capability, v2 `NAT-T is detected ...`; null when not printed. */
  natTraversal: boolean | null;
  /** v2: which side of the NAT this router is (`NAT-T is detected inside|outside`). */
  natSide: 'inside' | 'outside' | null;
  /**
   * This router initiated the SA: v2 `Initiator of SA`; v1 brief: local is `src` (null when the sides are
   * guessed).
   */
  initiator: boolean | null;

  /** The lines only `show crypto ikev2 sa detailed` prints; null for the other forms. */
  detail: Ikev2SaDetail | null;
}

/** IKE phase 1 algorithms, as printed. */
export interface IkeAlgorithms {
  /**
   * v1 `aes`, `3des`; v2 `AES-CBC`, `AES-GCM`. IOS's `Unknown - 0` (and `DH Grp:0`) for what an IN-NEG SA has not
   * negotiated yet become null, as do the other v2 algorithms.
   */
  encryption: string | null;
  keySize: number | null;
  /** v2 pseudo-random function, e.g. `SHA256`. */
  prf: string | null;
  /** v1 `sha`, `md5`; v2 `SHA256`, `None` (AEAD ciphers need no separate integrity). */
  hash: string | null;
  /** v1 authentication: `psk`, `rsig`, `renc`. */
  auth: string | null;
  /** v2 authentication this side signs with and verifies the peer with: `PSK`, `RSA`, `ECDSA`. */
  authSign: string | null;
  authVerify: string | null;
  dhGroup: number | null;
  /** v2 `PQC Key Exchange: ML-KEM-1024`. */
  pqcKeyExchange: string | null;
  /** v2 quantum resistance: the `QR` flag, `Quantum Resistance Enabled` or a PPK; null for v1. */
  quantumResistance: boolean | null;
}

/** The per-SA lines of `show crypto ikev2 sa detailed`. */
export interface Ikev2SaDetail {
  /** `Negotiation done`, `Initiator waiting for AUTH response`, ... */
  statusDescription: string | null;
  /** IKE identities: an address, an FQDN or an e-mail. */
  localId: string | null;
  remoteId: string | null;
  messageIds: Ikev2MessageIds | null;
  /** `DPD configured for 10 seconds, retry 2`. */
  dpd: { intervalSeconds: number; retries: number } | null;
  /** `Fragmentation not  configured.` -> `not configured` (spaces collapsed, period dropped). */
  fragmentation: string | null;
  /** `enabled` / `disabled`. */
  dynamicRouteUpdate: string | null;
  /** `not configured` / `configured`. */
  extendedAuthentication: string | null;
  /** Cisco TrustSec SGT inline tagging: `disabled` / `enabled`. */
  ctsSgt: string | null;
  /** Address pushed by IKEv2 configuration mode (FlexVPN). */
  pushedAddress: string | null;
  /** `Remote subnets:` lines as printed, e.g. `10.0.0.0 255.0.0.0`. */
  remoteSubnets: string[];
  /** `PEER TYPE: IOS-XE`, `Other`. */
  peerType: string | null;
  /** `Local Sys Id` / `Remote Sys Id` of the session-key service (quantum-safe keys). */
  localSysId: string | null;
  remoteSysId: string | null;
}

/** IKEv2 exchange bookkeeping of `show crypto ikev2 sa detailed`: a stuck window shows as queued requests. */
export interface Ikev2MessageIds {
  localRequest: number | null;
  remoteRequest: number | null;
  localNext: number | null;
  remoteNext: number | null;
  localQueued: number | null;
  remoteQueued: number | null;
  localWindow: number | null;
  remoteWindow: number | null;
}

/** `show crypto isakmp sa count`: how many IKEv1 SAs are in each condition. */
export interface IsakmpSaCount extends RecordBase<'isakmp_sa_count'> {
  active: number | null;
  standby: number | null;
  negotiating: number | null;
  dead: number | null;
}

/** One peer of `show crypto isakmp peers [address]`. */
export interface IsakmpPeer extends RecordBase<'isakmp_peer'> {
  peer: string;
  port: number;
  local: string;
  /** The identity the peer authenticated with (address or hostname); null when not printed. */
  phase1Id: string | null;
}

/** One peer of `show crypto isakmp peers config`: the IKE policy configured for it. */
export interface IsakmpPeerConfig extends RecordBase<'isakmp_peer_config'> {
  peer: string;
  /** `IKEv1` / `IKEv2`. */
  keyExchange: string | null;
  /** `Pre-Shared Key`, `RSA-SIG`, ... as printed. */
  authenticationMethod: string | null;
  encryption: string | null;
  hashing: string | null;
  dhGroup: number | null;
  lifetimeSeconds: number | null;
  localId: string | null;
  remoteId: string | null;
}
