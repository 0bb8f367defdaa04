// Finds the captures under test/fixtures and the files kept beside them.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

export const FIXTURES = join(import.meta.dirname, 'fixtures');

export interface Capture {
  folder: string;
  /** The capture file name without its ending (`.raw`, `_output.txt`, `.txt`). */
  name: string;
  rawPath: string;
  /** Our own reviewed parse, kept beside the capture. */
  pinnedPath: string;
  /** The command line the capture answers, from the folder's `command.txt` (or the capture's own `<name>.command.txt`). */
  command: string;
}

const CAPTURE_ENDINGS = ['_output.txt', '.raw', '.txt'];

function captureName(file: string): string | undefined {
  if (file.endsWith('.command.txt') || file === 'command.txt') return undefined;
  const ending = CAPTURE_ENDINGS.find((candidate) => file.endsWith(candidate));
  return ending ? file.slice(0, -ending.length) : undefined;
}

export function listCaptures(): Capture[] {
  const captures: Capture[] = [];
  for (const folder of readdirSync(FIXTURES, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    const dir = join(FIXTURES, folder.name);
    const folderCommand = join(dir, 'command.txt');
    for (const file of readdirSync(dir).sort()) {
      const name = captureName(file);
      if (!name) continue;
      const ownCommand = join(dir, `${name}.command.txt`);
      const commandFile = existsSync(ownCommand) ? ownCommand : folderCommand;
      captures.push({
        folder: folder.name,
        name,
        rawPath: join(dir, file),
        pinnedPath: join(dir, `${name}.parsed.json`),
        command: existsSync(commandFile) ? readFileSync(commandFile, 'utf8').trim() : '',
      });
    }
  }
  return captures;
}

/** The parse shipped by the capture's origin project (genie `_expected.json` or ntc-templates `.yml`). */
export function loadUpstream(folder: string, name: string): unknown {
  const dir = join(FIXTURES, folder);
  const genie = join(dir, `${name}_expected.json`);
  if (existsSync(genie)) return JSON.parse(readFileSync(genie, 'utf8'));
  const ntc = join(dir, `${name}.yml`);
  if (existsSync(ntc)) return parseYaml(readFileSync(ntc, 'utf8'));
  throw new Error(`no upstream parse for ${folder}/${name}`);
}

export function readCapture(folder: string, file: string): string {
  return readFileSync(join(FIXTURES, folder, file), 'utf8');
}
