// The nhrp-server parsers known to the registry.

import type { Parser } from '../common/parser.js';
import { showIpNhrpNhs } from '../show-ip-nhrp-nhs.js';
import { showIpNhrpStats } from '../show-ip-nhrp-stats.js';
import { showIpNhrpTraffic } from '../show-ip-nhrp-traffic.js';

export const nhrpServerParsers: Parser[] = [showIpNhrpNhs, showIpNhrpTraffic, showIpNhrpStats];
