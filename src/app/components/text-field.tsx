import type { ComponentChildren, JSX } from 'preact';

/** Input attributes a TextField passes through (type, inputMode, limits, autocomplete, data-testid…). */
export type TextFieldAttributes = Omit<
  JSX.InputHTMLAttributes<HTMLInputElement>,
  'id' | 'value' | 'onInput' | 'children'
>;

/**
 * A labelled text input bound to one value, with an optional hint under it (the input is described by it) and
 * whatever the caller shows below (a field's problem).
 */
export function TextField({
  id,
  label,
  hint,
  value,
  onValue,
  children,
  ...attributes
}: TextFieldAttributes & {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onValue: (value: string) => void;
  children?: ComponentChildren;
}) {
  const hintId = `${id}-hint`;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        {...attributes}
        id={id}
        value={value}
        {...(hint === undefined ? {} : { 'aria-describedby': hintId })}
        onInput={(e) => onValue(e.currentTarget.value)}
      />
      {hint !== undefined && (
        <p id={hintId} class="hint">
          {hint}
        </p>
      )}
      {children}
    </div>
  );
}
