// `npm run bench:lab`: a 5,000-spoke lab in one process: build time, memory, and the time to render a hub's outputs.

import { cpus } from 'node:os';
import { simulateRouter } from '../lab/engine/index.js';
import { runCommand } from '../lab/ios/commands.js';
import { buildNetwork } from '../lab/network/build.js';

const SPOKES = 5000;
const AT_SECONDS = 600;

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function timed<T>(work: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = work();
  return { value, ms: performance.now() - start };
}

console.log(
  `dmvpn-watch lab benchmark, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} x${cpus().length}\n`,
);
const rssBefore = process.memoryUsage().rss;
const build = timed(() => buildNetwork({ spokes: SPOKES, phase: 3 }));
console.log(`build a ${SPOKES}-spoke phase 3 network: ${build.ms.toFixed(0)} ms`);
const hub = build.value.routers[0]!;
const state = timed(() => simulateRouter(build.value, hub.hostname, AT_SECONDS));
console.log(
  `simulate ${hub.hostname} at second ${AT_SECONDS}: ${state.ms.toFixed(0)} ms (${state.value.dmvpn[0]?.peers.length ?? 0} peers)`,
);
for (const command of ['show dmvpn', 'show crypto ipsec sa', 'show crypto session detail', 'show ip nhrp']) {
  const render = timed(() => runCommand({ config: hub, state: state.value }, command));
  console.log(
    `render ${command.padEnd(28)} ${render.ms.toFixed(0).padStart(5)} ms  ${megabytes(Buffer.byteLength(render.value)).padStart(6)}`,
  );
}
const spoke = timed(() => simulateRouter(build.value, 'spoke2500', AT_SECONDS));
console.log(`simulate spoke2500: ${spoke.ms.toFixed(0)} ms`);
globalThis.gc?.();
const rss = process.memoryUsage().rss;
console.log(`resident memory: ${megabytes(rss)} (model and one hub state: ${megabytes(rss - rssBefore)})`);
