import { DataHoverClearEvent, DataHoverEvent, EventBusSrv, type BusEvent } from '@grafana/data';
import { crosshairSync } from './crosshair';

function setup() {
  const bus = new EventBusSrv();
  const seen: BusEvent[] = [];
  bus.subscribe(DataHoverEvent, (e) => seen.push(e));
  bus.subscribe(DataHoverClearEvent, (e) => seen.push(e));
  const onHover = jest.fn();
  const onClear = jest.fn();
  const sync = crosshairSync(bus, { onHover, onClear });
  return { bus, seen, onHover, onClear, sync };
}

describe('crosshairSync', () => {
  it('publishes the hovered time as a DataHoverEvent and a clear when the cursor leaves', () => {
    const { seen, sync } = setup();
    sync.hover(1000);
    sync.hover(undefined);
    expect(seen[0]).toBeInstanceOf(DataHoverEvent);
    expect((seen[0] as DataHoverEvent).payload.point.time).toBe(1000);
    expect(seen[1]).toBeInstanceOf(DataHoverClearEvent);
  });

  it('publishes a time once however many mouse moves land on it', () => {
    const { seen, sync } = setup();
    sync.hover(1000);
    sync.hover(1000);
    sync.hover(2000);
    expect(seen).toHaveLength(2);
  });

  it("follows other panels' hover and clear events", () => {
    const { bus, onHover, onClear } = setup();
    bus.publish(new DataHoverEvent({ point: { time: 5000 } }));
    bus.publish(new DataHoverClearEvent());
    expect(onHover).toHaveBeenCalledWith(5000);
    expect(onClear).toHaveBeenCalledTimes(1);
  });

  it('ignores its own events, on a plain bus and on a scoped one that stamps origin', () => {
    const { bus, onHover, onClear, sync } = setup();
    sync.hover(1000);
    sync.hover(undefined);
    const stamped = new DataHoverEvent({ point: { time: 7 } });
    Object.assign(stamped, { origin: bus });
    bus.publish(stamped);
    expect(onHover).not.toHaveBeenCalled();
    expect(onClear).not.toHaveBeenCalled();
  });

  it('ignores events without a usable time', () => {
    const { bus, onHover } = setup();
    bus.publish(new DataHoverEvent({ point: { time: null } }));
    expect(onHover).not.toHaveBeenCalled();
  });

  it('stops following after dispose', () => {
    const { bus, onHover, sync } = setup();
    sync.dispose();
    bus.publish(new DataHoverEvent({ point: { time: 5000 } }));
    expect(onHover).not.toHaveBeenCalled();
  });
});
