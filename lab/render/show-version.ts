// Renders `show version` as a Catalyst 8000V on IOS-XE 17.9 prints it: software, legal notices, the router's
// uptime, reload history, licensing and its virtual hardware.

import type { RouterState } from '../model/state.js';
import { chassisSerial } from './system-identity.js';

const SOFTWARE = [
  'Cisco IOS XE Software, Version 17.09.04a',
  'Cisco IOS Software [Cupertino], Virtual XE Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 17.9.4a, RELEASE SOFTWARE (fc3)',
  'Technical Support: http://www.cisco.com/techsupport',
  'Copyright (c) 1986-2023 by Cisco Systems, Inc.',
  'Compiled Fri 20-Oct-23 10:44 by mcpre',
  '',
  '',
  'Cisco IOS-XE software, Copyright (c) 2005-2023 by cisco Systems, Inc.',
  'All rights reserved.  Certain components of Cisco IOS-XE software are',
  'licensed under the GNU General Public License ("GPL") Version 2.0.  The',
  'software code licensed under GPL Version 2.0 is free software that comes',
  'with ABSOLUTELY NO WARRANTY.  You can redistribute and/or modify such',
  'GPL code under the terms of GPL Version 2.0.  For more details, see the',
  'documentation or "License Notice" file accompanying the IOS-XE software,',
  'or the applicable URL provided on the flyer accompanying the IOS-XE',
  'software.',
  '',
  '',
  'ROM: IOS-XE ROMMON',
  '',
];

const NOTICES = [
  '',
  '',
  '',
  'This product contains cryptographic features and is subject to United',
  'States and local country laws governing import, export, transfer and',
  'use. Delivery of Cisco cryptographic products does not imply',
  'third-party authority to import, export, distribute or use encryption.',
  'Importers, exporters, distributors and users are responsible for',
  'compliance with U.S. and local country laws. By using this product you',
  'agree to comply with applicable laws and regulations. If you are unable',
  'to comply with U.S. and local laws, return this product immediately.',
  '',
  'A summary of U.S. laws governing Cisco cryptographic products may be found at:',
  'http://www.cisco.com/wwl/export/crypto/tool/stqrg.html',
  '',
  'If you require further assistance please contact us by sending email to',
  'export@cisco.com.',
  '',
  'License Level: network-advantage',
  'License Type: Perpetual',
  'Next reload license Level: network-advantage',
  '',
  'The current throughput level is 250000 kbps ',
  '',
  '',
  'Smart Licensing Status: Registration Not Applicable/Not Applicable',
  '',
];

/** The route processor boots before IOSd: its uptime runs a little ahead of the router's. */
const CONTROL_PROCESSOR_LEAD_SECONDS = 120;

const UNITS: [string, number][] = [
  ['year', 31_536_000],
  ['week', 604_800],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** `1 year, 2 weeks, 3 days, 4 hours, 5 minutes`: zero units left out, `0 minutes` for less than a minute. */
function versionUptime(seconds: number): string {
  let rest = Math.max(0, Math.floor(seconds));
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(`${count} ${unit}${count === 1 ? '' : 's'}`);
  }
  return parts.length > 0 ? parts.join(', ') : '0 minutes';
}

export function renderShowVersion(state: RouterState): string {
  const gigabit = state.interfaces.filter((view) => view.name.startsWith('GigabitEthernet')).length;
  const lines = [
    ...SOFTWARE,
    `${state.hostname} uptime is ${versionUptime(state.uptimeSeconds)}`,
    `Uptime for this control processor is ${versionUptime(state.uptimeSeconds + CONTROL_PROCESSOR_LEAD_SECONDS)}`,
    'System returned to ROM by reload',
    'System image file is "bootflash:packages.conf"',
    'Last reload reason: reload',
    ...NOTICES,
    'cisco C8000V (VXE) processor (revision VXE) with 1987264K/3075K bytes of memory.',
    `Processor board ID ${chassisSerial(state.hostname)}`,
    'Router operating mode: Autonomous',
    `${gigabit} Gigabit Ethernet interface${gigabit === 1 ? '' : 's'}`,
    '32768K bytes of non-volatile configuration memory.',
    '3965456K bytes of physical memory.',
    '11526144K bytes of virtual hard disk at bootflash:.',
    '',
    'Configuration register is 0x2102',
    '',
  ];
  return `${lines.join('\n')}\n`;
}
