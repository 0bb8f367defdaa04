// The system parsers known to the registry.

import type { Parser } from '../common/parser.js';
import { showInterfaces } from '../show-interfaces.js';
import { showIpBgpSummary } from '../show-ip-bgp-summary.js';
import { showIpEigrpNeighbors } from '../show-ip-eigrp-neighbors.js';
import { showIpInterfaceBrief } from '../show-ip-interface-brief.js';
import { showIpOspfNeighbor } from '../show-ip-ospf-neighbor.js';
import { showVersion } from '../show-version.js';

export const systemParsers: Parser[] = [
  showInterfaces,
  showIpInterfaceBrief,
  showIpEigrpNeighbors,
  showIpOspfNeighbor,
  showIpBgpSummary,
  showVersion,
];
