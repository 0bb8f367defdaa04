// The crypto-session parsers known to the registry.

import type { Parser } from '../common/parser.js';

export const cryptoSessionParsers: Parser[] = [];
