// `dmvpn-watch serve` (what `npm start` runs): watch the inventory's routers, or the simulated network when there is
// no inventory, store what is seen, and print a summary line while it runs. Stops cleanly on SIGINT/SIGTERM.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { pino, type Logger } from 'pino';
import { loadInventory, type Inventory } from '../../collectors/inventory/load.js';
import { KnownHosts } from '../../collectors/ssh/known-hosts.js';
import { Watcher, type WatchSettings } from '../../collectors/scheduler/watcher.js';
import { openStorage } from '../../storage/open-storage.js';
import { readSecret } from '../../storage/secrets.js';
import { loadServeConfig, type ServeConfig } from './config.js';
import { DEMO_FAULT, DEMO_FLAPPING, startDemoLab, type DemoLab } from './demo-lab.js';
import { storeSinks, type PollTally } from './store-sink.js';
import { summaryLine } from './summary.js';

export interface ServeOptions {
  inventory?: string;
  config?: string;
  /** Seconds between summary lines (default 10). */
  summaryEvery?: number;
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

export async function runServe(
  options: ServeOptions,
  out: NodeJS.WritableStream = process.stdout,
): Promise<void> {
  const config = loadServeConfig(options.config);
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
  try {
    inventory = loadInventory(options.inventory ?? demo!.inventoryFile);
  } catch (error) {
    await demo?.running.close();
    throw error;
  }
  const storage = openStorage(config.storage, {
    onError: (error) => log.error({ err: error }, 'time-series store'),
  });
  for (const device of inventory.devices) {
    storage.state.upsertDevice({ name: device.name, role: device.role, address: device.host });
  }
  const tally: PollTally = { polls: 0, failedPolls: 0, events: 0 };
  const watcher = await Watcher.start(
    {
      inventory,
      knownHosts: new KnownHosts(config.knownHostsFile),
      concurrency: config.ssh.concurrency,
      pollAtStart: true,
      ...listeners(config, demo),
    },
    storeSinks(storage, log, tally),
  );
  log.info(
    { devices: inventory.devices.length, inventory: inventory.file, ports: watcher.ports() },
    'watching',
  );
  out.write(
    `Watching ${inventory.devices.length} devices; logs in ${config.log.file ?? config.logFile}. Ctrl-C stops.\n`,
  );
  const summary = setInterval(
    () => out.write(`${summaryLine(new Date(), inventory.devices.length, tally, storage.state)}\n`),
    (options.summaryEvery ?? 10) * 1000,
  );

  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  out.write('Stopping: finishing the polls under way and flushing the stores...\n');
  clearInterval(summary);
  await watcher.stop();
  await storage.close();
  await demo?.running.close();
  log.info(tally, 'stopped');
  log.flush();
  out.write(`Stopped after ${tally.polls} polls and ${tally.events} tunnel events.\n`);
}
