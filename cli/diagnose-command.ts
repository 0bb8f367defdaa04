// `dmvpn-watch diagnose --from PATH`: diagnoses captured router output (a folder of captures or a pasted session log).

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
import type { DeviceSnapshot } from '../model/snapshot.js';
import { splitSessionLog } from '../parsers/session-log.js';

export type DiagnoseFormat = 'text' | 'markdown' | 'json';

export interface DiagnoseCommandOptions {
  from?: string;
  all?: boolean;
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

export function runDiagnose(
  devices: string[],
  options: DiagnoseCommandOptions,
): { text: string; faults: boolean } {
  if (!options.from) {
    const target = options.all ? 'every device of the inventory' : devices.join(', ') || 'no device';
    throw new DiagnoseUsageError(
      `live diagnosis (${target}) needs the collectors, which are not built yet: capture the outputs and run ` +
        '`dmvpn-watch diagnose --from <folder-or-log>`',
    );
  }
  const snapshots = readCaptures(options.from);
  if (snapshots.length === 0) {
    throw new DiagnoseUsageError(`${options.from}: no router output this release can read`);
  }
  const report = diagnose({ snapshots });
  const faults = report.findings.some((finding) => finding.severity !== 'info');
  if (options.format === 'json') return { text: renderJson(report), faults };
  if (options.format === 'markdown') return { text: renderMarkdown(report), faults };
  return { text: renderText(report, { colour: options.colour }), faults };
}
