/** Below this width the card goes under the chart instead of beside it. */
export const SIDE_BY_SIDE_MIN_PX = 600;
export const GAP_PX = 8;
/** Narrowest useful card and chart beside each other. */
const MIN_CARD_PX = 220;
const MIN_CHART_PX = 260;
/** Stacked: the chart takes half the height, within these bounds. */
const MIN_STACKED_CHART_PX = 120;

export interface Box {
  width: number;
  height: number;
}

export interface SpikeLayout {
  direction: 'row' | 'column';
  chart: Box;
  card?: Box;
}

/** Chart and card boxes for the panel's size; without a card the chart takes everything. */
export function spikeLayout(width: number, height: number, withCard: boolean, cardPercent: number): SpikeLayout {
  if (!withCard) {
    return { direction: 'row', chart: { width, height } };
  }
  if (width >= SIDE_BY_SIDE_MIN_PX) {
    const card = Math.min(Math.max(Math.round((width * cardPercent) / 100), MIN_CARD_PX), width - MIN_CHART_PX);
    return { direction: 'row', chart: { width: width - card - GAP_PX, height }, card: { width: card, height } };
  }
  const chartHeight = Math.min(height, Math.max(MIN_STACKED_CHART_PX, Math.round(height / 2)));
  return {
    direction: 'column',
    chart: { width, height: chartHeight },
    card: { width, height: Math.max(0, height - chartHeight - GAP_PX) },
  };
}
