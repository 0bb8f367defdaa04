// What `npm start` watches when there is no inventory: the simulated network on loopback (1 hub, 20 spokes, phase 3),
// with one spoke broken and one flapping, sending its syslog and traps to the watcher.

import { createSocket } from 'node:dgram';
import { join } from 'node:path';
import { writeInventory } from '../../lab/control/inventory.js';
import { startLab, type RunningLab } from '../../lab/control/run-lab.js';

export const DEMO_FAULT = 'nhrp-auth-mismatch@spoke7';
export const DEMO_FLAPPING = 'spoke12';

/** A UDP port nobody holds right now, for a receiver the lab must know before it starts. */
function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

export interface DemoLab {
  running: RunningLab;
  inventoryFile: string;
  syslogPort: number;
  trapPort: number;
}

export async function startDemoLab(dataDir: string): Promise<DemoLab> {
  const [syslogPort, trapPort] = [await freeUdpPort(), await freeUdpPort()];
  const running = await startLab({
    network: { spokes: 20, phase: 3 },
    faults: [DEMO_FAULT],
    // The fault has been there a quarter of an hour: the hub has long given up on the spoke.
    historySeconds: 900,
    dataDir: join(dataDir, 'lab'),
    syslog: [{ host: '127.0.0.1', port: syslogPort, transport: 'udp' }],
    traps: [{ host: '127.0.0.1', port: trapPort, version: '2c' }],
  });
  // Down 30 s of every 2 minutes: the first flap shows within a minute or two of starting.
  running.lab.flap(DEMO_FLAPPING, 120, 30);
  const inventoryFile = join(dataDir, 'lab', 'inventory.yaml');
  writeInventory(inventoryFile, running.inventory(), running.controlUrl);
  return { running, inventoryFile, syslogPort, trapPort };
}
