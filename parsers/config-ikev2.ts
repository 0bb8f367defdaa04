// Reads the IKEv2 part of the configuration: `crypto ikev2` proposals, policies, keyrings, profiles and DPD.

import type { ConfigRecord, Ikev2KeyringPeer, Ikev2Profile } from '../model/records/config.js';
import { wholeNumber } from './common/numbers.js';
import { NO_BLOCK, secretFingerprint, type ConfigBlock, type Emit } from './config-common.js';
import { dpd } from './config-ikev1.js';

export function readIkev2Line(
  words: string[],
  line: number,
  emit: Emit<ConfigRecord>,
): ConfigBlock | undefined {
  const [, , kind, name, fourth] = words;
  if (kind === 'dpd' && wholeNumber(name) !== undefined) {
    emit(dpd(2, words.slice(3), line));
    return NO_BLOCK;
  }
  if (kind === 'nat' && name === 'keepalive' && wholeNumber(fourth) !== undefined) {
    emit({ kind: 'config_ike_nat_keepalive', line, ikeVersion: 2, intervalSeconds: Number(fourth) });
    return NO_BLOCK;
  }
  if (name === undefined || words.length !== 4) return undefined;
  switch (kind) {
    case 'proposal':
      return ikev2ProposalBlock(name, line, emit);
    case 'policy':
      return ikev2PolicyBlock(name, line, emit);
    case 'keyring':
      return ikev2KeyringBlock(name, line, emit);
    case 'profile':
      return ikev2ProfileBlock(name, line, emit);
  }
  return undefined;
}

function ikev2ProposalBlock(name: string, line: number, emit: Emit<ConfigRecord>): ConfigBlock {
  const record = {
    kind: 'config_ikev2_proposal' as const,
    line,
    name,
    encryption: [] as string[],
    integrity: [] as string[],
    prf: [] as string[],
    groups: [] as number[],
  };
  emit(record);
  return {
    line: (words) => {
      const [setting, ...values] = words;
      if (values.length === 0) return false;
      if (setting === 'encryption') record.encryption.push(...values);
      else if (setting === 'integrity') record.integrity.push(...values);
      else if (setting === 'prf') record.prf.push(...values);
      else if (setting === 'group' && values.every((value) => wholeNumber(value) !== undefined))
        record.groups.push(...values.map(Number));
      else return false;
      return true;
    },
  };
}

function ikev2PolicyBlock(name: string, line: number, emit: Emit<ConfigRecord>): ConfigBlock {
  const record = {
    kind: 'config_ikev2_policy' as const,
    line,
    name,
    proposals: [] as string[],
    matchFvrf: null as string | null,
    matchAddressLocal: null as string | null,
  };
  emit(record);
  return {
    line: (words) => {
      const [setting, first, second, third] = words;
      if (setting === 'proposal' && first !== undefined) record.proposals.push(...words.slice(1));
      else if (setting === 'match' && first === 'fvrf' && second !== undefined) record.matchFvrf = second;
      else if (setting === 'match' && first === 'address' && second === 'local' && third !== undefined)
        record.matchAddressLocal = third;
      else return setting === 'description';
      return true;
    },
  };
}

/** `crypto ikev2 keyring NAME` with its `peer NAME` sub-blocks (address, hostname, identity, pre-shared-key). */
function ikev2KeyringBlock(name: string, line: number, emit: Emit<ConfigRecord>): ConfigBlock {
  const record = { kind: 'config_ikev2_keyring' as const, line, name, peers: [] as Ikev2KeyringPeer[] };
  emit(record);
  let peer: Ikev2KeyringPeer | undefined;
  return {
    line: (words) => {
      const [setting, first, second] = words;
      if (setting === 'peer' && first !== undefined && words.length === 2) {
        peer = {
          name: first,
          address: null,
          mask: null,
          hostname: null,
          identity: null,
          presharedKey: null,
          presharedKeyLocal: null,
          presharedKeyRemote: null,
        };
        record.peers.push(peer);
        return true;
      }
      if (!peer || first === undefined) return false;
      if (setting === 'address') {
        peer.address = first;
        peer.mask = second ?? null;
      } else if (setting === 'hostname') peer.hostname = first;
      else if (setting === 'identity') peer.identity = words.slice(1).join(' ');
      else if (setting === 'pre-shared-key') return readIkev2Psk(peer, words.slice(1));
      else return setting === 'description';
      return true;
    },
  };
}

function readIkev2Psk(peer: Ikev2KeyringPeer, args: string[]): boolean {
  const side = args[0] === 'local' || args[0] === 'remote' ? args[0] : undefined;
  const key = secretFingerprint(side ? args.slice(1) : args);
  if (!key) return false;
  if (side === 'local') peer.presharedKeyLocal = key;
  else if (side === 'remote') peer.presharedKeyRemote = key;
  else peer.presharedKey = key;
  return true;
}

const IKEV2_PROFILE_OPTIONS = new Set([
  'description',
  'ivrf',
  'aaa',
  'nat',
  'config-exchange',
  'redirect',
  'shutdown',
  'reconnect',
  'hybrid',
  'initial-contact',
  'dynamic',
]);

function ikev2ProfileBlock(name: string, line: number, emit: Emit<ConfigRecord>): ConfigBlock {
  const record: Ikev2Profile = {
    kind: 'config_ikev2_profile',
    line,
    name,
    matchIdentityRemote: [],
    matchFvrf: null,
    matchAddressLocal: null,
    identityLocal: null,
    authenticationLocal: [],
    authenticationRemote: [],
    keyringLocal: null,
    pkiTrustpoints: [],
    lifetimeSeconds: null,
    dpdIntervalSeconds: null,
    dpdRetrySeconds: null,
    dpdMode: null,
    virtualTemplate: null,
    natKeepaliveSeconds: null,
    options: [],
  };
  emit(record);
  return { line: (words) => readIkev2ProfileLine(record, words) };
}

function readIkev2ProfileLine(record: Ikev2Profile, words: string[]): boolean {
  const [setting, first, second, third] = words;
  if (first === undefined) return false;
  switch (setting) {
    case 'match':
      if (first === 'identity' && second === 'remote' && third !== undefined)
        record.matchIdentityRemote.push(words.slice(3).join(' '));
      else if (first === 'fvrf' && second !== undefined) record.matchFvrf = second;
      else if (first === 'address' && second === 'local' && third !== undefined)
        record.matchAddressLocal = words.slice(3).join(' ');
      else return first === 'certificate';
      return true;
    case 'identity':
      if (first !== 'local' || second === undefined) return false;
      record.identityLocal = words.slice(2).join(' ');
      return true;
    case 'authentication':
      // `authentication local pre-share key K` carries a key: only the method is kept.
      if (second === undefined || (first !== 'local' && first !== 'remote')) return false;
      (first === 'local' ? record.authenticationLocal : record.authenticationRemote).push(second);
      return true;
    case 'keyring':
      if (first === 'local' && second !== undefined) record.keyringLocal = second;
      else record.options.push(words.join(' '));
      return true;
    case 'pki':
      if (first !== 'trustpoint' || second === undefined) return false;
      record.pkiTrustpoints.push(words.slice(2).join(' '));
      return true;
    case 'lifetime':
    case 'virtual-template': {
      const value = wholeNumber(first);
      if (value === undefined) return false;
      if (setting === 'lifetime') record.lifetimeSeconds = value;
      else record.virtualTemplate = value;
      return true;
    }
    case 'dpd': {
      const interval = wholeNumber(first);
      if (interval === undefined) return false;
      record.dpdIntervalSeconds = interval;
      record.dpdRetrySeconds = wholeNumber(second) ?? null;
      record.dpdMode = third === 'periodic' || third === 'on-demand' ? third : null;
      return true;
    }
  }
  if (setting === 'nat' && first === 'keepalive' && wholeNumber(second) !== undefined) {
    record.natKeepaliveSeconds = Number(second);
    return true;
  }
  if (setting !== undefined && IKEV2_PROFILE_OPTIONS.has(setting)) {
    record.options.push(words.join(' '));
    return true;
  }
  return false;
}
