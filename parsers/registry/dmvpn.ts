// The dmvpn parsers known to the registry.

import type { Parser } from '../common/parser.js';
import { showDmvpnDetail } from '../show-dmvpn-detail.js';
import { showDmvpn } from '../show-dmvpn.js';

/** `show dmvpn detail` prints a peer table too, so it is tried first. */
export const dmvpnParsers: Parser[] = [showDmvpnDetail as Parser, showDmvpn as Parser];
