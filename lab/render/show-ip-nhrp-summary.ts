// Renders `show ip nhrp summary`: the NHRP cache's entries counted by type, remote (learnt) and local (own) apart,
// with the remote ones counted again by what they install (next hops, RIB `H` routes, next-hop overrides).

import type { NhrpCacheView, RouterState } from '../model/state.js';

/** What IOS-XE reports one IPv4 cache entry to take (`IP NHRP cache 1 entry, 784 bytes`). */
const BYTES_PER_ENTRY = 784;

interface TypeCounts {
  static: number;
  dynamic: number;
  incomplete: number;
}

function typeCounts(entries: readonly NhrpCacheView[]): TypeCounts {
  const counts: TypeCounts = { static: 0, dynamic: 0, incomplete: 0 };
  for (const entry of entries) counts[entry.type]++;
  return counts;
}

function withFlag(entries: readonly NhrpCacheView[], flag: string): number {
  let count = 0;
  for (const entry of entries) if (entry.flags.includes(flag)) count++;
  return count;
}

const pad = (count: number, width: number): string => String(count).padStart(width);

/** `    0 static   1 dynamic    0 incomplete`. */
function typeLine({ static: fixed, dynamic, incomplete }: TypeCounts): string {
  return `${pad(fixed, 5)} static ${pad(dynamic, 3)} dynamic ${pad(incomplete, 4)} incomplete`;
}

/** Bfd, default, temporary, BGP and LFIB entries are features the lab does not model: IOS prints 0 without them. */
export function renderShowIpNhrpSummary(state: RouterState): string {
  const all = state.nhrpCache;
  const local = all.filter((entry) => entry.flags.includes('local'));
  const remote = all.filter((entry) => !entry.flags.includes('local'));
  const nhrpRoutes = withFlag(remote, 'rib');
  const overrides = withFlag(remote, 'nho');
  const routes = nhrpRoutes + overrides;
  const lines = [
    `IP NHRP cache ${all.length} ${all.length === 1 ? 'entry' : 'entries'}, ${all.length * BYTES_PER_ENTRY} bytes`,
    typeLine(typeCounts(all)),
    `${remote.length} Remote`,
    typeLine(typeCounts(remote)),
    `${pad(withFlag(remote, 'nhop'), 5)} nhop ${pad(0, 5)} bfd`,
    `${pad(0, 5)} default ${pad(0, 2)} temporary`,
    `${pad(routes, 5)} route`,
    `${pad(routes, 9)} rib (${nhrpRoutes} H ${pad(overrides, 4)} nho)`,
    `${pad(0, 9)} bgp`,
    `${pad(0, 5)} lfib`,
    `${local.length} Local`,
    typeLine(typeCounts(local)),
    `${pad(0, 5)} lfib`,
  ];
  return `${lines.join('\n')}\n`;
}
