// Runs a private InfluxDB 1.x server (Debian's `influxd`) on a loopback port with its own directories, for tests.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const INSTALL_LINE = 'apt-get install -y influxdb';

function influxdInstalled(): boolean {
  return spawnSync('influxd', ['version'], { stdio: 'ignore' }).status === 0;
}

function aptGet(args: string[]): boolean {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  return spawnSync('apt-get', args, { stdio: 'ignore', env }).status === 0;
}

/** Installs Debian's `influxdb` when running as root and it is missing; otherwise fails with the line that would. */
export function ensureInfluxdInstalled(): void {
  if (influxdInstalled()) return;
  if (process.getuid?.() === 0) {
    // A fresh machine may have no package lists yet.
    if (!aptGet(['install', '-y', 'influxdb']) && aptGet(['update'])) aptGet(['install', '-y', 'influxdb']);
    if (influxdInstalled()) return;
  }
  throw new Error(`influxd is missing: ${INSTALL_LINE}`);
}

async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function configText(dir: string, httpPort: number, rpcPort: number): string {
  return `reporting-disabled = true
bind-address = "127.0.0.1:${rpcPort}"

[meta]
  dir = "${join(dir, 'meta')}"

[data]
  dir = "${join(dir, 'data')}"
  wal-dir = "${join(dir, 'wal')}"
  query-log-enabled = false

[monitor]
  store-enabled = false

[continuous_queries]
  enabled = false

[http]
  bind-address = "127.0.0.1:${httpPort}"
  log-enabled = false
`;
}

export class InfluxdFixture {
  private process: ChildProcess | null = null;

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly configPath: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts a fresh server; `stop()` then `start()` brings it back on the same port with the same data. */
  static async create(): Promise<InfluxdFixture> {
    ensureInfluxdInstalled();
    const dir = mkdtempSync(join(tmpdir(), 'influxd-'));
    mkdirSync(join(dir, 'meta'));
    const configPath = join(dir, 'influxdb.conf');
    const port = await freeLoopbackPort();
    writeFileSync(configPath, configText(dir, port, await freeLoopbackPort()));
    const fixture = new InfluxdFixture(dir, port, configPath);
    await fixture.start();
    return fixture;
  }

  async start(): Promise<void> {
    const child = spawn('influxd', ['-config', this.configPath], { stdio: 'ignore' });
    this.process = child;
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`influxd exited with status ${child.exitCode}`);
      if (await this.ping()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`influxd did not answer /ping on port ${this.port}`);
  }

  async ping(): Promise<boolean> {
    try {
      const response = await fetch(`${this.url}/ping`, { signal: AbortSignal.timeout(1_000) });
      return response.status === 204;
    } catch {
      return false;
    }
  }

  /** Freezes the server: connections are accepted by the kernel but never answered. */
  freeze(): void {
    this.process?.kill('SIGSTOP');
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    this.process = null;
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
