// The rows of the `show dmvpn` peer table, plain and detail: one per NHRP entry, the first one carrying `# Ent`.

import type { DmvpnPeerView } from '../model/state.js';
import { iosDuration } from './durations.js';

/** `%6d %-15s %15s %5s %8s %5s`: IOS pads and never cuts, so a long value pushes the columns after it. */
function plainRow(
  entries: string,
  nbma: string,
  tunnel: string,
  state: string,
  time: string,
  attrb: string,
): string {
  return `${entries.padStart(6)} ${nbma.padEnd(15)} ${tunnel.padStart(15)} ${state.padStart(5)} ${time.padStart(8)} ${attrb.padStart(5)}`;
}

/** `show dmvpn`: continuation rows leave `# Ent` and the NBMA address blank. */
export function pushPlainPeerRows(lines: string[], peer: DmvpnPeerView): void {
  const time = iosDuration(peer.upDownSeconds);
  const { tunnelAddresses, attrs } = peer;
  for (let row = 0; row < tunnelAddresses.length; row++) {
    const first = row === 0;
    lines.push(
      plainRow(
        first ? String(tunnelAddresses.length) : '',
        first ? peer.nbma : '',
        tunnelAddresses[row]!,
        peer.state,
        time,
        attrs[row] ?? '',
      ),
    );
  }
}

/** `10.0.0.0/24` as detail prints it: the address right-aligned in 15, then the length. */
function targetColumn(target: string): string {
  const slash = target.indexOf('/');
  return slash < 0 ? target.padStart(15) : `${target.slice(0, slash).padStart(15)}${target.slice(slash)}`;
}

/**
 * `show dmvpn detail`: `%5d %-15s %15s %5s %8s %5s` and the target network; continuation rows repeat the NBMA
 * address. Row `i` covers `targetNetworks[i]` (the tunnel address `/32` when the view gives none).
 */
export function pushDetailPeerRows(lines: string[], peer: DmvpnPeerView): void {
  const time = iosDuration(peer.upDownSeconds);
  const { tunnelAddresses, attrs, targetNetworks } = peer;
  for (let row = 0; row < tunnelAddresses.length; row++) {
    const tunnel = tunnelAddresses[row]!;
    const entries = row === 0 ? String(tunnelAddresses.length) : '';
    lines.push(
      `${entries.padStart(5)} ${peer.nbma.padEnd(15)} ${tunnel.padStart(15)} ${peer.state.padStart(5)} ` +
        `${time.padStart(8)} ${(attrs[row] ?? '').padStart(5)} ${targetColumn(targetNetworks[row] ?? `${tunnel}/32`)}`,
    );
  }
}
