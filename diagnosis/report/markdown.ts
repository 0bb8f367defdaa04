// The report as Markdown for a ticket, with a Mermaid diagram of the tunnels involved coloured by state.

import type { DiagnosedFinding, DiagnosisReport } from '../types.js';

const STATE_CLASS: Record<string, string> = {
  UP: 'up',
  NHRP: 'nhrp',
  IKE: 'down',
  IPSEC: 'down',
  INTF: 'down',
  DOWN: 'down',
  MISSING: 'missing',
};

function nodeId(name: string): string {
  return `n_${name.replace(/[^A-Za-z0-9]/g, '_')}`;
}

/** A flowchart of every tunnel of the devices named in the findings (or all, when none is). */
export function mermaidDiagram(report: DiagnosisReport): string {
  const involved = new Set(
    report.findings
      .filter((f) => f.severity !== 'info')
      .flatMap((f) => [f.device, ...f.affected, ...(f.peer ? [f.peer] : [])]),
  );
  const tunnels = report.tunnels.filter(
    (tunnel) => involved.size === 0 || involved.has(tunnel.device) || involved.has(tunnel.peer),
  );
  const lines = ['```mermaid', 'flowchart LR'];
  const nodes = new Set<string>();
  // One edge per pair of devices, in the worse of the states its two ends report.
  const edges = new Map<string, { a: string; b: string; state: string }>();
  for (const tunnel of tunnels) {
    const [a, b] = [tunnel.device, tunnel.peer].sort() as [string, string];
    nodes.add(a);
    nodes.add(b);
    const key = `${a}|${b}`;
    const existing = edges.get(key);
    if (!existing || existing.state === 'UP') edges.set(key, { a, b, state: tunnel.state });
  }
  for (const node of nodes) {
    const role = report.devices.find((device) => device.name === node)?.role;
    lines.push(role === 'hub' ? `  ${nodeId(node)}[["${node}"]]` : `  ${nodeId(node)}["${node}"]`);
  }
  const edgeClasses: string[] = [];
  for (const { a, b, state } of edges.values()) {
    lines.push(`  ${nodeId(a)} ---|${state}| ${nodeId(b)}`);
    edgeClasses.push(STATE_CLASS[state] ?? 'down');
  }
  const colours: Record<string, string> = {
    up: '#2e7d32',
    nhrp: '#f9a825',
    down: '#c62828',
    missing: '#757575',
  };
  edgeClasses.forEach((cls, i) =>
    lines.push(
      `  linkStyle ${i} stroke:${colours[cls]},stroke-width:2px${cls === 'missing' ? ',stroke-dasharray:4' : ''}`,
    ),
  );
  for (const device of new Set(
    report.findings.filter((f) => f.severity === 'critical').map((f) => f.device),
  )) {
    if (nodes.has(device)) lines.push(`  style ${nodeId(device)} stroke:#c62828,stroke-width:3px`);
  }
  lines.push('```');
  return lines.join('\n');
}

function renderFinding(finding: DiagnosedFinding, index: number): string {
  const where = [finding.device, finding.interface, finding.peer && `peer ${finding.peer}`]
    .filter(Boolean)
    .join(', ');
  const parts = [
    `### ${index + 1}. ${finding.severity.toUpperCase()}: ${finding.title}`,
    `\`${finding.rule}\` · layer ${finding.layer} · ${finding.confidence} · ${where}`,
    '',
    finding.explanation,
  ];
  if (finding.affected.length > 0) parts.push('', `**Affected:** ${finding.affected.join(', ')}`);
  if (finding.evidence.length > 0) {
    parts.push('', '| device | command | line | text |', '| --- | --- | --- | --- |');
    for (const entry of finding.evidence) {
      parts.push(
        `| ${entry.device} | \`${entry.command}\` | ${entry.line} | \`${entry.text.replace(/\|/g, '\\|')}\` |`,
      );
    }
  }
  if (finding.remediation) parts.push('', '**Fix:**', '', '```', finding.remediation, '```');
  if (finding.toConfirm.length > 0) parts.push('', `**To confirm:** ${finding.toConfirm.join('; ')}`);
  if (finding.notChecked.length > 0) parts.push('', `**Not checked:** ${finding.notChecked.join('; ')}`);
  if (finding.symptoms.length > 0)
    parts.push(
      '',
      `**Symptoms grouped here:** ${finding.symptoms.map((s) => `\`${s.rule}\` (${s.device})`).join(', ')}`,
    );
  return parts.join('\n');
}

export function renderMarkdown(report: DiagnosisReport): string {
  const parts = [
    '## DMVPN diagnosis',
    '',
    `Devices: ${report.devices.map((device) => `${device.name} (${device.role})`).join(', ')}`,
  ];
  if (report.tunnels.length > 0) parts.push('', mermaidDiagram(report));
  if (report.findings.every((finding) => finding.severity === 'info')) parts.push('', 'No fault found.');
  parts.push(...report.findings.map((finding, i) => '\n' + renderFinding(finding, i)));
  if (report.missingCommands.length > 0)
    parts.push('', `_Would check more with:_ ${report.missingCommands.join('; ')}`);
  return parts.join('\n') + '\n';
}
