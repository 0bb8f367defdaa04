// The nhrp-server parsers known to the registry.

import type { Parser } from '../common/parser.js';

export const nhrpServerParsers: Parser[] = [];
