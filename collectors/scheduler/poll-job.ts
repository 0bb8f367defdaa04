// A poll is a job `{ device, commands }` that yields a DeviceSnapshot. The job carries only names; whatever runs it
// (this process, or a queue worker on another machine) needs just the inventory entry and a collector.

import type { DeviceSnapshot } from '../../model/snapshot.js';
import { parseText } from '../../parsers/parse-text.js';
import type { InventoryDevice } from '../inventory/device.js';
import type { SshCollector } from '../ssh/ssh-collector.js';

export interface PollJob {
  device: string;
  commands: string[];
}

/** What every poll reads, by role: the DMVPN, NHRP, crypto, interface and routing state. */
const COMMON_COMMANDS = [
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
];

export function standardCommands(role: InventoryDevice['role']): string[] {
  return role === 'spoke' ? [...COMMON_COMMANDS, 'show ip nhrp nhs detail'] : [...COMMON_COMMANDS];
}

export function pollJobFor(device: InventoryDevice): PollJob {
  return { device: device.name, commands: [...standardCommands(device.role), ...device.extraCommands] };
}

/** Runs the job over SSH and parses each output; failures land in the snapshot's errors, never thrown. */
export async function runPollJob(
  job: PollJob,
  device: InventoryDevice,
  ssh: SshCollector,
): Promise<DeviceSnapshot> {
  const { runs, errors } = await ssh.run(device, job.commands);
  const outputs = runs.map((run) => {
    const [parsed] = parseText(run.raw, run.command);
    return {
      command: run.command,
      raw: run.raw,
      parsed: parsed!.result,
      collectedAt: run.startedAt + run.durationMs,
      durationMs: run.durationMs,
    };
  });
  return { device: device.name, role: device.role, collectedAt: Date.now(), outputs, errors };
}
