// `node dist/bench/lab-snmp.js`: the lab SNMP agent with 5,000 spokes in one process: start time, memory, and a
// full snmpbulkwalk of hub1 (every spoke's NHRP, IKE and IPsec rows) by Net-SNMP's client in another process.

import { spawn } from 'node:child_process';
import { createLiveLab } from '../lab/live/live-lab.js';
import { startLabSnmp } from '../lab/snmp/agent.js';

const SPOKES = 5000;
const SETTINGS = {
  host: '127.0.0.1',
  sharedPort: 0,
  routerPorts: { basePort: 0 },
  community: 'bench',
  v3: {
    user: 'bench',
    authProtocol: 'sha',
    authKey: 'Bench-Auth1',
    privProtocol: 'aes',
    privKey: 'Bench-Priv1',
  },
} as const;

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

/** snmpbulkwalk of the whole MIB: the varbinds it printed. */
function bulkWalk(port: number, community: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const args = [
      '-v2c',
      '-c',
      community,
      '-On',
      '-Cr50',
      '-t',
      '30',
      '-r',
      '0',
      `127.0.0.1:${port}`,
      '.1.3.6.1',
    ];
    const walk = spawn('snmpbulkwalk', args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let lines = 0;
    walk.stdout.on('data', (chunk: Buffer) => {
      for (const byte of chunk) if (byte === 10) lines += 1;
    });
    walk.on('error', () => reject(new Error('snmpbulkwalk is missing: apt-get install -y snmp')));
    walk.on('exit', (code) =>
      code === 0 ? resolve(lines) : reject(new Error(`snmpbulkwalk exited ${code}`)),
    );
  });
}

async function main(): Promise<void> {
  const started = performance.now();
  const lab = createLiveLab({ spokes: SPOKES });
  const agent = await startLabSnmp(lab, SETTINGS);
  const ports = lab.hostnames().length + 1;
  console.log(`start: ${(performance.now() - started).toFixed(0)} ms, ${ports} ports`);
  console.log(`rss after start: ${megabytes(process.memoryUsage().rss)}`);
  let peak = 0;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const hub1 = agent.access('hub1');
  const walkStarted = performance.now();
  const varbinds = await bulkWalk(hub1.port, hub1.community);
  clearInterval(sample);
  console.log(
    `walk of hub1: ${varbinds} varbinds in ${((performance.now() - walkStarted) / 1000).toFixed(1)} s`,
  );
  console.log(`peak rss during the walk: ${megabytes(peak)}`);
  await agent.close();
  lab.close();
}

await main();
