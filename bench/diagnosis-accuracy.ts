// `npm run bench:diagnosis`: how often the diagnosis names the fault the lab injected. Every fault of the catalogue,
// on its default target and (where its roles allow) on a hub and on a spoke, under IKEv1 and IKEv2 when the fault
// fits both: the network is built, simulated, its routers' outputs rendered and parsed, then diagnosed.
// A case is a true positive when the top finding is the injected fault; otherwise the fault is missed (a false
// negative) and, when the top finding is above info, a wrong cause was named (a false positive). Healthy networks
// count one false positive for each finding above info.

import { cpus } from 'node:os';
import { diagnose } from '../diagnosis/index.js';
import type { DiagnosisReport } from '../diagnosis/types.js';
import { defaultTargetOf, type LabFault } from '../lab/faults/fault.js';
import { faultCatalogue } from '../lab/faults/catalogue.js';
import type { LabOptions } from '../lab/model/network.js';
import { buildNetwork } from '../lab/network/build.js';
import { labSnapshots, type LabCase } from '../test/diagnosis-lab.js';

/** Networks tried in order until one meets the fault's requirement (phase, routing, IKE version). */
const NETWORKS: Partial<LabOptions>[] = [
  {},
  { phase: 3 },
  { phase: 2 },
  { routing: 'ospf' },
  { routing: 'ospf', phase: 2 },
  { routing: 'bgp', phase: 2 },
];

/** Faults that show only at a given moment or between given spokes (as in the accuracy test). */
const MOMENTS: Record<string, Pick<LabCase, 'atSeconds' | 'options' | 'routers'>> = {
  'nhrp-rate-limited': { atSeconds: 660, options: { spokes: 8 } },
  'nhrp-resolution-failing': {
    atSeconds: 600,
    options: { spokes: 4 },
    routers: ['hub1', 'spoke3', 'spoke4'],
  },
};

interface Case {
  fault: LabFault;
  target: string;
  labCase: LabCase;
}

function networkFor(fault: LabFault, ike: 'v1' | 'v2'): Partial<LabOptions> | undefined {
  return NETWORKS.map((options) => ({ ...options, ike })).find(
    (options) => !fault.requires || fault.requires.met(buildNetwork({ spokes: 3, ...options }).options),
  );
}

function casesOf(fault: LabFault): Case[] {
  return (['v1', 'v2'] as const).flatMap((ike) => {
    const network = networkFor(fault, ike);
    if (!network) return [];
    const moment = MOMENTS[fault.id];
    const options = { ...network, ...moment?.options };
    const built = buildNetwork({ spokes: 3, ...options });
    const targets = new Set([defaultTargetOf(fault, built.options)]);
    if (fault.roles.includes('hub')) targets.add('hub1');
    if (fault.roles.includes('spoke') && !moment?.routers) targets.add('spoke1');
    return [...targets].map((target) => ({
      fault,
      target,
      labCase: { ...moment, options, fault: { id: fault.id, target } },
    }));
  });
}

interface Tally {
  cases: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** What came first instead of the fault (or nothing), by the router the fault was on. */
  instead: Set<string>;
}

const above = (report: DiagnosisReport) => report.findings.filter((finding) => finding.severity !== 'info');

function ratio(part: number, whole: number): string {
  return whole === 0 ? '   -' : (part / whole).toFixed(2);
}

const rows = new Map<string, Tally>();
const started = performance.now();
for (const fault of faultCatalogue) {
  const tally: Tally = {
    cases: 0,
    truePositives: 0,
    falsePositives: 0,
    falseNegatives: 0,
    instead: new Set(),
  };
  for (const { target, labCase } of casesOf(fault)) {
    const top = diagnose({ snapshots: labSnapshots(labCase) }).findings[0];
    tally.cases += 1;
    if (top?.rule === fault.id) {
      tally.truePositives += 1;
      continue;
    }
    tally.falseNegatives += 1;
    if (top && top.severity !== 'info') tally.falsePositives += 1;
    tally.instead.add(`${target}: ${top?.rule ?? 'nothing'}`);
  }
  rows.set(fault.id, tally);
}

const healthy: [string, Partial<LabOptions>][] = [];
for (const phase of [1, 2, 3] as const)
  for (const ike of ['v1', 'v2'] as const) healthy.push([`phase ${phase} IKE${ike}`, { phase, ike }]);
healthy.push(
  ['OSPF', { routing: 'ospf' }],
  ['BGP', { routing: 'bgp' }],
  ['dual hub with a NAT spoke', { hubs: 2, natSpokes: 1 }],
);
const healthyFalse: string[] = [];
for (const [name, options] of healthy) {
  const report = diagnose({
    snapshots: labSnapshots({ options, routers: ['hub1', 'spoke1', 'spoke2', 'spoke3'] }),
  });
  for (const finding of above(report)) healthyFalse.push(`${finding.rule}@${finding.device} (${name})`);
}
const elapsed = performance.now() - started;

console.log(
  `dmvpn-watch diagnosis accuracy, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ` +
    `${cpus()[0]?.model ?? 'cpu'} x${cpus().length}\n`,
);
const width = Math.max(...faultCatalogue.map((fault) => fault.id.length));
console.log(
  `${'fault'.padEnd(width)}  layer     cases  TP  FP  FN  precision  recall  first instead (fault on)`,
);
for (const fault of faultCatalogue) {
  const tally = rows.get(fault.id)!;
  console.log(
    `${fault.id.padEnd(width)}  ${fault.layer.padEnd(8)}  ${String(tally.cases).padStart(5)}  ` +
      `${String(tally.truePositives).padStart(2)}  ${String(tally.falsePositives).padStart(2)}  ` +
      `${String(tally.falseNegatives).padStart(2)}  ` +
      `${ratio(tally.truePositives, tally.truePositives + tally.falsePositives).padStart(9)}  ` +
      `${ratio(tally.truePositives, tally.truePositives + tally.falseNegatives).padStart(6)}  ` +
      [...tally.instead].join(', '),
  );
}
const totals = [...rows.values()].reduce(
  (sum, tally) => ({
    cases: sum.cases + tally.cases,
    tp: sum.tp + tally.truePositives,
    fp: sum.fp + tally.falsePositives,
    fn: sum.fn + tally.falseNegatives,
  }),
  { cases: 0, tp: 0, fp: 0, fn: 0 },
);
const found = [...rows.values()].filter((tally) => tally.truePositives === tally.cases).length;
console.log(
  `\nhealthy networks: ${healthy.length}, findings above info: ${healthyFalse.length}` +
    (healthyFalse.length > 0 ? ` (${healthyFalse.join(', ')})` : ''),
);
const falsePositives = totals.fp + healthyFalse.length;
console.log(
  `all faults: ${rows.size} faults, ${totals.cases} cases, ${totals.tp} named first, ${found} faults named in every case; ` +
    `precision ${ratio(totals.tp, totals.tp + falsePositives)} (healthy networks included), ` +
    `recall ${ratio(totals.tp, totals.tp + totals.fn)}; ${(elapsed / 1000).toFixed(1)} s`,
);
