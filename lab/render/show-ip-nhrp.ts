// Renders the NHRP cache: `show ip nhrp` and `show ip nhrp detail` (which adds each entry's preference).

import type { NhrpCacheView, RouterState } from '../model/state.js';
import { iosDuration } from './durations.js';

/** IOS prints the default preference for every entry the lab makes. */
const DEFAULT_PREFERENCE = 255;

function pushEntry(lines: string[], entry: NhrpCacheView, detail: boolean): void {
  const expiry =
    entry.expiresSeconds === null ? 'never expire' : `expire ${iosDuration(entry.expiresSeconds)}`;
  const flags = entry.flags.length > 0 ? ` ${entry.flags.join(' ')}` : '';
  // An incomplete entry has no next hop yet: its header is the target alone.
  lines.push(
    entry.via === null ? entry.target : `${entry.target} via ${entry.via}`,
    `   ${entry.interface} created ${iosDuration(entry.createdSeconds)}, ${expiry}`,
    `   Type: ${entry.type}, Flags:${flags}`,
  );
  if (entry.nbma !== null) lines.push(`   NBMA address: ${entry.nbma}`);
  if (entry.claimedNbma !== null) lines.push(`    (Claimed NBMA address: ${entry.claimedNbma})`);
  if (detail) lines.push(`   Preference: ${DEFAULT_PREFERENCE}`);
  if (entry.noSocket) lines.push('    (no-socket)');
}

export function renderShowIpNhrp(state: RouterState, detail = false): string {
  const lines: string[] = [];
  for (const entry of state.nhrpCache) pushEntry(lines, entry, detail);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
