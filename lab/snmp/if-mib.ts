// IF-MIB (RFC 2863): ifNumber, ifTable and ifXTable of a router's interfaces, from `show interfaces`. ifIndex is
// the one the router's linkUp/linkDown traps carry; ifLastChange is the sysUpTime of its last link or line protocol
// message.

import type { RouterState } from '../model/state.js';
import type { RouterIndexes } from '../traps/indexes.js';
import type { Varbind } from '../traps/notification.js';
import { vnicMacAddress } from '../render/system-identity.js';
import { ifType } from '../traps/from-logs.js';
import { counter32, counter64, gauge, integer, text, timeTicks } from './cells.js';
import { scalars, table, type Cell } from './mib-view.js';

const INTERFACES = '1.3.6.1.2.1.2';
const IF_ENTRY = '1.3.6.1.2.1.2.2.1';
const IF_X_ENTRY = '1.3.6.1.2.1.31.1.1.1';
const STATE_CHANGE =
  /^%(?:LINK-\d-UPDOWN|LINEPROTO-\d-UPDOWN): (?:Line protocol on )?Interface (\S+), changed state to/;

export function interfacesGroup(state: RouterState, indexes: RouterIndexes): Varbind[] {
  const lastChange = lastChanges(state);
  const rows = state.interfaces.map((view) => ({ view, index: indexes.ifIndex(view.name) }));
  const ifTable = table(
    IF_ENTRY,
    rows.map(({ view, index }) => ({
      index: [index],
      cells: {
        1: integer(index),
        2: text(view.name),
        3: integer(ifType(view.name)),
        4: integer(view.mtu),
        5: gauge(view.bandwidthKbps * 1000),
        6: physicalAddress(state.hostname, view.name),
        7: integer(view.adminUp ? 1 : 2),
        8: integer(view.operUp ? 1 : 2),
        9: timeTicks(lastChange.get(view.name) ?? 0),
        10: counter32(view.inBytes),
        11: counter32(view.inPackets),
        13: counter32(0),
        14: counter32(view.inErrors),
        16: counter32(view.outBytes),
        17: counter32(view.outPackets),
        19: counter32(0),
        20: counter32(view.outErrors),
      },
    })),
  );
  const ifXTable = table(
    IF_X_ENTRY,
    rows.map(({ view, index }) => ({
      index: [index],
      cells: {
        1: text(shortName(view.name)),
        6: counter64(view.inBytes),
        7: counter64(view.inPackets),
        10: counter64(view.outBytes),
        11: counter64(view.outPackets),
        15: gauge(Math.round(view.bandwidthKbps / 1000)),
        18: text(''),
        19: timeTicks(0),
      },
    })),
  );
  return [...scalars(INTERFACES, { 1: integer(rows.length) }), ...ifTable, ...ifXTable];
}

/** sysUpTime (hundredths) of each interface's last state change in the log. */
function lastChanges(state: RouterState): Map<string, number> {
  const bootAt = state.atSeconds - state.uptimeSeconds;
  const changes = new Map<string, number>();
  for (const log of state.logs) {
    const change = STATE_CHANGE.exec(log.text);
    if (!change) continue;
    const name = change[1] ?? '';
    const at = Math.max(0, (log.atSeconds - bootAt) * 100);
    if (at >= (changes.get(name) ?? 0)) changes.set(name, at);
  }
  return changes;
}

/** ifPhysAddress: an Ethernet's MAC address as `show interfaces` prints it; none for tunnels and loopbacks. */
function physicalAddress(hostname: string, name: string): Cell {
  if (!/Ethernet/i.test(name)) return { type: 'OctetString', value: new Uint8Array(0) };
  const mac = vnicMacAddress(hostname, Number(/\d+$/.exec(name)?.[0] ?? 0)).replaceAll('.', '');
  return { type: 'OctetString', value: Uint8Array.from(Buffer.from(mac, 'hex')) };
}

/** ifName: IOS's short form (`Gi1`, `Tu0`, `Lo0`). */
function shortName(name: string): string {
  const match = /^([A-Za-z]+)(.*)$/.exec(name);
  if (!match) return name;
  const [, kind = '', rest = ''] = match;
  const short: Record<string, string> = { GigabitEthernet: 'Gi', Tunnel: 'Tu', Loopback: 'Lo', Null: 'Nu' };
  return `${short[kind] ?? kind}${rest}`;
}
