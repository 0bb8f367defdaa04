// The diagnosis engine's entry point: snapshots (and events, and the expected tunnels) in, a ranked report out.

import { runDiagnosis } from './engine.js';
import type { DiagnosisInput, DiagnosisOptions, DiagnosisReport } from './types.js';

export function diagnose(input: DiagnosisInput, options: DiagnosisOptions = {}): DiagnosisReport {
  return runDiagnosis(input, options);
}

export { snapshotFromOutputs, snapshotsFromText, type CapturedOutput } from './captures.js';
export { renderJson } from './report/json.js';
export { renderMarkdown } from './report/markdown.js';
export { renderText } from './report/text.js';
export type { Rule, Candidate } from './rules/rule.js';
export * from './types.js';
