// `npm run bench:parse`: parse speed in MB/s over the real captures and over a 2,000-spoke hub's outputs.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { resolveCommand } from '../parsers/registry/index.js';
import type { Parser } from '../parsers/common/parser.js';
import { hubCommandSet } from './hub-outputs.js';

const MIN_SAMPLE_MS = 150;

function packageRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

/** Parses `text` repeatedly for at least MIN_SAMPLE_MS and returns milliseconds per parse. */
function timeParse(parser: Parser, text: string, args: string[]): number {
  parser.parse(text, { args });
  let iterations = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < MIN_SAMPLE_MS) {
    parser.parse(text, { args });
    iterations++;
    elapsed = performance.now() - start;
  }
  return elapsed / iterations;
}

const megabytesPerSecond = (bytes: number, ms: number): number => bytes / 1e6 / (ms / 1000);

function benchCaptures(fixtures: string): void {
  console.log('Real captures (test/fixtures), MB/s per command folder:');
  for (const folder of readdirSync(fixtures, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    const dir = join(fixtures, folder.name);
    const commandFile = join(dir, 'command.txt');
    if (!existsSync(commandFile)) continue;
    let bytes = 0;
    let ms = 0;
    for (const file of readdirSync(dir)) {
      if (!/(_output\.txt|\.raw)$/.test(file)) continue;
      const own = join(dir, file.replace(/(_output\.txt|\.raw)$/, '.command.txt'));
      const resolution = resolveCommand(readFileSync(existsSync(own) ? own : commandFile, 'utf8').trim());
      if (!resolution.ok) continue;
      const text = readFileSync(join(dir, file), 'utf8');
      bytes += Buffer.byteLength(text);
      ms += timeParse(resolution.command.parser, text, resolution.command.args);
    }
    if (bytes > 0)
      console.log(`  ${folder.name.padEnd(40)} ${megabytesPerSecond(bytes, ms).toFixed(1).padStart(7)} MB/s`);
  }
}

function benchHub(spokes: number): void {
  console.log(`\nA ${spokes}-spoke hub (generated outputs):`);
  const set = hubCommandSet(spokes).map(({ command, text }) => {
    const resolution = resolveCommand(command);
    if (!resolution.ok) throw new Error(resolution.error);
    return { command, text, parser: resolution.command.parser, args: resolution.command.args };
  });
  for (const { command, text, parser, args } of set) {
    const bytes = Buffer.byteLength(text);
    const ms = timeParse(parser, text, args);
    const records = parser.parse(text, { args }).records.length;
    console.log(
      `  ${command.padEnd(28)} ${(bytes / 1e6).toFixed(2).padStart(6)} MB  ${records.toString().padStart(5)} records  ` +
        `${ms.toFixed(2).padStart(7)} ms  ${megabytesPerSecond(bytes, ms).toFixed(1).padStart(7)} MB/s`,
    );
  }
  const rounds: number[] = [];
  for (let round = 0; round < 15; round++) {
    const start = performance.now();
    for (const { text, parser, args } of set) parser.parse(text, { args });
    rounds.push(performance.now() - start);
  }
  rounds.sort((a, b) => a - b);
  console.log(
    `  full command set: median ${rounds[7]!.toFixed(1)} ms, worst ${rounds[14]!.toFixed(1)} ms (15 rounds)`,
  );
}

console.log(
  `dmvpn-watch parse benchmark, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} x${cpus().length}\n`,
);
benchCaptures(join(packageRoot(), 'test', 'fixtures'));
benchHub(2000);
