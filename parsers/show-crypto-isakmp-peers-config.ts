// Parses `show crypto isakmp peers config`: the IKE policy configured for each peer (exchange, algorithms, ids).

import type { IsakmpPeerConfig } from '../model/records/ike.js';
import { defineParser } from './common/parser.js';

type Attribute = 'keyExchange' | 'authenticationMethod' | 'encryption' | 'hashing' | 'localId' | 'remoteId';

const TEXT_ATTRIBUTES: Record<string, Attribute> = {
  'Key Exchange': 'keyExchange',
  'Authentication Method': 'authenticationMethod',
  Encryption: 'encryption',
  Hashing: 'hashing',
  'Local ID': 'localId',
  'Remote ID': 'remoteId',
};
const ATTRIBUTE_NAMES = new Set([...Object.keys(TEXT_ATTRIBUTES), 'DH Group', 'Lifetime']);
const DH_GROUP = /^Group\s+(\d+)$/;
const LIFETIME = /^(\d+)\s+seconds$/;

/** Sets one `Name: value` attribute; false when the name or the value is not understood. */
function applyAttribute(config: IsakmpPeerConfig, name: string, value: string): boolean {
  const text = TEXT_ATTRIBUTES[name];
  if (text) {
    config[text] = value;
    return true;
  }
  if (name === 'DH Group') {
    const group = DH_GROUP.exec(value);
    if (group) config.dhGroup = Number(group[1]);
    return group !== null;
  }
  if (name === 'Lifetime') {
    const lifetime = LIFETIME.exec(value);
    if (lifetime) config.lifetimeSeconds = Number(lifetime[1]);
    return lifetime !== null;
  }
  return false;
}

export const showCryptoIsakmpPeersConfig = defineParser<IsakmpPeerConfig>({
  command: 'show crypto isakmp peers config',
  syntax: ['show crypto isakmp peers config'],
  detect: (text) =>
    /^\s*ISAKMP Peers Configuration\s*$/m.test(text) || /^\s+Key Exchange:\s+IKEv[12]/m.test(text),
  parse(out, options) {
    let config: IsakmpPeerConfig | null = null;
    for (let i = 0; i < out.lines.length; i++) {
      const text = out.lines[i]!.trim();
      if (text === '') continue;
      if (text === 'ISAKMP Peers Configuration') {
        out.recognized++;
        continue;
      }
      const colon = text.indexOf(':');
      const name = colon > 0 ? text.slice(0, colon) : '';
      const value = text.slice(colon + 1).trim();
      if (name === 'Peer' && value !== '' && !value.includes(' ')) {
        config = {
          kind: 'isakmp_peer_config',
          line: i + 1,
          peer: value,
          keyExchange: null,
          authenticationMethod: null,
          encryption: null,
          hashing: null,
          dhGroup: null,
          lifetimeSeconds: null,
          localId: null,
          remoteId: null,
        };
        out.records.push(config);
      } else if (config && applyAttribute(config, name, value)) {
        out.recognized++;
      } else if (!config && options.filtered && ATTRIBUTE_NAMES.has(name)) {
        out.recognized++;
      } else {
        out.warn(
          i,
          config
            ? 'a peer attribute this parser does not know, or a value it cannot read'
            : 'a peer attribute with no Peer: line before it',
        );
      }
    }
  },
});
