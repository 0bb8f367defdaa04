// The query: what to ask the API for (findings, topology, tunnel events, a diagnosis now) and its filters.

import * as React from 'react';
import type { QueryEditorProps } from '@grafana/data';
import { InlineField, Input, RadioButtonGroup, Stack } from '@grafana/ui';
import type { DmvpnDataSource } from './datasource.js';
import {
  QUERY_KINDS,
  type DmvpnOptions,
  type DmvpnQuery,
  type FindingsState,
  type Severity,
} from './query.js';

type Props = QueryEditorProps<DmvpnDataSource, DmvpnQuery, DmvpnOptions>;

const STATES: { value: FindingsState; label: string }[] = [
  { value: 'active', label: 'Active' },
  { value: 'cleared', label: 'Cleared in range' },
  { value: 'all', label: 'Both' },
];

const SEVERITIES: { value: Severity | ''; label: string }[] = [
  { value: '', label: 'Any' },
  { value: 'critical', label: 'Critical' },
  { value: 'major', label: 'Major' },
  { value: 'minor', label: 'Minor' },
  { value: 'info', label: 'Info' },
];

export function QueryEditor({ query, onChange, onRunQuery }: Props) {
  const kind = query.kind ?? 'findings';
  const update = (change: Partial<DmvpnQuery>, run = true) => {
    onChange({ ...query, ...change });
    if (run) onRunQuery();
  };
  const severity = (
    <InlineField label={kind === 'diagnose' ? 'Min severity' : 'Severity'} labelWidth={14}>
      <RadioButtonGroup
        options={SEVERITIES}
        value={query.severity ?? ''}
        onChange={(value: Severity | '') => update({ severity: value === '' ? undefined : value })}
      />
    </InlineField>
  );
  const device = (
    <InlineField label="Device" labelWidth={14} tooltip="One device name or a template variable; empty: all">
      <Input
        width={24}
        value={query.device ?? ''}
        onChange={(event) => update({ device: event.currentTarget.value }, false)}
        onBlur={() => onRunQuery()}
      />
    </InlineField>
  );
  return (
    <Stack direction="column" gap={1}>
      <InlineField label="Query" labelWidth={14}>
        <RadioButtonGroup options={QUERY_KINDS} value={kind} onChange={(value) => update({ kind: value })} />
      </InlineField>
      {kind === 'findings' && (
        <>
          {device}
          <InlineField label="Findings" labelWidth={14}>
            <RadioButtonGroup
              options={STATES}
              value={query.state ?? 'active'}
              onChange={(value) => update({ state: value })}
            />
          </InlineField>
          {severity}
        </>
      )}
      {kind === 'events' && device}
      {kind === 'diagnose' && (
        <>
          <InlineField
            label="Devices"
            labelWidth={14}
            tooltip="Names separated by commas (or a multi-value variable); empty: every device. Needs an operator token."
          >
            <Input
              width={48}
              value={query.devices ?? ''}
              onChange={(event) => update({ devices: event.currentTarget.value }, false)}
              onBlur={() => onRunQuery()}
            />
          </InlineField>
          {severity}
        </>
      )}
    </Stack>
  );
}
