// SNMPv2-MIB system group (mib-2 1) of a Catalyst 8000V router.

import type { RouterState } from '../model/state.js';
import type { Varbind } from '../traps/notification.js';
import { integer, objectId, text, timeTicks } from './cells.js';
import { scalars } from './mib-view.js';

const SYSTEM = '1.3.6.1.2.1.1';
/** CISCO-PRODUCTS-MIB ciscoC8000V. */
const C8000V = '1.3.6.1.4.1.9.1.3004';
const DESCRIPTION = [
  'Cisco IOS Software [Cupertino], Virtual XE Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 17.9.4a, RELEASE SOFTWARE (fc3)',
  'Technical Support: http://www.cisco.com/techsupport',
  'Copyright (c) 1986-2023 by Cisco Systems, Inc.',
  'Compiled Fri 20-Oct-23 10:44 by mcpre',
].join('\r\n');

/** sysUpTime in hundredths: the agent started with the router. */
export function sysUpTime(state: RouterState): number {
  return state.uptimeSeconds * 100;
}

export function systemGroup(state: RouterState): Varbind[] {
  return scalars(SYSTEM, {
    1: text(DESCRIPTION),
    2: objectId(C8000V),
    3: timeTicks(sysUpTime(state)),
    4: text(''),
    5: text(state.hostname),
    6: text(''),
    // internet(4) + end-to-end(8) + applications(64), as IOS answers.
    7: integer(78),
  });
}
