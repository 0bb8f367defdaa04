// `dmvpn-watch lab` as an engineer runs it: the built CLI in a child process, reached over SSH and HTTP, steered by
// the control commands from "another terminal", stopped with SIGTERM.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import snmp from 'net-snmp';
import { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { controlFilePath } from './state-file.js';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'main.js');

interface PrintedRouter {
  hostname: string;
  role: string;
  sshPort: number;
  user: string;
  snmpPort: number;
}

let dataDir: string;
let child: ChildProcess;
let printed = '';
let exit: Promise<number | null>;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI without blocking, so several runs overlap. */
function cli(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const run = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    run.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    run.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    run.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Resolves with what the lab printed once it says how to stop it. */
function started(lab: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    lab.stdout!.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      if (printed.includes('Ctrl-C stops the lab.')) resolve(printed);
    });
    lab.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    lab.once('exit', (code) => reject(new Error(`the lab exited (${code}) before it started: ${stderr}`)));
  });
}

function routers(text: string): PrintedRouter[] {
  const rows = [
    ...text.matchAll(/^(hub\d|spoke\d+)\s+(hub|spoke)\s+127\.0\.0\.1:(\d+)\s+(\S+)\s+127\.0\.0\.1:(\d+)/gm),
  ];
  return rows.map((row) => ({
    hostname: row[1]!,
    role: row[2]!,
    sshPort: Number(row[3]),
    user: row[4]!,
    snmpPort: Number(row[5]),
  }));
}

const controlUrl = () => /^Control API: (\S+)$/m.exec(printed)![1]!;
const token = () => /^Token: (\S+)$/m.exec(printed)![1]!;

function sshLogin(port: number, username: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    client
      .on('ready', () => {
        client.end();
        resolve();
      })
      .on('error', reject)
      .connect({ host: '127.0.0.1', port, username, password: 'lab', readyTimeout: 10_000 });
  });
}

function sysName(port: number, community: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const session = snmp.createSession('127.0.0.1', community, {
      port,
      version: snmp.Version2c,
      timeout: 5000,
    });
    session.get(['1.3.6.1.2.1.1.5.0'], (error, varbinds) => {
      session.close();
      if (error) reject(error);
      else resolve(String(varbinds![0]!.value));
    });
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
  dataDir = mkdtempSync(join(tmpdir(), 'dmvpn-lab-cli-'));
  child = spawn(
    process.execPath,
    [CLI, 'lab', '--spokes', '2', '--data-dir', dataDir, '--inventory-out', join(dataDir, 'inventory.yaml')],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  exit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  await started(child);
});

afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('dmvpn-watch lab', () => {
  it('prints how to reach each router, the control URL and its token', () => {
    expect(routers(printed)).toEqual([
      expect.objectContaining({ hostname: 'hub1', role: 'hub', user: 'netops' }),
      expect.objectContaining({ hostname: 'spoke1', role: 'spoke', user: 'netops' }),
      expect.objectContaining({ hostname: 'spoke2', role: 'spoke', user: 'netops' }),
    ]);
    expect(controlUrl()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(token().length).toBeGreaterThanOrEqual(16);
  });

  it('lets a real SSH client log in to a router on its own port and on the shared one', async () => {
    const hub = routers(printed)[0]!;
    await sshLogin(hub.sshPort, 'netops');
    const shared = Number(/ssh -p (\d+) hub1@127\.0\.0\.1/.exec(printed)![1]);
    await sshLogin(shared, 'spoke2');
  });

  it('answers SNMP for the router its community names', async () => {
    const spoke = routers(printed)[2]!;
    expect(printed).toMatch(/public@spoke2 \/ spoke2/);
    expect(await sysName(spoke.snmpPort, 'public@spoke2')).toBe('spoke2');
  });

  it('answers the control API with the printed token', async () => {
    const response = await fetch(`${controlUrl()}/routers`, {
      headers: { authorization: `Bearer ${token()}` },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { routers: { hostname: string; ssh: { port: number } }[] };
    expect(body.routers.map((router) => [router.hostname, router.ssh.port])).toEqual(
      routers(printed).map((router) => [router.hostname, router.sshPort]),
    );
  });

  it('writes an inventory of every router', () => {
    const inventory = parse(readFileSync(join(dataDir, 'inventory.yaml'), 'utf8'));
    expect(inventory.defaults).toEqual({ platform: 'iosxe', credentials: 'lab', pollInterval: '1m' });
    expect(inventory.credentials.lab).toEqual({ username: 'netops', password: 'lab', enable: 'lab' });
    const printedRouters = routers(printed);
    expect(Object.keys(inventory.devices)).toEqual(printedRouters.map((router) => router.hostname));
    for (const router of printedRouters) {
      expect(inventory.devices[router.hostname]).toMatchObject({
        host: '127.0.0.1',
        port: router.sshPort,
        role: router.role,
        snmp: { version: '2c', port: router.snmpPort, community: `public@${router.hostname}` },
      });
    }
  });

  it('is steered from another terminal through its control file', async () => {
    const [inject, clock, flapStart, unknownRouter, unknownFault] = await Promise.all([
      cli(['lab', 'fault', 'inject', 'nhrp-auth-mismatch@spoke1', '--data-dir', dataDir]),
      cli(['lab', 'clock', '--advance', '60', '--speed', '2', '--data-dir', dataDir]),
      cli(['lab', 'flap', 'spoke2', '--period', '60', '--down', '10', '--data-dir', dataDir]),
      cli(['lab', 'reboot', 'spoke9', '--data-dir', dataDir]),
      cli(['lab', 'fault', 'inject', 'no-such-fault', '--control', controlUrl(), '--token', token()]),
    ]);
    expect(inject).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/^injected nhrp-auth-mismatch on spoke1 at lab second \d+\n$/),
    });
    expect(clock).toMatchObject({ status: 0, stdout: expect.stringMatching(/^lab second \d+, speed x2\n$/) });
    expect(flapStart).toMatchObject({ status: 0, stdout: 'spoke2: WAN flapping every 60s, down 10s\n' });
    expect(unknownRouter).toMatchObject({
      status: 2,
      stderr: 'dmvpn-watch lab reboot: no router named spoke9 in this lab\n',
    });
    expect(unknownFault).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('unknown fault "no-such-fault"'),
    });

    const [clear, flapStop] = await Promise.all([
      cli(['lab', 'fault', 'clear', 'nhrp-auth-mismatch', '--data-dir', dataDir]),
      cli(['lab', 'flap', 'spoke2', '--stop', '--data-dir', dataDir]),
    ]);
    expect(clear).toMatchObject({ status: 0, stdout: 'cleared nhrp-auth-mismatch on spoke1\n' });
    expect(flapStop).toMatchObject({ status: 0, stdout: 'spoke2: WAN flap stopped\n' });
  });

  it('stops on SIGTERM, exits 0, releases its ports and removes its control file', async () => {
    const ports = [...routers(printed).map((router) => router.sshPort), Number(new URL(controlUrl()).port)];
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    for (const port of ports) expect(await portIsFree(port)).toBe(true);
    expect(existsSync(controlFilePath(dataDir))).toBe(false);
    expect(await cli(['lab', 'clock', '--data-dir', dataDir])).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('no running lab found'),
    });
  });
});

describe('dmvpn-watch lab options', () => {
  it('refuses a malformed receiver or port, naming the option', async () => {
    const [syslog, port, spokes] = await Promise.all([
      cli(['lab', '--spokes', '2', '--syslog', 'smtp:host:25']),
      cli(['lab', '--spokes', '2', '--ssh-port', '70000']),
      cli(['lab', '--spokes', '9000']),
    ]);
    expect(syslog).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('--syslog smtp:host:25: write udp:HOST:PORT or tcp:HOST:PORT'),
    });
    expect(port).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('--ssh-port must be a port number'),
    });
    expect(spokes).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('--spokes must be at most 5000'),
    });
  });
});
