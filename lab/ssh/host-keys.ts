// The lab's SSH host keys, kept in one append-only file so that every router shows the same key after a restart.
//
// A key is generated the first time its router is reached, not at start: 5,000 ed25519 keys take about a second
// to generate, and most routers of a big lab are never logged into.

import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// ssh2 is CommonJS: under Node's own ESM loader its exports come only through the default import.
import ssh2 from 'ssh2';

export type HostKeyType = 'ed25519' | 'rsa';

const FILE_NAME = 'host-keys.tsv';
const RSA_BITS = 2048;

/** One line per key: `name<TAB>type<TAB>private key (OpenSSH format, base64)`. */
export class HostKeyStore {
  private readonly keys = new Map<string, string>();
  private readonly file: string;

  constructor(directory: string) {
    mkdirSync(directory, { recursive: true });
    this.file = join(directory, FILE_NAME);
    let text = '';
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const line of text.split('\n')) {
      const [name, type, key] = line.split('\t');
      if (name && type && key) this.keys.set(`${name}\t${type}`, Buffer.from(key, 'base64').toString('utf8'));
    }
  }

  /** The private key of `name` (a hostname, or the shared port's name), created and saved when missing. */
  privateKey(name: string, type: HostKeyType): string {
    const id = `${name}\t${type}`;
    const known = this.keys.get(id);
    if (known !== undefined) return known;
    let pair = generate(type);
    // ssh2 cuts the leading zero bytes of an ed25519 public key (1 key in 256) and then cannot read the key back.
    while (ssh2.utils.parseKey(pair.private) instanceof Error) pair = generate(type);
    appendFileSync(this.file, `${id}\t${Buffer.from(pair.private, 'utf8').toString('base64')}\n`, {
      mode: 0o600,
    });
    this.keys.set(id, pair.private);
    return pair.private;
  }
}

function generate(type: HostKeyType): { private: string } {
  return type === 'rsa'
    ? ssh2.utils.generateKeyPairSync('rsa', { bits: RSA_BITS })
    : ssh2.utils.generateKeyPairSync('ed25519');
}
