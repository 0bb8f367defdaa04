// The nhrp-cache parsers known to the registry.

import type { Parser } from '../common/parser.js';
import { showIpNhrp, showIpNhrpVrf, showIpv6Nhrp } from '../show-ip-nhrp.js';
import { showIpNhrpRedirect } from '../show-ip-nhrp-redirect.js';
import { showIpNhrpSummary } from '../show-ip-nhrp-summary.js';

// Redirect blocks share `Type:` and `NBMA address:` lines with the cache, so they are recognised first.
export const nhrpCacheParsers: Parser[] = [
  showIpNhrpRedirect,
  showIpNhrpSummary,
  showIpNhrp,
  showIpNhrpVrf,
  showIpv6Nhrp,
];
