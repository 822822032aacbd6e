import React from 'react';
import { PanelPlugin, type PanelProps } from '@grafana/data';

/** Skeleton: replaced by the spike panel (uPlot chart, culprit card, summaries). */
function SpikePanel(props: PanelProps) {
  return <div>{props.data.series.length} frames</div>;
}

export const plugin = new PanelPlugin(SpikePanel).setDataSupport({ annotations: true });
