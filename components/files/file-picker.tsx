"use client";
import { useRef } from "react";
import { FolderUp, Upload, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { formatBytes } from "@/lib/format";
import { isGitFileToSend } from "@/lib/git/url";

export type PickedFile = { path: string; file: File };

/**
 * Folder uploads carry each file's path inside the chosen folder; plain picks carry the name only.
 * With `stripFolder` (a code folder), a single chosen folder's own name is dropped (its files sit at the root),
 * and so is the bulk of a `.git` folder.
 */
export function pickedFrom(list: FileList | null, stripFolder = false): PickedFile[] {
  const all = Array.from(list ?? []).map((file) => ({ path: file.webkitRelativePath || file.name, file }));
  if (!stripFolder) return all;
  // A code folder: of its `.git` folder, only what tells the studio the commit and state of the tree.
  const files = all.filter((f) => isGitFileToSend(f.path));
  const roots = new Set(files.map((f) => (f.path.includes("/") ? f.path.split("/")[0] : "")));
  if (roots.size === 1 && !roots.has(""))
    return files.map((f) => ({ ...f, path: f.path.split("/").slice(1).join("/") }));
  return files;
}

/** "Add files" and "Add folder" buttons with the chosen files listed (a later pick of the same path replaces it). */
export function FilePicker({
  files,
  onChange,
  onFolderPicked,
  noun = "files",
  emptyText = "No files chosen.",
  stripFolder = false,
}: {
  files: PickedFile[];
  onChange: (files: PickedFile[]) => void;
  /** Called after a whole folder was added (a data asset then becomes a folder asset). */
  onFolderPicked?: () => void;
  noun?: string;
  emptyText?: string;
  stripFolder?: boolean;
}) {
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const total = files.reduce((sum, f) => sum + f.file.size, 0);
  const add = (list: FileList | null) => {
    const byPath = new Map(files.map((f) => [f.path, f]));
    for (const p of pickedFrom(list, stripFolder)) byPath.set(p.path, p);
    onChange([...byPath.values()]);
  };
  return (
    <>
      <div className="flex gap-2">
        <Button onClick={() => fileInput.current?.click()}>
          <Upload size={14} aria-hidden /> Add files
        </Button>
        <Button onClick={() => folderInput.current?.click()}>
          <FolderUp size={14} aria-hidden /> Add folder
        </Button>
      </div>
      <input
        ref={fileInput}
        type="file"
        multiple
        className="sr-only"
        aria-label={`Choose ${noun}`}
        tabIndex={-1}
        onChange={(e) => {
          add(e.target.files);
          e.target.value = "";
        }}
      />
      <input
        ref={folderInput}
        type="file"
        multiple
        className="sr-only"
        aria-label={`Choose a folder of ${noun}`}
        tabIndex={-1}
        {...({ webkitdirectory: "" } as object)}
        onChange={(e) => {
          add(e.target.files);
          onFolderPicked?.();
          e.target.value = "";
        }}
      />
      {files.length ? (
        <ul
          aria-label="Selected files"
          className="divide-y divide-border rounded-md border border-border bg-surface text-sm"
        >
          {files.map((f) => (
            <li key={f.path} className="flex items-center justify-between gap-2 px-3 py-1.5">
              <span className="truncate font-mono">{f.path}</span>
              <span className="flex items-center gap-2 text-muted">
                {formatBytes(f.file.size)}
                <button
                  type="button"
                  aria-label={`Remove ${f.path}`}
                  className="rounded p-0.5 hover:bg-surface-2"
                  onClick={() => onChange(files.filter((x) => x !== f))}
                >
                  <X size={14} aria-hidden />
                </button>
              </span>
            </li>
          ))}
          <li className="flex justify-between px-3 py-1.5 font-medium">
            <span>
              {files.length} file{files.length === 1 ? "" : "s"}
            </span>
            <span>{formatBytes(total)}</span>
          </li>
        </ul>
      ) : (
        <p className="text-sm text-muted">{emptyText}</p>
      )}
    </>
  );
}

/** The bar shown while an upload is on its way (nothing when `progress` is null). */
export function UploadProgress({ progress }: { progress: number | null }) {
  if (progress === null) return null;
  return (
    <div className="flex items-center gap-3 text-sm">
      <progress aria-label="Upload progress" max={1} value={progress} className="h-2 w-64" />
      {Math.round(progress * 100)}%
    </div>
  );
}
