// The ike parsers known to the registry.

import type { Parser } from '../common/parser.js';
import { showCryptoIkev2Sa } from '../show-crypto-ikev2-sa.js';
import { showCryptoIsakmpPeers } from '../show-crypto-isakmp-peers.js';
import { showCryptoIsakmpPeersConfig } from '../show-crypto-isakmp-peers-config.js';
import { showCryptoIsakmpSa } from '../show-crypto-isakmp-sa.js';
import { showCryptoIsakmpSaCount } from '../show-crypto-isakmp-sa-count.js';
import { showCryptoIsakmpSaDetail } from '../show-crypto-isakmp-sa-detail.js';

// Detection order: the detail output shares the brief one's section headers, so it is tried first.
export const ikeParsers: Parser[] = [
  showCryptoIsakmpSaDetail,
  showCryptoIsakmpSa,
  showCryptoIsakmpSaCount,
  showCryptoIsakmpPeersConfig,
  showCryptoIsakmpPeers,
  showCryptoIkev2Sa,
];
