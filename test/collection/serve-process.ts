// `dmvpn-watch serve` as an operator runs it: the built command in a child process, its output collected.

import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { inventoryYaml, type LabInventory } from '../../lab/control/inventory.js';
import type { RunningLab } from '../../lab/control/run-lab.js';

const CLI = join(import.meta.dirname, '../../dist/cli/main.js');

export interface ServeProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
}

export function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): ServeProcess {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    waitFor: (pattern, timeoutMs) =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        const check = (): void => {
          const match = output.match(pattern);
          if (match) resolve(match);
          else if (child.exitCode !== null || Date.now() - started > timeoutMs)
            reject(new Error(`no ${pattern} in:\n${output}`));
          else setTimeout(check, 50);
        };
        check();
      }),
  };
}

/** Writes the running lab's inventory (with `pollInterval` when given) and returns its path. */
export function writeLabInventory(running: RunningLab, file: string, pollInterval?: string): string {
  const inventory: LabInventory = running.inventory();
  if (pollInterval) inventory.defaults.pollInterval = pollInterval;
  writeFileSync(file, inventoryYaml(inventory, running.controlUrl));
  return file;
}

export function writeYaml(directory: string, name: string, content: unknown): string {
  const file = join(directory, name);
  writeFileSync(file, stringify(content));
  return file;
}
