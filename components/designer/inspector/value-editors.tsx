"use client";
import { useId } from "react";
import type { DataChoice } from "@/lib/pipeline/catalog";
import type { LiteralValue, Port } from "@/lib/pipeline/types";
import { Input, Select } from "@/components/ui/input";
import { useDraftText } from "@/components/designer/inspector/fields";

// Editors for the two kinds of value an input can be given: a literal and a data asset version.

/** A value an input accepts, to start editing from: its default, else the first allowed value. */
export function startingLiteral(port: Pick<Port, "type" | "default" | "min" | "max" | "enum">): LiteralValue {
  if (port.default !== undefined) return port.default;
  if (port.type === "boolean") return false;
  if (port.type === "integer" || port.type === "number") {
    const lowest = Math.min(Math.max(0, port.min ?? 0), port.max ?? Infinity);
    return port.type === "integer" ? Math.ceil(lowest) : lowest;
  }
  return port.enum?.[0] ?? "";
}

export function LiteralEditor({
  port,
  value,
  disabled,
  onCommit,
}: {
  port: Pick<Port, "name" | "type" | "enum">;
  value: LiteralValue;
  disabled: boolean;
  onCommit: (value: LiteralValue) => string | null;
}) {
  const id = useId();
  const [text, setText] = useDraftText(String(value));
  if (port.type === "boolean") {
    return (
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={value === true}
          disabled={disabled}
          onChange={(e) => onCommit(e.target.checked)}
        />
        {port.name} is true
      </label>
    );
  }
  if (port.enum?.length) {
    return (
      <Select
        aria-label={`Value of ${port.name}`}
        className="h-8"
        value={String(value)}
        disabled={disabled}
        onChange={(e) => onCommit(e.target.value)}
      >
        {port.enum.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </Select>
    );
  }
  const commit = () => {
    if (text !== String(value)) onCommit(text);
  };
  return (
    <Input
      id={id}
      aria-label={`Value of ${port.name}`}
      className="h-8"
      inputMode={port.type === "integer" || port.type === "number" ? "decimal" : undefined}
      value={text}
      disabled={disabled}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === "Enter") commit();
      }}
    />
  );
}

/** A data asset and its version: `name@latest` or `name:3`, from the workspace or a registry. */
export function DataRefEditor({
  value,
  choices,
  disabled,
  label,
  onChange,
}: {
  value: string;
  choices: DataChoice[];
  disabled: boolean;
  label: string;
  onChange: (ref: string) => void;
}) {
  const base = value.replace(/(@latest|:\d+)$/, "");
  const version = value.endsWith("@latest") ? "latest" : (value.match(/:(\d+)$/)?.[1] ?? "latest");
  const choice = choices.find((c) => c.ref === `${base}@latest`);
  const refOf = (name: string, v: string) => (v === "latest" ? `${name}@latest` : `${name}:${v}`);
  return (
    <div className="flex gap-1">
      <Select
        aria-label={label}
        className="h-8 min-w-0 flex-1"
        value={`${base}@latest`}
        disabled={disabled}
        onChange={(e) => onChange(refOf(e.target.value.replace(/@latest$/, ""), "latest"))}
      >
        {choice ? null : <option value={`${base}@latest`}>{base} (not found)</option>}
        {choices.map((c) => (
          <option key={c.ref} value={c.ref}>
            {c.label}
          </option>
        ))}
      </Select>
      <Select
        aria-label={`${label}: version`}
        className="h-8 w-24"
        value={version}
        disabled={disabled}
        onChange={(e) => onChange(refOf(base, e.target.value))}
      >
        <option value="latest">latest</option>
        {(choice?.versions ?? (version === "latest" ? [] : [Number(version)])).map((v) => (
          <option key={v} value={String(v)}>
            v{v}
          </option>
        ))}
      </Select>
    </div>
  );
}
