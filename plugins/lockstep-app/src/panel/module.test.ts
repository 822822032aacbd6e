import type { PanelOptionsEditorBuilder } from '@grafana/data';
import { plugin } from './module';
import { buildOptions, DEFAULT_OPTIONS, type SpikeOptions } from './options';

/** Records what the options builder is asked for (Grafana's editor registry only exists inside Grafana). */
function recordingBuilder(): {
  builder: PanelOptionsEditorBuilder<SpikeOptions>;
  added: Array<Record<string, unknown>>;
} {
  const added: Array<Record<string, unknown>> = [];
  const builder = new Proxy({} as PanelOptionsEditorBuilder<SpikeOptions>, {
    get: (_target, method) => (config: Record<string, unknown>) => {
      added.push({ method, ...config });
      return builder;
    },
  });
  return { builder, added };
}

describe('spike panel plugin', () => {
  it('asks Grafana for the dashboard annotations', () => {
    expect(plugin.dataSupport.annotations).toBe(true);
  });

  it('offers every option with its default', () => {
    const { builder, added } = recordingBuilder();
    buildOptions(builder);
    expect(Object.fromEntries(added.map((a) => [a.path, a.defaultValue]))).toEqual(DEFAULT_OPTIONS);
    expect(added.map((a) => a.method)).toEqual([
      'addRadio',
      'addRadio',
      'addBooleanSwitch',
      'addBooleanSwitch',
      'addBooleanSwitch',
      'addSliderInput',
    ]);
  });
});
