// Turns router output that was captured elsewhere (a ticket, a terminal log, files) into DeviceSnapshots.

import type { CommandOutput, DeviceSnapshot } from '../model/snapshot.js';
import type { DeviceRole } from '../model/sample.js';
import { detectCommand, resolveCommand } from '../parsers/registry/index.js';
import { splitSessionLog } from '../parsers/session-log.js';

export interface CapturedOutput {
  /** The command line as typed (abbreviations and `| include` filters work); omitted: recognised from the text. */
  command?: string;
  raw: string;
}

function parsedOutput(capture: CapturedOutput, collectedAt: number): CommandOutput | undefined {
  if (capture.command !== undefined) {
    const resolution = resolveCommand(capture.command);
    if (!resolution.ok) return undefined;
    const { parser, args, filtered, expanded } = resolution.command;
    const parsed = { ...parser.parse(capture.raw, { args, filtered }), command: expanded };
    return {
      command: expanded + (filtered ? ` | ${capture.command.split('|').slice(1).join('|').trim()}` : ''),
      raw: capture.raw,
      parsed,
      collectedAt,
      durationMs: 0,
    };
  }
  const parser = detectCommand(capture.raw);
  if (!parser) return undefined;
  return {
    command: parser.command,
    raw: capture.raw,
    parsed: parser.parse(capture.raw),
    collectedAt,
    durationMs: 0,
  };
}

/** One device's snapshot from its captured outputs; outputs no parser knows are left out. */
export function snapshotFromOutputs(
  device: string,
  captures: CapturedOutput[],
  collectedAt: number,
  role: DeviceRole = 'spoke',
): DeviceSnapshot {
  const outputs = captures
    .map((capture) => parsedOutput(capture, collectedAt))
    .filter((output): output is CommandOutput => output !== undefined);
  return { device, role, collectedAt, outputs, errors: [] };
}

/**
 * Snapshots from a pasted terminal log with prompts (`hub1#show dmvpn`): one per hostname. Text without prompts
 * is one output of `fallbackDevice`, recognised by its headers. Show commands only.
 */
export function snapshotsFromText(
  text: string,
  fallbackDevice: string,
  collectedAt: number,
): DeviceSnapshot[] {
  const session = splitSessionLog(text).filter((entry) => /^sh(o|ow)?\s/i.test(entry.command));
  if (session.length === 0) return [snapshotFromOutputs(fallbackDevice, [{ raw: text }], collectedAt)];
  const byDevice = new Map<string, CapturedOutput[]>();
  for (const entry of session) {
    const device = entry.device || fallbackDevice;
    byDevice.set(device, [...(byDevice.get(device) ?? []), { command: entry.command, raw: entry.output }]);
  }
  return [...byDevice].map(([device, captures]) => snapshotFromOutputs(device, captures, collectedAt));
}
