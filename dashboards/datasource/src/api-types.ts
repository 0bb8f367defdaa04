// The shapes the dmvpn-watch REST API answers with, taken from the server's own response schemas so that the plugin
// and the API cannot drift apart (types only: nothing of the server ends up in the bundle).

import type { z } from 'zod';
import type {
  deviceSummarySchema,
  runSchema,
  storedFindingSchema,
  topologySchema,
  tunnelEventSchema,
} from '../../../server/schemas.js';

export type Topology = z.output<typeof topologySchema>;
export type TopologyNode = Topology['nodes'][number];
export type TopologyEdge = Topology['edges'][number];
export type StoredFinding = z.output<typeof storedFindingSchema>;
export type TunnelEvent = z.output<typeof tunnelEventSchema>;
export type DiagnosisRun = z.output<typeof runSchema>;
export type DiagnosedFinding = NonNullable<DiagnosisRun['report']>['findings'][number];
export type DeviceSummary = z.output<typeof deviceSummarySchema>;
