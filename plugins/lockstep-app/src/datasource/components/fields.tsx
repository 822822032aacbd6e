import React, { useId, useState } from 'react';
import type { SelectableValue } from '@grafana/data';
import { InlineField, Input, RadioButtonGroup } from '@grafana/ui';

export const LABEL_WIDTH = 14;

interface TextFieldProps {
  label: string;
  tooltip: string;
  value: string | undefined;
  placeholder?: string;
  width?: number;
  onChange: (value: string | undefined) => void;
  /** Called when the field loses focus: the moment to run the query. */
  onCommit: () => void;
}

/** A labelled text input whose value may hold template variables; empty stores undefined. */
export function TextField({ label, tooltip, value, placeholder, width = 24, onChange, onCommit }: TextFieldProps) {
  const id = useId();
  return (
    <InlineField label={label} labelWidth={LABEL_WIDTH} tooltip={tooltip} htmlFor={id}>
      <Input
        id={id}
        width={width}
        value={value ?? ''}
        placeholder={placeholder}
        onChange={(event) => onChange(event.currentTarget.value === '' ? undefined : event.currentTarget.value)}
        onBlur={onCommit}
      />
    </InlineField>
  );
}

interface NumberFieldProps {
  label: string;
  tooltip: string;
  value: number | undefined;
  min: number;
  max: number;
  step?: number;
  placeholder?: string;
  onCommit: (value: number | undefined) => void;
}

/**
 * A labelled number input kept as text while it is typed (so "0." can become "0.5") and committed on blur, clamped
 * to [min, max]; empty commits undefined (the query's default).
 */
export function NumberField({ label, tooltip, value, min, max, step = 1, placeholder, onCommit }: NumberFieldProps) {
  const id = useId();
  const shown = value === undefined ? '' : String(value);
  const [text, setText] = useState(shown);
  // A value changed from outside (another editor, a saved query) replaces what was being typed.
  const [committed, setCommitted] = useState(shown);
  if (committed !== shown) {
    setCommitted(shown);
    setText(shown);
  }
  const commit = () => {
    const parsed = Number(text);
    const next = text.trim() === '' || !Number.isFinite(parsed) ? undefined : Math.min(max, Math.max(min, parsed));
    const nextText = next === undefined ? '' : String(next);
    setText(nextText);
    setCommitted(nextText);
    onCommit(next);
  };
  return (
    <InlineField label={label} labelWidth={LABEL_WIDTH} tooltip={tooltip} htmlFor={id}>
      <Input
        id={id}
        type="number"
        width={12}
        min={min}
        max={max}
        step={step}
        value={text}
        placeholder={placeholder}
        onChange={(event) => setText(event.currentTarget.value)}
        onBlur={commit}
      />
    </InlineField>
  );
}

interface ChoiceFieldProps<T> {
  label: string;
  tooltip: string;
  value: T;
  options: Array<SelectableValue<T>>;
  onChange: (value: T) => void;
}

/** A labelled set of radio buttons (a radiogroup named by the label: reachable and announced by keyboard). */
export function ChoiceField<T>({ label, tooltip, value, options, onChange }: ChoiceFieldProps<T>) {
  return (
    <InlineField label={label} labelWidth={LABEL_WIDTH} tooltip={tooltip}>
      <RadioButtonGroup<T> aria-label={label} options={options} value={value} onChange={onChange} />
    </InlineField>
  );
}
