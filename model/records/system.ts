// Records of interfaces, routing adjacencies and the device itself (`show interfaces`, `show ip eigrp neighbors`, `show version`, ...).

import type { RecordBase } from '../parse.js';

/**
 * Counters of `show interfaces`, named after IOS's words (`0 CRC` -> `crc`); null for those the interface did not
 * print (a subinterface prints none, a loopback no `babbles`).
 */
export interface InterfaceCounters {
  inPackets: number | null;
  inBytes: number | null;
  noBuffer: number | null;
  inBroadcasts: number | null;
  /** `(N IP multicasts)` or `(N multicasts)` beside the received broadcasts. */
  inIpMulticasts: number | null;
  runts: number | null;
  giants: number | null;
  throttles: number | null;
  inErrors: number | null;
  crc: number | null;
  frame: number | null;
  overrun: number | null;
  ignored: number | null;
  abort: number | null;
  watchdog: number | null;
  inMulticasts: number | null;
  pauseInput: number | null;
  dribbleCondition: number | null;
  outPackets: number | null;
  outBytes: number | null;
  underruns: number | null;
  outBroadcasts: number | null;
  outIpMulticasts: number | null;
  outErrors: number | null;
  collisions: number | null;
  interfaceResets: number | null;
  unknownProtocolDrops: number | null;
  babbles: number | null;
  lateCollisions: number | null;
  deferred: number | null;
  lostCarrier: number | null;
  noCarrier: number | null;
  pauseOutput: number | null;
  outputBufferFailures: number | null;
  outputBuffersSwappedOut: number | null;
  carrierTransitions: number | null;
}

/**
 * A queue line's figures keyed by IOS's own legend, camelCased: `0/75/0/0 (size/max/drops/flushes)` gives
 * `{ size: 0, max: 75, drops: 0, flushes: 0 }`, `0/1000/0 (size/max total/drops)` gives `{ size, maxTotal, drops }`.
 */
export type QueueFigures = Record<string, number>;

/** The tunnel lines of a tunnel interface in `show interfaces`. */
export interface TunnelDetail {
  /** Source address as printed (`UNKNOWN` when the source interface has no address). */
  source: string | null;
  sourceInterface: string | null;
  /** Absent for a multipoint (mGRE) tunnel; `UNKNOWN` as printed by some images. */
  destination: string | null;
  vrf: string | null;
  /** As printed: `multi-GRE/IP`, `GRE/IP`, `IPSEC/IP`, `PIM/IPv4`. */
  protocol: string | null;
  /** The protocol is multipoint GRE (a DMVPN tunnel). */
  multipoint: boolean | null;
  /** The GRE key in decimal (IOS prints it in hex, `Key 0x3E8`); null for `Key disabled` or not printed. */
  key: number | null;
  sequencing: boolean | null;
  checksumming: boolean | null;
  ttl: number | null;
  /** `Tunnel TOS/Traffic Class 0xC0` as printed. */
  tos: string | null;
  fastTunneling: boolean | null;
  transportMtu: number | null;
  transmitBandwidthKbps: number | null;
  receiveBandwidthKbps: number | null;
  /** `IPSec` in `Tunnel protection via IPSec (profile "NAME")`. */
  protection: string | null;
  protectionProfile: string | null;
  /** `up` or `down` from `Tunnel linestate evaluation down - no output interface`. */
  linestate: string | null;
  linestateReason: string | null;
  transmitOnly: boolean;
  pathMtuDiscovery: boolean;
  pathMtuAgerMinutes: number | null;
  pathMtuMinimum: number | null;
}

/** A member line of a port-channel: `Member 0 : TenGigabitEthernet0/0/0 , Full-duplex, 10000Mb/s`. */
export interface ChannelMember {
  name: string;
  duplex: string | null;
  speed: string | null;
}

/** One interface of `show interfaces`, with the tunnel lines when it is a tunnel. */
export interface InterfaceDetail extends RecordBase<'interface'> {
  name: string;
  adminUp: boolean;
  operUp: boolean;
  /** Same as `counters.inBytes`, kept at the top for the time-series layer. */
  inBytes: number | null;
  outBytes: number | null;
  inErrors: number | null;
  outErrors: number | null;
  /** Seconds since the last up/down change, when IOS prints it (`show interfaces` on IOS does not). */
  lastChangeSeconds: number | null;
  /** As printed before the comma: `up`, `down`, `administratively down`, `reset`, `deleted`. */
  status: string;
  /** `up` or `down`. */
  lineProtocol: string;
  /** The switch port state in parentheses: `connected`, `notconnect`, `disabled`, `err-disabled`. */
  portState: string | null;
  /** What follows the line protocol after a comma, e.g. `Autostate Enabled`. */
  headerNote: string | null;
  hardware: string | null;
  macAddress: string | null;
  burnedInAddress: string | null;
  description: string | null;
  ipAddress: string | null;
  prefixLength: number | null;
  /** `Interface is unnumbered. Using address of Loopback0 (10.0.0.1)`. */
  unnumberedInterface: string | null;
  /** `Internet address will be negotiated using DHCP`. */
  addressNegotiatedBy: string | null;
  mtu: number | null;
  bandwidthKbps: number | null;
  delayUsec: number | null;
  /** Out of 255. */
  reliability: number | null;
  txLoad: number | null;
  rxLoad: number | null;
  encapsulation: string | null;
  vlanId: number | null;
  outerVlanId: number | null;
  innerVlanId: number | null;
  crcBits: number | null;
  loopback: boolean | null;
  /** `set`, `not set`, `not supported` as printed. */
  keepalive: string | null;
  keepaliveSeconds: number | null;
  /** As printed: `Full Duplex`, `Full-duplex`, `Auto-duplex`, `Unknown`. */
  duplex: string | null;
  /** As printed: `100Mbps`, `10Gb/s`, `Auto Speed`. */
  speed: string | null;
  linkType: string | null;
  mediaType: string | null;
  fec: string | null;
  inputFlowControl: string | null;
  outputFlowControl: string | null;
  arpType: string | null;
  arpTimeoutSeconds: number | null;
  /** Seconds since; null for `never`. */
  lastInputSeconds: number | null;
  lastOutputSeconds: number | null;
  lastOutputHangSeconds: number | null;
  /** Seconds since the counters were cleared; null for `never`. */
  lastClearingSeconds: number | null;
  inputQueue: QueueFigures | null;
  totalOutputDrops: number | null;
  queueingStrategy: string | null;
  outputQueue: QueueFigures | null;
  /** Weighted fair queueing: `Conversations  0/1/256 (active/max active/max total)`. */
  conversations: QueueFigures | null;
  reservedConversations: QueueFigures | null;
  availableBandwidthKbps: number | null;
  /** The averaging interval of the rates (`5 minute input rate` -> 300). */
  loadIntervalSeconds: number | null;
  inputRateBps: number | null;
  inputRatePps: number | null;
  outputRateBps: number | null;
  outputRatePps: number | null;
  counters: InterfaceCounters;
  /** Serial line signals: `DCD=up  DSR=up` -> `{ DCD: 'up', DSR: 'up' }`. */
  signals: Record<string, string> | null;
  channelActiveMembers: number | null;
  channelMembers: ChannelMember[];
  channelJumboMembers: number | null;
  tunnel: TunnelDetail | null;
}

/** One row of `show ip interface brief`. */
export interface InterfaceBrief extends RecordBase<'interface_brief'> {
  name: string;
  /** Null for `unassigned`. */
  ipAddress: string | null;
  /** The `OK?` column. */
  ok: boolean;
  /** `manual`, `NVRAM`, `DHCP`, `unset`, `TFTP`, ... */
  method: string;
  /** `up`, `down`, `administratively down`, `deleted`. */
  status: string;
  protocol: string;
  adminUp: boolean;
  operUp: boolean;
}

/** One neighbor of `show ip eigrp neighbors`. */
export interface EigrpNeighbor extends RecordBase<'eigrp_neighbor'> {
  /** The autonomous system (or process) of the table header; null when the header was filtered out. */
  as: number | null;
  vrf: string | null;
  /** Named mode's virtual-router name: `EIGRP-IPv4 VR(WAN) Address-Family Neighbors for AS(100)`. */
  virtualRouter: string | null;
  /** The `H` column: the order in which neighbors came up. */
  handle: number;
  address: string;
  interface: string;
  holdSeconds: number;
  uptimeSeconds: number | null;
  /** Smooth round-trip time, milliseconds. */
  srttMs: number;
  /** Retransmission timeout, milliseconds. */
  rtoMs: number;
  queueCount: number;
  sequence: number;
  /** `detail` lines, null otherwise. */
  version: string | null;
  retransmissions: number | null;
  retries: number | null;
  prefixes: number | null;
}

/** One neighbor of `show ip ospf neighbor`. */
export interface OspfNeighbor extends RecordBase<'ospf_neighbor'> {
  neighborId: string;
  priority: number;
  /** The adjacency state before the slash: `FULL`, `2WAY`, `INIT`, `EXSTART`, `EXCHANGE`, `LOADING`, `DOWN`, `ATTEMPT`. */
  state: string;
  /** The role after the slash: `DR`, `BDR`, `DROTHER`; null for `-` (point-to-point, point-to-multipoint). */
  role: string | null;
  /** Null for `-`. */
  deadTimeSeconds: number | null;
  address: string;
  interface: string;
}

/** One memory line of `show ip bgp summary`: `566019 network entries using 140372712 bytes of memory`. */
export interface BgpMemoryUsage {
  /** What the entries are, as printed: `network`, `path`, `BGP path/bestpath attribute`, `BGP AS-PATH`. */
  what: string;
  entries: number;
  /** The second figure of `448860/89167 BGP path/bestpath attribute entries`. */
  bestpathEntries: number | null;
  bytes: number;
}

/** The header of one address family in `show ip bgp summary` (`show ip bgp all summary` prints several). */
export interface BgpSummary extends RecordBase<'bgp_summary'> {
  /** `IPv4 Unicast` from `For address family: IPv4 Unicast`; null when not printed. */
  addressFamily: string | null;
  routerId: string | null;
  /** As printed, asplain or asdot (`65000.1000`). */
  localAs: string | null;
  /** The same AS as one number (asdot `65000.1000` is 65000 * 65536 + 1000). */
  localAsPlain: number | null;
  tableVersion: number | null;
  mainTableVersion: number | null;
  memory: BgpMemoryUsage[];
  totalMemoryBytes: number | null;
  softReconfigurationPaths: number | null;
  multipathNetworks: number | null;
  multipathPaths: number | null;
  prefixesAdded: number | null;
  prefixesRemoved: number | null;
  pathsAdded: number | null;
  pathsRemoved: number | null;
  scanIntervalSeconds: number | null;
  /** `452 networks peaked at 17:06:38 Apr 5 2025 UTC (4d12h ago)`. */
  peakNetworks: number | null;
  peakAt: string | null;
  /** Dynamic neighbors from `bgp listen range` (a DMVPN hub's spokes): `Dynamically created neighbors: 2, ...`. */
  dynamicNeighbors: number | null;
  dynamicNeighborsMax: number | null;
  subnetRanges: number | null;
  /** `BGP peergroup SPOKES listen range group members:` followed by the ranges. */
  listenRanges: { peerGroup: string; ranges: string[] }[];
}

/** One neighbor row of `show ip bgp summary`. */
export interface BgpNeighborSummary extends RecordBase<'bgp_neighbor'> {
  addressFamily: string | null;
  neighbor: string;
  /** Created from a listen range (`*` before the address). */
  dynamic: boolean;
  version: number;
  /** As printed, asplain or asdot. */
  remoteAs: string;
  remoteAsPlain: number;
  messagesReceived: number;
  messagesSent: number;
  tableVersion: number;
  inQueue: number;
  outQueue: number;
  /** Time in the current state; null for `never`. */
  upDownSeconds: number | null;
  /** `Established` when State/PfxRcd is a number, else the state as printed: `Idle`, `Active`, `Idle (Admin)`. */
  state: string;
  /** The number in State/PfxRcd; null when the session is not established. */
  prefixesReceived: number | null;
}

/** A line `Technology Package License Information` or `License Level:` tells. */
export interface LicenseInfo {
  technology: string | null;
  current: string;
  type: string | null;
  nextReboot: string | null;
}

/** One member of a switch stack, from the `Switch Ports Model` table and the per-switch blocks. */
export interface StackMember {
  /** Null for the first block when no `Switch Ports` table says which switch it is. */
  switch: number | null;
  active: boolean;
  ports: number | null;
  model: string | null;
  softwareVersion: string | null;
  softwareImage: string | null;
  mode: string | null;
  macAddress: string | null;
  serialNumber: string | null;
  motherboardSerialNumber: string | null;
  uptimeSeconds: number | null;
  /** Every `Name : value` line of the switch's block, as printed (part numbers, revisions, CLEI code...). */
  properties: Record<string, string>;
}

/** `show version`: what runs on the device, since when, and on what hardware. */
export interface DeviceVersion extends RecordBase<'version'> {
  hostname: string | null;
  /** `12.4(6)T2`, `16.9.3`, `17.3.4a`. */
  version: string | null;
  /** The IOS XE package version when printed (`Cisco IOS XE Software, Version 16.09.03`, `IOS XE Version: 03.09.01.S`). */
  xeVersion: string | null;
  /** The software family from the first line: `C180X Software`, `IOS-XE Software`, `Catalyst L3 Switch Software`. */
  softwareFamily: string | null;
  /** The image name in parentheses: `C180X-ADVIPSERVICESK9-M`. */
  image: string | null;
  /** The release train codename in brackets: `Fuji`, `Gibraltar`, `Amsterdam`. */
  codename: string | null;
  /** What follows the version: `RELEASE SOFTWARE (fc1)`, `CUST-SPECIAL:V169_5_SR689355441_2`. */
  buildType: string | null;
  /** `fc1` from `(fc1)`. */
  release: string | null;
  compiled: string | null;
  compiledBy: string | null;
  rom: string | null;
  bootloader: string | null;
  uptimeSeconds: number | null;
  controlProcessorUptimeSeconds: number | null;
  /** `reload`, `Reload Command`, `power-on`: why the router last returned to ROM. */
  returnedToRomBy: string | null;
  returnedToRomAt: string | null;
  restartedAt: string | null;
  /** `bootflash:packages.conf` as printed between the quotes. */
  systemImage: string | null;
  lastReloadReason: string | null;
  /** `Last reload type: Normal Reload` (IOS XE 16 and later). */
  lastReloadType: string | null;
  lastReset: string | null;
  licenses: LicenseInfo[];
  smartLicensingStatus: string | null;
  throughputKbps: number | null;
  operatingMode: string | null;
  /** `ASR1001`, `WS-C4948E`, `C9500-40X`, `IOSv`, `1801`. */
  platform: string | null;
  processor: string | null;
  processorRevision: string | null;
  /** Main memory in KB (`1133939K/6147K` is 1133939 + 6147). */
  memoryKb: number | null;
  /** `Processor board ID`: the chassis serial on most routers. */
  serialNumber: string | null;
  /** `Processor board ID FHK102KKKKK, with hardware revision 0000`. */
  hardwareRevision: string | null;
  /** `MPC8548 CPU at 1GHz, Cisco Catalyst 4948E` as printed. */
  cpu: string | null;
  /** `Hobgoblin Revision 20, Fortooine Revision 1.22` as printed. */
  boardRevisions: string | null;
  /** `4 Gigabit Ethernet interfaces` -> `{ 'Gigabit Ethernet': 4 }`. */
  interfaces: Record<string, number>;
  nvramKb: number | null;
  physicalMemoryKb: number | null;
  /** Other `NK bytes of ...` lines: `{ what: 'Flash at flash:', kb: 1609272 }`. */
  storage: { what: string; kb: number }[];
  dramConfiguration: string | null;
  configRegister: string | null;
  /** `(will be 0x2102 at next reload)`. */
  nextConfigRegister: string | null;
  stack: StackMember[];
}
