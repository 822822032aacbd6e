/**
 * XSS and markup payloads for the browser harness. Each one, if it ever ran, would call `__xss(n)` with its own
 * number, so a hit names the payload. They are placed in every untrusted string a correlator passes on (process
 * names, executable paths, command lines, user names, rule names, rule outputs) and must come out as text.
 */

const VECTORS: ReadonlyArray<(n: number) => string> = [
  (n) => `<script>__xss(${n})</script>`,
  (n) => `<img src=x onerror=__xss(${n})>`,
  (n) => `<svg onload=__xss(${n})>`,
  (n) => `<svg><animate onbegin=__xss(${n}) attributeName=x dur=1s>`,
  (n) => `<iframe src="javascript:__xss(${n})"></iframe>`,
  (n) => `<iframe srcdoc="<script>parent.__xss(${n})</script>"></iframe>`,
  (n) => `<body onload=__xss(${n})>`,
  (n) => `<details open ontoggle=__xss(${n})>`,
  (n) => `<input autofocus onfocus=__xss(${n})>`,
  (n) => `<select autofocus onfocus=__xss(${n})>`,
  (n) => `<textarea autofocus onfocus=__xss(${n})>`,
  (n) => `<video><source onerror=__xss(${n})></video>`,
  (n) => `<audio src=x onerror=__xss(${n})>`,
  (n) => `<object data="javascript:__xss(${n})">`,
  (n) => `<embed src="javascript:__xss(${n})">`,
  (n) => `<form><button formaction=javascript:__xss(${n})>go</button></form>`,
  (n) => `<a href="javascript:__xss(${n})">link</a>`,
  (n) => `javascript:__xss(${n})`,
  (n) => `JaVaScRiPt:__xss(${n})`,
  (n) => ` javascript:__xss(${n})`,
  (n) => `java\tscript:__xss(${n})`,
  (n) => `data:text/html,<script>__xss(${n})</script>`,
  (n) => `vbscript:__xss(${n})`,
  (n) => `<math><mtext><table><mglyph><style><img src=x onerror=__xss(${n})>`,
  (n) => `<noscript><p title="</noscript><img src=x onerror=__xss(${n})>">`,
  (n) => `<!--<img src="--><img src=x onerror=__xss(${n})//">`,
  (n) => `<base href="javascript:__xss(${n})//">`,
  (n) => `<meta http-equiv="refresh" content="0;url=javascript:__xss(${n})">`,
  (n) => `<link rel=stylesheet href="javascript:__xss(${n})">`,
  (n) => `<div style="background:url(javascript:__xss(${n}))">x</div>`,
  (n) => `<style>*{background:url("javascript:__xss(${n})")}</style>`,
  (n) => `<marquee onstart=__xss(${n})>x</marquee>`,
  (n) => `<x contenteditable onblur=__xss(${n})>x</x>`,
  (n) => `<isindex type=image src=1 onerror=__xss(${n})>`,
  (n) => `{{constructor.constructor('__xss(${n})')()}}`,
  (n) => `\${__xss(${n})}`,
  (n) => `[click](javascript:__xss(${n}))`,
  (n) => `![x](x" onerror="__xss(${n}))`,
  (n) => `%3Cscript%3E__xss(${n})%3C%2Fscript%3E`,
  (n) => `&lt;img src=x onerror=__xss(${n})&gt;`,
  (n) => `\u003cimg src=x onerror=__xss(${n})\u003e`,
  (n) => `<svg><a xlink:href="javascript:__xss(${n})"><text y=20>x</text></a></svg>`,
  (n) => `<img src=x:__xss(${n}) onerror=eval(src)>`,
  (n) =>
    `jaVasCript:/*-/*\`/*'/*"/**/(/* */oNcliCk=__xss(${n}) )//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=__xss(${n})//>`,
  (n) => `<table background="javascript:__xss(${n})">`,
  (n) => `<object type="image/svg+xml" data="data:image/svg+xml,<svg onload=__xss(${n})>">`,
];

/** Breakouts a payload is tried behind: attribute quotes, closing tags, CDATA, a log-line break. */
const PREFIXES = ['', '"><', "'>", '</span></div>', ']]>', '\r\n[ERROR] forged log line '];

/** At least `count` distinct payloads, each calling `__xss(n)` with its own index n. */
export function payloads(count = 120): string[] {
  const out: string[] = [];
  for (let n = 0; out.length < count; n++) {
    const vector = VECTORS[n % VECTORS.length] ?? String;
    const prefix = PREFIXES[Math.floor(n / VECTORS.length) % PREFIXES.length] ?? '';
    out.push(`${prefix}${vector(n)}`);
  }
  return out;
}
