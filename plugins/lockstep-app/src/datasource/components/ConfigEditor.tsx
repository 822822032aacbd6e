import React from 'react';
import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { Field, Input, SecretInput, Stack, Text } from '@grafana/ui';
import type { LockstepDataSourceOptions, LockstepSecureJsonData } from '../../common/query';

type Props = DataSourcePluginOptionsEditorProps<LockstepDataSourceOptions, LockstepSecureJsonData>;

/**
 * The correlator's URL (jsonData: readable by every Viewer) and its API token (secureJsonData: encrypted by Grafana
 * and only ever sent to the data proxy, which adds it as a bearer token; the browser never reads it back).
 */
export function ConfigEditor({ options, onOptionsChange }: Props) {
  const { jsonData, secureJsonFields, secureJsonData } = options;
  return (
    <Stack direction="column" gap={1}>
      <Text color="secondary">
        Lockstep correlates CPU and latency spikes with security signals. Point this data source at the correlator
        (lockstep serve): Grafana&apos;s server calls it through its data proxy, so the correlator need not be reachable
        from browsers.
      </Text>
      <Field
        label="Correlator URL"
        description="The address of the correlator's query API (its api listener), without a path."
        required
      >
        <Input
          id="lockstep-correlator-url"
          width={48}
          placeholder="http://correlator:8480"
          value={jsonData.url ?? ''}
          onChange={(event) =>
            onOptionsChange({ ...options, jsonData: { ...jsonData, url: event.currentTarget.value.trim() } })
          }
        />
      </Field>
      <Field
        label="API token"
        description="The correlator's api.token. Leave empty when the correlator runs without one (loopback only)."
      >
        <SecretInput
          id="lockstep-api-token"
          width={48}
          placeholder="api.token"
          isConfigured={secureJsonFields?.apiToken === true}
          value={secureJsonData?.apiToken ?? ''}
          onChange={(event) =>
            onOptionsChange({ ...options, secureJsonData: { ...secureJsonData, apiToken: event.currentTarget.value } })
          }
          onReset={() =>
            onOptionsChange({
              ...options,
              secureJsonFields: { ...secureJsonFields, apiToken: false },
              secureJsonData: { ...secureJsonData, apiToken: '' },
            })
          }
        />
      </Field>
    </Stack>
  );
}
