// Parses `show crypto isakmp peers [address]`: each IKEv1 peer's address, port, local address and phase 1 identity.

import type { IsakmpPeer } from '../model/records/ike.js';
import { defineParser } from './common/parser.js';

/** `Peer: 1.1.1.2 Port: 500 Local: 1.1.1.1` */
const PEER_LINE = /^Peer:\s+(\S+)\s+Port:\s+(\d+)\s+Local:\s+(\S+)$/;
/** ` Phase1 id: 1.1.1.2` (an address or a hostname) */
const PHASE1_ID = /^Phase1 id:\s+(\S.*)$/;

export const showCryptoIsakmpPeers = defineParser<IsakmpPeer>({
  command: 'show crypto isakmp peers',
  syntax: ['show crypto isakmp peers', 'show crypto isakmp peers <address>'],
  detect: (text) => /^Peer:\s+\S+\s+Port:\s+\d+\s+Local:\s+\S+\s*$/m.test(text),
  parse(out, options) {
    let peer: IsakmpPeer | null = null;
    for (let i = 0; i < out.lines.length; i++) {
      const text = out.lines[i]!.trim();
      if (text === '') continue;
      const peerLine = PEER_LINE.exec(text);
      if (peerLine) {
        peer = {
          kind: 'isakmp_peer',
          line: i + 1,
          peer: peerLine[1]!,
          port: Number(peerLine[2]),
          local: peerLine[3]!,
          phase1Id: null,
        };
        out.records.push(peer);
        continue;
      }
      const phase1 = PHASE1_ID.exec(text);
      if (phase1 && peer && peer.phase1Id === null) {
        peer.phase1Id = phase1[1]!.trim();
        out.recognized++;
      } else if (phase1 && options.filtered) {
        out.recognized++;
      } else {
        out.warn(i, phase1 ? 'Phase1 id line with no Peer line before it' : 'not a Peer: or Phase1 id: line');
      }
    }
  },
});
