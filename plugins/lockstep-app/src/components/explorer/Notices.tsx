import React from 'react';
import type { DataFrame } from '@grafana/data';
import { Alert } from '@grafana/ui';

/** The data source's notices on its frames (e.g. "more match: raise the limit"), once each. */
export function noticesOf(frames: readonly DataFrame[]): string[] {
  const texts = frames.flatMap((f) => f.meta?.notices ?? []).map((n) => n.text);
  return [...new Set(texts)].filter((t) => t !== '');
}

export function Notices({ frames }: { frames: readonly DataFrame[] }) {
  const texts = noticesOf(frames);
  if (texts.length === 0) {
    return null;
  }
  return (
    <Alert severity="info" title="From the data source">
      {texts.map((text) => (
        <div key={text}>{text}</div>
      ))}
    </Alert>
  );
}
