// Every dashboard with the JSON file Grafana provisions it from (dashboards/json/).

import type { Dashboard } from '@grafana/schema';
import { cryptoView } from './crypto.js';
import { deviceDrillDown } from './device.js';
import { nocOverview } from './noc-overview.js';

export const DASHBOARDS: readonly { file: string; dashboard: Dashboard }[] = [
  { file: 'dmvpn-noc-overview.json', dashboard: nocOverview },
  { file: 'dmvpn-device.json', dashboard: deviceDrillDown },
  { file: 'dmvpn-crypto.json', dashboard: cryptoView },
];

/** The file's text: what `JSON.stringify` makes of the dashboard, two-space indented, with a final newline. */
export function dashboardJson(dashboard: Dashboard): string {
  return `${JSON.stringify(dashboard, null, 2)}\n`;
}
