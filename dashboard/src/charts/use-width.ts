import { useLayoutEffect, useRef, useState } from "preact/hooks";

/**
 * The width an element is laid out at, kept current with a ResizeObserver. Charts draw in real pixels
 * rather than scaling a fixed viewBox, so their text stays readable on a 375 px phone.
 */
export function useWidth<E extends HTMLElement>(fallback: number) {
  const ref = useRef<E>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setWidth(Math.max(200, Math.floor(element.getBoundingClientRect().width)) || fallback);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}
