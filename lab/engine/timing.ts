// The lab clock's constants: how long IOS takes for each step of a DMVPN bring-up, and how often it retries.

/** After a boot or a WAN link coming up: interfaces up, NHRP starts and the first IKE exchange leaves. */
export const START_DELAY = 3;
/** IKE phase 1 and the first IPsec SAs (IKEv1 main + quick mode, or IKEv2 INIT + AUTH). */
export const IKE_SETUP = 1;
/** A registration request and its reply. */
export const REGISTRATION_SETUP = 1;
/** A failed IKE negotiation is given up and started again this often (retransmits included). */
export const IKE_RETRY = 10;
/** The first unanswered registration is retransmitted (1, 2, 4, 8 s ...); the NHS is declared down after this. */
export const NHS_DOWN_AFTER = 15;
/** Retransmission offsets of an unanswered registration request, then every REGISTRATION_BACKOFF_MAX seconds. */
export const REGISTRATION_RETRIES = [0, 1, 3, 7, 15, 31, 63];
export const REGISTRATION_BACKOFF_MAX = 64;
/** A routing adjacency forms this long after the tunnel carries traffic both ways. */
export const ROUTING_SETUP = 3;
/** Spoke-to-spoke traffic starts (and is redirected / resolved) this long after both spokes are registered. */
export const SHORTCUT_SETUP = 10;
/** IPsec SAs are rekeyed at this fraction of their lifetime (the soft lifetime). */
export const REKEY_FRACTION = 0.9;
/** The old inbound SA of a rekey stays listed this long next to the new one. */
export const REKEY_OVERLAP = 10;
/** `%CRYPTO-4-RECVD_PKT_INV_SPI` and `%CRYPTO-4-RECVD_PKT_NOT_IPSEC` are rate-limited to one a minute. */
export const CRYPTO_LOG_INTERVAL = 60;
/** A negative (incomplete) NHRP entry is held this long. */
export const NEGATIVE_ENTRY_HOLD = 180;
/** EIGRP over a multipoint tunnel keeps sending updates to a one-way neighbor until the retry limit. */
export const EIGRP_RETRY_LIMIT = 75;
/** IOS keeps this many messages in the logging buffer (the lab keeps the last ones). */
export const LOG_BUFFER = 200;
/** The default IKEv1 DPD retry interval (`crypto isakmp keepalive N` without a retry value) and retry count. */
export const DPD_RETRY = 2;
export const DPD_RETRIES = 5;
