import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createLiveLab } from '../live/live-lab.js';
import type { LabSnmpService, RouterAccess } from '../live/services.js';
import type { LiveLab } from '../live/types.js';
import { startLabSnmp } from './agent.js';
import { SETTINGS } from './test-client.js';

const run = promisify(execFile);
const SNMPWALK = '/usr/bin/snmpwalk';
const SNMPBULKWALK = '/usr/bin/snmpbulkwalk';
const CIP_SEC_TUNNEL_ENTRY = '.1.3.6.1.4.1.9.9.171.1.3.2.1';
const SYSTEM = '.1.3.6.1.2.1.1';

function requireTools(): void {
  if (!existsSync(SNMPWALK) || !existsSync(SNMPBULKWALK)) {
    throw new Error('snmpwalk and snmpbulkwalk are missing: apt-get install -y snmp');
  }
}

/** Net-SNMP's own options: numeric OIDs, short timeouts, no MIB files needed. */
function target(access: RouterAccess['snmp']): string[] {
  return ['-On', '-t', '0.5', '-r', '0', `${access.host}:${access.port}`];
}

function v2c(access: RouterAccess['snmp'], community = access.community): string[] {
  return ['-v2c', '-c', community, ...target(access)];
}

function v3(access: RouterAccess['snmp'], authKey = SETTINGS.v3.authKey): string[] {
  const { user, privKey } = SETTINGS.v3;
  const context = access.context === '' ? [] : ['-n', access.context];
  return [
    '-v3',
    '-l',
    'authPriv',
    '-u',
    user,
    '-a',
    'SHA',
    '-A',
    authKey,
    '-x',
    'AES',
    '-X',
    privKey,
    ...context,
    ...target(access),
  ];
}

async function walk(tool: string, args: string[], oid: string): Promise<{ lines: string[]; error: string }> {
  try {
    const { stdout } = await run(tool, [...args, oid], { env: { ...process.env, MIBS: '' } });
    return { lines: stdout.trim().split('\n'), error: '' };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return {
      lines: (failed.stdout ?? '').trim().split('\n').filter(Boolean),
      error: failed.stderr ?? String(error),
    };
  }
}

describe('the lab agent seen by Net-SNMP snmpwalk and snmpbulkwalk', () => {
  let lab: LiveLab;
  let ownPorts: LabSnmpService;
  let shared: LabSnmpService;

  beforeAll(async () => {
    requireTools();
    lab = createLiveLab({ spokes: 2 }, { speed: 0 });
    lab.advance(600);
    ownPorts = await startLabSnmp(lab, { ...SETTINGS, routerPorts: { basePort: 0 } });
    shared = await startLabSnmp(lab, { ...SETTINGS, routerPorts: null });
  });
  afterAll(async () => {
    await Promise.all([ownPorts?.close(), shared?.close()]);
    lab?.close();
  });

  it("bulk-walks hub1's cipSecTunnelTable over v2c with Cisco's types", async () => {
    const { lines, error } = await walk(SNMPBULKWALK, v2c(ownPorts.access('hub1')), CIP_SEC_TUNNEL_ENTRY);
    expect(error).toBe('');
    const remotes = lines.filter((line) => line.startsWith(`${CIP_SEC_TUNNEL_ENTRY}.5.`));
    expect(remotes.map((line) => line.split(' = ')[1]).sort()).toEqual([
      'Hex-STRING: C6 12 00 01 ',
      'Hex-STRING: C6 12 00 02 ',
    ]);
    expect(lines.filter((line) => line.startsWith(`${CIP_SEC_TUNNEL_ENTRY}.27.`))).toEqual([
      expect.stringMatching(/= Counter64: \d+$/),
      expect.stringMatching(/= Counter64: \d+$/),
    ]);
    expect(lines.find((line) => line.startsWith(`${CIP_SEC_TUNNEL_ENTRY}.10.`))).toMatch(
      /= Timeticks: \(\d+\)/,
    );
  });

  it('walks a router over v3 authPriv (SHA, AES) by its context on the shared port', async () => {
    const { lines, error } = await walk(SNMPWALK, v3(shared.access('spoke2')), SYSTEM);
    expect(error).toBe('');
    expect(lines).toContain('.1.3.6.1.2.1.1.5.0 = STRING: "spoke2"');
    const bulk = await walk(SNMPBULKWALK, v3(ownPorts.access('hub1')), SYSTEM);
    expect(bulk.lines).toContain('.1.3.6.1.2.1.1.5.0 = STRING: "hub1"');
  });

  it('walks by community@hostname on the shared port', async () => {
    const { lines } = await walk(SNMPBULKWALK, v2c(shared.access('spoke1')), SYSTEM);
    expect(lines).toContain('.1.3.6.1.2.1.1.5.0 = STRING: "spoke1"');
  });

  it('gets no answer for a wrong community or a wrong v3 key, and an unknown context is refused', async () => {
    const hub1 = ownPorts.access('hub1');
    expect((await walk(SNMPWALK, v2c(hub1, 'not-ours'), SYSTEM)).error).toMatch(/Timeout/);
    expect((await walk(SNMPWALK, v3(hub1, 'wrong-auth-key'), SYSTEM)).error).toMatch(/Timeout/);
    const nowhere = { ...shared.access('spoke1'), context: 'spoke99' };
    const refused = await walk(SNMPWALK, v3(nowhere), SYSTEM);
    expect(refused.lines).toEqual([]);
    expect(refused.error).toMatch(/context/i);
  });
});
