// Reads an `interface` block: addresses and state of every interface, tunnel, NHRP and IGP settings of tunnels.

import type {
  ConfigInterface,
  EigrpInterfaceSettings,
  OspfInterfaceSettings,
  TunnelConfig,
} from '../model/records/config.js';
import { isIpv4, prefixLength } from './common/address.js';
import { wholeNumber } from './common/numbers.js';
import { restAfter, type ConfigBlock } from './config-common.js';
import { emptyNhrp, readNhrpSetting } from './config-nhrp.js';

/** Interface settings that do not matter to DMVPN: recognised and skipped (first word of the line). */
const SKIPPED = new Set([
  'service-policy', 'negotiation', 'duplex', 'speed', 'media-type', 'load-interval', 'cdp', 'keepalive', 'switchport',
  'spanning-tree', 'standby', 'vrrp', 'arp', 'mop', 'channel-group', 'hold-queue', 'carrier-delay', 'dampening',
  'snmp', 'logging', 'qos', 'zone-member', 'power', 'storm-control', 'lldp', 'pppoe', 'pppoe-client', 'dialer',
  'dialer-group', 'ppp', 'peer', 'mac-address', 'macsec', 'authentication', 'dot1x', 'mab', 'flowcontrol', 'udld',
  'platform', 'bfd', 'mpls', 'cts', 'service', 'lacp', 'ethernet', 'rate-limit', 'priority-queue', 'fair-queue',
  'random-detect', 'tx-ring-limit', 'max-reserved-bandwidth', 'autostate', 'shape', 'pvc', 'atm', 'frame-relay',
  'clock', 'nameif', 'security-level', 'ntp', 'device-tracking', 'access-session', 'trust', 'auto', 'medium',
  'mls', 'wrr-queue', 'srr-queue', 'priority', 'source', 'pim', 'isis', 'xconnect', 'encapsulation-type',
  'vlan-range', 'rewrite', 'bridge-domain', 'l2protocol-tunnel', 'nat64', 'umbrella', 'vrf-aware', 'plim',
]); // prettier-ignore

/** `ip ...` interface settings that do not matter to DMVPN (second word). */
const SKIPPED_IP = new Set([
  'proxy-arp', 'redirects', 'unreachables', 'verify', 'flow', 'virtual-reassembly', 'route-cache', 'directed-broadcast',
  'mroute-cache', 'pim', 'igmp', 'policy', 'helper-address', 'dhcp', 'nbar', 'wccp', 'authentication', 'local-proxy-arp',
  'sla', 'accounting', 'information-reply', 'mask-reply', 'cef', 'multicast', 'dvmrp', 'rip', 'inspect', 'ips',
  'load-sharing', 'admission', 'rsvp', 'summary-address', 'pim-nbma', 'sap', 'irdp', 'router', 'lisp', 'urd',
  'split-horizon', 'header-compression', 'rtp', 'dns', 'mfib', 'address-pool', 'portbundle', 'bgp', 'probe',
]); // prettier-ignore

/** `ip ospf ...` settings without a field of their own. */
const SKIPPED_OSPF = new Set([
  'authentication', 'authentication-key', 'message-digest-key', 'bfd', 'retransmit-interval', 'transmit-delay',
  'database-filter', 'flood-reduction', 'demand-circuit', 'resync-timeout', 'lls', 'ttl-security', 'prefix-suppression',
  'fast-reroute', 'shutdown', 'neighbor',
]); // prettier-ignore

/** `tunnel ...` settings without a field of their own. */
const SKIPPED_TUNNEL = new Set([
  'bandwidth',
  'ttl',
  'tos',
  'checksum',
  'sequence-datagrams',
  'udlr',
  'entropy',
  'rbscp',
]);

export function newInterface(name: string | null, line: number): ConfigInterface {
  return {
    kind: 'config_interface',
    line,
    name,
    description: null,
    shutdown: false,
    ipv4: [],
    ipv4Method: null,
    ipv6: [],
    vrf: null,
    mtu: null,
    ipMtu: null,
    tcpAdjustMss: null,
    bandwidthKbps: null,
    delay: null,
    encapsulation: null,
    accessGroupIn: null,
    accessGroupOut: null,
    cryptoMap: null,
    nat: null,
    ifStateNhrp: false,
    tunnel: null,
    nhrp: null,
    nhrpIpv6: null,
    eigrp: [],
    ospf: null,
  };
}

export class InterfaceBlock implements ConfigBlock {
  constructor(readonly record: ConfigInterface) {}

  line(words: string[], text: string): boolean {
    const [keyword, second] = words;
    const iface = this.record;
    switch (keyword) {
      case 'description':
        iface.description = restAfter(text, 1);
        return true;
      case 'shutdown':
        if (words.length !== 1) return false;
        iface.shutdown = true;
        return true;
      case 'bandwidth':
        return this.setNumber(second, words.length === 2, (value) => (iface.bandwidthKbps = value));
      case 'delay':
        return this.setNumber(second, words.length === 2, (value) => (iface.delay = value));
      case 'mtu':
        return this.setNumber(second, words.length === 2, (value) => (iface.mtu = value));
      case 'encapsulation':
        if (second === undefined) return false;
        iface.encapsulation = restAfter(text, 1);
        return true;
      case 'vrf':
        if (second !== 'forwarding' || words.length !== 3) return false;
        iface.vrf = words[2]!;
        return true;
      case 'crypto':
        if (second !== 'map' || words.length !== 3) return false;
        iface.cryptoMap = words[2]!;
        return true;
      case 'if-state':
        if (second !== 'nhrp') return false;
        iface.ifStateNhrp = true;
        return true;
      case 'tunnel':
        return this.tunnelLine(words);
      case 'nhrp':
        return this.nhrpLine(words.slice(1), false);
      case 'ip':
        return this.ipLine(words);
      case 'ipv6':
        if (second === 'address' && words[2] !== undefined) {
          iface.ipv6.push(words.slice(2).join(' '));
          return true;
        }
        if (second === 'nhrp') return this.nhrpLine(words.slice(2), true);
        return second !== undefined;
      case 'no':
        return this.negatedLine(words.slice(1));
    }
    return keyword !== undefined && SKIPPED.has(keyword);
  }

  private setNumber(word: string | undefined, wellFormed: boolean, apply: (value: number) => void): boolean {
    const value = wholeNumber(word);
    if (value === undefined || !wellFormed) return false;
    apply(value);
    return true;
  }

  private ipLine(words: string[]): boolean {
    const iface = this.record;
    const [, setting, third, fourth] = words;
    switch (setting) {
      case 'address':
        return this.addressLine(words.slice(2));
      case 'unnumbered':
        if (third === undefined) return false;
        iface.ipv4Method = `unnumbered ${third}`;
        return true;
      case 'vrf':
        if (third !== 'forwarding' || fourth === undefined) return false;
        iface.vrf = fourth;
        return true;
      case 'mtu':
        return this.setNumber(third, words.length === 3, (value) => (iface.ipMtu = value));
      case 'tcp':
        if (third === 'adjust-mss')
          return this.setNumber(fourth, words.length === 4, (v) => (iface.tcpAdjustMss = v));
        return third !== undefined;
      case 'access-group':
        if (fourth === 'in') iface.accessGroupIn = third!;
        else if (fourth === 'out') iface.accessGroupOut = third!;
        else return false;
        return true;
      case 'nat':
        if (third !== 'inside' && third !== 'outside') return false;
        iface.nat = third;
        return true;
      case 'nhrp':
        return this.nhrpLine(words.slice(2), false);
      case 'ospf':
        return this.ospfLine(words.slice(2));
      case 'hello-interval':
      case 'hold-time':
      case 'bandwidth-percent':
      case 'summary-address':
      case 'next-hop-self':
      case 'split-horizon':
        if (third === 'eigrp') return this.eigrpLine(setting, words.slice(3), true);
        return setting === 'summary-address' || setting === 'split-horizon';
    }
    return setting !== undefined && SKIPPED_IP.has(setting);
  }

  private addressLine(args: string[]): boolean {
    const [address, mask, flag] = args;
    if (address === 'dhcp' || address === 'negotiated') {
      this.record.ipv4Method = address;
      return true;
    }
    if (!isIpv4(address) || mask === undefined) return false;
    const length = prefixLength(mask);
    if (length === undefined || (flag !== undefined && flag !== 'secondary') || args.length > 3) return false;
    this.record.ipv4.push({ address, mask, prefixLength: length, secondary: flag === 'secondary' });
    return true;
  }

  private negatedLine(words: string[]): boolean {
    const [first, second, third] = words;
    if (first === 'shutdown' && words.length === 1) return true;
    if (first === 'ip' && second === 'address' && words.length === 2) {
      this.record.ipv4Method = 'none';
      return true;
    }
    if (first === 'ip' && (second === 'split-horizon' || second === 'next-hop-self') && third === 'eigrp') {
      return this.eigrpLine(second, words.slice(3), false);
    }
    if (first === 'ip' && second === 'nhrp' && third !== undefined) {
      return this.nhrpOption(false, `no ${words.slice(2).join(' ')}`);
    }
    // Any other `no ...` turns off a setting that does not matter here (`no ip redirects`, `no cdp enable`).
    return (
      first === 'ip' ||
      first === 'ipv6' ||
      (first !== undefined && SKIPPED.has(first)) ||
      first === 'negotiation'
    );
  }

  private tunnelOf(): TunnelConfig {
    this.record.tunnel ??= {
      source: null,
      destination: null,
      mode: null,
      key: null,
      vrf: null,
      protection: null,
      pathMtuDiscovery: false,
      routeVia: null,
    };
    return this.record.tunnel;
  }

  private tunnelLine(words: string[]): boolean {
    const [, setting, value] = words;
    if (setting === undefined) return false;
    if (SKIPPED_TUNNEL.has(setting)) return true;
    switch (setting) {
      case 'source':
      case 'destination':
      case 'vrf':
        if (value === undefined || words.length !== 3) return false;
        this.tunnelOf()[setting] = value;
        return true;
      case 'mode':
        if (value === undefined) return false;
        this.tunnelOf().mode = words.slice(2).join(' ');
        return true;
      case 'key': {
        const key = wholeNumber(value);
        if (key === undefined) return false;
        this.tunnelOf().key = key;
        return true;
      }
      case 'path-mtu-discovery':
        this.tunnelOf().pathMtuDiscovery = true;
        return true;
      case 'route-via':
        if (value === undefined) return false;
        this.tunnelOf().routeVia = words.slice(2).join(' ');
        return true;
      case 'protection':
        return this.protectionLine(words.slice(2));
    }
    return false;
  }

  /** `tunnel protection ipsec profile NAME [shared] [isakmp-profile P | ikev2-profile P]`. */
  private protectionLine(args: string[]): boolean {
    if (args[0] !== 'ipsec' || args[1] !== 'profile' || args[2] === undefined) return false;
    const protection = {
      profile: args[2],
      shared: false,
      isakmpProfile: null as string | null,
      ikev2Profile: null as string | null,
    };
    for (let i = 3; i < args.length; i++) {
      if (args[i] === 'shared') protection.shared = true;
      else if (args[i] === 'isakmp-profile' && args[i + 1]) protection.isakmpProfile = args[++i]!;
      else if (args[i] === 'ikev2-profile' && args[i + 1]) protection.ikev2Profile = args[++i]!;
      else return false;
    }
    this.tunnelOf().protection = protection;
    return true;
  }

  private nhrpLine(args: string[], ipv6: boolean): boolean {
    const nhrp = (ipv6 ? this.record.nhrpIpv6 : this.record.nhrp) ?? emptyNhrp();
    if (!readNhrpSetting(nhrp, args)) return false;
    if (ipv6) this.record.nhrpIpv6 = nhrp;
    else this.record.nhrp = nhrp;
    return true;
  }

  private nhrpOption(ipv6: boolean, option: string): boolean {
    const nhrp = (ipv6 ? this.record.nhrpIpv6 : this.record.nhrp) ?? emptyNhrp();
    nhrp.options.push(option);
    if (ipv6) this.record.nhrpIpv6 = nhrp;
    else this.record.nhrp = nhrp;
    return true;
  }

  /** `ip ospf network|priority|cost|hello-interval|dead-interval|mtu-ignore ...`, `ip ospf <process> area <area>`. */
  private ospfLine(args: string[]): boolean {
    const [setting, value, third] = args;
    if (setting === undefined) return false;
    const numeric = wholeNumber(value);
    const settings = (): OspfInterfaceSettings => (this.record.ospf ??= newOspfSettings());
    switch (setting) {
      case 'network':
        if (value === undefined) return false;
        settings().network = args.slice(1).join(' ');
        return true;
      case 'mtu-ignore':
        settings().mtuIgnore = true;
        return true;
      case 'priority':
      case 'cost':
        if (numeric === undefined) return false;
        settings()[setting] = numeric;
        return true;
      case 'hello-interval':
      case 'dead-interval':
        if (numeric === undefined) return false;
        settings()[setting === 'hello-interval' ? 'helloSeconds' : 'deadSeconds'] = numeric;
        return true;
    }
    const processId = wholeNumber(setting);
    if (processId !== undefined && value === 'area' && third !== undefined) {
      settings().processId = processId;
      settings().area = third;
      return true;
    }
    return SKIPPED_OSPF.has(setting);
  }

  /** Classic-mode EIGRP interface settings: `<setting> eigrp <asn> <value...>`, `args` starting at the AS. */
  private eigrpLine(setting: string, args: string[], enabled: boolean): boolean {
    const asn = wholeNumber(args[0]);
    if (asn === undefined) return false;
    const value = wholeNumber(args[1]);
    const settings = (): EigrpInterfaceSettings => {
      let found = this.record.eigrp.find((entry) => entry.asn === asn);
      if (!found) this.record.eigrp.push((found = newEigrpSettings(asn, this.record.name)));
      return found;
    };
    switch (setting) {
      case 'split-horizon':
        settings().splitHorizon = enabled;
        return true;
      case 'next-hop-self':
        settings().nextHopSelf = enabled;
        return true;
      case 'summary-address':
        if (args[1] === undefined) return false;
        settings().summaries.push(args.slice(1).join(' '));
        return true;
    }
    if (value === undefined) return false;
    if (setting === 'hello-interval') settings().helloSeconds = value;
    else if (setting === 'hold-time') settings().holdSeconds = value;
    else settings().bandwidthPercent = value;
    return true;
  }
}

function newOspfSettings(): OspfInterfaceSettings {
  return {
    network: null,
    priority: null,
    cost: null,
    helloSeconds: null,
    deadSeconds: null,
    processId: null,
    area: null,
    mtuIgnore: false,
  };
}

export function newEigrpSettings(asn: number | null, iface: string | null): EigrpInterfaceSettings {
  return {
    asn,
    interface: iface,
    splitHorizon: null,
    nextHopSelf: null,
    helloSeconds: null,
    holdSeconds: null,
    bandwidthPercent: null,
    summaries: [],
    passive: null,
  };
}
