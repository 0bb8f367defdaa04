// The report as terminal text, coloured when the output is a terminal.

import type { Severity } from '../../model/finding.js';
import type { DiagnosedFinding, DiagnosisReport } from '../types.js';

const COLOURS: Record<Severity, string> = { critical: '31;1', major: '33;1', minor: '36', info: '2' };

function paint(text: string, code: string, colour: boolean): string {
  return colour ? `\u001b[${code}m${text}\u001b[0m` : text;
}

function renderFinding(finding: DiagnosedFinding, index: number, colour: boolean): string {
  const where = [finding.device, finding.interface, finding.peer && `peer ${finding.peer}`]
    .filter(Boolean)
    .join(' ');
  const lines = [
    `${index + 1}. ${paint(finding.severity.toUpperCase(), COLOURS[finding.severity], colour)} ${paint(finding.rule, '1', colour)} [${finding.layer}, ${finding.confidence}] ${where}`,
    `   ${finding.title}`,
    ...wrap(finding.explanation, '   '),
  ];
  if (finding.affected.length > 0) lines.push(`   affected: ${finding.affected.join(', ')}`);
  if (finding.evidence.length > 0) {
    lines.push('   evidence:');
    for (const entry of finding.evidence)
      lines.push(
        `     ${entry.device}# ${entry.command} (line ${entry.line}): ${paint(entry.text, '2', colour)}`,
      );
  }
  if (finding.remediation) {
    lines.push('   fix:');
    for (const line of finding.remediation.split('\n')) lines.push(`     ${line}`);
  }
  if (finding.toConfirm.length > 0) lines.push(`   to confirm: ${finding.toConfirm.join('; ')}`);
  if (finding.notChecked.length > 0) lines.push(`   not checked: ${finding.notChecked.join('; ')}`);
  if (finding.symptoms.length > 0) {
    lines.push(
      `   symptoms grouped here: ${finding.symptoms.map((symptom) => `${symptom.rule} (${symptom.device})`).join(', ')}`,
    );
  }
  return lines.join('\n');
}

function wrap(text: string, indent: string, width = 110): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines;
}

export function renderText(report: DiagnosisReport, options: { colour?: boolean } = {}): string {
  const colour = options.colour ?? false;
  const devices = report.devices.map(
    (device) => `${device.name} (${device.role}, ${device.commands.length} outputs)`,
  );
  const parts = [`Diagnosis of ${devices.join(', ') || 'no device'}`];
  const shown = report.findings.filter((finding) => finding.severity !== 'info');
  if (shown.length === 0) parts.push(paint('No fault found.', '32', colour));
  parts.push(...report.findings.map((finding, i) => renderFinding(finding, i, colour)));
  if (report.missingCommands.length > 0) {
    parts.push(`Would check more with: ${report.missingCommands.join('; ')}`);
  }
  return parts.join('\n\n');
}
