// Host keys pinned on first use, one per host and port, one JSON line each (a new pin is appended, so first contact
// with thousands of routers stays cheap). A changed key is refused until an operator forgets the old one (a router
// replaced or re-keyed), as OpenSSH does with known_hosts.

import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface PinnedKey {
  type: string;
  /** OpenSSH's form: `SHA256:` and the unpadded base64 of the key blob's digest. */
  fingerprint: string;
  pinnedAt: string;
}

export class HostKeyChangedError extends Error {
  constructor(
    readonly device: string,
    readonly endpoint: string,
    readonly pinned: PinnedKey,
    readonly offered: { type: string; fingerprint: string },
  ) {
    super(
      `${device}: the host key of ${endpoint} changed (pinned ${pinned.type} ${pinned.fingerprint} on ` +
        `${pinned.pinnedAt}, offered ${offered.type} ${offered.fingerprint}); refusing to connect. If the router ` +
        `was replaced or re-keyed, accept the new key with: dmvpn-watch hostkey forget ${device}`,
    );
    this.name = 'HostKeyChangedError';
  }
}

/** The key type named at the start of an SSH public key blob (`ssh-ed25519`, `ssh-rsa`...). */
function keyType(blob: Buffer): string {
  if (blob.length < 4) return 'unknown';
  const length = blob.readUInt32BE(0);
  return length > 0 && length < 64 && blob.length >= 4 + length
    ? blob.subarray(4, 4 + length).toString('ascii')
    : 'unknown';
}

export function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

export function endpointOf(host: string, port: number): string {
  return `[${host}]:${port}`;
}

export class KnownHosts {
  private readonly keys: Map<string, PinnedKey>;

  constructor(private readonly file: string) {
    this.keys = new Map(Object.entries(KnownHosts.read(file)));
  }

  private static read(file: string): Record<string, PinnedKey> {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    const keys: Record<string, PinnedKey> = {};
    text.split('\n').forEach((line, index) => {
      if (line.trim() === '') return;
      try {
        const { endpoint, ...pinned } = JSON.parse(line) as PinnedKey & { endpoint: string };
        keys[endpoint] = pinned;
      } catch {
        throw new Error(`${file}: line ${index + 1} is not a pinned key (JSON); fix or remove it`);
      }
    });
    return keys;
  }

  /** Pins the key of a new endpoint, accepts the pinned one, throws HostKeyChangedError for any other. */
  verify(device: string, host: string, port: number, blob: Buffer): void {
    const endpoint = endpointOf(host, port);
    const offered = { type: keyType(blob), fingerprint: fingerprint(blob) };
    const pinned = this.keys.get(endpoint);
    if (pinned === undefined) {
      const key = { ...offered, pinnedAt: new Date().toISOString() };
      this.keys.set(endpoint, key);
      mkdirSync(dirname(this.file), { recursive: true });
      appendFileSync(this.file, `${JSON.stringify({ endpoint, ...key })}\n`, { mode: 0o600 });
      return;
    }
    if (pinned.fingerprint !== offered.fingerprint)
      throw new HostKeyChangedError(device, endpoint, pinned, offered);
  }

  pinned(host: string, port: number): PinnedKey | undefined {
    return this.keys.get(endpointOf(host, port));
  }

  /** Forgets an endpoint's key: the next connection pins the key it offers. */
  forget(host: string, port: number): boolean {
    const removed = this.keys.delete(endpointOf(host, port));
    if (removed) this.save();
    return removed;
  }

  private save(): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    const lines = [...this.keys].map(([endpoint, key]) => `${JSON.stringify({ endpoint, ...key })}\n`);
    writeFileSync(temporary, lines.join(''), { mode: 0o600 });
    renameSync(temporary, this.file);
  }
}
