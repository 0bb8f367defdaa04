// Reads the NHRP lines of a tunnel interface (`ip nhrp ...`, `ipv6 nhrp ...`, IOS-XE `nhrp ...`).

import type { NhrpConfig, NhrpServerConfig } from '../model/records/config.js';
import { isIpv4 } from './common/address.js';
import { wholeNumber } from './common/numbers.js';
import { secretFingerprint } from './config-common.js';

/** Recognised NHRP settings that have no field of their own: kept as printed in `options`. */
const OPTION_KEYWORDS = new Set([
  'max-send',
  'interest',
  'responder',
  'trigger-svc',
  'use',
  'cache',
  'record',
  'purge-request',
  'route-watch',
  'server-only',
  'event-publisher',
  'attribute',
  'path-preference',
  'connect',
  'spoke-only',
  'multicast',
]);

export function emptyNhrp(): NhrpConfig {
  return {
    networkId: null,
    authentication: null,
    holdtimeSeconds: null,
    maps: [],
    multicastDynamic: false,
    multicastNbma: [],
    nhs: [],
    nhsClusters: [],
    nhsFallbackSeconds: null,
    redirect: false,
    shortcut: false,
    registrationTimeoutSeconds: null,
    registrationNoUnique: false,
    group: null,
    mapGroups: [],
    options: [],
  };
}

/**
 * Applies one NHRP setting (`args` are the words after `nhrp`) to `nhrp`; false, with nothing changed, when the
 * words are no NHRP setting this parser knows.
 */
export function readNhrpSetting(nhrp: NhrpConfig, args: readonly string[]): boolean {
  const [keyword, first, second] = args;
  switch (keyword) {
    case 'network-id':
      return setNumber(first, (value) => (nhrp.networkId = value));
    case 'authentication': {
      const secret = secretFingerprint(args.slice(1));
      if (!secret) return false;
      nhrp.authentication = secret;
      return true;
    }
    case 'holdtime':
      return setNumber(first, (value) => (nhrp.holdtimeSeconds = value));
    case 'map':
      return readMap(nhrp, args.slice(1));
    case 'nhs':
      return readNhs(nhrp, args.slice(1));
    case 'redirect':
      nhrp.redirect = true;
      return true;
    case 'shortcut':
      nhrp.shortcut = true;
      return true;
    case 'registration':
      if (first === 'no-unique' && args.length === 2) {
        nhrp.registrationNoUnique = true;
        return true;
      }
      return first === 'timeout' && setNumber(second, (value) => (nhrp.registrationTimeoutSeconds = value));
    case 'group':
      if (first === undefined || args.length !== 2) return false;
      nhrp.group = first;
      return true;
  }
  if (keyword !== undefined && OPTION_KEYWORDS.has(keyword)) {
    nhrp.options.push(args.join(' '));
    return true;
  }
  return false;
}

function setNumber(word: string | undefined, apply: (value: number) => void): boolean {
  const value = wholeNumber(word);
  if (value === undefined) return false;
  apply(value);
  return true;
}

/** `map multicast dynamic|<nbma>`, `map group G service-policy output P`, `map <tunnel> [<mask>] <nbma>`. */
function readMap(nhrp: NhrpConfig, args: readonly string[]): boolean {
  const [first, second, third, fourth] = args;
  if (first === 'multicast' && args.length === 2) {
    if (second === 'dynamic') nhrp.multicastDynamic = true;
    else nhrp.multicastNbma.push(second!);
    return true;
  }
  if (first === 'group' && second !== undefined && third === 'service-policy' && args.length === 5) {
    nhrp.mapGroups.push({ group: second, servicePolicy: args[4]! });
    return true;
  }
  if (first === undefined || second === undefined) return false;
  if (args.length === 2) {
    nhrp.maps.push({ tunnel: first, mask: null, nbma: second });
    return true;
  }
  if (args.length === 3 && isIpv4(second) && third !== undefined && fourth === undefined) {
    nhrp.maps.push({ tunnel: first, mask: second, nbma: third });
    return true;
  }
  return false;
}

/** `nhs cluster N max-connections M`, `nhs fallback N`, `nhs <tunnel>|dynamic [nbma X] [multicast] [priority N] [cluster N]`. */
function readNhs(nhrp: NhrpConfig, args: readonly string[]): boolean {
  const [first, second, third, fourth] = args;
  if (first === 'cluster' && third === 'max-connections' && args.length === 4) {
    const cluster = wholeNumber(second);
    const maxConnections = wholeNumber(fourth);
    if (cluster === undefined || maxConnections === undefined) return false;
    nhrp.nhsClusters.push({ cluster, maxConnections });
    return true;
  }
  if (first === 'fallback' && args.length === 2) {
    return setNumber(second, (value) => (nhrp.nhsFallbackSeconds = value));
  }
  if (first === undefined) return false;
  const server: NhrpServerConfig = {
    server: first,
    nbma: null,
    multicast: false,
    priority: null,
    cluster: null,
  };
  for (let i = 1; i < args.length; i++) {
    const word = args[i]!;
    if (word === 'multicast') server.multicast = true;
    else if (word === 'nbma' && args[i + 1] !== undefined) server.nbma = args[++i]!;
    else if (word === 'priority' && wholeNumber(args[i + 1]) !== undefined)
      server.priority = Number(args[++i]);
    else if (word === 'cluster' && wholeNumber(args[i + 1]) !== undefined) server.cluster = Number(args[++i]);
    else return false;
  }
  nhrp.nhs.push(server);
  return true;
}
