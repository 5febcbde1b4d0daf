"use client";
import { Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

export type KeyValueRow = { key: string; value: string };

export function rowsFromRecord(record: Record<string, string>): KeyValueRow[] {
  return Object.entries(record).map(([key, value]) => ({ key, value }));
}

/** Rows with a blank key are ignored; the last duplicate of a key wins (the server validates keys). */
export function recordFromRows(rows: KeyValueRow[]): Record<string, string> {
  return Object.fromEntries(rows.filter((r) => r.key.trim() !== "").map((r) => [r.key.trim(), r.value]));
}

/** Editable list of name/value pairs (tags, properties). Every input is labelled by its row. */
export function KeyValueEditor({
  label,
  itemLabel,
  rows,
  onChange,
  keyPlaceholder = "name",
  valuePlaceholder = "value",
}: {
  label: string;
  /** The singular shown on the add button: "tag", "property". */
  itemLabel: string;
  rows: KeyValueRow[];
  onChange: (rows: KeyValueRow[]) => void;
  keyPlaceholder?: string;
  valuePlaceholder?: string;
}) {
  const update = (index: number, patch: Partial<KeyValueRow>) =>
    onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-sm font-medium">{label}</legend>
      {rows.length === 0 ? <p className="text-sm text-muted">None.</p> : null}
      {rows.map((row, index) => (
        <div key={index} className="flex items-center gap-2">
          <Input
            aria-label={`${label} ${index + 1} name`}
            placeholder={keyPlaceholder}
            value={row.key}
            onChange={(e) => update(index, { key: e.target.value })}
            className="font-mono"
          />
          <Input
            aria-label={`${label} ${index + 1} value`}
            placeholder={valuePlaceholder}
            value={row.value}
            onChange={(e) => update(index, { value: e.target.value })}
            className="font-mono"
          />
          <Button
            variant="ghost"
            size="sm"
            aria-label={`Remove ${label.toLowerCase()} ${row.key || index + 1}`}
            onClick={() => onChange(rows.filter((_, i) => i !== index))}
          >
            <Trash2 size={14} aria-hidden />
          </Button>
        </div>
      ))}
      <div>
        <Button size="sm" onClick={() => onChange([...rows, { key: "", value: "" }])}>
          <Plus size={14} aria-hidden /> Add {itemLabel}
        </Button>
      </div>
    </fieldset>
  );
}
