// Reads the global `crypto ...` lines: dispatches IKE to its readers, reads IPsec transform sets, profiles and crypto maps.

import type { ConfigRecord, CryptoMapEntry, IpsecProfile } from '../model/records/config.js';
import { wholeNumber } from './common/numbers.js';
import { NO_BLOCK, SKIPPED_BLOCK, type ConfigBlock, type Emit } from './config-common.js';
import { ikev1KeyringBlock, readIsakmpLine } from './config-ikev1.js';
import { readIkev2Line } from './config-ikev2.js';

/** Global crypto settings kept as printed (`config_crypto_option`), by the words after `crypto`. */
const OPTION_PREFIXES = [
  'isakmp invalid-spi-recovery',
  'isakmp aggressive-mode',
  'isakmp identity',
  'isakmp fragmentation',
  'isakmp enable',
  'isakmp disconnect-revoked-peers',
  'isakmp xauth',
  'ikev2 cookie-challenge',
  'ikev2 limit',
  'ikev2 fragmentation',
  'ikev2 diagnose',
  'ikev2 http-url',
  'ikev2 window',
  'ikev2 redirect',
  'ipsec security-association',
  'ipsec df-bit',
  'ipsec fragmentation',
  'ipsec nat-transparency',
  'ipsec optional',
  'ipsec ipv4-deny',
  'logging',
  'call admission',
  'engine',
  'vpn',
  'mib',
];

/** Crypto blocks that do not matter to DMVPN (certificates, EzVPN groups, FlexVPN authorization). */
const SKIPPED_PREFIXES = [
  'pki',
  'key',
  'ca',
  'isakmp client',
  'ikev2 authorization',
  'ikev2 client',
  'ikev2 name-mangler',
  'ctcp',
  'gdoi',
];

/**
 * Reads a top-level `crypto ...` line (`words[0]` is `crypto`): emits its records and returns the block its
 * indented lines belong to, or undefined when the line is not understood.
 */
export function readCryptoLine(
  words: string[],
  text: string,
  line: number,
  emit: Emit<ConfigRecord>,
): ConfigBlock | undefined {
  const [, area, kind, name] = words;
  const after = words.slice(1).join(' ');
  if (area === 'isakmp') {
    const block = readIsakmpLine(words, line, emit);
    if (block) return block;
  } else if (area === 'ikev2') {
    const block = readIkev2Line(words, line, emit);
    if (block) return block;
  } else if (area === 'ipsec' && kind === 'transform-set' && name !== undefined && words.length > 4) {
    const record = {
      kind: 'config_ipsec_transform_set' as const,
      line,
      name,
      transforms: groupTransforms(words.slice(4)),
      mode: null as 'transport' | 'tunnel' | null,
    };
    emit(record);
    return {
      line: (child) => {
        if (child[0] !== 'mode' || (child[1] !== 'transport' && child[1] !== 'tunnel')) return false;
        record.mode = child[1];
        return true;
      },
    };
  } else if (area === 'ipsec' && kind === 'profile' && name !== undefined && words.length === 4) {
    return ipsecProfileBlock(name, line, emit);
  } else if ((area === 'map' || area === 'dynamic-map') && kind !== undefined) {
    const block = cryptoMapLine(words, line, emit);
    if (block) return block;
  } else if (area === 'keyring' && kind !== undefined) {
    return ikev1KeyringBlock(words, line, emit);
  }
  if (SKIPPED_PREFIXES.some((prefix) => startsWithWords(after, prefix))) return SKIPPED_BLOCK;
  if (OPTION_PREFIXES.some((prefix) => startsWithWords(after, prefix))) {
    emit({ kind: 'config_crypto_option', line, option: textAfterCrypto(text) });
    return NO_BLOCK;
  }
  return undefined;
}

function startsWithWords(text: string, prefix: string): boolean {
  return text === prefix || text.startsWith(`${prefix} `);
}

function textAfterCrypto(text: string): string {
  return text.trim().slice('crypto'.length).trim();
}

/** `esp-aes 256 esp-sha-hmac` -> [`esp-aes 256`, `esp-sha-hmac`]: a key size belongs to the transform before it. */
function groupTransforms(args: string[]): string[] {
  const transforms: string[] = [];
  for (const word of args) {
    if (wholeNumber(word) !== undefined && transforms.length > 0)
      transforms[transforms.length - 1] += ` ${word}`;
    else transforms.push(word);
  }
  return transforms;
}

function ipsecProfileBlock(name: string, line: number, emit: Emit<ConfigRecord>): ConfigBlock {
  const record: IpsecProfile = {
    kind: 'config_ipsec_profile',
    line,
    name,
    transformSets: [],
    pfs: null,
    ikev2Profile: null,
    isakmpProfile: null,
    lifetimeSeconds: null,
    lifetimeKilobytes: null,
    responderOnly: false,
    options: [],
  };
  emit(record);
  return {
    line: (words) => {
      if (words[0] === 'responder-only' && words.length === 1) {
        record.responderOnly = true;
        return true;
      }
      if (words[0] === 'description') return true;
      return words[0] === 'set' && readSetLine(record, words.slice(1));
    },
  };
}

/** The `set ...` lines shared by IPsec profiles and crypto map entries; `args` start after `set`. */
function readSetLine(record: IpsecProfile | CryptoMapEntry, args: string[]): boolean {
  const [setting, first, second, third] = args;
  if (first === undefined && setting !== 'pfs') return false;
  switch (setting) {
    case 'transform-set':
      record.transformSets.push(...args.slice(1));
      return true;
    case 'pfs':
      record.pfs = first ?? 'default';
      return true;
    case 'ikev2-profile':
      record.ikev2Profile = first!;
      return true;
    case 'isakmp-profile':
      record.isakmpProfile = first!;
      return true;
    case 'peer':
      if (!('peers' in record)) return false;
      record.peers.push(first!);
      return true;
    case 'security-association':
      if (first === 'lifetime' && 'lifetimeSeconds' in record) {
        const value = wholeNumber(third);
        if (second === 'seconds' && value !== undefined) record.lifetimeSeconds = value;
        else if (second === 'kilobytes' && value !== undefined) record.lifetimeKilobytes = value;
        else if (second === 'kilobytes' && third === 'disable') record.options.push(args.join(' '));
        else return false;
        return true;
      }
      record.options.push(`set ${args.join(' ')}`);
      return true;
    case 'reverse-route':
    case 'security-policy':
    case 'mixed-mode':
    case 'nat':
    case 'default':
      record.options.push(`set ${args.join(' ')}`);
      return true;
  }
  return false;
}

/** `crypto map NAME SEQ [ipsec-isakmp|ipsec-manual] [dynamic D]` / `crypto dynamic-map NAME SEQ`; other map lines are options. */
function cryptoMapLine(words: string[], line: number, emit: Emit<ConfigRecord>): ConfigBlock | undefined {
  const [, , name, sequenceWord, type] = words;
  const sequence = wholeNumber(sequenceWord);
  if (name === undefined || sequence === undefined) {
    if (sequenceWord === undefined) return undefined;
    emit({ kind: 'config_crypto_option', line, option: words.slice(1).join(' ') });
    return NO_BLOCK;
  }
  const record: CryptoMapEntry = {
    kind: 'config_crypto_map',
    line,
    name,
    sequence,
    type: type ?? null,
    peers: [],
    transformSets: [],
    matchAddress: null,
    pfs: null,
    ikev2Profile: null,
    isakmpProfile: null,
    options: [],
  };
  emit(record);
  return {
    line: (child) => {
      if (child[0] === 'set') return readSetLine(record, child.slice(1));
      if (child[0] === 'match' && child[1] === 'address' && child[2] !== undefined) {
        record.matchAddress = child[2];
        return true;
      }
      if (child[0] === 'description' || child[0] === 'reverse-route' || child[0] === 'qos') {
        record.options.push(child.join(' '));
        return true;
      }
      return false;
    },
  };
}
