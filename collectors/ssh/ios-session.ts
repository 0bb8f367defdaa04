// A persistent IOS CLI session over SSH: log in, find the prompt, `enable`, `terminal length 0` and `width 0`, then
// run read-only commands one at a time and return their raw text. Only show/terminal lines are ever written.

import { Client, type ClientChannel, type ConnectConfig } from 'ssh2';
import { CommandTimeoutError, SshSessionError } from './errors.js';
import type { KnownHosts } from './known-hosts.js';
import { PromptReader } from './prompt-reader.js';
import { assertReadOnly } from './read-only.js';

export interface SessionTarget {
  device: string;
  host: string;
  port: number;
  username: string;
  /** Read at connect time only; never stored on the session. */
  password: () => string;
  enableSecret: (() => string) | null;
  /** Old IOS: diffie-hellman-group14-sha1, ssh-rsa host keys, CBC ciphers. */
  legacySsh: boolean;
  commandTimeoutMs: number;
}

export interface SessionOptions {
  knownHosts: KnownHosts;
  connectTimeoutMs?: number;
}

export interface CommandRun {
  command: string;
  /** The router's output, without the echoed command line and the prompt after it; lines end with `\n`. */
  raw: string;
  startedAt: number;
  durationMs: number;
}

/** The modern algorithms first, then what old IOS 12.x/15.x images offer. */
const LEGACY_ALGORITHMS: ConnectConfig['algorithms'] = {
  kex: [
    'curve25519-sha256',
    'curve25519-sha256@libssh.org',
    'ecdh-sha2-nistp256',
    'diffie-hellman-group14-sha256',
    'diffie-hellman-group14-sha1',
    'diffie-hellman-group-exchange-sha1',
    'diffie-hellman-group1-sha1',
  ],
  serverHostKey: ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
  cipher: ['aes128-gcm@openssh.com', 'aes128-ctr', 'aes256-ctr', 'aes128-cbc', 'aes256-cbc', '3des-cbc'],
  hmac: ['hmac-sha2-256', 'hmac-sha2-512', 'hmac-sha1'],
};

/** A prompt at the end of the output: `hub1>`, `hub1#`, `hub1(config)#`. */
const ANY_PROMPT = /(?:^|\n)([A-Za-z0-9._-]+)(?:\([a-z-]+\))?([>#]) ?$/;
const PAGER = / ?--More-- ?$/;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function networkFailure(
  target: SessionTarget,
  error: Error & { level?: string; code?: string },
): SshSessionError {
  const endpoint = `${target.host}:${target.port}`;
  if (error.level === 'client-authentication')
    return new SshSessionError(
      target.device,
      'auth',
      `login as ${target.username} on ${endpoint} was refused (check the credentials)`,
    );
  if (error.level === 'client-timeout' || /Timed out while waiting for handshake/.test(error.message))
    return new SshSessionError(target.device, 'unreachable', `no SSH handshake from ${endpoint} in time`);
  if (
    error.code === 'ECONNREFUSED' ||
    error.code === 'EHOSTUNREACH' ||
    error.code === 'ENETUNREACH' ||
    error.code === 'ETIMEDOUT'
  )
    return new SshSessionError(target.device, 'unreachable', `cannot reach ${endpoint} (${error.code})`);
  if (/no matching/i.test(error.message))
    return new SshSessionError(
      target.device,
      'protocol',
      `${endpoint}: ${error.message}${target.legacySsh ? '' : ' (set legacySsh: true in the inventory for old IOS)'}`,
    );
  return new SshSessionError(target.device, 'closed', `${endpoint}: ${error.message}`);
}

export class IosSession {
  private closed = false;
  private hostname = '';

  private constructor(
    private readonly target: SessionTarget,
    private readonly client: Client,
    private readonly channel: ClientChannel,
    private readonly reader: PromptReader,
  ) {
    client.on('close', () => {
      this.closed = true;
    });
  }

  /** Connects, logs in and prepares the terminal; the session is ready for run(). */
  static async open(target: SessionTarget, options: SessionOptions): Promise<IosSession> {
    const { client, channel } = await IosSession.connect(target, options);
    const reader = new PromptReader(
      channel,
      (buffer) => {
        // A pager means `terminal length 0` has not taken yet: page on rather than hang.
        if (PAGER.test(buffer)) {
          channel.write(' ');
          return buffer.replace(PAGER, '');
        }
        return buffer;
      },
      () =>
        new SshSessionError(
          target.device,
          'closed',
          `${target.host}:${target.port} closed the session before the command's output ended`,
        ),
    );
    const session = new IosSession(target, client, channel, reader);
    try {
      await session.prepare();
    } catch (error) {
      session.close();
      throw error;
    }
    return session;
  }

  private static connect(
    target: SessionTarget,
    options: SessionOptions,
  ): Promise<{ client: Client; channel: ClientChannel }> {
    return new Promise((resolve, reject) => {
      const client = new Client();
      let hostKeyError: Error | null = null;
      const fail = (error: Error): void => {
        client.end();
        reject(error);
      };
      client.on('keyboard-interactive', (_name, _instructions, _lang, prompts, finish) => {
        finish(prompts.map(() => target.password()));
      });
      client.on('error', (error) => fail(hostKeyError ?? networkFailure(target, error)));
      client.on('ready', () => {
        client.shell({ term: 'vt100', cols: 512, rows: 24 }, (error, channel) => {
          if (error)
            fail(
              new SshSessionError(target.device, 'protocol', `the router refused a shell: ${error.message}`),
            );
          else resolve({ client, channel });
        });
      });
      client.connect({
        host: target.host,
        port: target.port,
        username: target.username,
        password: target.password(),
        tryKeyboard: true,
        readyTimeout: options.connectTimeoutMs ?? 15_000,
        keepaliveInterval: 30_000,
        ...(target.legacySsh ? { algorithms: LEGACY_ALGORITHMS } : {}),
        hostVerifier: (key: Buffer) => {
          try {
            options.knownHosts.verify(target.device, target.host, target.port, key);
            return true;
          } catch (error) {
            hostKeyError = new SshSessionError(
              target.device,
              'host-key',
              (error as Error).message.replace(`${target.device}: `, ''),
            );
            return false;
          }
        },
      });
    });
  }

  private timeout(what: string): () => Error {
    return () => {
      this.close();
      return new CommandTimeoutError(this.target.device, what, this.target.commandTimeoutMs);
    };
  }

  private async prepare(): Promise<void> {
    const first = await this.reader.until(
      ANY_PROMPT,
      this.target.commandTimeoutMs,
      this.timeout('(login prompt)'),
    );
    const [, hostname = '', level] = ANY_PROMPT.exec(first) ?? [];
    this.hostname = hostname;
    if (level === '>' && this.target.enableSecret) await this.enable(this.target.enableSecret());
    await this.run('terminal length 0');
    await this.run('terminal width 0');
  }

  private async enable(secret: string): Promise<void> {
    this.channel.write('enable\n');
    await this.reader.until(/Password: ?$/, this.target.commandTimeoutMs, this.timeout('enable'));
    this.channel.write(`${secret}\n`);
    const answer = await this.reader.until(
      this.promptPattern(),
      this.target.commandTimeoutMs,
      this.timeout('enable'),
    );
    if (!answer.trimEnd().endsWith('#'))
      throw new SshSessionError(this.target.device, 'enable', 'enable was refused (check the enable secret)');
  }

  private promptPattern(): RegExp {
    return new RegExp(`(?:^|\\n)${escape(this.hostname)}(?:\\([a-z-]+\\))?[>#] ?$`);
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Sends one read-only command and returns what the router printed for it. */
  async run(command: string): Promise<CommandRun> {
    assertReadOnly(this.target.device, command);
    if (this.closed) throw new SshSessionError(this.target.device, 'closed', 'the session is closed');
    const startedAt = Date.now();
    this.channel.write(`${command}\n`);
    const text = await this.reader.until(
      this.promptPattern(),
      this.target.commandTimeoutMs,
      this.timeout(command),
    );
    const lines = text.replace(/\r/g, '').split('\n');
    // The first line is the router's echo of the command, the last the prompt.
    const raw = lines
      .slice(1, -1)
      .map((line) => `${line}\n`)
      .join('');
    return { command, raw, startedAt, durationMs: Date.now() - startedAt };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.reader.end(new SshSessionError(this.target.device, 'closed', 'the session was closed'));
    this.client.end();
  }
}
