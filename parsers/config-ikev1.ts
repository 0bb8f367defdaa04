// Reads the IKEv1 part of the configuration: `crypto isakmp` policies, keys, DPD, profiles and `crypto keyring`.

import type { ConfigRecord, IsakmpKey, IsakmpProfile } from '../model/records/config.js';
import { wholeNumber } from './common/numbers.js';
import { NO_BLOCK, secretFingerprint, type ConfigBlock, type Emit } from './config-common.js';

export function readIsakmpLine(
  words: string[],
  line: number,
  emit: Emit<ConfigRecord>,
): ConfigBlock | undefined {
  const [, , kind, first, second, third] = words;
  if (kind === 'policy' && wholeNumber(first) !== undefined && words.length === 4)
    return isakmpPolicyBlock(Number(first), line, emit);
  if (kind === 'key') return isakmpKeyLine(words.slice(3), line, emit);
  if (kind === 'keepalive' && wholeNumber(first) !== undefined) {
    emit(dpd(1, words.slice(3), line));
    return NO_BLOCK;
  }
  if (kind === 'nat' && first === 'keepalive' && wholeNumber(second) !== undefined && third === undefined) {
    emit({ kind: 'config_ike_nat_keepalive', line, ikeVersion: 1, intervalSeconds: Number(second) });
    return NO_BLOCK;
  }
  if (kind === 'profile' && first !== undefined && words.length === 4)
    return isakmpProfileBlock(first, line, emit);
  return undefined;
}

/** `keepalive|dpd <interval> [<retry>] [periodic|on-demand]`. */
export function dpd(ikeVersion: 1 | 2, args: string[], line: number): ConfigRecord {
  const mode = args.find((word) => word === 'periodic' || word === 'on-demand') as
    'periodic' | 'on-demand' | undefined;
  return {
    kind: 'config_ike_dpd',
    line,
    ikeVersion,
    intervalSeconds: Number(args[0]),
    retrySeconds: wholeNumber(args[1]) ?? null,
    mode: mode ?? null,
  };
}

function isakmpPolicyBlock(priority: number, line: number, emit: Emit<ConfigRecord>): ConfigBlock {
  const record = {
    kind: 'config_isakmp_policy' as const,
    line,
    priority,
    encryption: null as string | null,
    hash: null as string | null,
    authentication: null as string | null,
    group: null as number | null,
    lifetimeSeconds: null as number | null,
  };
  emit(record);
  return {
    line: (words) => {
      const [setting, value] = words;
      if (value === undefined) return false;
      const rest = words.slice(1).join(' ');
      switch (setting) {
        case 'encr':
        case 'encryption':
          record.encryption = rest;
          return true;
        case 'hash':
          record.hash = rest;
          return true;
        case 'authentication':
          record.authentication = rest;
          return true;
        case 'group':
        case 'lifetime': {
          const number = wholeNumber(value);
          if (number === undefined) return false;
          if (setting === 'group') record.group = number;
          else record.lifetimeSeconds = number;
          return true;
        }
      }
      return false;
    },
  };
}

/** `crypto isakmp key [type] KEY address A [MASK] [no-xauth]` / `... hostname H`; `args` start after `key`. */
function isakmpKeyLine(args: string[], line: number, emit: Emit<ConfigRecord>): ConfigBlock | undefined {
  const at = args.findIndex((word) => word === 'address' || word === 'hostname');
  const key = secretFingerprint(args.slice(0, at));
  if (at < 1 || at > 2 || !key) return undefined;
  const record = pskRecord(null, null, key, line);
  if (!readPeerIdentity(record, args.slice(at))) return undefined;
  emit(record);
  return NO_BLOCK;
}

function pskRecord(
  keyring: string | null,
  vrf: string | null,
  key: IsakmpKey['key'],
  line: number,
): IsakmpKey {
  return {
    kind: 'config_isakmp_key',
    line,
    keyring,
    vrf,
    key,
    address: null,
    mask: null,
    hostname: null,
    noXauth: false,
  };
}

/** `address A [MASK] [no-xauth]` or `hostname H [no-xauth]`. */
function readPeerIdentity(record: IsakmpKey, args: string[]): boolean {
  const [kind, value, ...rest] = args;
  if (value === undefined) return false;
  if (kind === 'hostname') record.hostname = value;
  else record.address = value;
  for (const word of rest) {
    if (word === 'no-xauth') record.noXauth = true;
    else if (kind === 'address' && record.mask === null) record.mask = word;
    else return false;
  }
  return true;
}

/** `crypto keyring NAME [vrf V]`: its `pre-shared-key address A [M] key K` lines are IKEv1 keys. */
export function ikev1KeyringBlock(
  words: string[],
  line: number,
  emit: Emit<ConfigRecord>,
): ConfigBlock | undefined {
  const [, , name, vrfKeyword, vrf] = words;
  if (name === undefined || (vrfKeyword !== undefined && (vrfKeyword !== 'vrf' || vrf === undefined)))
    return undefined;
  return {
    line: (child, text) => {
      if (child[0] === 'pre-shared-key') {
        const keyAt = child.indexOf('key');
        const key = secretFingerprint(child.slice(keyAt + 1));
        if (keyAt < 3 || !key) return false;
        const record = pskRecord(name, vrf ?? null, key, line);
        if (!readPeerIdentity(record, child.slice(1, keyAt))) return false;
        emit(record);
        return true;
      }
      return (child[0] === 'local-address' || child[0] === 'description') && text.length > 0;
    },
  };
}

function isakmpProfileBlock(name: string, line: number, emit: Emit<ConfigRecord>): ConfigBlock {
  const record: IsakmpProfile = {
    kind: 'config_isakmp_profile',
    line,
    name,
    vrf: null,
    keyrings: [],
    matchIdentities: [],
    keepaliveSeconds: null,
    keepaliveRetrySeconds: null,
    options: [],
  };
  emit(record);
  const optionKeywords = new Set([
    'self-identity',
    'local-address',
    'description',
    'ca',
    'initiate',
    'virtual-template',
    'qos-group',
    'accounting',
    'client',
    'isakmp',
    'no',
  ]);
  return {
    line: (words) => {
      const [setting, value] = words;
      if (setting === 'vrf' && value !== undefined && words.length === 2) record.vrf = value;
      else if (setting === 'keyring' && value !== undefined) record.keyrings.push(value);
      else if (setting === 'match' && value === 'identity' && words.length > 2)
        record.matchIdentities.push(words.slice(2).join(' '));
      else if (setting === 'keepalive' && wholeNumber(value) !== undefined) {
        record.keepaliveSeconds = Number(value);
        record.keepaliveRetrySeconds = words[2] === 'retry' ? (wholeNumber(words[3]) ?? null) : null;
      } else if (setting !== undefined && optionKeywords.has(setting)) record.options.push(words.join(' '));
      else return false;
      return true;
    },
  };
}
