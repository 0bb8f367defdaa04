// `dmvpn-watch serve` (what `npm start` runs): watch the inventory's routers, or the simulated network when there is
// no inventory, store what is seen, and print a summary line while it runs. Stops cleanly on SIGINT/SIGTERM.

import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pino, type Logger } from 'pino';
import { loadInventory, type Inventory } from '../../collectors/inventory/load.js';
import { queueConnection } from '../../collectors/queue/queue-connection.js';
import { KnownHosts } from '../../collectors/ssh/known-hosts.js';
import { Watcher, type WatchSettings } from '../../collectors/scheduler/watcher.js';
import { openStorage, type Storage } from '../../storage/open-storage.js';
import { readSecret } from '../../storage/secrets.js';
import { Alerting } from '../../server/alerting/alerting.js';
import { alertingRoutes } from '../../server/alerting/routes.js';
import { EventBus } from '../../server/event-bus.js';
import { publishingSinks } from '../../server/publishing-sinks.js';
import { ApiStartError, startServeApi } from '../../server/serve-api.js';
import { loadServeConfig, ServeConfigError, type ServeConfig } from './config.js';
import { DEMO_FAULT, DEMO_FLAPPING, startDemoLab, type DemoLab } from './demo-lab.js';
import { DiagnosisLoop, diagnosingAfterPolls, withDiagnosisCommands } from './diagnosis-loop.js';
import { storeSinks, type PollTally } from './store-sink.js';
import { HubPeerCounts, summaryLine } from './summary.js';

export interface ServeOptions {
  inventory?: string;
  config?: string;
  /** Seconds between summary lines (default 10). */
  summaryEvery?: number;
  /** Poll through collector workers on this Redis (redis://HOST:PORT) instead of in this process. */
  queue?: string;
}

function logger(config: ServeConfig): Logger {
  if (config.log.file === '-') return pino({ level: config.log.level });
  mkdirSync(dirname(config.logFile), { recursive: true });
  return pino(
    { level: config.log.level },
    pino.destination({ dest: config.logFile, sync: false, mkdir: true }),
  );
}

function secret(reference: { env: string } | { file: string }): string {
  return readSecret('env' in reference ? { env: reference.env } : { file: reference.file }) ?? '';
}

function listeners(config: ServeConfig, demo: DemoLab | null): Pick<WatchSettings, 'syslog' | 'traps'> {
  if (demo) {
    return {
      syslog: { host: '127.0.0.1', udpPort: demo.syslogPort, tcpPort: null },
      traps: {
        host: '127.0.0.1',
        port: demo.trapPort,
        communities: [demo.running.settings.snmp.community],
        users: [],
      },
    };
  }
  return {
    syslog: config.syslog,
    traps: config.traps && {
      host: config.traps.host,
      port: config.traps.port,
      communities: config.traps.communities.map(secret),
      users: config.traps.users.map((user) => ({
        ...user,
        authKey: secret(user.authKey),
        privKey: secret(user.privKey),
      })),
    },
  };
}

/** Resolves on the first SIGINT or SIGTERM, from the moment it is called: a signal during start-up is not lost. */
function stopSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** A secret the configuration names but cannot be read (a variable not set, a file missing) is its error. */
function configured<T>(file: string | undefined, section: string, build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof ServeConfigError) throw error;
    throw new ServeConfigError(`${file ?? 'configuration'}: ${section}: ${(error as Error).message}`);
  }
}

export async function runServe(
  options: ServeOptions,
  out: NodeJS.WritableStream = process.stdout,
): Promise<void> {
  const config = loadServeConfig(options.config);
  const queue = options.queue ? queueConnection(options.queue) : null;
  const stopped = stopSignal();
  const log = logger(config);
  let demo: DemoLab | null = null;
  if (!options.inventory) {
    out.write(
      'No inventory given: starting the simulated DMVPN network (1 hub, 20 spokes, phase 3) on loopback...\n',
    );
    demo = await startDemoLab(config.dataDir);
    out.write(
      `Lab up: ${demo.running.access.length} routers, inventory ${demo.inventoryFile}, control ${demo.running.controlUrl}\n` +
        `It has a fault (${DEMO_FAULT}) and a flapping spoke (${DEMO_FLAPPING}); watch them appear below.\n`,
    );
  }
  let inventory: Inventory;
  let watched: Pick<WatchSettings, 'syslog' | 'traps'>;
  let storage: Storage;
  try {
    inventory = withDiagnosisCommands(loadInventory(options.inventory ?? demo!.inventoryFile));
    watched = configured(options.config, 'traps', () => listeners(config, demo));
    storage = configured(options.config, 'storage', () =>
      openStorage(config.storage, { onError: (error) => log.error({ err: error }, 'time-series store') }),
    );
  } catch (error) {
    await demo?.running.close();
    throw error;
  }
  for (const device of inventory.devices) {
    storage.state.upsertDevice({ name: device.name, role: device.role, address: device.host });
  }
  const tally: PollTally = { polls: 0, failedPolls: 0, events: 0 };
  const hubPeers = new HubPeerCounts();
  const bus = new EventBus();
  const stopCountingPeers = bus.subscribe('poll', ({ snapshot }) => hubPeers.polled(snapshot));
  const diagnosis = new DiagnosisLoop(storage.state, storage.timeSeries, log, {
    intervalSeconds: config.diagnosis.intervalSeconds,
    devices: inventory.devices.length,
    onReport: (report) => bus.publish('findings', { runId: 'watch', findings: report.findings }),
  });
  let alerting: Alerting;
  try {
    alerting = configured(
      options.config,
      'alerting',
      () =>
        new Alerting({
          config: config.alerting,
          state: storage.state,
          file: join(config.dataDir, 'alerting.json'),
          log,
          bus,
        }),
    );
  } catch (error) {
    await storage.close();
    await demo?.running.close();
    throw error;
  }
  const watcher = await Watcher.start(
    {
      inventory,
      knownHosts: new KnownHosts(config.knownHostsFile),
      concurrency: config.ssh.concurrency,
      pollAtStart: true,
      ...watched,
      queue: queue && { connection: queue },
    },
    publishingSinks(
      diagnosingAfterPolls(storeSinks(storage, log, tally, { samplesWritten: queue !== null }), diagnosis),
      bus,
    ),
  ).catch(async (error: unknown) => {
    await alerting.stop();
    await diagnosis.stop();
    await storage.close();
    await demo?.running.close();
    throw listenerError(error, options.config);
  });
  const served = await startServeApi(config.api, {
    storage,
    bus,
    poller: watcher,
    log,
    demo: demo !== null,
    moreRoutes: alertingRoutes(alerting),
  }).catch(async (error: unknown) => {
    await alerting.stop();
    await watcher.stop();
    await diagnosis.stop();
    await storage.close();
    await demo?.running.close();
    if (!(error instanceof ApiStartError)) throw error;
    throw new ServeConfigError(`${options.config ?? 'configuration'}: ${error.message}`);
  });
  alerting.start();
  out.write(served.banner);
  log.info(
    { devices: inventory.devices.length, inventory: inventory.file, ports: watcher.ports() },
    'watching',
  );
  out.write(
    `Watching ${inventory.devices.length} devices; logs in ${config.log.file ?? config.logFile}. Ctrl-C stops.\n`,
  );
  const summary = setInterval(
    () =>
      out.write(
        `${summaryLine(new Date(), inventory.devices.length, tally, hubPeers, diagnosis.latest())}\n`,
      ),
    (options.summaryEvery ?? 10) * 1000,
  );

  await stopped;
  out.write('Stopping: finishing the polls under way and flushing the stores...\n');
  clearInterval(summary);
  stopCountingPeers();
  await served.api.close();
  await watcher.stop();
  await alerting.stop();
  await diagnosis.stop();
  await storage.close();
  await demo?.running.close();
  log.info(tally, 'stopped');
  log.flush();
  out.write(`Stopped after ${tally.polls} polls and ${tally.events} tunnel events.\n`);
}

/** A syslog or trap port that cannot be opened is a configuration problem: say which port and why. */
function listenerError(error: unknown, file: string | undefined): unknown {
  const failure = error as NodeJS.ErrnoException & { address?: string; port?: number };
  const why: Record<string, string> = {
    EADDRINUSE: 'another program holds it',
    EACCES: 'ports below 1024 need root or CAP_NET_BIND_SERVICE',
    EADDRNOTAVAIL: 'no interface of this machine has that address',
  };
  const reason = failure.code === undefined ? undefined : why[failure.code];
  if (reason === undefined) return error;
  const where = failure.port === undefined ? '' : ` ${failure.address ?? ''}:${failure.port}`;
  return new ServeConfigError(
    `${file ?? 'configuration'}: cannot listen for syslog or traps on${where} (${failure.code}: ${reason})`,
  );
}
