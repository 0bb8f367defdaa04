// `dmvpn-watch diagnose`: diagnoses captured router output (`--from` a folder of captures or a pasted session log), or
// the routers of an inventory polled live (`DEVICE... --inventory FILE`, `--all`).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, relative, sep } from 'node:path';
import {
  diagnose,
  renderJson,
  renderMarkdown,
  renderText,
  snapshotFromOutputs,
  snapshotsFromText,
} from '../diagnosis/index.js';
import { loadInventory } from '../collectors/inventory/load.js';
import { KnownHosts } from '../collectors/ssh/known-hosts.js';
import { SshCollector } from '../collectors/ssh/ssh-collector.js';
import type { DiagnosisReport } from '../diagnosis/types.js';
import type { DeviceSnapshot } from '../model/snapshot.js';
import { splitSessionLog } from '../parsers/session-log.js';
import { LiveDiagnosisCollector, namedDevices, UnknownDeviceError } from './diagnose-live.js';
import type { ProgressStream } from './progress.js';
import { loadServeConfig } from './serve/config.js';

export type DiagnoseFormat = 'text' | 'markdown' | 'json';

export interface DiagnoseCommandOptions {
  from?: string;
  all?: boolean;
  inventory?: string;
  /** The serve configuration: where the pinned host keys are kept and how many devices are polled at once. */
  config?: string;
  format: DiagnoseFormat;
  colour: boolean;
}

export class DiagnoseUsageError extends Error {}

function files(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => !name.startsWith('.'))
    .sort()
    .flatMap((name) => files(join(path, name)));
}

/** `show_ip_nhrp_nhs_detail.txt` -> `show ip nhrp nhs detail`; anything else names no command. */
function commandFromName(name: string): string | undefined {
  const words = name.replace(/[_-]+/g, ' ').trim();
  return /^sh(ow)?\s/i.test(words) ? words : undefined;
}

/**
 * The snapshots of a capture folder or file. A file with prompts (`hub1#show dmvpn`) is split by them; otherwise
 * the device is the file's folder inside PATH (`hub1/show_dmvpn.txt`) or the part of its name before `__`
 * (`hub1__show_dmvpn.txt`) or its whole name (`hub1.txt`), and the command comes from the name or the output.
 */
export function readCaptures(path: string): DeviceSnapshot[] {
  const root = statSync(path).isDirectory() ? path : join(path, '..');
  const byDevice = new Map<string, DeviceSnapshot>();
  const add = (snapshot: DeviceSnapshot) => {
    const existing = byDevice.get(snapshot.device);
    if (existing) existing.outputs.push(...snapshot.outputs);
    else byDevice.set(snapshot.device, snapshot);
  };
  for (const file of files(path)) {
    const text = readFileSync(file, 'utf8');
    const collectedAt = statSync(file).mtimeMs;
    const stem = basename(file, extname(file));
    const folders = relative(root, file).split(sep).slice(0, -1);
    if (splitSessionLog(text).length > 0) {
      snapshotsFromText(text, folders[0] ?? stem, collectedAt).forEach(add);
      continue;
    }
    const [device, command] =
      folders.length > 0 ? [folders[0]!, stem] : stem.includes('__') ? stem.split('__', 2) : [stem, ''];
    add(snapshotFromOutputs(device!, [{ command: commandFromName(command ?? ''), raw: text }], collectedAt));
  }
  return [...byDevice.values()].filter((snapshot) => snapshot.outputs.length > 0);
}

function rendered(
  report: DiagnosisReport,
  options: DiagnoseCommandOptions,
): { text: string; faults: boolean } {
  const faults = report.findings.some((finding) => finding.severity !== 'info');
  if (options.format === 'json') return { text: renderJson(report), faults };
  if (options.format === 'markdown') return { text: renderMarkdown(report), faults };
  return { text: renderText(report, { colour: options.colour }), faults };
}

/** Diagnoses captures (`--from`). */
export function runDiagnose(
  devices: string[],
  options: DiagnoseCommandOptions,
): { text: string; faults: boolean } {
  if (!options.from) {
    const target = options.all ? 'every device of the inventory' : devices.join(', ') || 'no device';
    throw new DiagnoseUsageError(
      `live diagnosis (${target}) needs --inventory FILE; or capture the outputs and run ` +
        '`dmvpn-watch diagnose --from <folder-or-log>`',
    );
  }
  const snapshots = readCaptures(options.from);
  if (snapshots.length === 0) {
    throw new DiagnoseUsageError(`${options.from}: no router output this release can read`);
  }
  return rendered(diagnose({ snapshots }), options);
}

/** Diagnoses the named devices of the inventory (and their hubs), or all of them, polled now over SSH. */
export async function runLiveDiagnose(
  devices: string[],
  options: DiagnoseCommandOptions & { inventory: string },
  stderr: ProgressStream = process.stderr,
): Promise<{ text: string; faults: boolean }> {
  if (!options.all && devices.length === 0)
    throw new DiagnoseUsageError('name the devices to diagnose, or --all for every device of the inventory');
  const inventory = loadInventory(options.inventory);
  let named;
  try {
    named = namedDevices(inventory, devices, options.all === true);
  } catch (error) {
    if (error instanceof UnknownDeviceError) throw new DiagnoseUsageError(error.message);
    throw error;
  }
  const config = loadServeConfig(options.config);
  const ssh = new SshCollector({
    knownHosts: new KnownHosts(config.knownHostsFile),
    concurrency: config.ssh.concurrency,
  });
  let collection;
  try {
    collection = await new LiveDiagnosisCollector(inventory, ssh, stderr).collect(named);
  } finally {
    ssh.close();
  }
  for (const failure of collection.failures)
    stderr.write(`dmvpn-watch diagnose: ${failure.device}: ${failure.message}\n`);
  if (collection.snapshots.length === 0)
    throw new DiagnoseUsageError('no device answered: nothing to diagnose');
  return rendered(diagnose({ snapshots: collection.snapshots }), options);
}
