// Our traps as Debian's snmptrapd (net-snmp 5.9) decodes them: the reference receiver most trap collectors match.

import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { LabEmitSettings, TrapReceiver } from '../live/services.js';
import { notification, type TrapNotification, type Varbind } from '../traps/notification.js';
import { createTrapSender, routerEngineId } from './trap-sender.js';
import { waitFor } from './test-receivers.js';
import { faultedStates, labTick } from './test-ticks.js';

const SNMPTRAPD = '/usr/sbin/snmptrapd';
const SNMP: LabEmitSettings['snmp'] = {
  community: 'lab-public',
  v3: {
    user: 'labv3',
    authProtocol: 'sha',
    authKey: 'auth-pass-123',
    privProtocol: 'aes',
    privKey: 'priv-pass-456',
  },
};
const ROUTERS = ['hub1', 'spoke1', 'spoke2'];

const EVERY_TYPE = notification('hub1', 5, 123456, '1.3.6.1.4.1.9.9.999.0.1', [
  { oid: '1.3.6.1.4.1.9.9.999.1.1', type: 'Integer', value: -42 },
  { oid: '1.3.6.1.4.1.9.9.999.1.2', type: 'OctetString', value: 'DMVPN' },
  { oid: '1.3.6.1.4.1.9.9.999.1.3', type: 'OctetString', value: Uint8Array.of(100, 64, 0, 3) },
  { oid: '1.3.6.1.4.1.9.9.999.1.4', type: 'IpAddress', value: '198.18.0.1' },
  { oid: '1.3.6.1.4.1.9.9.999.1.5', type: 'Counter32', value: 4294967295 },
  { oid: '1.3.6.1.4.1.9.9.999.1.6', type: 'Gauge32', value: 300 },
  { oid: '1.3.6.1.4.1.9.9.999.1.7', type: 'TimeTicks', value: 99 },
  { oid: '1.3.6.1.4.1.9.9.999.1.8', type: 'ObjectIdentifier', value: '1.3.6.1.6.3.1.1.5.4' },
  { oid: '1.3.6.1.4.1.9.9.999.1.9', type: 'Counter64', value: 2n ** 63n + 12345n },
]);
const tickTraps = labTick(faultedStates(), 0, 900).traps;

interface DecodedTrap {
  /** `TRAP2, SNMP v2c, community lab-public@hub1` / `TRAP2, SNMP v3, user labv3, context hub1`. */
  security: string;
  varbinds: string[];
}

/** snmptrapd's text of one of our varbinds (`-On`, no MIBs): `.OID = TYPE: value`. */
function trapdText(varbind: Varbind): string {
  const value = varbind.value;
  switch (varbind.type) {
    case 'Integer':
      return `.${varbind.oid} = INTEGER: ${value}`;
    case 'OctetString':
      if (typeof value === 'string') return `.${varbind.oid} = STRING: "${value}"`;
      if (value instanceof Uint8Array && value.length === 0) return `.${varbind.oid} = ""`;
      return `.${varbind.oid} = Hex-STRING: ${[...(value as Uint8Array)].map((byte) => byte.toString(16).toUpperCase().padStart(2, '0')).join(' ')} `;
    case 'IpAddress':
      return `.${varbind.oid} = IpAddress: ${value}`;
    case 'ObjectIdentifier':
      return `.${varbind.oid} = OID: .${value}`;
    case 'TimeTicks':
      return `.${varbind.oid} = Timeticks: (${value})`;
    default:
      return `.${varbind.oid} = ${varbind.type}: ${value}`;
  }
}

/** Timeticks are followed by their d:hh:mm:ss.cc reading, which says nothing more. */
function withoutTickReading(text: string): string {
  return text.replace(/^(.* = Timeticks: \(\d+\)) .*$/, '$1');
}

async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

let trapd: ChildProcess;
let output = '';
let port = 0;
let dir = '';

function decoded(): DecodedTrap[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('TRAP '))
    .map((line) => {
      const [security = '', ...varbinds] = line.slice('TRAP '.length).split('\t');
      return { security, varbinds: varbinds.map(withoutTickReading) };
    });
}

beforeAll(async () => {
  if (!existsSync(SNMPTRAPD)) throw new Error('snmptrapd is missing: apt-get install -y snmptrapd');
  dir = mkdtempSync(join(tmpdir(), 'lab-snmptrapd-'));
  const conf = join(dir, 'snmptrapd.conf');
  const users = ROUTERS.map(
    (router) =>
      `createUser -e 0x${routerEngineId(router)} ${SNMP.v3.user} SHA ${SNMP.v3.authKey} AES ${SNMP.v3.privKey}`,
  );
  writeFileSync(conf, ['disableAuthorization yes', ...users, ''].join('\n'));
  port = await freeUdpPort();
  trapd = spawn(
    SNMPTRAPD,
    ['-f', '-Lo', '-On', '-F', 'TRAP %P\t%v\n', '-C', '-c', conf, `udp:127.0.0.1:${port}`],
    { env: { ...process.env, MIBS: '', SNMP_PERSISTENT_DIR: dir } },
  );
  trapd.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  trapd.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  await waitFor(() => output.includes('NET-SNMP version'), 'snmptrapd to listen');
});

afterAll(async () => {
  if (trapd?.exitCode === null) {
    // snmptrapd saves its persistent state on the way out: wait for it before removing the folder.
    const exited = new Promise((resolve) => trapd.once('exit', resolve));
    trapd.kill();
    await exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function sendAll(version: TrapReceiver['version'], traps: readonly TrapNotification[]): Promise<void> {
  const sender = createTrapSender({ host: '127.0.0.1', port, version }, SNMP);
  for (const trap of traps) sender.send(trap);
  await sender.close();
  expect(sender.failed()).toBe(0);
}

describe('trap sender, snmptrapd receiver', () => {
  it('decodes our v2c traps with COMMUNITY@hostname: every type, and the routers own, in order', async () => {
    const traps = [EVERY_TYPE, ...tickTraps];
    await sendAll('2c', traps);
    await waitFor(() => decoded().length >= traps.length, 'every v2c trap');
    for (const router of ROUTERS) {
      const got = decoded().filter(
        (trap) => trap.security === `TRAP2, SNMP v2c, community lab-public@${router}`,
      );
      const sent = traps.filter((trap) => trap.router === router);
      expect(got.map((trap) => trap.varbinds)).toEqual(sent.map((trap) => trap.varbinds.map(trapdText)));
    }
  });

  it('decodes our v3 authPriv traps with the user and the hostname as context', async () => {
    output = output.replace(/^TRAP .*$/gm, '');
    const traps = [EVERY_TYPE, ...tickTraps.filter((trap) => trap.router === 'spoke1')];
    await sendAll('3', traps);
    await waitFor(() => decoded().length >= traps.length, 'every v3 trap');
    for (const router of ['hub1', 'spoke1']) {
      const got = decoded().filter(
        (trap) => trap.security === `TRAP2, SNMP v3, user labv3, context ${router}`,
      );
      const sent = traps.filter((trap) => trap.router === router);
      expect(got.map((trap) => trap.varbinds)).toEqual(sent.map((trap) => trap.varbinds.map(trapdText)));
    }
  });
});
