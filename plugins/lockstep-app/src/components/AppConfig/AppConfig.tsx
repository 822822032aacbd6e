import React, { useState, type FormEvent } from 'react';
import { lastValueFrom } from 'rxjs';
import { css } from '@emotion/css';
import type { AppPluginMeta, GrafanaTheme2, PluginConfigPageProps, PluginMeta } from '@grafana/data';
import { getBackendSrv, getDataSourceSrv } from '@grafana/runtime';
import { Alert, Button, Combobox, Field, FieldSet, useStyles2 } from '@grafana/ui';
import { DATASOURCE_TYPE, type LockstepAppSettings } from '../../constants';
import { NO_DATASOURCE } from '../explorer/useLockstepDataSource';
import { messageOf } from '../explorer/runQuery';

export interface AppConfigProps extends PluginConfigPageProps<AppPluginMeta<LockstepAppSettings>> {}

export const APP_CONFIG_TEST_IDS = {
  datasource: 'lockstep-config-datasource',
  submit: 'lockstep-config-submit',
  error: 'lockstep-config-error',
} as const;

/**
 * The app's configuration: which Lockstep data source its pages query. Only its uid is stored (in `jsonData`);
 * the correlator's URL and token are the data source's own settings.
 */
const AppConfig = ({ plugin }: AppConfigProps) => {
  const styles = useStyles2(getStyles);
  const { enabled, pinned, jsonData } = plugin.meta;
  const options = getDataSourceSrv()
    .getList({ type: DATASOURCE_TYPE })
    .map((ds) => ({ value: ds.uid, label: ds.name, description: ds.isDefault ? 'default' : undefined }));
  const [uid, setUid] = useState<string>(jsonData?.datasourceUid ?? options[0]?.value ?? '');
  const [error, setError] = useState<string | undefined>(undefined);
  const configured = jsonData?.datasourceUid;
  const missing = configured !== undefined && configured !== '' && !options.some((o) => o.value === configured);

  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!uid) {
      return;
    }
    try {
      await updatePlugin(plugin.meta.id, { enabled, pinned, jsonData: { ...jsonData, datasourceUid: uid } });
      // The app reads its settings when it loads: reload so the pages use the new data source.
      window.location.reload();
    } catch (e) {
      setError(`The settings were not saved: ${messageOf(e)}.`);
    }
  };

  return (
    <form onSubmit={onSubmit}>
      <FieldSet label="Lockstep data source">
        {options.length === 0 && (
          <Alert severity="info" title="No Lockstep data source">
            {NO_DATASOURCE}
          </Alert>
        )}
        {missing && (
          <Alert severity="warning" title="The configured data source is gone">
            The data source this app used (uid “{configured}”) no longer exists: choose another and save.
          </Alert>
        )}
        <Field
          label="Data source"
          description="The incident explorer queries this data source. The correlator's URL and token are set on the data source itself."
        >
          <Combobox
            id="lockstep-config-datasource"
            data-testid={APP_CONFIG_TEST_IDS.datasource}
            width={40}
            options={options}
            value={uid || null}
            placeholder="Choose a Lockstep data source"
            disabled={options.length === 0}
            onChange={(option) => setUid(option.value)}
          />
        </Field>
        {error !== undefined && (
          <Alert severity="error" title="Not saved" data-testid={APP_CONFIG_TEST_IDS.error}>
            {error}
          </Alert>
        )}
        <div className={styles.marginTop}>
          <Button type="submit" data-testid={APP_CONFIG_TEST_IDS.submit} disabled={!uid}>
            Save settings
          </Button>
        </div>
      </FieldSet>
    </form>
  );
};

export default AppConfig;

const getStyles = (theme: GrafanaTheme2) => ({
  marginTop: css({ marginTop: theme.spacing(3) }),
});

async function updatePlugin(pluginId: string, data: Partial<PluginMeta<LockstepAppSettings>>): Promise<unknown> {
  const response = getBackendSrv().fetch({
    url: `/api/plugins/${encodeURIComponent(pluginId)}/settings`,
    method: 'POST',
    data,
  });
  return lastValueFrom(response);
}
