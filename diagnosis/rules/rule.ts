// The contract of a rule file: a rule reads the NetworkView and returns candidate findings; the engine groups,
// ranks and trims them (see diagnosis/engine.ts).

import type { Evidence, Finding, Layer, Severity } from '../../model/finding.js';
import type { Confidence, DiagnosedFinding } from '../types.js';
import type { NetworkView } from '../view.js';

/**
 * A candidate finding. Beyond DiagnosedFinding it tells the engine how it relates to the others:
 * - `umbrella`: a symptom that many causes share (NHS not answering); it is kept only when no specific finding
 *   concerns the same device, else it becomes one of that finding's symptoms.
 * - `excludedBy`: fault ids that, found for the same device (or with it among their affected devices), make this
 *   candidate redundant (e.g. `esp-blocked` when the configs show a `tunnel-key-mismatch`).
 */
export interface Candidate extends DiagnosedFinding {
  umbrella?: boolean;
  excludedBy?: readonly string[];
}

/**
 * A rule: a pure function of the view. It must not throw on partial input: a command that was not collected is a
 * reason to add a `notChecked` note, never an error. Every candidate carries at least one evidence line taken from
 * a raw output of the input (see evidenceOf / findLine / configLine in view.ts).
 */
export interface Rule {
  /** A short name for tests and debugging, e.g. `nhrp/auth-mismatch`. */
  name: string;
  layer: Layer;
  /** The fault ids (faults.md) the rule can emit. */
  faults: readonly string[];
  run(view: NetworkView): Candidate[];
}

export interface CandidateInit {
  rule: string;
  severity: Severity;
  layer: Layer;
  device: string;
  interface?: string | null;
  peer?: string | null;
  title: string;
  explanation: string;
  evidence: (Evidence | undefined)[];
  remediation: string;
  since?: number;
  confidence?: Confidence;
  affected?: string[];
  toConfirm?: string[];
  notChecked?: string[];
  symptoms?: Finding[];
  umbrella?: boolean;
  excludedBy?: readonly string[];
}

/** Builds a candidate with the optional parts defaulted; evidence that could not be located is dropped. */
export function candidate(init: CandidateInit, view: NetworkView): Candidate {
  const evidence = dedupe(init.evidence.filter((entry): entry is Evidence => entry !== undefined));
  const seen = view.device(init.device)?.snapshot.collectedAt ?? 0;
  return {
    rule: init.rule,
    severity: init.severity,
    layer: init.layer,
    device: init.device,
    ...(init.interface ? { interface: init.interface } : {}),
    ...(init.peer ? { peer: init.peer } : {}),
    title: init.title,
    explanation: init.explanation,
    evidence,
    remediation: init.remediation,
    since: init.since ?? seen,
    confidence: init.confidence ?? 'probable',
    affected: init.affected ?? [],
    toConfirm: init.toConfirm ?? [],
    notChecked: init.notChecked ?? [],
    symptoms: init.symptoms ?? [],
    ...(init.umbrella ? { umbrella: true } : {}),
    ...(init.excludedBy ? { excludedBy: init.excludedBy } : {}),
  };
}

function dedupe(evidence: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((entry) => {
    const key = `${entry.device}\u0000${entry.command}\u0000${entry.line}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
