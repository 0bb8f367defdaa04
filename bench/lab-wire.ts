// `npm run bench:lab-wire`: a 5,000-spoke live lab at real time (speed 1) with SSH (a port per router) and SNMP up
// and its ticks running, as the collection benchmark meets it: start time, memory, what the engine costs at a new
// lab second, exec commands a second and device polls a minute over SSH, and GETBULK walks of a hub and a spoke.
// The clients run in a worker thread; the lab, its services and its ticks share the main thread as in production.

import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import snmp from 'net-snmp';
import ssh2 from 'ssh2';
import { createLiveLab } from '../lab/live/live-lab.js';
import type { LabSnmpSettings, LabSshSettings, RouterAccess } from '../lab/live/services.js';
import { startLabSnmp } from '../lab/snmp/agent.js';
import { startLabSsh } from '../lab/ssh/server.js';

const SPOKES = 5000;
const SESSIONS = 50;
const COMMANDS_SECONDS = 15;
const POLLS_SECONDS = 30;
const CREDENTIALS = { username: 'bench', password: 'Bench-Pass1', enableSecret: 'Bench-Enable1' };
/** What one device poll of the collection asks a router. */
const POLL_COMMANDS = [
  'show dmvpn',
  'show ip nhrp',
  'show ip nhrp traffic',
  'show crypto isakmp sa',
  'show crypto ikev2 sa',
  'show crypto ipsec sa',
  'show crypto session',
  'show interfaces',
  'show ip eigrp neighbors',
  'show ip ospf neighbor',
  'show ip bgp summary',
  'show version',
  'show ip nhrp nhs detail',
];

type SshAccess = RouterAccess['ssh'];
type Job =
  | { kind: 'commands'; targets: { hostname: string; access: SshAccess }[]; until: number }
  | { kind: 'polls'; targets: { hostname: string; access: SshAccess }[]; until: number; workers: number }
  | { kind: 'walk'; access: RouterAccess['snmp'] };

interface Counts {
  commands: number;
  bytes: number;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

/**
 * One shell session on a router: log in, enable, terminal length 0, then the commands of the poll in turn while
 * `more()` says so (one round at least).
 */
function shell(access: SshAccess, hostname: string, more: () => boolean, counts: Counts): Promise<void> {
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    client.on('error', reject);
    client.on('ready', () =>
      client.shell({ rows: 24, cols: 80 }, (error, stream) => {
        if (error) return reject(error);
        const prompts = [`${hostname}>`, `${hostname}#`, 'Password: '];
        const script = ['enable', CREDENTIALS.enableSecret, 'terminal length 0'];
        let buffer = '';
        let step = 0;
        stream.on('data', (data: Buffer) => {
          buffer += data.toString('latin1');
          counts.bytes += data.length;
          if (!prompts.some((text) => buffer.endsWith(text))) return;
          buffer = '';
          if (step < script.length) return stream.write(`${script[step++]}\r`);
          const sent = step++ - script.length;
          if (sent > 0) counts.commands += 1;
          if (sent > 0 && sent % POLL_COMMANDS.length === 0 && !more()) {
            client.end();
            return resolve();
          }
          stream.write(`${POLL_COMMANDS[sent % POLL_COMMANDS.length]}\r`);
        });
      }),
    );
    client.connect({ ...access, password: CREDENTIALS.password, readyTimeout: 60_000 });
  });
}

/** A GETBULK walk of the router's whole MIB (snmpbulkwalk -Cr50 .1.3.6.1): varbinds and requests. */
function walk(access: RouterAccess['snmp']): Promise<{ varbinds: number; requests: number }> {
  return new Promise((resolve, reject) => {
    const session = snmp.createSession(access.host, access.community, {
      port: access.port,
      version: snmp.Version2c,
      timeout: 30_000,
      retries: 0,
    });
    let varbinds = 0;
    let requests = 0;
    session.walk(
      '1.3.6.1',
      50,
      (answer: snmp.Varbind[]) => {
        requests += 1;
        varbinds += answer.length;
      },
      (error: Error | null) => {
        session.close();
        if (error) reject(error);
        else resolve({ varbinds, requests });
      },
    );
  });
}

async function runJob(job: Job): Promise<unknown> {
  if (job.kind === 'walk') return walk(job.access);
  const counts: Counts = { commands: 0, bytes: 0 };
  if (job.kind === 'commands') {
    await Promise.all(
      job.targets.map((target) =>
        shell(target.access, target.hostname, () => Date.now() < job.until, counts),
      ),
    );
    return { ...counts, polls: 0 };
  }
  // Device polls: each poller logs in to the next spoke, runs the poll's commands and leaves, until the time is up.
  let next = 0;
  let polls = 0;
  const poller = async (): Promise<void> => {
    while (Date.now() < job.until) {
      const target = job.targets[next++ % job.targets.length]!;
      await shell(target.access, target.hostname, () => false, counts);
      polls += 1;
    }
  };
  await Promise.all(Array.from({ length: job.workers }, poller));
  return { ...counts, polls };
}

if (!isMainThread) {
  parentPort!.postMessage(await runJob(workerData as Job));
} else {
  await main();
}

function inWorker<T>(job: Job): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: job });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

async function main(): Promise<void> {
  console.log(
    `dmvpn-watch lab wire benchmark, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} x${cpus().length}\n`,
  );
  await engineCosts();
  globalThis.gc?.();

  const keyDir = mkdtempSync(join(tmpdir(), 'lab-wire-bench-'));
  const sshSettings: LabSshSettings = {
    host: '127.0.0.1',
    routerPorts: { basePort: 0 },
    sharedPort: null,
    hostKeyDir: keyDir,
    credentials: CREDENTIALS,
    legacyRouters: [],
    idleTimeoutSeconds: 600,
    maxSessionsPerRouter: 16,
    outputDelay: { baseMs: 0, perKilobyteMs: 0 },
    writeAccess: false,
  };
  const snmpSettings: LabSnmpSettings = {
    host: '127.0.0.1',
    sharedPort: 0,
    routerPorts: null,
    community: 'bench',
    v3: {
      user: 'bench',
      authProtocol: 'sha',
      authKey: 'Bench-Auth1',
      privProtocol: 'aes',
      privKey: 'Bench-Priv1',
    },
  };
  const started = performance.now();
  const lab = createLiveLab({ spokes: SPOKES }, { speed: 1 });
  const ssh = await startLabSsh(lab, sshSettings);
  const agent = await startLabSnmp(lab, snmpSettings);
  let ticks = 0;
  let messages = 0;
  const stopTicks = lab.onTick((tick) => {
    ticks += 1;
    messages += tick.messages.length;
  });
  console.log(
    `\nstart (lab, SSH on ${lab.hostnames().length} ports, SNMP): ${(performance.now() - started).toFixed(0)} ms; resident memory ${megabytes(process.memoryUsage().rss)}`,
  );
  const peak = { rss: 0, heap: 0 };
  const sampler = setInterval(() => {
    const { rss, heapUsed } = process.memoryUsage();
    peak.rss = Math.max(peak.rss, rss);
    peak.heap = Math.max(peak.heap, heapUsed);
  }, 200);
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  /** Memory now, and how long the lab kept its clients waiting since the last call. */
  const meanwhile = (): string => {
    const text = `resident memory ${megabytes(process.memoryUsage().rss)}, event loop delay p99 ${(delay.percentile(99) / 1e6).toFixed(0)} ms, max ${(delay.max / 1e6).toFixed(0)} ms`;
    delay.reset();
    return text;
  };

  const spokes = lab.hostnames().filter((name) => name.startsWith('spoke'));
  const sshTarget = (hostname: string) => ({ hostname, access: ssh.access(hostname) });
  const spread = Array.from({ length: SESSIONS }, (_, index) => sshTarget(spokes[index * 97]!));
  const commands = await inWorker<Counts>({
    kind: 'commands',
    targets: spread,
    until: Date.now() + COMMANDS_SECONDS * 1000,
  });
  console.log(
    `${SESSIONS} sessions on ${SESSIONS} spokes, the ${POLL_COMMANDS.length} poll commands in turn: ${(commands.commands / COMMANDS_SECONDS).toFixed(0)} commands/s, ${(commands.bytes / COMMANDS_SECONDS / 1024).toFixed(0)} KB/s (logins included)\n  ${meanwhile()}`,
  );
  // Every spoke in turn, starting far from the spokes polled above.
  const rotation = spokes.map((_, index) => sshTarget(spokes[(index * 7 + 11) % spokes.length]!));
  const polls = await inWorker<Counts & { polls: number }>({
    kind: 'polls',
    targets: rotation,
    until: Date.now() + POLLS_SECONDS * 1000,
    workers: SESSIONS,
  });
  console.log(
    `${SESSIONS} concurrent device polls (login, ${POLL_COMMANDS.length} commands, logout) of different spokes: ${((polls.polls * 60) / POLLS_SECONDS).toFixed(0)} polls/min, ${(polls.commands / POLLS_SECONDS).toFixed(0)} commands/s\n  ${meanwhile()}`,
  );
  for (const hostname of ['hub1', 'spoke2500']) {
    const walkStarted = performance.now();
    const result = await inWorker<{ varbinds: number; requests: number }>({
      kind: 'walk',
      access: agent.access(hostname),
    });
    console.log(
      `GETBULK walk of ${hostname} (net-snmp, 50 repetitions): ${result.varbinds} varbinds, ${result.requests} requests in ${((performance.now() - walkStarted) / 1000).toFixed(1)} s\n  ${meanwhile()}`,
    );
  }
  delay.disable();
  clearInterval(sampler);
  console.log(`ticks meanwhile: ${ticks} (${messages} log messages)`);
  console.log(
    `peak during the runs: resident memory ${megabytes(peak.rss)}, JavaScript heap ${megabytes(peak.heap)}`,
  );
  stopTicks();
  await ssh.close();
  await agent.close();
  lab.close();
  rmSync(keyDir, { recursive: true, force: true });
}

/** The engine alone, on a lab whose clock is moved by hand: a new lab second costs this much per router asked. */
async function engineCosts(): Promise<void> {
  const timed = (work: () => void): number => {
    const start = performance.now();
    work();
    return performance.now() - start;
  };
  const median = (values: number[]): string => {
    const sorted = values.slice().sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)]!.toFixed(1);
  };
  const lab = createLiveLab({ spokes: SPOKES }, { speed: 1e-9, tickSeconds: 0.001 });
  const firstSpoke = timed(() => lab.state('spoke1'));
  const spokeTimes = Array.from({ length: 40 }, (_, index) => {
    lab.advance(1);
    return timed(() => lab.state(`spoke${index * 113 + 7}`));
  });
  const hubTimes = Array.from({ length: 5 }, () => {
    lab.advance(1);
    return timed(() => lab.state('hub1'));
  });
  const inject = timed(() => lab.injectFault('nhrp-auth-mismatch', 'spoke3'));
  const afterInject = timed(() => lab.state('hub1'));
  const tickTimes: number[] = [];
  // The tick timer does not keep a process alive.
  const alive = setInterval(() => undefined, 1000);
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    await new Promise<void>((resolve) => {
      const stop = lab.onTick(() => {
        stop();
        resolve();
      });
      lab.advance(1);
    });
    tickTimes.push(performance.now() - started);
  }
  clearInterval(alive);
  console.log(`engine at a new lab second, ${SPOKES} spokes (clock moved by hand):`);
  console.log(`  first spoke (builds the network's shared parts): ${firstSpoke.toFixed(0)} ms`);
  console.log(`  one spoke: median ${median(spokeTimes)} ms, worst ${Math.max(...spokeTimes).toFixed(1)} ms`);
  console.log(`  hub1: median ${median(hubTimes)} ms, worst ${Math.max(...hubTimes).toFixed(0)} ms`);
  console.log(`  inject a fault: ${inject.toFixed(0)} ms, then hub1: ${afterInject.toFixed(0)} ms`);
  console.log(
    `  a tick (every router's state and messages of one new second): median ${median(tickTimes)} ms`,
  );
  lab.close();
}
