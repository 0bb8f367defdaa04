// The dmvpn parsers known to the registry.

import type { Parser } from '../common/parser.js';

export const dmvpnParsers: Parser[] = [];
