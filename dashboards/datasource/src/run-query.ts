// One panel query, answered: the API call its kind needs, then the frames of the answer.

import type { DataFrameDTO } from '@grafana/data';
import type { DmvpnApi } from './api-client.js';
import { diagnosisFrame, eventsFrame, findingsFrame, topologyFrames } from './frames.js';
import { deviceList, type DmvpnQuery, type TimeWindow } from './query.js';

const blankToUndefined = (text: string | undefined): string | undefined => {
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
};

export async function runQuery(
  api: DmvpnApi,
  query: DmvpnQuery,
  window: TimeWindow,
): Promise<DataFrameDTO[]> {
  const device = blankToUndefined(query.device);
  switch (query.kind) {
    case 'topology':
      return topologyFrames(await api.topology(), query.refId);
    case 'events':
      return [eventsFrame(await api.tunnelEvents(device, window), query.refId)];
    case 'diagnose': {
      const run = await api.diagnose(deviceList(query.devices), query.severity);
      return [diagnosisFrame(run.report?.findings ?? [], query.refId)];
    }
    case 'findings':
    default:
      return [
        findingsFrame(
          await api.findings({ device, state: query.state, severity: query.severity }, window),
          query.refId,
        ),
      ];
  }
}
