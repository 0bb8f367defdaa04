// The ike parsers known to the registry.

import type { Parser } from '../common/parser.js';

export const ikeParsers: Parser[] = [];
