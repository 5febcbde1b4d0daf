"use client";
import { useId, useState, type ReactNode } from "react";
import { Input, Textarea } from "@/components/ui/input";

// The pieces the panels are built from: a titled section, a field's error, and a text field that edits
// when it is committed.

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="flex flex-col gap-2 border-b border-border p-3">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-muted">{title}</h3>
      {children}
    </section>
  );
}

export function FieldError({ id, error }: { id: string; error: string | null }) {
  return error ? (
    <p id={id} className="text-xs text-danger" role="alert">
      {error}
    </p>
  ) : null;
}

/**
 * The text being edited for `value`: starts from it and follows it when it changes from outside (an undo,
 * another field), as React's "adjusting state when a prop changes" does, without an effect.
 */
export function useDraftText(value: string) {
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(value);
  }
  return [text, setText] as const;
}

/** A text field that edits on Enter or when it loses focus, and shows why an edit was refused. */
export function CommitField({
  label,
  value,
  onCommit,
  disabled,
  multiline,
  hint,
  placeholder,
}: {
  label: string;
  value: string;
  onCommit: (text: string) => string | null;
  disabled?: boolean;
  multiline?: boolean;
  hint?: string;
  placeholder?: string;
}) {
  const id = useId();
  const [text, setText] = useDraftText(value);
  const [error, setError] = useState<string | null>(null);
  const commit = () => {
    if (text === value) return setError(null);
    setError(onCommit(text));
  };
  const common = {
    id,
    value: text,
    disabled,
    placeholder,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${id}-error` : undefined,
    onChange: (e: { target: { value: string } }) => setText(e.target.value),
    onBlur: commit,
  };
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      {multiline ? (
        <Textarea {...common} className="min-h-16" />
      ) : (
        <Input
          {...common}
          className="h-8"
          onKeyDown={(e) => {
            if (e.key === "Enter") commit();
            if (e.key === "Escape") {
              setText(value);
              setError(null);
            }
          }}
        />
      )}
      {hint && !error ? <p className="text-xs text-muted">{hint}</p> : null}
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}
