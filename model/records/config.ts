// Records of the running / startup configuration: the DMVPN tunnels, NHRP, IKE/IPsec and the routing over them.

import type { RecordBase } from '../parse.js';

/**
 * A secret of the configuration (pre-shared key, NHRP authentication string, BGP password), kept so that two
 * devices can be compared without the secret ever being stored or printed.
 */
export interface SecretFingerprint {
  secret: true;
  /** The type IOS printed before the secret: 0 clear text, 6 AES-encrypted, 7 Cisco's reversible encoding. */
  encryption: number;
  /**
   * sha256 (hex) of the secret as configured. Equal fingerprints of type-0 secrets mean equal keys; type-6 values
   * are encrypted with each device's own master key and cannot be compared across devices.
   */
  sha256: string;
}

export interface ConfigHostname extends RecordBase<'config_hostname'> {
  hostname: string;
}

export interface Ipv4Address {
  address: string;
  mask: string;
  prefixLength: number;
  secondary: boolean;
}

/** One `interface` block. Tunnel interfaces carry `tunnel` and `nhrp`; the others have them null. */
export interface ConfigInterface extends RecordBase<'config_interface'> {
  /** Null only when the output was filtered and the `interface` line itself was left out. */
  name: string | null;
  description: string | null;
  /** `shutdown`: administratively down. */
  shutdown: boolean;
  ipv4: Ipv4Address[];
  /** How the address is obtained when not static: `dhcp`, `negotiated`, `unnumbered Loopback0`; `none` for `no ip address`. */
  ipv4Method: string | null;
  /** `ipv6 address` values as printed (`2001:DB8::1/64`, `FE80::1 link-local`). */
  ipv6: string[];
  /** `vrf forwarding X` / `ip vrf forwarding X`: the VRF the interface's own addresses live in. */
  vrf: string | null;
  mtu: number | null;
  ipMtu: number | null;
  tcpAdjustMss: number | null;
  bandwidthKbps: number | null;
  /** `delay`, in tens of microseconds as configured. */
  delay: number | null;
  /** `encapsulation dot1Q 2234 second-dot1q 15`, after the keyword, as printed. */
  encapsulation: string | null;
  accessGroupIn: string | null;
  accessGroupOut: string | null;
  /** `crypto map NAME` on the interface (a DMVPN should use tunnel protection, not a crypto map). */
  cryptoMap: string | null;
  nat: 'inside' | 'outside' | null;
  /** `if-state nhrp`: the tunnel goes down when no NHS answers. */
  ifStateNhrp: boolean;
  tunnel: TunnelConfig | null;
  nhrp: NhrpConfig | null;
  nhrpIpv6: NhrpConfig | null;
  /** Per-AS classic-mode EIGRP settings (`no ip split-horizon eigrp 100`, `ip hello-interval eigrp 100 5`, ...). */
  eigrp: EigrpInterfaceSettings[];
  ospf: OspfInterfaceSettings | null;
}

export interface TunnelConfig {
  /** Interface name or address, as configured. */
  source: string | null;
  destination: string | null;
  /** After `tunnel mode`: `gre multipoint`, `gre ip`, `ipsec ipv4`, ...; null when absent (IOS's default is `gre ip`). */
  mode: string | null;
  key: number | null;
  /** `tunnel vrf X`: the front-door VRF the NBMA addresses live in. */
  vrf: string | null;
  protection: TunnelProtection | null;
  pathMtuDiscovery: boolean;
  routeVia: string | null;
}

export interface TunnelProtection {
  profile: string;
  /** `shared`: several tunnels on the same source share one IPsec SA database (dual DMVPN). */
  shared: boolean;
  isakmpProfile: string | null;
  ikev2Profile: string | null;
}

/** The `ip nhrp ...` (or `ipv6 nhrp ...`, IOS-XE `nhrp ...`) lines of one interface. */
export interface NhrpConfig {
  /** NHRP runs on the interface only with a network-id; its value is local (it may differ between hub and spoke). */
  networkId: number | null;
  authentication: SecretFingerprint | null;
  holdtimeSeconds: number | null;
  maps: NhrpStaticMap[];
  /** `map multicast dynamic`: replicate multicast to every registered spoke (a hub needs it). */
  multicastDynamic: boolean;
  /** `map multicast <nbma>`: static multicast destinations (a spoke's hubs). */
  multicastNbma: string[];
  nhs: NhrpServerConfig[];
  nhsClusters: { cluster: number; maxConnections: number }[];
  nhsFallbackSeconds: number | null;
  /** Phase 3: the hub sends traffic indications. */
  redirect: boolean;
  /** Phase 3: the spoke installs shortcut routes. */
  shortcut: boolean;
  registrationTimeoutSeconds: number | null;
  /** `registration no-unique`: lets a spoke whose NBMA changes (DHCP, NAT) register again at once. */
  registrationNoUnique: boolean;
  group: string | null;
  mapGroups: { group: string; servicePolicy: string }[];
  /** Recognised lines with no field of their own, after `nhrp` (`max-send 10000 every 10`, `server-only`). */
  options: string[];
}

/** `map <tunnel-ip> [<mask>] <nbma>`. */
export interface NhrpStaticMap {
  tunnel: string;
  mask: string | null;
  nbma: string;
}

/** `nhs <tunnel-ip>|dynamic [nbma <nbma>|<fqdn>] [multicast] [priority N] [cluster N]`. */
export interface NhrpServerConfig {
  /** The NHS's tunnel address, or `dynamic` (learned from the hub's reply). */
  server: string;
  nbma: string | null;
  multicast: boolean;
  priority: number | null;
  cluster: number | null;
}

export interface EigrpInterfaceSettings {
  /** The AS of classic mode; named mode's `address-family ... autonomous-system N`. */
  asn: number | null;
  interface: string | null;
  /** False for `no ip split-horizon eigrp` / `no split-horizon`; null when the config does not say (default on). */
  splitHorizon: boolean | null;
  /** False for `no ip next-hop-self eigrp` / `no next-hop-self`; null when not configured (default on). */
  nextHopSelf: boolean | null;
  helloSeconds: number | null;
  holdSeconds: number | null;
  bandwidthPercent: number | null;
  summaries: string[];
  passive: boolean | null;
}

export interface OspfInterfaceSettings {
  /** `point-to-multipoint`, `broadcast`, `non-broadcast`, `point-to-point`. */
  network: string | null;
  priority: number | null;
  cost: number | null;
  helloSeconds: number | null;
  deadSeconds: number | null;
  /** `ip ospf <process> area <area>` (interface-mode OSPF). */
  processId: number | null;
  area: string | null;
  mtuIgnore: boolean;
}

/** `crypto isakmp policy N`. Null fields were not printed: IOS's default applies. */
export interface IsakmpPolicy extends RecordBase<'config_isakmp_policy'> {
  priority: number;
  /** As printed after `encr` / `encryption`: `aes 256`, `3des`. */
  encryption: string | null;
  hash: string | null;
  /** `pre-share`, `rsa-sig`, ... */
  authentication: string | null;
  group: number | null;
  lifetimeSeconds: number | null;
}

/** A pre-shared key for IKEv1: `crypto isakmp key K address A [M]`, or a `pre-shared-key` line of `crypto keyring X`. */
export interface IsakmpKey extends RecordBase<'config_isakmp_key'> {
  /** The `crypto keyring` it belongs to; null for the global `crypto isakmp key`. */
  keyring: string | null;
  /** The keyring's front-door VRF (`crypto keyring X vrf Y`). */
  vrf: string | null;
  key: SecretFingerprint;
  address: string | null;
  mask: string | null;
  hostname: string | null;
  noXauth: boolean;
}

/** Dead peer detection: `crypto isakmp keepalive 10 3 periodic` (IKEv1) or `crypto ikev2 dpd 30 5 on-demand`. */
export interface IkeDpd extends RecordBase<'config_ike_dpd'> {
  ikeVersion: 1 | 2;
  intervalSeconds: number;
  retrySeconds: number | null;
  mode: 'periodic' | 'on-demand' | null;
}

/** NAT keepalives: `crypto isakmp nat keepalive 20` / `crypto ikev2 nat keepalive 20`. */
export interface IkeNatKeepalive extends RecordBase<'config_ike_nat_keepalive'> {
  ikeVersion: 1 | 2;
  intervalSeconds: number;
}

/** Any other global `crypto ...` line this parser recognises (`isakmp invalid-spi-recovery`, `logging session`). */
export interface CryptoOption extends RecordBase<'config_crypto_option'> {
  /** The line after `crypto `, as printed. */
  option: string;
}

/** `crypto isakmp profile NAME`. */
export interface IsakmpProfile extends RecordBase<'config_isakmp_profile'> {
  name: string;
  vrf: string | null;
  keyrings: string[];
  /** After `match identity`: `address 0.0.0.0`, `address 0.0.0.0 INET`, `host hub.example.com`. */
  matchIdentities: string[];
  keepaliveSeconds: number | null;
  keepaliveRetrySeconds: number | null;
  /** Recognised lines with no field of their own, as printed (`self-identity address`, `local-address Gi1`). */
  options: string[];
}

export interface Ikev2Proposal extends RecordBase<'config_ikev2_proposal'> {
  name: string;
  encryption: string[];
  integrity: string[];
  prf: string[];
  groups: number[];
}

export interface Ikev2Policy extends RecordBase<'config_ikev2_policy'> {
  name: string;
  proposals: string[];
  matchFvrf: string | null;
  matchAddressLocal: string | null;
}

export interface Ikev2Keyring extends RecordBase<'config_ikev2_keyring'> {
  name: string;
  peers: Ikev2KeyringPeer[];
}

export interface Ikev2KeyringPeer {
  name: string;
  address: string | null;
  mask: string | null;
  hostname: string | null;
  identity: string | null;
  presharedKey: SecretFingerprint | null;
  presharedKeyLocal: SecretFingerprint | null;
  presharedKeyRemote: SecretFingerprint | null;
}

export interface Ikev2Profile extends RecordBase<'config_ikev2_profile'> {
  name: string;
  /** After `match identity remote`: `address 0.0.0.0`, `fqdn domain example.com`, ... */
  matchIdentityRemote: string[];
  matchFvrf: string | null;
  matchAddressLocal: string | null;
  /** After `identity local`: `address 203.0.113.2`, `fqdn spoke1.example.com`. */
  identityLocal: string | null;
  authenticationLocal: string[];
  authenticationRemote: string[];
  keyringLocal: string | null;
  pkiTrustpoints: string[];
  lifetimeSeconds: number | null;
  dpdIntervalSeconds: number | null;
  dpdRetrySeconds: number | null;
  dpdMode: 'periodic' | 'on-demand' | null;
  virtualTemplate: number | null;
  natKeepaliveSeconds: number | null;
  /** Recognised lines with no field of their own, as printed (`ivrf CUST`, `aaa authorization group psk list A B`). */
  options: string[];
}

export interface IpsecTransformSet extends RecordBase<'config_ipsec_transform_set'> {
  name: string;
  /** Each transform with its key size: `esp-aes 256`, `esp-sha256-hmac`. */
  transforms: string[];
  /** `mode transport` / `mode tunnel`; null when not printed (IOS's default is tunnel). DMVPN behind NAT needs transport. */
  mode: 'transport' | 'tunnel' | null;
}

export interface IpsecProfile extends RecordBase<'config_ipsec_profile'> {
  name: string;
  transformSets: string[];
  /** `set pfs group14` -> `group14`; null without PFS. */
  pfs: string | null;
  ikev2Profile: string | null;
  isakmpProfile: string | null;
  lifetimeSeconds: number | null;
  lifetimeKilobytes: number | null;
  responderOnly: boolean;
  /** Recognised lines with no field of their own, as printed (`set security-association replay window-size 1024`). */
  options: string[];
}

/** One entry of `crypto map NAME SEQ ipsec-isakmp`. */
export interface CryptoMapEntry extends RecordBase<'config_crypto_map'> {
  name: string;
  sequence: number;
  type: string | null;
  peers: string[];
  transformSets: string[];
  matchAddress: string | null;
  pfs: string | null;
  ikev2Profile: string | null;
  isakmpProfile: string | null;
  options: string[];
}

/** `router eigrp <asn>` (classic mode) or `router eigrp <name>` (named mode, settings under `af-interface`). */
export interface EigrpProcess extends RecordBase<'config_router_eigrp'> {
  /** As printed after `router eigrp`. */
  process: string;
  asn: number | null;
  namedMode: boolean;
  routerId: string | null;
  networks: { address: string; wildcard: string | null }[];
  /** `eigrp stub ...`, after `stub`, as printed (`connected summary`); null when not a stub. */
  stub: string | null;
  passiveInterfaces: string[];
  passiveByDefault: boolean;
  /** Named mode: the `af-interface` blocks (`default` for `af-interface default`). */
  afInterfaces: EigrpInterfaceSettings[];
  /** Recognised lines with no field of their own, as printed (`variance 2`, `redistribute static`). */
  options: string[];
}

export interface OspfProcess extends RecordBase<'config_router_ospf'> {
  processId: number;
  vrf: string | null;
  routerId: string | null;
  networks: { address: string; wildcard: string; area: string }[];
  passiveInterfaces: string[];
  passiveByDefault: boolean;
  options: string[];
}

export interface BgpProcess extends RecordBase<'config_router_bgp'> {
  asn: string;
  routerId: string | null;
  neighbors: BgpNeighborConfig[];
  /** `bgp listen range 10.0.0.0/24 peer-group SPOKES`: a hub accepting dynamic spoke neighbors. */
  listenRanges: { range: string; peerGroup: string }[];
  networks: { prefix: string; mask: string | null }[];
  /** `address-family ...` blocks present, as printed after the keyword (`ipv4`, `ipv4 vrf CUST`). */
  addressFamilies: string[];
  options: string[];
}

/** A neighbor address or a peer-group, with what every `neighbor X ...` line said (all address families merged). */
export interface BgpNeighborConfig {
  neighbor: string;
  isPeerGroup: boolean;
  peerGroup: string | null;
  remoteAs: string | null;
  description: string | null;
  updateSource: string | null;
  routeReflectorClient: boolean;
  nextHopSelf: boolean;
  activated: boolean;
  shutdown: boolean;
  password: SecretFingerprint | null;
  /** Recognised `neighbor X ...` lines with no field of their own, after the neighbor (`timers 10 30`). */
  options: string[];
}

/** `ip route [vrf V] prefix mask {next-hop | interface [next-hop]} [distance] [name N] [permanent] [track T]`. */
export interface StaticRoute extends RecordBase<'config_static_route'> {
  vrf: string | null;
  prefix: string;
  mask: string;
  interface: string | null;
  nextHop: string | null;
  distance: number | null;
  name: string | null;
  permanent: boolean;
  track: number | null;
}

export type ConfigRecord =
  | ConfigHostname
  | ConfigInterface
  | IsakmpPolicy
  | IsakmpKey
  | IkeDpd
  | IkeNatKeepalive
  | CryptoOption
  | IsakmpProfile
  | Ikev2Proposal
  | Ikev2Policy
  | Ikev2Keyring
  | Ikev2Profile
  | IpsecTransformSet
  | IpsecProfile
  | CryptoMapEntry
  | EigrpProcess
  | OspfProcess
  | BgpProcess
  | StaticRoute;
