"use client";
import { useState } from "react";
import { Pencil } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/input";
import { Alert, TagChip } from "@/components/ui/misc";
import { useServerAction } from "@/components/ui/use-server-action";
import { KeyValueEditor, recordFromRows, rowsFromRecord } from "@/components/models/key-value-editor";
import type { ScopeKind } from "@/lib/scopes";
import type { ActionResult } from "@/lib/action-result";

export type VersionTarget = { scope: { kind: ScopeKind; name: string }; name: string; version: number };

/** The page's server action (bound to the version) that saves a change to its tags or description. */
export type SaveVersionChange = (change: {
  tags?: Record<string, string>;
  description?: string;
}) => Promise<ActionResult<unknown>>;

/** Saves a change to a version, then confirms it and closes the editor. */
function useVersionUpdate(update: SaveVersionChange) {
  const { error, isPending, run } = useServerAction();
  const save = (change: Parameters<SaveVersionChange>[0], confirmation: string, onSaved: () => void) =>
    run<unknown>(() => update(change), confirmation, onSaved);
  return { error, isPending, save };
}

export function TagsEditor({
  tags,
  canEdit,
  update,
}: {
  tags: Record<string, string>;
  canEdit: boolean;
  update: SaveVersionChange;
}) {
  const [isEditing, setEditing] = useState(false);
  const [rows, setRows] = useState(rowsFromRecord(tags));
  const { error, isPending, save } = useVersionUpdate(update);
  if (!isEditing) {
    return (
      <div className="flex flex-col gap-3">
        {Object.keys(tags).length ? (
          <ul aria-label="Tags" className="flex flex-wrap gap-1.5">
            {Object.entries(tags).map(([k, v]) => (
              <li key={k}>
                <TagChip name={k} value={v} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-muted">No tags.</p>
        )}
        {canEdit ? (
          <div>
            <Button
              size="sm"
              onClick={() => {
                setRows(rowsFromRecord(tags));
                setEditing(true);
              }}
            >
              <Pencil size={13} aria-hidden /> Edit tags
            </Button>
          </div>
        ) : null}
      </div>
    );
  }
  return (
    <form
      aria-label="Edit tags"
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        save({ tags: recordFromRows(rows) }, "Tags saved", () => setEditing(false));
      }}
    >
      {error ? <Alert>{error}</Alert> : null}
      <KeyValueEditor
        label="Tags"
        itemLabel="tag"
        rows={rows}
        onChange={setRows}
        keyPlaceholder="team"
        valuePlaceholder="vision"
      />
      <div className="flex gap-2">
        <Button type="submit" variant="primary" size="sm" disabled={isPending}>
          Save tags
        </Button>
        <Button size="sm" variant="ghost" onClick={() => setEditing(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

export function DescriptionEditor({
  description,
  canEdit,
  update,
}: {
  description: string;
  canEdit: boolean;
  update: SaveVersionChange;
}) {
  const [isEditing, setEditing] = useState(false);
  const [text, setText] = useState(description);
  const { error, isPending, save } = useVersionUpdate(update);
  if (!isEditing) {
    return (
      <div className="flex flex-col gap-2">
        <p className="whitespace-pre-wrap text-sm">
          {description || <span className="text-muted">No description.</span>}
        </p>
        {canEdit ? (
          <div>
            <Button
              size="sm"
              onClick={() => {
                setText(description);
                setEditing(true);
              }}
            >
              <Pencil size={13} aria-hidden /> Edit description
            </Button>
          </div>
        ) : null}
      </div>
    );
  }
  return (
    <form
      aria-label="Edit description"
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        save({ description: text }, "Description saved", () => setEditing(false));
      }}
    >
      {error ? <Alert>{error}</Alert> : null}
      <label htmlFor="description-input" className="sr-only">
        Description
      </label>
      <Textarea id="description-input" value={text} onChange={(e) => setText(e.target.value)} maxLength={5000} />
      <div className="flex gap-2">
        <Button type="submit" variant="primary" size="sm" disabled={isPending}>
          Save description
        </Button>
        <Button size="sm" variant="ghost" onClick={() => setEditing(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
