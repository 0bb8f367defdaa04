// What `dmvpn-watch lab` prints at start: how to reach each router, the shared ports, and the control API.

import type { RunningLab } from '../lab/control/run-lab.js';
import { controlFilePath } from '../lab/control/state-file.js';

function columns(header: string[], rows: string[][]): string {
  const widths = header.map((title, index) =>
    Math.max(title.length, ...rows.map((row) => row[index]!.length)),
  );
  return [header, ...rows]
    .map((row) =>
      row
        .map((value, index) => value.padEnd(widths[index]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Beyond this many routers the table shows the first ones and says where the rest are. */
const TABLE_LIMIT = 12;
const SHOWN_OF_MANY = 6;

export function describeRunningLab(running: RunningLab, inventoryFile: string | undefined): string {
  const { access, settings, lab } = running;
  const options = lab.options;
  const hubs = access.filter((router) => router.role === 'hub').length;
  const lines = [
    `dmvpn-watch lab: ${hubs} hub${hubs === 1 ? '' : 's'}, ${access.length - hubs} spokes ` +
      `(phase ${options.phase}, IKE${options.ike}, ${options.routing.toUpperCase()}), ` +
      `lab clock x${lab.clock().speed}`,
    '',
  ];
  const shown = access.length > TABLE_LIMIT ? access.slice(0, SHOWN_OF_MANY) : access;
  const rows = shown.map((router) => [
    router.hostname,
    router.role,
    `${router.ssh.host}:${router.ssh.port}`,
    router.ssh.username,
    `${router.snmp.host}:${router.snmp.port}`,
    `${router.snmp.community} / ${router.snmp.context}`,
  ]);
  lines.push(columns(['hostname', 'role', 'ssh', 'user', 'snmp (udp)', 'community / v3 context'], rows));
  if (shown.length < access.length) {
    const where = inventoryFile ? `${inventoryFile} or ` : '';
    lines.push(
      `... and ${access.length - shown.length} more routers: see ${where}GET ${running.controlUrl}/routers`,
    );
  }
  const { username, password, enableSecret } = settings.credentials;
  lines.push('', `Login: ${username} / ${password}, enable secret ${enableSecret}`);
  if (running.sshSharedPort !== null) {
    lines.push(`Any router by name: ssh -p ${running.sshSharedPort} hub1@${settings.host} (same password)`);
  }
  const first = access[0]!.snmp;
  const v3 = settings.snmp.v3;
  lines.push(
    `SNMP v2c: snmpwalk -v2c -c ${first.community} ${first.host}:${first.port} 1.3.6.1.2.1.1`,
    `SNMP v3:  snmpwalk -v3 -l authPriv -u ${v3.user} -a SHA -A ${v3.authKey} -x AES -X ${v3.privKey} ` +
      `-n ${first.context} ${first.host}:${first.port} 1.3.6.1.2.1.1`,
  );
  if (inventoryFile) lines.push(`Inventory: ${inventoryFile}`);
  lines.push(
    '',
    `Control API: ${running.controlUrl}`,
    `Token: ${running.token}`,
    `(kept in ${controlFilePath(settings.dataDir)}: \`dmvpn-watch lab fault inject ID@DEVICE\` from another terminal)`,
    'Ctrl-C stops the lab.',
  );
  return lines.join('\n') + '\n';
}
