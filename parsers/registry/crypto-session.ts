// The crypto-session parsers known to the registry.

import type { Parser } from '../common/parser.js';
import { showCryptoSession } from '../show-crypto-session.js';

export const cryptoSessionParsers: Parser[] = [showCryptoSession];
