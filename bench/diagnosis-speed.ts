// `npm run bench:diagnosis-speed`: the diagnosis from snapshots (no collection) as a hub grows from 250 to 5,000
// spokes: the hub's snapshot alone, then the hub's with every spoke's (one spoke in a hundred with a wrong NHRP key,
// so that rules fire and findings are grouped). The outputs come from the lab, simulated, rendered and parsed once;
// the time is the engine's alone, the median of several runs after a warm-up (fewer when one run is long), with the
// rules that cost the most. Target: under 1 s at 2,000 spokes.

import { cpus } from 'node:os';
import { diagnose, snapshotFromOutputs } from '../diagnosis/index.js';
import { RULES } from '../diagnosis/rules/index.js';
import { buildView } from '../diagnosis/view.js';
import { simulate } from '../lab/engine/index.js';
import { applyFault } from '../lab/faults/catalogue.js';
import { runCommand } from '../lab/ios/commands.js';
import type { LabNetwork } from '../lab/model/network.js';
import { buildNetwork } from '../lab/network/build.js';
import type { DeviceSnapshot } from '../model/snapshot.js';
import { STANDARD_COMMANDS } from '../test/diagnosis-lab.js';

const SIZES = [250, 500, 1000, 2000, 5000];
const RUNS = 5;
/** Past this, one run is enough to say how slow it is. */
const RUN_BUDGET_MS = 5_000;
/** The size of the target (under 1 s); past it, a size whose run took longer than the budget is the last one. */
const TARGET_SPOKES = 2000;
const SIZE_BUDGET_MS = 30_000;
const AT_SECONDS = 900;
const BROKEN_EVERY = 100;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function snapshotsOf(network: LabNetwork, routers: string[]): DeviceSnapshot[] {
  const states = simulate(network, AT_SECONDS);
  return routers.map((name) => {
    const config = network.routers.find((router) => router.hostname === name)!;
    const state = states.get(name)!;
    const captures = STANDARD_COMMANDS.map((command) => ({
      command,
      raw: runCommand({ config, state }, command),
    })).filter((capture) => capture.raw.trim() !== '' && !capture.raw.includes('% Invalid'));
    return snapshotFromOutputs(name, captures, Date.now(), config.role);
  });
}

interface Timing {
  ms: number;
  findings: number;
  /** The costliest rules of one run, slowest first. */
  slowest: string;
}

function timed(snapshots: DeviceSnapshot[]): Timing {
  const times: number[] = [];
  let findings = 0;
  const started = performance.now();
  while (times.length < RUNS && (times.length === 0 || performance.now() - started < RUN_BUDGET_MS)) {
    const start = performance.now();
    findings = diagnose({ snapshots }).findings.length;
    times.push(performance.now() - start);
  }
  const view = buildView(snapshots);
  const costs = RULES.map((rule) => {
    const start = performance.now();
    rule.run(view);
    return { name: rule.name, ms: performance.now() - start };
  }).sort((a, b) => b.ms - a.ms);
  const slowest = costs
    .slice(0, 3)
    .map((cost) => `${cost.name} ${cost.ms.toFixed(0)} ms`)
    .join(', ');
  return { ms: median(times), findings, slowest };
}

function row(spokes: number, snapshots: DeviceSnapshot[], result: Timing): string {
  const lines = snapshots.reduce(
    (total, snapshot) =>
      total + snapshot.outputs.reduce((sum, output) => sum + output.raw.split('\n').length, 0),
    0,
  );
  return (
    `${String(spokes).padStart(6)}  ${String(snapshots.length).padStart(9)}  ${String(lines).padStart(12)}  ` +
    `${result.ms.toFixed(1).padStart(11)}  ${((result.ms * 1000) / spokes).toFixed(1).padStart(12)}  ` +
    `${String(result.findings).padStart(8)}  ${result.slowest}`
  );
}

console.log(
  `dmvpn-watch diagnosis speed, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ` +
    `${cpus()[0]?.model ?? 'cpu'} x${cpus().length}; median of ${RUNS} runs\n`,
);
const header = 'spokes  snapshots  output lines  diagnose ms  per spoke µs  findings  costliest rules';
timed(snapshotsOf(buildNetwork({ spokes: 50, phase: 3 }), ['hub1', 'spoke1']));

console.log(`the hub alone\n${header}`);
for (const spokes of SIZES) {
  const snapshots = snapshotsOf(buildNetwork({ spokes, phase: 3 }), ['hub1']);
  console.log(row(spokes, snapshots, timed(snapshots)));
}

console.log(`\nthe hub and every spoke, one spoke in ${BROKEN_EVERY} with a wrong NHRP key\n${header}`);
for (const spokes of SIZES) {
  const network = buildNetwork({ spokes, phase: 3 });
  for (let index = BROKEN_EVERY; index <= spokes; index += BROKEN_EVERY)
    applyFault(network, 'nhrp-auth-mismatch', `spoke${index}`);
  const routers = network.routers.map((router) => router.hostname);
  const snapshots = snapshotsOf(network, routers);
  const timing = timed(snapshots);
  console.log(row(spokes, snapshots, timing));
  if (spokes >= TARGET_SPOKES && timing.ms > SIZE_BUDGET_MS) {
    console.log(`(larger networks not measured: ${spokes} spokes took over ${SIZE_BUDGET_MS / 1000} s)`);
    break;
  }
}
