// The ipsec parsers known to the registry.

import type { Parser } from '../common/parser.js';
import { showCryptoIpsecSa } from '../show-crypto-ipsec-sa.js';
import { showCryptoIpsecSaAddress } from '../show-crypto-ipsec-sa-address.js';
import { showCryptoIpsecSaCount } from '../show-crypto-ipsec-sa-count.js';
import { showTunnelProtectionStatistics } from '../show-tunnel-protection-statistics.js';

/** Detection order: the outputs with their own one-line markers first, the peer blocks of `show crypto ipsec sa` last. */
export const ipsecParsers: Parser[] = [
  showCryptoIpsecSaCount,
  showTunnelProtectionStatistics,
  showCryptoIpsecSaAddress,
  showCryptoIpsecSa,
];
