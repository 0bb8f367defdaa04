// `dmvpn-watch lab fault|flap|reboot|clock`: steer a running lab through its control API, found by the control
// file it keeps in its data folder (or given with --control and --token).

import type { Command } from 'commander';
import { controlFilePath, readControlFile } from '../lab/control/state-file.js';
import { FLAP } from '../lab/faults/events.js';
import { LAB_RUN_DEFAULTS } from './lab-run-options.js';

export interface ControlCliOptions {
  control?: string;
  token?: string;
  dataDir: string;
}

/** A refusal of the lab (status 4xx) is a usage error; no lab to talk to is a failure. */
export class LabControlError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}

interface ControlTarget {
  url: string;
  token: string;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function controlTarget(options: ControlCliOptions): ControlTarget {
  const file = readControlFile(options.dataDir);
  const where = controlFilePath(options.dataDir);
  if (options.control) {
    const token =
      options.token ?? (file?.url === options.control.replace(/\/$/, '') ? file.token : undefined);
    if (!token) throw new LabControlError(`give the lab's --token with --control ${options.control}`, 2);
    return { url: options.control.replace(/\/$/, ''), token };
  }
  if (!file) {
    throw new LabControlError(
      `no running lab found (no ${where}): start one with \`dmvpn-watch lab\`, ` +
        'or give --data-dir of the one running, or --control URL --token TOKEN',
      1,
    );
  }
  if (!processAlive(file.pid)) {
    throw new LabControlError(`the lab that wrote ${where} (process ${file.pid}) is no longer running`, 1);
  }
  return { url: file.url, token: options.token ?? file.token };
}

async function call(
  options: ControlCliOptions,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const target = controlTarget(options);
  let response: Response;
  try {
    response = await fetch(target.url + path, {
      method,
      headers: {
        authorization: `Bearer ${target.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new LabControlError(
      `no lab answers at ${target.url} (${cause}): is \`dmvpn-watch lab\` running?`,
      1,
    );
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new LabControlError(`${target.url} is not a lab's control API (it answered ${response.status})`, 1);
  }
  if (!response.ok) {
    const message = (json as { error?: string }).error ?? `status ${response.status}`;
    throw new LabControlError(message, response.status < 500 ? 2 : 1);
  }
  return json;
}

function splitSpec(spec: string): { id: string; target?: string } {
  const [id = '', target] = spec.split('@');
  return target ? { id, target } : { id };
}

function number(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed))
    throw new LabControlError(`${flag} must be a number: ${value}`, 2);
  return parsed;
}

interface Clock {
  atSeconds: number;
  speed: number;
}

const clockLine = (clock: Clock): string =>
  `lab second ${Math.floor(clock.atSeconds)}, speed x${clock.speed}\n`;

export async function faultInject(spec: string, options: ControlCliOptions): Promise<string> {
  const result = (await call(options, 'POST', '/faults', splitSpec(spec))) as {
    injected: { id: string; target: string };
    atSeconds: number;
  };
  return `injected ${result.injected.id} on ${result.injected.target} at lab second ${Math.floor(result.atSeconds)}\n`;
}

export async function faultClear(spec: string, options: ControlCliOptions): Promise<string> {
  const { id, target } = splitSpec(spec);
  const query = target ? `?target=${encodeURIComponent(target)}` : '';
  const result = (await call(options, 'DELETE', `/faults/${encodeURIComponent(id)}${query}`)) as {
    cleared: { id: string; target: string }[];
  };
  return result.cleared.map((fault) => `cleared ${fault.id} on ${fault.target}\n`).join('');
}

export async function flap(
  device: string,
  flags: { period?: string; down?: string; stop?: boolean },
  options: ControlCliOptions,
): Promise<string> {
  const path = `/routers/${encodeURIComponent(device)}/flap`;
  if (flags.stop) {
    await call(options, 'DELETE', path);
    return `${device}: WAN flap stopped\n`;
  }
  const body = { periodSeconds: number('--period', flags.period), downSeconds: number('--down', flags.down) };
  await call(options, 'POST', path, body);
  const period = body.periodSeconds === undefined ? '' : ` every ${body.periodSeconds}s`;
  const down = body.downSeconds === undefined ? '' : `, down ${body.downSeconds}s`;
  return `${device}: WAN flapping${period}${down}\n`;
}

export async function reboot(device: string, options: ControlCliOptions): Promise<string> {
  const result = (await call(options, 'POST', `/routers/${encodeURIComponent(device)}/reboot`)) as {
    rebootedAtSeconds: number;
  };
  return `${device}: reloaded at lab second ${Math.floor(result.rebootedAtSeconds)}\n`;
}

export async function clock(
  flags: { advance?: string; speed?: string },
  options: ControlCliOptions,
): Promise<string> {
  const body = { advanceSeconds: number('--advance', flags.advance), speed: number('--speed', flags.speed) };
  if (body.advanceSeconds === undefined && body.speed === undefined) {
    return clockLine((await call(options, 'GET', '/clock')) as Clock);
  }
  return clockLine((await call(options, 'POST', '/clock', body)) as Clock);
}

/** Runs a control call and prints its outcome, or its error with the exit code it deserves. */
function report(name: string, run: () => Promise<string>): Promise<void> {
  return run().then(
    (text) => {
      process.stdout.write(text);
    },
    (error: unknown) => {
      if (!(error instanceof LabControlError)) throw error;
      process.stderr.write(`dmvpn-watch lab ${name}: ${error.message}\n`);
      process.exitCode = error.exitCode;
    },
  );
}

function withTarget(command: Command): Command {
  return command
    .option('--control <url>', 'control API of the running lab (default: from its control file)')
    .option('--token <token>', 'its bearer token (default: from its control file)')
    .option('--data-dir <dir>', 'data folder of the running lab', LAB_RUN_DEFAULTS.dataDir);
}

export function addLabControl(lab: Command): void {
  const fault = lab.command('fault').description('Inject or clear a fault in the running lab.');
  withTarget(fault.command('inject'))
    .description('Inject a fault from now on (see `lab faults`).')
    .argument('<id[@device]>', 'fault id, on its default router or the one named')
    .action((spec: string, options: ControlCliOptions) =>
      report('fault inject', () => faultInject(spec, options)),
    );
  withTarget(fault.command('clear'))
    .description('Clear an injected fault (on every router it is on when none is named).')
    .argument('<id[@device]>', 'fault id, and the router')
    .action((spec: string, options: ControlCliOptions) =>
      report('fault clear', () => faultClear(spec, options)),
    );

  withTarget(lab.command('flap'))
    .description("Make a router's WAN drop every period, or stop it.")
    .argument('<device>', 'hub1, spoke1 ...')
    .option('--period <seconds>', `seconds between drops (lab default ${FLAP.periodSeconds})`)
    .option('--down <seconds>', `seconds the WAN stays down each time (lab default ${FLAP.downSeconds})`)
    .option('--stop', 'stop flapping')
    .action(
      (device: string, options: ControlCliOptions & { period?: string; down?: string; stop?: boolean }) =>
        report('flap', () => flap(device, options, options)),
    );

  withTarget(lab.command('reboot'))
    .description('Reload a router now: it loses its SAs and NHRP state.')
    .argument('<device>', 'hub1, spoke1 ...')
    .action((device: string, options: ControlCliOptions) => report('reboot', () => reboot(device, options)));

  withTarget(lab.command('clock'))
    .description('Show the lab clock, move it forward, or change its speed.')
    .option('--advance <seconds>', 'move the clock forward at once')
    .option('--speed <x>', 'lab seconds per wall second from now on')
    .action((options: ControlCliOptions & { advance?: string; speed?: string }) =>
      report('clock', () => clock(options, options)),
    );
}
