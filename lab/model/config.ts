// What each simulated router is configured with, as IOS holds it: the lab's behaviour follows from these values.

export type Role = 'hub' | 'spoke';

export interface PhysicalInterfaceConfig {
  name: string;
  description: string | null;
  address: string;
  mask: string;
  shutdown: boolean;
  /** `ip nat outside` on the spoke's NAT router is modelled on the underlay, not here. */
  mtu: number;
  /** `vrf forwarding X` (a front-door VRF on the WAN interface); absent means the global table. */
  vrf?: string;
  /** `crypto map NAME` applied to the interface; absent when none. */
  cryptoMap?: string;
}

/**
 * One `crypto map NAME SEQ ipsec-isakmp` entry and the extended ACL its `match address` names (one `permit` line
 * each, e.g. `gre host 198.18.0.1 host 203.0.113.1`).
 */
export interface CryptoMapConfig {
  name: string;
  sequence: number;
  peer: string;
  transformSet: string;
  acl: string;
  /** What the ACL permits, after `permit `: `gre host A host B`. */
  aclPermits: string[];
}

export interface NhrpStaticMapConfig {
  tunnel: string;
  nbma: string;
}

export interface NhsConfig {
  tunnel: string;
  /** `ip nhrp nhs X nbma Y` (IOS 15.x+ one-line form); null when the NBMA comes from an `ip nhrp map`. */
  nbma: string | null;
  multicast: boolean;
}

export interface NhrpInterfaceConfig {
  /** NHRP runs on the interface only with a network-id; the value is local and may differ between routers. */
  networkId: number | null;
  /** Clear text as configured (IOS keeps at most 8 characters). */
  authentication: string | null;
  holdtimeSeconds: number;
  /** `ip nhrp registration timeout N`; null: a third of the holdtime, as IOS does. */
  registrationTimeoutSeconds: number | null;
  registrationNoUnique: boolean;
  maps: NhrpStaticMapConfig[];
  /** `ip nhrp map multicast dynamic` (hub). */
  mapMulticastDynamic: boolean;
  /** `ip nhrp map multicast <nbma>` (spoke, towards its hubs). */
  mapMulticast: string[];
  nhs: NhsConfig[];
  redirect: boolean;
  shortcut: boolean;
  /** `ip nhrp max-send N every S`: at most N NHRP packets sent every S seconds; absent means IOS's 10000 every 10. */
  maxSend?: { packets: number; everySeconds: number };
}

export interface TunnelInterfaceConfig {
  name: string;
  description: string | null;
  address: string;
  mask: string;
  shutdown: boolean;
  bandwidthKbps: number | null;
  ipMtu: number | null;
  tcpAdjustMss: number | null;
  /** `if-state nhrp`: the line protocol follows the NHSs (down while none answers); absent means off. */
  ifStateNhrp?: boolean;
  nhrp: NhrpInterfaceConfig;
  /** The interface named by `tunnel source`. */
  source: string;
  destination: string | null;
  /** `tunnel vrf X`: the VRF the NBMA addresses are looked up in; absent means the global table. */
  tunnelVrf?: string;
  /** `gre multipoint` or `gre ip` (IOS's default when the line is absent). */
  mode: 'gre multipoint' | 'gre ip';
  key: number | null;
  /** `tunnel protection ipsec profile NAME [shared]`; null without protection. */
  protectionProfile: string | null;
  protectionShared: boolean;
  /** EIGRP settings of the tunnel (classic mode). */
  eigrpSplitHorizon: boolean;
  eigrpNextHopSelf: boolean;
  ospfNetwork: 'point-to-multipoint' | 'broadcast' | 'point-to-point' | null;
  ospfPriority: number | null;
}

export interface IsakmpPolicyConfig {
  priority: number;
  /** `aes 256`, `aes`, `3des`. */
  encryption: string;
  /** `sha256`, `sha`, `md5`. */
  hash: string;
  authentication: 'pre-share' | 'rsa-sig';
  /** Diffie-Hellman group number. */
  group: number;
  lifetimeSeconds: number;
}

export interface IsakmpKeyConfig {
  key: string;
  /** `0.0.0.0` with mask `0.0.0.0` matches any peer (wildcard key, the DMVPN hub's usual form). */
  address: string;
  mask: string;
}

export interface Ikev2Config {
  proposal: { name: string; encryption: string; integrity: string; group: number };
  keyring: { name: string; peers: { name: string; address: string; mask: string; key: string }[] };
  profile: {
    name: string;
    matchAddress: string;
    keyring: string;
    lifetimeSeconds: number;
    dpd: string | null;
  };
}

export interface TransformSetConfig {
  name: string;
  /** e.g. ['esp-aes 256', 'esp-sha256-hmac']. */
  transforms: string[];
  mode: 'transport' | 'tunnel';
}

export interface IpsecProfileConfig {
  name: string;
  transformSet: string;
  /** `set pfs group14`; null without PFS. */
  pfsGroup: number | null;
  ikev2Profile: string | null;
  lifetimeSeconds: number;
}

export interface RoutingConfig {
  protocol: 'eigrp' | 'ospf' | 'bgp';
  /** EIGRP AS, OSPF process id or BGP AS. */
  asn: number;
  /** Networks advertised (`network 10.0.0.0 0.0.255.255` ...), as address/wildcard pairs. */
  networks: { address: string; wildcard: string; area?: number }[];
  /** BGP neighbors (the spokes' hubs; `bgp listen range` on the hub). */
  bgpNeighbors: { address: string; remoteAs: number }[];
  bgpListenRange: string | null;
  /** `neighbor <spokes peer-group> next-hop-self` on a hub: the spokes' routes point at the hub; absent means off. */
  bgpNextHopSelf?: boolean;
}

export interface RouterConfig {
  hostname: string;
  role: Role;
  wan: PhysicalInterfaceConfig;
  lan: PhysicalInterfaceConfig;
  tunnels: TunnelInterfaceConfig[];
  ikeVersion: 'v1' | 'v2';
  isakmpPolicies: IsakmpPolicyConfig[];
  isakmpKeys: IsakmpKeyConfig[];
  /** `crypto isakmp keepalive` (DPD), seconds; null when absent. */
  isakmpKeepaliveSeconds: number | null;
  ikev2: Ikev2Config | null;
  transformSets: TransformSetConfig[];
  ipsecProfiles: IpsecProfileConfig[];
  /** Global crypto map entries (the legacy way to encrypt, beside or instead of `tunnel protection`); absent when none. */
  cryptoMaps?: CryptoMapConfig[];
  routing: RoutingConfig;
  /** `ip route 0.0.0.0 0.0.0.0 <gateway>` towards the ISP. */
  defaultGateway: string;
  /** `crypto call admission limit ike in-negotiation-sa N`: new IKE SAs negotiating at once; absent means no limit. */
  ikeInNegotiationLimit?: number;
}
