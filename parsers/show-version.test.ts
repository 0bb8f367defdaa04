import { describe, expect, it } from 'vitest';
import type { DeviceVersion } from '../model/records/system.js';
import { loadUpstream, readCapture } from '../test/fixture-files.js';
import { showVersion } from './show-version.js';

const FOLDER = 'show_version';

/** Our record in ntc's shape. */
function asNtc(version: DeviceVersion): Record<string, unknown> {
  const stack = version.stack;
  return {
    config_register: version.configRegister ?? '',
    hardware: stack.length > 0 ? stack.map((member) => member.model) : [version.platform],
    hostname: version.hostname,
    mac_address: stack.map((member) => member.macAddress),
    release: version.release ?? '',
    // ntc takes `Last reload reason:` when printed, else the `System returned to ROM by` reason.
    reload_reason: version.lastReloadReason ?? version.returnedToRomBy,
    restarted: version.restartedAt ?? '',
    // ntc keeps only the first word of the ROM line (`System` of `System Bootstrap, Version 12.3(8r)YH6, ...`).
    rommon: version.rom?.split(' ')[0],
    // ntc keeps the image path without its file system.
    running_image: version.systemImage?.slice(version.systemImage.indexOf(':') + 1),
    serial: stack.length > 0 ? stack.map((member) => member.serialNumber) : [version.serialNumber],
    software_image: version.image,
    uptime: version.uptimeSeconds,
    version: version.version,
  };
}

/** ntc's uptime parts in seconds. */
function ntcUptime(row: Record<string, unknown>): number {
  const part = (name: string): number => Number(row[`uptime_${name}`] || 0);
  return (
    part('years') * 31_536_000 +
    part('weeks') * 604_800 +
    part('days') * 86_400 +
    part('hours') * 3_600 +
    part('minutes') * 60
  );
}

describe('show version: the captures agree with their upstream parse', () => {
  it.each([
    'ntc__cisco_ios_show_version',
    'ntc__cisco_ios_show_version1',
    'ntc__cisco_ios_show_version2',
    'ntc__cisco_ios_show_version3',
    'ntc__cisco_ios_show_version4',
    'ntc__cisco_ios_show_version5',
    'ntc__cisco_ios_show_version6',
    'ntc__cisco_ios_show_version_01',
  ])('%s (ntc)', (name) => {
    const { records, warnings } = showVersion.parse(readCapture(FOLDER, `${name}.raw`));
    expect(warnings).toEqual([]);
    expect(records).toHaveLength(1);
    const [row] = (loadUpstream(FOLDER, name) as { parsed_sample: Record<string, unknown>[] }).parsed_sample;
    const { uptime_years, uptime_weeks, uptime_days, uptime_hours, uptime_minutes, ...rest } = row!;
    void [uptime_years, uptime_weeks, uptime_days, uptime_hours, uptime_minutes];
    expect(asNtc(records[0]!)).toEqual({ ...rest, uptime: ntcUptime(row!) });
  });

  it('a special build keeps its build tag as the build type, not as a release (ntc special_build)', () => {
    const { records, warnings } = showVersion.parse(
      readCapture(FOLDER, 'ntc__cisco_ios_show_version_special_build.raw'),
    );
    expect(warnings).toEqual([]);
    const [row] = (
      loadUpstream(FOLDER, 'ntc__cisco_ios_show_version_special_build') as {
        parsed_sample: Record<string, unknown>[];
      }
    ).parsed_sample;
    // ntc puts the `CUST-SPECIAL:` tag in `release`, where other captures have `fc1`; we keep it whole in buildType
    // and leave release null, since there is no fcN.
    const { uptime_years, uptime_weeks, uptime_days, uptime_hours, uptime_minutes, release, ...rest } = row!;
    void [uptime_years, uptime_weeks, uptime_days, uptime_hours, uptime_minutes];
    const { release: ours, ...others } = asNtc(records[0]!);
    expect(others).toEqual({ ...rest, uptime: ntcUptime(row!) });
    expect(ours).toBe('');
    expect(records[0]!.buildType).toBe(`CUST-SPECIAL:${release}`);
  });

  it('a switch stack gives each member its model, serial and MAC, the active one from the `*` row', () => {
    const { records } = showVersion.parse(readCapture(FOLDER, 'ntc__cisco_ios_show_version1.raw'));
    const stack = records[0]!.stack;
    expect(stack.map((member) => [member.switch, member.active, member.serialNumber])).toEqual([
      [1, true, 'FOC11111111'],
      [2, false, 'FCW22222222'],
      [3, false, 'FCW33333333'],
      [4, false, 'FCW44444444'],
    ]);
    expect(stack[1]).toMatchObject({
      ports: 56,
      softwareVersion: '03.06.05E',
      mode: 'INSTALL',
      uptimeSeconds: 28 * 604_800 + 86_400 + 8 * 3_600 + 60,
    });
  });
});

describe('show version: a DMVPN router', () => {
  const CSR = [
    'Cisco IOS XE Software, Version 17.03.04a',
    'Cisco IOS Software [Amsterdam], Virtual XE Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 17.3.4a, RELEASE SOFTWARE (fc3)',
    'Technical Support: http://www.cisco.com/techsupport',
    'Copyright (c) 1986-2021 by Cisco Systems, Inc.',
    'Compiled Tue 20-Jul-21 04:59 by mcpre',
    '',
    '',
    'Cisco IOS-XE software, Copyright (c) 2005-2021 by cisco Systems, Inc.',
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
    'hub1 uptime is 3 days, 4 hours, 5 minutes',
    'Uptime for this control processor is 3 days, 4 hours, 7 minutes',
    'System returned to ROM by reload',
    'System image file is "bootflash:packages.conf"',
    'Last reload reason: reload',
    '',
    '',
    '',
    'This product contains cryptographic features and is subject to United',
    'States and local country laws governing import, export, transfer and',
    'use. Delivery of Cisco cryptographic products does not imply',
    'third-party authority to import, export, distribute or use encryption.',
    '',
    'If you require further assistance please contact us by sending email to',
    'export@cisco.com.',
    '',
    'License Level: ax',
    'License Type: N/A(Smart License Enabled)',
    'Next reload license Level: ax',
    '',
    'The current throughput level is 1000 kbps ',
    '',
    '',
    'Smart Licensing Status: UNREGISTERED/No Licenses in Use',
    '',
    'cisco CSR1000V (VXE) processor (revision VXE) with 2071871K/3075K bytes of memory.',
    'Processor board ID 9ABCDEFGHIJ',
    'Router operating mode: Autonomous',
    '1 Virtual Ethernet interface',
    '3 Gigabit Ethernet interfaces',
    '32768K bytes of non-volatile configuration memory.',
    '3978368K bytes of physical memory.',
    '11526144K bytes of virtual hard disk at bootflash:.',
    '',
    'Configuration register is 0x2102 (will be 0x2142 at next reload)',
  ].join('\n');

  it('a CSR1000v hub gives its versions, uptime, licence, throughput and memory', () => {
    const { records, warnings } = showVersion.parse(CSR);
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({
      hostname: 'hub1',
      version: '17.3.4a',
      xeVersion: '17.03.04a',
      codename: 'Amsterdam',
      softwareFamily: 'Virtual XE Software',
      image: 'X86_64_LINUX_IOSD-UNIVERSALK9-M',
      release: 'fc3',
      uptimeSeconds: 3 * 86_400 + 4 * 3_600 + 5 * 60,
      controlProcessorUptimeSeconds: 3 * 86_400 + 4 * 3_600 + 7 * 60,
      returnedToRomBy: 'reload',
      lastReloadReason: 'reload',
      systemImage: 'bootflash:packages.conf',
      licenses: [{ technology: null, current: 'ax', type: 'N/A(Smart License Enabled)', nextReboot: 'ax' }],
      throughputKbps: 1000,
      smartLicensingStatus: 'UNREGISTERED/No Licenses in Use',
      platform: 'CSR1000V',
      processor: 'VXE',
      processorRevision: 'VXE',
      memoryKb: 2071871 + 3075,
      serialNumber: '9ABCDEFGHIJ',
      operatingMode: 'Autonomous',
      interfaces: { 'Virtual Ethernet': 1, 'Gigabit Ethernet': 3 },
      nvramKb: 32768,
      physicalMemoryKb: 3978368,
      storage: [{ what: 'virtual hard disk at bootflash:', kb: 11526144 }],
      configRegister: '0x2102',
      nextConfigRegister: '0x2142',
    });
  });

  it('an ISR licence table with a Technology column keeps each technology', () => {
    const { records, warnings } = showVersion.parse(
      [
        'spoke1 uptime is 1 week, 2 days, 3 hours, 4 minutes',
        'Technology Package License Information: ',
        '',
        '-----------------------------------------------------------------',
        'Technology    Technology-package           Technology-package',
        '              Current       Type           Next reboot  ',
        '------------------------------------------------------------------',
        'appxk9           appxk9           RightToUse       appxk9',
        'securityk9       securityk9       Permanent        securityk9',
        '',
        'Last reload type: Normal Reload',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({
      hostname: 'spoke1',
      uptimeSeconds: 604_800 + 2 * 86_400 + 3 * 3_600 + 4 * 60,
      lastReloadType: 'Normal Reload',
      licenses: [
        { technology: 'appxk9', current: 'appxk9', type: 'RightToUse', nextReboot: 'appxk9' },
        { technology: 'securityk9', current: 'securityk9', type: 'Permanent', nextReboot: 'securityk9' },
      ],
    });
  });
});

describe('show version: filtered and bad output', () => {
  it('`| include uptime|Version` still gives hostname, uptime and version', () => {
    const { records, warnings, error } = showVersion.parse(
      [
        'Cisco IOS Software, C880 Software (C880DATA-UNIVERSALK9-M), Version 15.4(3)M3, RELEASE SOFTWARE (fc2)',
        'spoke7 uptime is 12 weeks, 1 day, 22 hours, 1 minute',
      ].join('\n'),
      { filtered: true },
    );
    expect(error).toBeUndefined();
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({
      hostname: 'spoke7',
      version: '15.4(3)M3',
      image: 'C880DATA-UNIVERSALK9-M',
      uptimeSeconds: 12 * 604_800 + 86_400 + 22 * 3_600 + 60,
    });
  });

  it('an unknown line is a warning; empty output, refusals and garbage are errors', () => {
    const { warnings } = showVersion.parse('hub1 uptime is 5 minutes\nFrobnicator 3000 installed\n');
    expect(warnings).toMatchObject([{ line: 2, text: 'Frobnicator 3000 installed' }]);
    expect(showVersion.parse('').error?.kind).toBe('empty');
    expect(
      showVersion.parse("show verison\n     ^\n% Invalid input detected at '^' marker.").error?.kind,
    ).toBe('invalid-input');
    expect(showVersion.parse('lorem\nipsum').error?.kind).toBe('not-recognized');
  });
});
