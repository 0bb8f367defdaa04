// Findings as cards: severity, title, device, what it means, the evidence lines that prove it, and the fix.

import { h, time } from './dom.js';
import type { DiagnosedFinding, Finding, StoredFinding } from './types.js';

const SEVERITY_RANK = { critical: 0, major: 1, minor: 2, info: 3 } as const;

export function sortFindings<T extends Finding>(findings: readonly T[]): T[] {
  return [...findings].sort(
    (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.device.localeCompare(b.device),
  );
}

export function findingCard(
  finding: Finding | StoredFinding | DiagnosedFinding,
  onDevice: (device: string) => void,
): HTMLElement {
  const deviceLink = h(
    'a',
    { href: `#/device/${encodeURIComponent(finding.device)}`, class: 'device-link' },
    finding.device,
  );
  deviceLink.addEventListener('click', () => onDevice(finding.device));
  const where = [finding.interface, finding.peer && `peer ${finding.peer}`].filter(Boolean).join(', ');
  const diagnosed = 'confidence' in finding ? finding : null;
  return h(
    'article',
    { class: `finding ${finding.severity}`, 'data-rule': finding.rule, 'data-device': finding.device },
    h(
      'header',
      {},
      h('span', { class: `badge ${finding.severity}` }, finding.severity),
      h('strong', {}, finding.title),
    ),
    h(
      'p',
      { class: 'meta' },
      deviceLink,
      where ? ` · ${where}` : '',
      ` · ${finding.layer} · ${finding.rule} · since ${time(finding.since)}`,
      diagnosed ? ` · ${diagnosed.confidence}` : '',
    ),
    h('p', {}, finding.explanation),
    diagnosed && diagnosed.affected.length > 0
      ? h('p', { class: 'meta' }, `Affects: ${diagnosed.affected.join(', ')}`)
      : null,
    finding.evidence.length > 0
      ? h(
          'details',
          { open: '' },
          h('summary', {}, `Evidence (${finding.evidence.length})`),
          h(
            'pre',
            { class: 'evidence' },
            finding.evidence
              .map((line) => `${line.device}# ${line.command}  [line ${line.line}]\n  ${line.text}`)
              .join('\n'),
          ),
        )
      : null,
    h('p', { class: 'fix' }, h('strong', {}, 'Fix: '), finding.remediation),
    diagnosed && diagnosed.toConfirm.length > 0
      ? h('p', { class: 'meta' }, `To confirm: ${diagnosed.toConfirm.join('; ')}`)
      : null,
  );
}

export function renderFindings(
  container: HTMLElement,
  findings: readonly StoredFinding[],
  onDevice: (device: string) => void,
): void {
  const sorted = sortFindings(findings);
  container.replaceChildren(
    h('h2', {}, `Active findings (${findings.length})`),
    sorted.length === 0
      ? h('p', { class: 'empty' }, 'No active finding: every diagnosed tunnel is healthy.')
      : h('div', { class: 'findings' }, ...sorted.map((finding) => findingCard(finding, onDevice))),
  );
}
