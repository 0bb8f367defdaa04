// `npm run bench:collect`: how many device polls a minute one collecting process makes over real SSH, with the full
// command set of a poll (show output parsed as the watcher does), against a live lab of 100, 1,000 and 5,000 spokes.
// The lab runs in a child process (`dmvpn-watch lab`), so the CPU figures here are the collector's own; the lab's CPU
// is read from /proc beside them. Persistent sessions (the collector's default) are compared with a new SSH
// connection per poll (reconnectEachPoll), as most scrapers do.
//
//   npm run bench:collect                 # 100, 1000 and 5000 spokes
//   npm run bench:collect -- 100 1000     # chosen sizes; BENCH_SECONDS=30 sets the measured window

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInventory } from '../collectors/inventory/load.js';
import type { InventoryDevice } from '../collectors/inventory/device.js';
import { pollJobFor, runPollJob } from '../collectors/scheduler/poll-job.js';
import { KnownHosts } from '../collectors/ssh/known-hosts.js';
import { SshCollector } from '../collectors/ssh/ssh-collector.js';

const CLI = join(import.meta.dirname, '../cli/main.js');
/** The watcher's default (serve configuration `ssh.concurrency`); BENCH_CONCURRENCY changes it. */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const WINDOW_SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CLOCK_TICKS_PER_SECOND = 100;

interface Lab {
  child: ChildProcess;
  devices: InventoryDevice[];
  directory: string;
}

async function startLabProcess(spokes: number): Promise<Lab> {
  const directory = mkdtempSync(join(tmpdir(), 'bench-collect-'));
  const inventory = join(directory, 'inventory.yaml');
  const child = spawn(
    process.execPath,
    [
      CLI,
      'lab',
      '--spokes',
      String(spokes),
      '--inventory-out',
      inventory,
      '--data-dir',
      join(directory, 'lab'),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const check = setInterval(() => {
      if (/Control API/.test(output)) {
        clearInterval(check);
        resolve();
      } else if (child.exitCode !== null) {
        clearInterval(check);
        reject(new Error(`the lab exited: ${output}`));
      }
    }, 100);
  });
  return { child, devices: loadInventory(inventory, {}).devices, directory };
}

async function stopLabProcess(lab: Lab): Promise<void> {
  const exited = new Promise((resolve) => lab.child.once('exit', resolve));
  lab.child.kill('SIGTERM');
  await exited;
  rmSync(lab.directory, { recursive: true, force: true });
}

/** CPU seconds a process has used so far (user + system), from /proc. */
function processCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

interface Figures {
  polls: number;
  failed: number;
  pollsPerMinute: number;
  cpuMsPerPoll: number;
  labCpuShare: number;
  maxRssMb: number;
}

/** Polls the devices in turn, `CONCURRENCY` at a time, until `until`; counts the polls that ended in the window. */
async function pollFor(
  ssh: SshCollector,
  devices: readonly InventoryDevice[],
  seconds: number,
  labPid: number,
  startAt = 0,
): Promise<Figures & { next: number }> {
  let next = startAt;
  let polls = 0;
  let failed = 0;
  let maxRss = process.memoryUsage().rss;
  const rssTimer = setInterval(() => (maxRss = Math.max(maxRss, process.memoryUsage().rss)), 250);
  const cpuBefore = process.cpuUsage();
  const labBefore = processCpuSeconds(labPid);
  const started = performance.now();
  const until = started + seconds * 1000;
  const worker = async (): Promise<void> => {
    while (performance.now() < until) {
      const device = devices[next++ % devices.length]!;
      const snapshot = await runPollJob(pollJobFor(device), device, ssh);
      polls += 1;
      if (snapshot.errors.length > 0) failed += 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(rssTimer);
  return {
    polls,
    failed,
    pollsPerMinute: (polls / elapsed) * 60,
    cpuMsPerPoll: (cpu.user + cpu.system) / 1000 / polls,
    labCpuShare: (processCpuSeconds(labPid) - labBefore) / elapsed,
    maxRssMb: maxRss / 1024 / 1024,
    next,
  };
}

/** Every device once, so that each has its session before the measured window. */
async function connectAll(ssh: SshCollector, devices: readonly InventoryDevice[]): Promise<number> {
  const started = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < devices.length) {
      const device = devices[next++]!;
      await ssh.run(device, ['show version']);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return (performance.now() - started) / 1000;
}

function line(label: string, figures: Figures): string {
  return (
    `  ${label.padEnd(26)} ${figures.pollsPerMinute.toFixed(0).padStart(6)} polls/min` +
    `  ${figures.cpuMsPerPoll.toFixed(1).padStart(6)} CPU ms/poll` +
    `  lab CPU ${(figures.labCpuShare * 100).toFixed(0).padStart(3)}%` +
    `  RSS ${figures.maxRssMb.toFixed(0).padStart(4)} MB` +
    `  (${figures.polls} polls, ${figures.failed} with errors)`
  );
}

async function benchSize(spokes: number): Promise<void> {
  const lab = await startLabProcess(spokes);
  const pid = lab.child.pid!;
  const keys = join(lab.directory, 'known-hosts.json');
  try {
    const persistent = new SshCollector({ knownHosts: new KnownHosts(keys), concurrency: CONCURRENCY });
    const loginSeconds = await connectAll(persistent, lab.devices);
    const steady = await pollFor(persistent, lab.devices, WINDOW_SECONDS, pid);
    persistent.close();
    const fresh = new SshCollector({
      knownHosts: new KnownHosts(keys),
      concurrency: CONCURRENCY,
      reconnectEachPoll: true,
    });
    const reconnecting = await pollFor(fresh, lab.devices, WINDOW_SECONDS, pid, steady.next);
    fresh.close();
    process.stdout.write(
      `${spokes} spokes (${lab.devices.length} devices), ${CONCURRENCY} at once; ` +
        `first login to every device: ${loginSeconds.toFixed(1)} s; load average ${loadavg()[0]!.toFixed(1)}\n` +
        `${line('persistent sessions', steady)}\n${line('new connection per poll', reconnecting)}\n`,
    );
  } finally {
    await stopLabProcess(lab);
  }
}

const sizes = process.argv.slice(2).map(Number);
process.stdout.write(
  `dmvpn-watch collection benchmark, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ` +
    `${cpus()[0]?.model.trim() ?? 'CPU'} x${cpus().length}; lab in a child process; ${WINDOW_SECONDS} s per figure\n\n`,
);
for (const spokes of sizes.length > 0 ? sizes : [100, 1000, 5000]) await benchSize(spokes);
