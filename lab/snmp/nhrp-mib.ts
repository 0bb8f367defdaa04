// NHRP-MIB (RFC 2677, mib-2 71) as IOS fills it: nhrpCacheTable from `show ip nhrp`, the client and its NHS rows
// on a spoke (`show ip nhrp nhs`), the server, its cache entries and its registered clients on a hub. Row indexes
// are the ones the router's CISCO-NHRP-EXT-MIB traps carry; a client's rows go when its cache entry does.

import type { RouterConfig } from '../model/config.js';
import type { NhrpCacheView, RouterState } from '../model/state.js';
import type { RouterIndexes } from '../traps/indexes.js';
import { ipv4Octets, type Varbind } from '../traps/notification.js';
import { IPV4_FAMILY } from '../traps/oids.js';
import { address, gauge, integer, truth } from './cells.js';
import { table, type TableRow } from './mib-view.js';
import { compareOids, octetStringIndex } from './oid.js';

const CACHE_ENTRY = '1.3.6.1.2.1.71.1.1.2.1';
const CLIENT_ENTRY = '1.3.6.1.2.1.71.1.2.1.1';
const CLIENT_NHS_ENTRY = '1.3.6.1.2.1.71.1.2.3.1';
const SERVER_ENTRY = '1.3.6.1.2.1.71.1.3.1.1';
const SERVER_CACHE_ENTRY = '1.3.6.1.2.1.71.1.3.2.1';
const SERVER_NHC_ENTRY = '1.3.6.1.2.1.71.1.3.3.1';
const ACTIVE = 1;
/** StorageType volatile(2) for learnt rows, nonVolatile(3) for configured ones. */
const VOLATILE = 2;
const NON_VOLATILE = 3;
const EMPTY = address(null);
const IPV4 = integer(IPV4_FAMILY);

interface CacheEntry {
  view: NhrpCacheView;
  /** The destination's address and prefix length (`10.0.0.12/32`). */
  destination: string;
  prefixLength: number;
  /** nhrpCacheTable index: address type, address, ifIndex, nhrpCacheIndex. */
  index: number[];
}

export function nhrpMib(state: RouterState, config: RouterConfig, indexes: RouterIndexes): Varbind[] {
  const cache = cacheEntries(state, indexes);
  return [
    ...table(CACHE_ENTRY, cache.map(cacheRow)),
    ...clientTables(state, config, indexes),
    ...serverTables(state, cache, indexes),
  ];
}

function cacheEntries(state: RouterState, indexes: RouterIndexes): CacheEntry[] {
  const views = state.nhrpCache.map((view) => {
    const [destination = '', prefix = '32'] = view.target.split('/');
    return { view, destination, prefix };
  });
  views.sort(
    (a, b) => a.view.interface.localeCompare(b.view.interface) || compareOids(a.destination, b.destination),
  );
  return views.map(({ view, destination, prefix }) => {
    return {
      view,
      destination,
      prefixLength: Number(prefix),
      index: [
        IPV4_FAMILY,
        ...octetStringIndex([...ipv4Octets(destination)]),
        indexes.ifIndex(view.interface),
        indexes.cache(view.interface, destination),
      ],
    };
  });
}

function cacheRow(entry: CacheEntry): TableRow {
  const { view } = entry;
  return {
    index: entry.index,
    cells: {
      4: integer(entry.prefixLength),
      5: address(view.via ?? entry.destination),
      6: IPV4,
      7: address(view.nbma),
      8: EMPTY,
      9: integer(cacheType(view)),
      10: integer(view.type === 'incomplete' ? 1 : view.flags.includes('negative') ? 3 : 2),
      11: truth(view.expiresSeconds !== null),
      12: gauge(view.expiresSeconds ?? 0),
      15: integer(view.type === 'static' ? NON_VOLATILE : VOLATILE),
      16: integer(ACTIVE),
    },
  };
}

/** nhrpCacheType: administrativelyAdded(6) static, register(2) registered, resolveAuthoritative(3) resolved. */
function cacheType(view: NhrpCacheView): number {
  if (view.type === 'static') return 6;
  if (view.type === 'incomplete') return 1;
  return view.flags.includes('registered') ? 2 : 3;
}

/** The tunnel's own addresses: its IP address and its NBMA (the tunnel source's address). */
function ownAddresses(state: RouterState, iface: string): { tunnel: string | null; nbma: string | null } {
  const view = state.interfaces.find((candidate) => candidate.name === iface);
  return { tunnel: view?.address ?? null, nbma: view?.tunnel?.source ?? null };
}

function clientTables(state: RouterState, config: RouterConfig, indexes: RouterIndexes): Varbind[] {
  const interfaces = [...new Set(state.nhs.map((row) => row.interface))];
  const clients: TableRow[] = interfaces.map((iface) => {
    const own = ownAddresses(state, iface);
    const holdtime = config.tunnels.find((tunnel) => tunnel.name === iface)?.nhrp.holdtimeSeconds ?? 300;
    return {
      index: [indexes.nhrpInstance(iface)],
      cells: {
        2: IPV4,
        3: address(own.tunnel),
        4: IPV4,
        5: address(own.nbma),
        6: EMPTY,
        12: gauge(holdtime),
        14: integer(NON_VOLATILE),
        15: integer(ACTIVE),
      },
    };
  });
  const servers: TableRow[] = state.nhs.map((row) => ({
    index: [indexes.nhrpInstance(row.interface), indexes.nhs(row.interface, row.nhs)],
    cells: {
      2: IPV4,
      3: address(row.nhs),
      4: IPV4,
      5: address(row.nbma),
      6: EMPTY,
      // In use while it answers registrations (`R` in `show ip nhrp nhs`).
      7: truth(row.flags.includes('R')),
      8: integer(ACTIVE),
    },
  }));
  return [...table(CLIENT_ENTRY, clients), ...table(CLIENT_NHS_ENTRY, servers)];
}

function serverTables(state: RouterState, cache: CacheEntry[], indexes: RouterIndexes): Varbind[] {
  const hubTunnels = state.dmvpn.filter((tunnel) => tunnel.type === 'Hub').map((tunnel) => tunnel.interface);
  const servers: TableRow[] = hubTunnels.map((iface) => {
    const own = ownAddresses(state, iface);
    return {
      index: [indexes.nhrpInstance(iface)],
      cells: {
        2: IPV4,
        3: address(own.tunnel),
        4: IPV4,
        5: address(own.nbma),
        6: EMPTY,
        7: integer(NON_VOLATILE),
        8: integer(ACTIVE),
      },
    };
  });
  const registered = cache.filter(
    (entry) => hubTunnels.includes(entry.view.interface) && entry.view.flags.includes('registered'),
  );
  const serverCache: TableRow[] = registered.map((entry) => ({
    index: entry.index,
    cells: { 1: truth(true), 2: truth(entry.view.flags.includes('unique')) },
  }));
  const clients: TableRow[] = registered.map((entry) => ({
    index: [indexes.nhrpInstance(entry.view.interface), indexes.nhc(entry.view.interface, entry.destination)],
    cells: {
      2: integer(entry.prefixLength),
      3: IPV4,
      4: address(entry.destination),
      5: IPV4,
      6: address(entry.view.nbma),
      7: EMPTY,
      8: truth(true),
      9: integer(VOLATILE),
      10: integer(ACTIVE),
    },
  }));
  return [
    ...table(SERVER_ENTRY, servers),
    ...table(SERVER_CACHE_ENTRY, serverCache),
    ...table(SERVER_NHC_ENTRY, clients),
  ];
}
