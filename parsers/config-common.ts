// What every block reader of the running-config shares: the block contract, secrets, the rest of a line.

import { createHash } from 'node:crypto';
import type { SecretFingerprint } from '../model/records/config.js';
import { isBlank } from './common/text.js';

/**
 * The lines under a configuration line that opens a block (`interface Tunnel0`, `crypto ikev2 profile P`).
 * `line` gets the words of one line (indentation removed) and returns false, changing nothing, when it does not
 * understand the line: the caller then warns, or — for a line without indentation in a hand-edited config — tries
 * it as a top-level command.
 */
export interface ConfigBlock {
  line(words: string[], text: string): boolean;
}

/** A block whose lines do not matter to DMVPN (`line vty`, `aaa`, `crypto pki trustpoint`): recognised, skipped. */
export const SKIPPED_BLOCK: ConfigBlock = { line: () => true };

/** A single-line command: nothing belongs under it. */
export const NO_BLOCK: ConfigBlock = { line: () => false };

/** Where block readers put the records they find. */
export type Emit<R> = (record: R) => void;

/**
 * The fingerprint of a secret written as `[type] secret` (`cisco123`, `6 AbCd...`, `7 0822455D0A16`): the type
 * digit is taken only when a secret follows it.
 */
export function secretFingerprint(tokens: readonly string[]): SecretFingerprint | undefined {
  if (tokens.length === 0) return undefined;
  const typed = tokens.length >= 2 && /^[0-9]$/.test(tokens[0]!);
  const secret = typed ? tokens[1]! : tokens[0]!;
  return { secret: true, encryption: typed ? Number(tokens[0]) : 0, sha256: sha256(secret) };
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The text of a line after its first `count` words, spacing kept (`description DISTRIBUTION  | 2048K`). */
export function restAfter(text: string, count: number): string {
  let position = 0;
  for (let word = 0; word < count; word++) {
    while (isBlank(text.charCodeAt(position))) position++;
    while (position < text.length && !isBlank(text.charCodeAt(position))) position++;
  }
  return text.slice(position).trim();
}
