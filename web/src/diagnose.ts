// "Run diagnosis" (polls the devices now, then diagnoses them: operator token) with its progress, and "Paste outputs":
// router output from a ticket diagnosed by the server without touching any router. Both go through POST /api/diagnose.

import { api, ApiError } from './api.js';
import { h } from './dom.js';
import { findingCard } from './findings.js';
import type { DiagnosisRun } from './types.js';

export class DiagnosePanel {
  private readonly progress = h('progress', { max: '1', value: '0', hidden: '' });
  private readonly step = h('p', { class: 'meta', id: 'run-step' });
  private readonly report = h('div', { id: 'run-report' });
  private readonly scope = h('input', {
    type: 'text',
    placeholder: 'All devices, or names separated by spaces',
  });
  private readonly runButton = h('button', { type: 'button', id: 'run-diagnosis' }, 'Run diagnosis');
  private readonly pasted = h('textarea', {
    id: 'pasted',
    rows: '10',
    placeholder: 'hub1#show dmvpn\n… paste show outputs with their prompts',
  });
  private readonly pasteButton = h(
    'button',
    { type: 'button', id: 'diagnose-pasted' },
    'Diagnose pasted outputs',
  );
  private current: string | null = null;

  constructor(
    container: HTMLElement,
    private readonly onDevice: (device: string) => void,
  ) {
    container.replaceChildren(
      h('h2', {}, 'Diagnose the network now'),
      h('div', { class: 'row' }, this.scope, this.runButton),
      this.progress,
      this.step,
      h('h2', {}, 'Paste outputs'),
      h('p', { class: 'meta' }, 'Output from a ticket is diagnosed on the server; no router is contacted.'),
      this.pasted,
      h('div', { class: 'row' }, this.pasteButton),
      this.report,
    );
    this.runButton.addEventListener('click', () => void this.runLive());
    this.pasteButton.addEventListener('click', () => void this.runPasted());
  }

  /** Progress of a run from the event stream. */
  onRun(progress: { id: string; status: string; step: string }): void {
    if (progress.id !== this.current) return;
    this.showStep(progress.step);
    if (progress.status !== 'running') void this.load(progress.id);
  }

  private showStep(step: string): void {
    this.step.textContent = step;
    const counted = /(\d+) of (\d+)/.exec(step);
    if (counted) {
      this.progress.max = Number(counted[2]);
      this.progress.value = Number(counted[1]);
    }
  }

  private fail(error: unknown): void {
    this.progress.hidden = true;
    this.step.textContent = '';
    this.report.replaceChildren(
      h(
        'p',
        { class: 'error' },
        error instanceof ApiError || error instanceof Error ? error.message : String(error),
      ),
    );
  }

  private async runLive(): Promise<void> {
    const names = this.scope.value.split(/[\s,]+/).filter(Boolean);
    this.report.replaceChildren();
    this.progress.hidden = false;
    this.progress.removeAttribute('value');
    try {
      const run = await api<DiagnosisRun>(
        '/api/diagnose',
        names.length > 0 ? { devices: names } : { all: true },
      );
      this.current = run.id;
      this.showStep(run.step);
      // The stream brings the progress; reading the run as well covers a stream that is reconnecting.
      while (this.current === run.id) {
        const now = await api<DiagnosisRun>(`/api/diagnose/${run.id}`);
        if (now.status !== 'running') {
          this.show(now);
          return;
        }
        this.showStep(now.step);
        await new Promise((resolve) => setTimeout(resolve, 1500));
      }
    } catch (error) {
      this.fail(error);
    }
  }

  private async load(id: string): Promise<void> {
    try {
      this.show(await api<DiagnosisRun>(`/api/diagnose/${id}`));
    } catch (error) {
      this.fail(error);
    }
  }

  private async runPasted(): Promise<void> {
    if (this.pasted.value.trim() === '') return;
    this.current = null;
    this.report.replaceChildren(h('p', {}, 'Diagnosing…'));
    try {
      this.show(await api<DiagnosisRun>('/api/diagnose', { text: this.pasted.value }));
    } catch (error) {
      this.fail(error);
    }
  }

  private show(run: DiagnosisRun): void {
    if (this.current === run.id) this.current = null;
    this.progress.hidden = true;
    this.step.textContent = `${run.kind === 'live' ? 'Live' : 'Pasted'} diagnosis of ${run.devices.join(', ')}: ${run.status}`;
    if (!run.report) {
      this.report.replaceChildren(h('p', { class: 'error' }, run.error ?? 'no report'));
      return;
    }
    const { findings, missingCommands, tunnels } = run.report;
    const down = tunnels.filter((tunnel) => tunnel.state !== 'UP');
    this.report.replaceChildren(
      h(
        'div',
        {},
        h('h2', {}, `Report: ${findings.length} findings`),
        run.error ? h('p', { class: 'error' }, run.error) : null,
        h('p', { class: 'meta' }, `${tunnels.length} tunnels seen, ${down.length} not up`),
        missingCommands.length > 0
          ? h('p', { class: 'meta' }, `Would help to have: ${missingCommands.join(', ')}`)
          : null,
        findings.length === 0
          ? h('p', { class: 'empty' }, 'Nothing wrong found.')
          : h(
              'div',
              { class: 'findings' },
              ...findings.map((finding) => findingCard(finding, this.onDevice)),
            ),
      ),
    );
  }
}
