import { DataHoverClearEvent, DataHoverEvent, type BusEvent, type EventBus } from '@grafana/data';

/**
 * The dashboard's shared crosshair, over the panel's event bus: this panel publishes `DataHoverEvent` with the
 * hovered time (`payload.point.time`, as Grafana's time-series panels read it) and follows other panels' events.
 * Grafana's scoped bus stamps `origin`; a plain bus (tests, the harness) does not, so the panel also remembers
 * the events it sent and ignores their echo.
 */
export interface CrosshairSync {
  /** The cursor moved under the user's mouse: a time, or undefined when it left the plot. */
  hover(time: number | undefined): void;
  dispose(): void;
}

export interface CrosshairHandlers {
  onHover(time: number): void;
  onClear(): void;
}

export function crosshairSync(eventBus: EventBus, handlers: CrosshairHandlers): CrosshairSync {
  const own = new WeakSet<BusEvent>();
  const foreign = (evt: BusEvent): boolean => !own.has(evt) && evt.origin !== eventBus;
  let last: number | undefined;

  const subscriptions = [
    eventBus.getStream(DataHoverEvent).subscribe((evt) => {
      const time = evt.payload?.point?.time;
      if (foreign(evt) && typeof time === 'number' && Number.isFinite(time)) {
        handlers.onHover(time);
      }
    }),
    eventBus.getStream(DataHoverClearEvent).subscribe((evt) => {
      if (foreign(evt)) {
        handlers.onClear();
      }
    }),
  ];

  const publish = (evt: BusEvent): void => {
    own.add(evt);
    eventBus.publish(evt);
  };

  return {
    hover(time) {
      if (time === last) {
        return;
      }
      last = time;
      publish(time === undefined ? new DataHoverClearEvent() : new DataHoverEvent({ point: { time } }));
    },
    dispose() {
      subscriptions.forEach((s) => s.unsubscribe());
    },
  };
}
