// Records of `show crypto ipsec sa` and its variants, `show crypto ipsec sa count` and `show tunnel protection statistics`.

import type { RecordBase } from '../parse.js';

/** A proxy identity `(addr/mask/prot/port)`, e.g. `(10.0.0.0/255.255.255.0/0/0)` or `(FE80::/10/89/0)`. */
export interface IpsecIdentity {
  address: string;
  /** A dotted mask for IPv4, a prefix length (`10`) for IPv6, as printed. */
  mask: string;
  /** IP protocol number; 0 is any, 47 is GRE (DMVPN), 89 is OSPF. */
  protocol: number;
  port: number;
}

export type IpsecSaProtocol = 'esp' | 'ah' | 'pcp';

/** One SA of an `inbound esp sas:` (`ah`, `pcp`, `outbound ...`) block, or of a `protocol:` block of `... address`. */
export interface IpsecSaEntry {
  /** 1-based line of its `spi:` line. */
  line: number;
  protocol: IpsecSaProtocol;
  /** As printed, e.g. `0x658F7C11`; null for `[Not Available]`. */
  spi: string | null;
  /** E.g. `esp-256-aes esp-sha256-hmac`, `esp-gcm 256`. */
  transform: string | null;
  /** `in use settings ={Transport UDP-Encaps, esn}` split on commas: `['Transport UDP-Encaps', 'esn']`. */
  settings: string[];
  mode: 'tunnel' | 'transport' | null;
  /** ESP in UDP (NAT traversal, port 4500). */
  udpEncaps: boolean;
  /** Extended sequence numbers. */
  esn: boolean;
  /** `slot:` of older images' `slot: 0, conn id: 2006, crypto map: test`. */
  slot: number | null;
  connId: number | null;
  /** As printed, e.g. `CSR:76`, `Onboard VPN:124`. */
  flowId: string | null;
  siblingFlags: string | null;
  cryptoMap: string | null;
  /** `initiator : True|False` (IOS-XE), null where not printed. */
  initiator: boolean | null;
  remainingKilobytes: number | null;
  /** Null when the router prints no time (`is not applicable`, or the line is absent). */
  remainingSeconds: number | null;
  /** `Kilobyte Volume Rekey has been disabled`: the SA rekeys on time only. */
  kilobyteRekeyDisabled: boolean;
  ivSizeBytes: number | null;
  replayDetection: boolean | null;
  replayWindowSize: number | null;
  /** As printed, e.g. `ACTIVE(ACTIVE)`, `ACTIVE`, `STANDBY(STANDBY)`. */
  status: string | null;
}

/** Every `#pkts ...` and `#send/#recv errors` counter; null when the output did not print it (not `detail`, filtered). */
export interface IpsecSaCounters {
  pktsEncaps: number | null;
  pktsEncrypt: number | null;
  pktsDigest: number | null;
  pktsDecaps: number | null;
  pktsDecrypt: number | null;
  pktsVerify: number | null;
  pktsCompressed: number | null;
  pktsDecompressed: number | null;
  pktsNotCompressed: number | null;
  pktsCompressFailed: number | null;
  pktsNotDecompressed: number | null;
  pktsDecompressFailed: number | null;
  pktsNoSaSend: number | null;
  pktsInvalidSaRecv: number | null;
  pktsEncapsFailedSend: number | null;
  pktsDecapsFailedRecv: number | null;
  pktsInvalidProtRecv: number | null;
  pktsVerifyFailed: number | null;
  pktsInvalidIdentityRecv: number | null;
  pktsInvalidLenRecv: number | null;
  pktsReplayRolloverSend: number | null;
  pktsReplayRolloverRecv: number | null;
  pktsReplayFailedRecv: number | null;
  pktsTaggedSend: number | null;
  pktsUntaggedRecv: number | null;
  pktsNotTaggedSend: number | null;
  pktsNotUntaggedRecv: number | null;
  pktsInternalErrSend: number | null;
  pktsInternalErrRecv: number | null;
  sendErrors: number | null;
  recvErrors: number | null;
}

/**
 * One peer block (one local/remote identity pair) of `show crypto ipsec sa`: its counters and SAs.
 * Fields are null when the output did not carry them (filtered output, older images).
 */
export interface IpsecSa extends RecordBase<'ipsec_sa'>, IpsecSaCounters {
  interface: string | null;
  /** `local crypto endpt.` */
  local: string | null;
  /** The peer, `current_peer`. */
  remote: string | null;
  /** `current_peer X port N`: 500, or 4500 behind NAT (NAT-T); other ports for IPv6 tunnels. */
  remotePort: number | null;
  /** `remote crypto endpt.` (the same address as `remote` on a working tunnel). */
  remoteEndpoint: string | null;
  cryptoMapTag: string | null;
  /** The `local addr` of the `Crypto map tag:` line. */
  cryptoMapLocal: string | null;
  /** `IPsecv6 policy name:` (OSPFv3 authentication). */
  policyName: string | null;
  /** As printed; `(none)` when the protected traffic is in the global table. */
  protectedVrf: string | null;
  localIdent: IpsecIdentity | null;
  remoteIdent: IpsecIdentity | null;
  /** `PERMIT`. */
  action: string | null;
  /** As printed inside `flags={...}`, e.g. `origin_is_acl,`. */
  flags: string | null;
  flagNames: string[];
  plaintextMtu: number | null;
  pathMtu: number | null;
  /** `ip mtu` (or `ipv6 mtu`) of the interface the SA leaves by. */
  ipMtu: number | null;
  /** `ip mtu idb` (or `ipv6 mtu idb`): the interface the SA leaves by. */
  ipMtuInterface: string | null;
  /** As printed, e.g. `0x397C36EE`; `0x0` when there is no outbound SA. */
  currentOutboundSpi: string | null;
  pfs: boolean | null;
  /** As printed, e.g. `none`, `group14`. */
  dhGroup: string | null;
  /** Post-quantum key exchange, e.g. `AKE1: MLKEM512`. */
  akeGroup: string | null;
  /** SAs listed in the inbound blocks (every protocol); null when the blocks were not in the output. */
  inSas: number | null;
  outSas: number | null;
  inbound: IpsecSaEntry[];
  outbound: IpsecSaEntry[];
}

/** The SAs whose destination is one address, from `show crypto ipsec sa address`. */
export interface IpsecSaDestination extends RecordBase<'ipsec_sa_destination'> {
  destination: string;
  sas: IpsecSaEntry[];
}

/** `show crypto ipsec sa count`: `IPsec SA total: 8, active: 8, rekeying: 0, unused: 0, invalid: 0`. */
export interface IpsecSaCount extends RecordBase<'ipsec_sa_count'> {
  total: number | null;
  active: number | null;
  rekeying: number | null;
  unused: number | null;
  invalid: number | null;
}

/**
 * One direction of one section of `show tunnel protection statistics` (the messages between tunnel protection and
 * the crypto socket layer), counters keyed like `listen_start`, `conn_timeout`, `cef_pkt_drops`.
 */
export interface TunnelProtectionCounters extends RecordBase<'tunnel_protection_counters'> {
  /**
   * `Message Statistics`, `Error Statistics`, `Data Statistics(Other than IPSec protection)`; null (like direction)
   * when a filtered output lost the heading.
   */
  section: 'message' | 'error' | 'data' | null;
  direction: 'sent' | 'received' | null;
  counters: Record<string, number>;
}
