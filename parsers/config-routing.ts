// Reads the routing over the tunnels: `router eigrp|ospf|bgp` blocks and `ip route` lines.

import type {
  BgpNeighborConfig,
  BgpProcess,
  ConfigRecord,
  EigrpInterfaceSettings,
  EigrpProcess,
  OspfProcess,
  StaticRoute,
} from '../model/records/config.js';
import { isIpv4 } from './common/address.js';
import { wholeNumber } from './common/numbers.js';
import { NO_BLOCK, secretFingerprint, type ConfigBlock, type Emit } from './config-common.js';
import { newEigrpSettings } from './config-interface.js';

/** Process settings with no field of their own, kept as printed (first word of the line). */
const EIGRP_OPTIONS = new Set([
  'auto-summary', 'metric', 'distance', 'variance', 'maximum-paths', 'default-metric', 'offset-list', 'distribute-list',
  'timers', 'summary-metric', 'traffic-share', 'bfd', 'neighbor', 'redistribute', 'default-information', 'shutdown',
  'maximum-prefix', 'nsf', 'eigrp',
]); // prettier-ignore
const OSPF_OPTIONS = new Set([
  'log-adjacency-changes', 'area', 'redistribute', 'default-information', 'auto-cost', 'timers', 'max-metric', 'distance',
  'summary-address', 'maximum-paths', 'bfd', 'ispf', 'capability', 'compatible', 'distribute-list', 'prefix-suppression',
  'nsf', 'mpls', 'ignore', 'default-metric', 'max-lsa', 'neighbor', 'discard-route', 'shutdown', 'fast-reroute',
  'domain-id', 'traffic-share', 'queue-depth', 'table-map',
]); // prettier-ignore
const BGP_OPTIONS = new Set([
  'bgp', 'redistribute', 'aggregate-address', 'synchronization', 'auto-summary', 'timers', 'maximum-paths', 'distance',
  'default-information', 'table-map', 'default-metric', 'distribute-list', 'maximum-secondary-paths', 'bmp', 'template',
  'segment-routing', 'import', 'export', 'default', 'address-family',
]); // prettier-ignore
const BGP_NEIGHBOR_OPTIONS = new Set([
  'timers', 'ebgp-multihop', 'send-community', 'soft-reconfiguration', 'route-map', 'prefix-list', 'fall-over',
  'allowas-in', 'maximum-prefix', 'version', 'transport', 'advertisement-interval', 'default-originate',
  'remove-private-as', 'weight', 'local-as', 'filter-list', 'distribute-list', 'unsuppress-map', 'capability',
  'ttl-security', 'disable-connected-check', 'ha-mode', 'inherit', 'additional-paths', 'advertise', 'as-override',
  'send-label', 'dmzlink-bw', 'slow-peer', 'aigp', 'cluster-id', 'translate-update', 'path-attribute', 'bfd',
  'soo', 'fall-over', 'log-neighbor-changes', 'update-delay',
]); // prettier-ignore

/** `router eigrp|ospf|bgp ...`: emits the process record and returns its block; undefined for other forms. */
export function readRouterLine(
  words: string[],
  line: number,
  emit: Emit<ConfigRecord>,
): ConfigBlock | undefined {
  const [, protocol, process, vrfKeyword, vrf] = words;
  if (process === undefined) return undefined;
  if (protocol === 'eigrp' && words.length === 3) return new EigrpBlock(process, line, emit);
  if (protocol === 'ospf' && wholeNumber(process) !== undefined) {
    if (words.length !== 3 && !(vrfKeyword === 'vrf' && vrf !== undefined && words.length === 5))
      return undefined;
    return new OspfBlock(Number(process), vrf ?? null, line, emit);
  }
  if (protocol === 'bgp' && words.length === 3) return new BgpBlock(process, line, emit);
  return undefined;
}

/** Classic mode (`router eigrp 100`) and named mode (`router eigrp NAME` with `address-family` / `af-interface`). */
class EigrpBlock implements ConfigBlock {
  private readonly record: EigrpProcess;
  private afInterface: EigrpInterfaceSettings | undefined;

  constructor(process: string, line: number, emit: Emit<ConfigRecord>) {
    const asn = wholeNumber(process);
    this.record = {
      kind: 'config_router_eigrp',
      line,
      process,
      asn: asn ?? null,
      namedMode: asn === undefined,
      routerId: null,
      networks: [],
      stub: null,
      passiveInterfaces: [],
      passiveByDefault: false,
      afInterfaces: [],
      options: [],
    };
    emit(this.record);
  }

  line(words: string[]): boolean {
    const [keyword, first] = words;
    if (keyword === undefined) return false;
    if (this.afInterface) {
      if (keyword === 'exit-af-interface') this.afInterface = undefined;
      else return readAfInterfaceLine(this.afInterface, words);
      return true;
    }
    switch (keyword) {
      case 'address-family': {
        const at = words.indexOf('autonomous-system');
        if (at > 0) this.record.asn = wholeNumber(words[at + 1]) ?? this.record.asn;
        return true;
      }
      case 'af-interface':
        if (first === undefined) return false;
        this.afInterface = newEigrpSettings(this.record.asn, first);
        this.record.afInterfaces.push(this.afInterface);
        return true;
      case 'topology':
      case 'exit-af-topology':
      case 'exit-address-family':
        return true;
      case 'network':
        if (!isIpv4(first)) return false;
        this.record.networks.push({ address: first, wildcard: words[2] ?? null });
        return true;
    }
    if (keyword === 'eigrp' && first === 'router-id' && words[2] !== undefined)
      this.record.routerId = words[2];
    else if (keyword === 'eigrp' && first === 'stub') this.record.stub = words.slice(2).join(' ');
    else if (readPassive(this.record, words)) return true;
    else if (EIGRP_OPTIONS.has(keyword) || (keyword === 'no' && first !== undefined))
      this.record.options.push(words.join(' '));
    else return false;
    return true;
  }
}

/** Named-mode `af-interface` settings: `no split-horizon`, `no next-hop-self`, `hello-interval 5`, ... */
function readAfInterfaceLine(settings: EigrpInterfaceSettings, words: string[]): boolean {
  const negated = words[0] === 'no';
  const [setting, value, mask] = negated ? words.slice(1) : words;
  switch (setting) {
    case 'split-horizon':
      settings.splitHorizon = !negated;
      return true;
    case 'next-hop-self':
      settings.nextHopSelf = !negated;
      return true;
    case 'passive-interface':
      settings.passive = !negated;
      return true;
    case 'summary-address':
      if (value === undefined) return false;
      settings.summaries.push(mask === undefined ? value : `${value} ${mask}`);
      return true;
    case 'hello-interval':
    case 'hold-time':
    case 'bandwidth-percent': {
      const number = wholeNumber(value);
      if (number === undefined) return false;
      if (setting === 'hello-interval') settings.helloSeconds = number;
      else if (setting === 'hold-time') settings.holdSeconds = number;
      else settings.bandwidthPercent = number;
      return true;
    }
  }
  // Authentication, BFD, dampening and the like do not change how routes cross the hub.
  return (
    setting === 'authentication' ||
    setting === 'bfd' ||
    setting === 'dampening-change' ||
    setting === 'shutdown'
  );
}

/** `passive-interface default`, `passive-interface X`, `no passive-interface X`. */
function readPassive(record: EigrpProcess | OspfProcess, words: string[]): boolean {
  const negated = words[0] === 'no';
  const [keyword, value] = negated ? words.slice(1) : words;
  if (keyword !== 'passive-interface' || value === undefined) return false;
  if (value === 'default') record.passiveByDefault = !negated;
  else if (!negated) record.passiveInterfaces.push(value);
  else record.options.push(words.join(' '));
  return true;
}

class OspfBlock implements ConfigBlock {
  private readonly record: OspfProcess;

  constructor(processId: number, vrf: string | null, line: number, emit: Emit<ConfigRecord>) {
    this.record = {
      kind: 'config_router_ospf',
      line,
      processId,
      vrf,
      routerId: null,
      networks: [],
      passiveInterfaces: [],
      passiveByDefault: false,
      options: [],
    };
    emit(this.record);
  }

  line(words: string[]): boolean {
    const [keyword, first, second, areaKeyword, area] = words;
    if (keyword === undefined) return false;
    if (keyword === 'router-id' && isIpv4(first)) this.record.routerId = first;
    else if (
      keyword === 'network' &&
      isIpv4(first) &&
      isIpv4(second) &&
      areaKeyword === 'area' &&
      area !== undefined
    ) {
      this.record.networks.push({ address: first, wildcard: second, area });
    } else if (readPassive(this.record, words)) return true;
    else if (OSPF_OPTIONS.has(keyword) || (keyword === 'no' && first !== undefined))
      this.record.options.push(words.join(' '));
    else return false;
    return true;
  }
}

class BgpBlock implements ConfigBlock {
  private readonly record: BgpProcess;

  constructor(asn: string, line: number, emit: Emit<ConfigRecord>) {
    this.record = {
      kind: 'config_router_bgp',
      line,
      asn,
      routerId: null,
      neighbors: [],
      listenRanges: [],
      networks: [],
      addressFamilies: [],
      options: [],
    };
    emit(this.record);
  }

  line(words: string[]): boolean {
    const [keyword, first, second, third, fourth] = words;
    if (keyword === undefined) return false;
    switch (keyword) {
      case 'neighbor':
        return first !== undefined && this.neighborLine(first, words.slice(2));
      case 'network':
        if (first === undefined) return false;
        this.record.networks.push({ prefix: first, mask: second === 'mask' ? (third ?? null) : null });
        return true;
      case 'address-family':
        if (first === undefined) return false;
        this.record.addressFamilies.push(words.slice(1).join(' '));
        return true;
      case 'exit-address-family':
        return true;
    }
    if (keyword === 'bgp' && first === 'router-id' && isIpv4(second)) this.record.routerId = second;
    else if (
      keyword === 'bgp' &&
      first === 'listen' &&
      second === 'range' &&
      third !== undefined &&
      fourth === 'peer-group' &&
      words[5]
    ) {
      this.record.listenRanges.push({ range: third, peerGroup: words[5] });
    } else if (BGP_OPTIONS.has(keyword) || (keyword === 'no' && first !== undefined))
      this.record.options.push(words.join(' '));
    else return false;
    return true;
  }

  private neighborOf(neighbor: string): BgpNeighborConfig {
    let found = this.record.neighbors.find((entry) => entry.neighbor === neighbor);
    if (!found) {
      found = {
        neighbor,
        isPeerGroup: false,
        peerGroup: null,
        remoteAs: null,
        description: null,
        updateSource: null,
        routeReflectorClient: false,
        nextHopSelf: false,
        activated: false,
        shutdown: false,
        password: null,
        options: [],
      };
      this.record.neighbors.push(found);
    }
    return found;
  }

  /** `neighbor X <setting> ...`; `args` start at the setting. */
  private neighborLine(neighbor: string, args: string[]): boolean {
    const [setting, value] = args;
    if (setting === undefined) return false;
    switch (setting) {
      case 'peer-group':
        if (value === undefined) this.neighborOf(neighbor).isPeerGroup = true;
        else this.neighborOf(neighbor).peerGroup = value;
        return true;
      case 'remote-as':
      case 'update-source':
        if (value === undefined) return false;
        this.neighborOf(neighbor)[setting === 'remote-as' ? 'remoteAs' : 'updateSource'] = value;
        return true;
      case 'description':
        this.neighborOf(neighbor).description = args.slice(1).join(' ');
        return true;
      case 'route-reflector-client':
        this.neighborOf(neighbor).routeReflectorClient = true;
        return true;
      case 'next-hop-self':
        this.neighborOf(neighbor).nextHopSelf = true;
        return true;
      case 'activate':
        this.neighborOf(neighbor).activated = true;
        return true;
      case 'shutdown':
        this.neighborOf(neighbor).shutdown = true;
        return true;
      case 'password': {
        const password = secretFingerprint(args.slice(1));
        if (!password) return false;
        this.neighborOf(neighbor).password = password;
        return true;
      }
    }
    if (!BGP_NEIGHBOR_OPTIONS.has(setting)) return false;
    this.neighborOf(neighbor).options.push(args.join(' '));
    return true;
  }
}

/** `ip route [vrf V] P M {next-hop | interface [next-hop]} [distance] [tag T] [name N] [permanent] [track T]`. */
export function readStaticRoute(
  words: string[],
  line: number,
  emit: Emit<ConfigRecord>,
): ConfigBlock | undefined {
  let at = 2;
  let vrf: string | null = null;
  if (words[at] === 'vrf') {
    vrf = words[at + 1] ?? null;
    at += 2;
  }
  const prefix = words[at];
  const mask = words[at + 1];
  if (!isIpv4(prefix) || !isIpv4(mask)) return undefined;
  const route: StaticRoute = {
    kind: 'config_static_route',
    line,
    vrf,
    prefix,
    mask,
    interface: null,
    nextHop: null,
    distance: null,
    name: null,
    permanent: false,
    track: null,
  };
  for (let i = at + 2; i < words.length; i++) {
    const word = words[i]!;
    if (isIpv4(word) && route.nextHop === null) route.nextHop = word;
    else if (wholeNumber(word) !== undefined && route.distance === null) route.distance = Number(word);
    else if (word === 'name' || word === 'tag' || word === 'track') {
      const value = words[++i];
      if (value === undefined) return undefined;
      if (word === 'name') route.name = value;
      else if (word === 'track') route.track = wholeNumber(value) ?? null;
    } else if (word === 'permanent') route.permanent = true;
    else if (word === 'global' || word === 'multicast') continue;
    else if (route.interface === null && route.nextHop === null) route.interface = word;
    else return undefined;
  }
  emit(route);
  return NO_BLOCK;
}
