// The datasource settings: where the dmvpn-watch API is (as Grafana's server reaches it) and the token it accepts.

import * as React from 'react';
import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { InlineField, Input, SecretInput, Stack } from '@grafana/ui';
import type { DmvpnOptions, DmvpnSecureOptions } from './query.js';

type Props = DataSourcePluginOptionsEditorProps<DmvpnOptions, DmvpnSecureOptions>;

export function ConfigEditor({ options, onOptionsChange }: Props) {
  const tokenSet = Boolean(options.secureJsonFields?.apiToken);
  return (
    <Stack direction="column" gap={1}>
      <InlineField
        label="API URL"
        labelWidth={16}
        tooltip="The dmvpn-watch API as the Grafana server reaches it (Grafana proxies every call)"
      >
        <Input
          width={48}
          placeholder="http://dmvpn-watch.example.net:8080"
          value={options.jsonData.apiUrl ?? ''}
          onChange={(event) =>
            onOptionsChange({
              ...options,
              access: 'proxy',
              jsonData: { ...options.jsonData, apiUrl: event.currentTarget.value.replace(/\/+$/, '') },
            })
          }
        />
      </InlineField>
      <InlineField
        label="API token"
        labelWidth={16}
        tooltip="A viewer token reads; an operator token also lets the Diagnose now query poll routers"
      >
        <SecretInput
          width={48}
          isConfigured={tokenSet}
          value={options.secureJsonData?.apiToken ?? ''}
          onChange={(event) =>
            onOptionsChange({ ...options, secureJsonData: { apiToken: event.currentTarget.value } })
          }
          onReset={() =>
            onOptionsChange({
              ...options,
              secureJsonFields: { ...options.secureJsonFields, apiToken: false },
              secureJsonData: { apiToken: '' },
            })
          }
        />
      </InlineField>
    </Stack>
  );
}
