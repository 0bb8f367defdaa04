import { describe, expect, it } from 'vitest';
import type { DeviceVersion } from '../../model/records/system.js';
import { captureLines, parseRendered } from './dmvpn-test-parse.js';
import { renderShowVersion } from './show-version.js';
import { shape } from './system-test-format.js';
import { brokenSpokeState, hubState } from './system-test-states.js';

function parsed(state = hubState()): DeviceVersion {
  const records = parseRendered<DeviceVersion>('show version', renderShowVersion(state));
  expect(records).toHaveLength(1);
  return records[0]!;
}

describe('show version round trip', () => {
  it('gives back the hostname, the uptime to the minute, and a C8000V on IOS-XE 17', () => {
    const state = hubState();
    expect(parsed(state)).toMatchObject({
      hostname: 'hub1',
      uptimeSeconds: state.uptimeSeconds - (state.uptimeSeconds % 60),
      controlProcessorUptimeSeconds: state.uptimeSeconds - (state.uptimeSeconds % 60) + 120,
      xeVersion: '17.09.04a',
      version: '17.9.4a',
      softwareFamily: 'Virtual XE Software',
      image: 'X86_64_LINUX_IOSD-UNIVERSALK9-M',
      codename: 'Cupertino',
      platform: 'C8000V',
      systemImage: 'bootflash:packages.conf',
      lastReloadReason: 'reload',
      configRegister: '0x2102',
      interfaces: { 'Gigabit Ethernet': 2 },
      licenses: [{ current: 'network-advantage', type: 'Perpetual', nextReboot: 'network-advantage' }],
      throughputKbps: 250_000,
      operatingMode: 'Autonomous',
    });
  });

  it('prints a router just booted as up 0 minutes, and one serial number per router', () => {
    const spoke = parsed(brokenSpokeState());
    expect(spoke).toMatchObject({ hostname: 'spoke7', uptimeSeconds: 0 });
    expect(spoke.serialNumber).toMatch(/^9[0-9A-Z]{10}$/);
    expect(spoke.serialNumber).not.toBe(parsed().serialNumber);
    expect(parsed(brokenSpokeState()).serialNumber).toBe(spoke.serialNumber);
  });
});

describe('show version format against real captures', () => {
  const capture = captureLines('show_version', 'ntc__cisco_ios_show_version5.raw');
  const lines = renderShowVersion(hubState()).split('\n');

  function paragraph(text: string[], first: string, last: string): string[] {
    return text.slice(text.indexOf(first), text.indexOf(last) + 1);
  }

  it('prints the GPL and cryptography notices of IOS-XE word for word', () => {
    for (const [first, last] of [
      ['All rights reserved.  Certain components of Cisco IOS-XE software are', 'software.'],
      ['This product contains cryptographic features and is subject to United', 'export@cisco.com.'],
    ] as const) {
      expect(paragraph(lines, first, last)).toEqual(paragraph(capture, first, last));
      expect(paragraph(lines, first, last).length).toBeGreaterThanOrEqual(8);
    }
  });

  it('prints the software, uptime and reload lines in the shapes and order of a real IOS-XE', () => {
    const shapes = capture.map(shape);
    const printed = [
      'Cisco IOS XE Software, Version 17.09.04a',
      'Technical Support: http://www.cisco.com/techsupport',
      'ROM: IOS-XE ROMMON',
      'Last reload reason: reload',
    ];
    for (const line of printed) expect(lines).toContain(line);
    const ordered = [
      /^Cisco IOS XE Software, Version /,
      /^Cisco IOS Software \[\w+\], /,
      /^Compiled /,
      /^ROM: /,
      / uptime is /,
      /^Uptime for this control processor is /,
      /^System returned to ROM by /,
      /^System image file is "/,
      /^Last reload reason: /,
      /^Smart Licensing Status: /,
      /^cisco \S+ \(\S+\) processor .*bytes of memory\.$/,
      /^Processor board ID /,
      /bytes of non-volatile configuration memory\.$/,
      /bytes of physical memory\.$/,
    ];
    const positions = ordered.map((pattern) => lines.findIndex((line) => pattern.test(line)));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const uptime = lines.find((line) => line.includes(' uptime is '))!;
    expect(shape(uptime.replace('hub1', 'Switch-Hostname'))).toBe(
      shape('Switch-Hostname uptime is 1 year, 2 weeks, 3 days, 4 hours, 5 minutes'),
    );
    expect(shapes).toContain(shape('Switch-Hostname uptime is 7 weeks, 17 hours, 14 minutes'));
    expect(shapes).toContain(shape('32768K bytes of non-volatile configuration memory.'));
  });
});
