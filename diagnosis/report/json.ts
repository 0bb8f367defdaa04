// The report as JSON, for the server and for scripts.

import type { DiagnosisReport } from '../types.js';

export function renderJson(report: DiagnosisReport): string {
  return JSON.stringify(report, null, 2);
}
