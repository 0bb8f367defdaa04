// What the SSH server's tests drive a router with: a real ssh2 client and a shell that waits for text.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2, { type Client, type ClientChannel, type ConnectConfig } from 'ssh2';
import { createLiveLab } from '../live/live-lab.js';
import type { LabSshSettings } from '../live/services.js';
import type { LiveLab } from '../live/types.js';

export const CREDENTIALS = { username: 'netops', password: 'Lab-Pass1', enableSecret: 'Lab-Enable1' };

/**
 * A lab whose clock does not reach its next second during a test (one lab second in eleven wall days): every
 * command sees the same second, so what the CLI printed compares exactly with run().
 */
export function frozenLab(spokes: number): LiveLab {
  return createLiveLab({ spokes }, { speed: 1e-6 });
}

export function temporaryDirectory(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'lab-ssh-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export function sshSettings(hostKeyDir: string, overrides: Partial<LabSshSettings> = {}): LabSshSettings {
  return {
    host: '127.0.0.1',
    routerPorts: { basePort: 0 },
    sharedPort: 0,
    hostKeyDir,
    credentials: CREDENTIALS,
    legacyRouters: [],
    idleTimeoutSeconds: 60,
    maxSessionsPerRouter: 5,
    outputDelay: { baseMs: 0, perKilobyteMs: 0 },
    writeAccess: false,
    ...overrides,
  };
}

export function connect(config: ConnectConfig): Promise<Client> {
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    client.once('ready', () => resolve(client));
    client.once('error', reject);
    client.once('close', () => reject(new Error('connection closed before login')));
    client.connect({ readyTimeout: 10_000, ...config });
  });
}

export class Shell {
  private buffer = '';
  private waiters: (() => void)[] = [];
  closed = false;

  constructor(readonly stream: ClientChannel) {
    stream.on('data', (data: Buffer) => {
      this.buffer += data.toString('latin1');
      this.notify();
    });
    stream.on('close', () => {
      this.closed = true;
      this.notify();
    });
  }

  static open(client: Client): Promise<Shell> {
    return new Promise((resolve, reject) =>
      client.shell({ term: 'vt100', rows: 24, cols: 80 }, (error, stream) =>
        error ? reject(error) : resolve(new Shell(stream)),
      ),
    );
  }

  send(text: string): void {
    this.stream.write(text);
  }

  /** Everything received up to and including `marker`, removed from the buffer. */
  async until(marker: string, timeoutMs = 8000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const at = this.buffer.indexOf(marker);
      if (at >= 0) {
        const text = this.buffer.slice(0, at + marker.length);
        this.buffer = this.buffer.slice(at + marker.length);
        return text;
      }
      if (this.closed)
        throw new Error(`closed before ${JSON.stringify(marker)}; got ${JSON.stringify(this.buffer)}`);
      if (Date.now() > deadline)
        throw new Error(`no ${JSON.stringify(marker)} in ${JSON.stringify(this.buffer)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  /** Everything received until the channel closed. */
  async rest(timeoutMs = 8000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error(`still open; got ${JSON.stringify(this.buffer)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
    const text = this.buffer;
    this.buffer = '';
    return text;
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}

/** A command's output as the router's CLI printed it, in the lab's own line ends. */
export function plain(text: string): string {
  return text.replace(/\r\n/g, '\n');
}
