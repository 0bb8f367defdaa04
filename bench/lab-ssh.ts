// `node dist/bench/lab-ssh.js`: the lab SSH server with 5,000 spokes in one process: start time, listening ports,
// memory, and exec commands a second over 50 concurrent shell sessions (clients in a worker thread).

import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import ssh2 from 'ssh2';
import { createLiveLab } from '../lab/live/live-lab.js';
import type { LabSshSettings, RouterAccess } from '../lab/live/services.js';
import { startLabSsh } from '../lab/ssh/server.js';

const SPOKES = 5000;
const SESSIONS = 50;
const RUN_SECONDS = 10;
const CREDENTIALS = { username: 'bench', password: 'Bench-Pass1', enableSecret: 'Bench-Enable1' };

interface Target {
  hostname: string;
  access: RouterAccess['ssh'];
  command: string;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

/** One shell session: enable, terminal length 0, then the command again and again until the time is up. */
function drive(target: Target, until: number): Promise<{ commands: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    let commands = 0;
    let bytes = 0;
    client.on('error', reject);
    client.on('ready', () =>
      client.shell({ rows: 24, cols: 80 }, (error, stream) => {
        if (error) return reject(error);
        const prompts = [`${target.hostname}>`, `${target.hostname}#`, 'Password: '];
        const script = ['enable', CREDENTIALS.enableSecret, 'terminal length 0'];
        let buffer = '';
        let prompt = 0;
        stream.on('data', (data: Buffer) => {
          buffer += data.toString('latin1');
          bytes += data.length;
          if (!prompts.some((text) => buffer.endsWith(text))) return;
          buffer = '';
          if (prompt < script.length) return stream.write(`${script[prompt++]}\r`);
          if (prompt++ > script.length) commands += 1;
          if (Date.now() >= until) {
            client.end();
            return resolve({ commands, bytes });
          }
          stream.write(`${target.command}\r`);
        });
      }),
    );
    client.connect({ ...target.access, password: CREDENTIALS.password, readyTimeout: 60_000 });
  });
}

if (!isMainThread) {
  const { targets, until } = workerData as { targets: Target[]; until: number };
  const results = await Promise.all(targets.map((target) => drive(target, until)));
  parentPort!.postMessage(results);
} else {
  console.log(
    `dmvpn-watch lab SSH benchmark, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} x${cpus().length}\n`,
  );
  const keyDir = mkdtempSync(join(tmpdir(), 'lab-ssh-bench-'));
  // First on a clock that stays within one lab second (every router's state computed once): what the SSH layer costs.
  // Then at real time, where every lab second each router's state is computed again by the engine.
  const lab = createLiveLab({ spokes: SPOKES }, { speed: 1e-6 });
  lab.state('hub1');
  const settings: LabSshSettings = {
    host: '127.0.0.1',
    routerPorts: { basePort: 0 },
    sharedPort: 0,
    hostKeyDir: keyDir,
    credentials: CREDENTIALS,
    legacyRouters: [],
    idleTimeoutSeconds: 600,
    maxSessionsPerRouter: 16,
    outputDelay: { baseMs: 0, perKilobyteMs: 0 },
    writeAccess: false,
  };
  const hubDmvpn = performance.now();
  lab.run('hub1', 'show dmvpn');
  console.log(
    `for scale, lab.run('hub1', 'show dmvpn') alone: ${(performance.now() - hubDmvpn).toFixed(0)} ms`,
  );
  const rssBefore = process.memoryUsage().rss;
  const startedAt = performance.now();
  const service = await startLabSsh(lab, settings);
  const startMs = performance.now() - startedAt;
  console.log(
    `start: ${startMs.toFixed(0)} ms for ${lab.hostnames().length + 1} listening ports; resident memory ${megabytes(process.memoryUsage().rss)} (+${megabytes(process.memoryUsage().rss - rssBefore)} for the server)`,
  );

  const sessions = (label: string, hostnames: (index: number) => string, command: string) => ({
    label: `${SESSIONS} sessions ${label}, ${command}`,
    targets: Array.from({ length: SESSIONS }, (_, index) => {
      const hostname = hostnames(index);
      return { hostname, access: service.access(hostname), command };
    }),
  });
  const spread = (index: number) => `spoke${index * 97 + 1}`;
  const runs = [
    sessions('on 50 spokes', spread, 'show dmvpn'),
    sessions('on 50 spokes', spread, 'show ip interface brief'),
    sessions(
      'on hub1, spoke1..spoke3 (a quarter each)',
      (index) => ['hub1', 'spoke1', 'spoke2', 'spoke3'][index % 4]!,
      'show ip nhrp nhs',
    ),
  ];
  runs.push({ ...runs[0]!, label: `at lab speed 1: ${runs[0]!.label}` });
  for (const run of runs) {
    if (run.label.startsWith('at lab speed 1')) lab.setSpeed(1);
    const until = Date.now() + RUN_SECONDS * 1000;
    const results = await new Promise<{ commands: number; bytes: number }[]>((resolve, reject) => {
      const worker = new Worker(new URL(import.meta.url), { workerData: { targets: run.targets, until } });
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    const commands = results.reduce((sum, result) => sum + result.commands, 0);
    const bytes = results.reduce((sum, result) => sum + result.bytes, 0);
    console.log(
      `${run.label}: ${(commands / RUN_SECONDS).toFixed(0)} commands/s, ${(bytes / RUN_SECONDS / 1024).toFixed(0)} KB/s (logins included in the ${RUN_SECONDS} s)`,
    );
  }
  console.log(`resident memory after the runs: ${megabytes(process.memoryUsage().rss)}`);
  await service.close();
  lab.close();
  rmSync(keyDir, { recursive: true, force: true });
}
