import { GAP_PX, spikeLayout } from './layout';

describe('spikeLayout', () => {
  it('puts the card beside the chart on a wide panel', () => {
    expect(spikeLayout(1000, 300, true, 38)).toEqual({
      direction: 'row',
      chart: { width: 1000 - 380 - GAP_PX, height: 300 },
      card: { width: 380, height: 300 },
    });
  });

  it('keeps the card and the chart usable at the extremes of the card width', () => {
    expect(spikeLayout(600, 300, true, 20).card?.width).toBe(220);
    expect(spikeLayout(600, 300, true, 60).card?.width).toBe(340);
  });

  it('stacks the card under the chart on a narrow panel', () => {
    expect(spikeLayout(400, 500, true, 38)).toEqual({
      direction: 'column',
      chart: { width: 400, height: 250 },
      card: { width: 400, height: 250 - GAP_PX },
    });
  });

  it('gives the chart everything without a card', () => {
    expect(spikeLayout(400, 200, false, 38)).toEqual({ direction: 'row', chart: { width: 400, height: 200 } });
  });
});
