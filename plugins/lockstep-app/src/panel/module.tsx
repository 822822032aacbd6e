import { PanelPlugin } from '@grafana/data';
import { buildOptions, type SpikeOptions } from './options';
import { SpikePanel } from './SpikePanel';

export const plugin = new PanelPlugin<SpikeOptions>(SpikePanel)
  .setPanelOptions(buildOptions)
  .setDataSupport({ annotations: true });
