// The config parsers known to the registry: running/startup configuration, the log buffer and the DMVPN event trace.

import type { Parser } from '../common/parser.js';
import { showLogging } from '../show-logging.js';
import { showMonitorEventTraceDmvpn } from '../show-monitor-event-trace.js';
import { showRunningConfig } from '../show-running-config.js';

export const configParsers: Parser[] = [showLogging, showMonitorEventTraceDmvpn, showRunningConfig];
