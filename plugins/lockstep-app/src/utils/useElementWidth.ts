import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** Width used where the browser cannot measure (jsdom has no layout and no ResizeObserver). */
const FALLBACK_WIDTH_PX = 800;

/** The element's content width, kept current as it resizes. */
export function useElementWidth<T extends HTMLElement>(): [RefObject<T>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(FALLBACK_WIDTH_PX);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') {
      return undefined;
    }
    const measure = (): void => {
      const measured = element.getBoundingClientRect().width;
      if (measured > 0) {
        setWidth(Math.floor(measured));
      }
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
