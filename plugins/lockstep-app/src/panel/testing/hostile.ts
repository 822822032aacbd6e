import type { Strings } from './fixtures';

/**
 * Markup and script payloads for hostile-data tests: each must show up as literal text and never become an
 * element, an attribute or a link.
 */
export const PAYLOADS: readonly string[] = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  'javascript:alert(1)',
  '"><svg onload=alert(1)>',
  "'><iframe src=javascript:alert(1)></iframe>",
  '<a href="javascript:alert(1)">x</a>',
  '{{constructor.constructor("alert(1)")()}}',
  '<style>*{display:none}</style>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '&lt;img src=x onerror=alert(1)&gt;',
];

/** One payload per untrusted string of an incident, so every place gets a different one. */
export function hostileStrings(offset = 0): Strings {
  const p = (i: number): string => `${PAYLOADS[(i + offset) % PAYLOADS.length]}#${i}`;
  return {
    name: p(0),
    path: p(1),
    commandLine: p(2),
    owner: p(3),
    parent: p(4),
    container: p(5),
    rule: p(6),
    output: p(7),
    host: p(8),
    summary: p(9),
  };
}

/**
 * Elements or attributes a payload could have injected: tags no part of the UI renders (Grafana's icons are svg,
 * so svg counts only with an event handler), any `on*` attribute, and `javascript:` links.
 */
export function injectedElements(root: HTMLElement): Element[] {
  const tags = Array.from(
    root.querySelectorAll('img, script, iframe, math, object, embed, style, a[href^="javascript"]')
  );
  const handlers = Array.from(root.querySelectorAll('*')).filter((el) =>
    Array.from(el.attributes).some((a) => a.name.toLowerCase().startsWith('on'))
  );
  const links = Array.from(root.querySelectorAll('a[href]')).filter((a) =>
    /^\s*javascript:/i.test(a.getAttribute('href') ?? '')
  );
  return [...tags, ...handlers, ...links];
}
