"use client";
import { useRef } from "react";
import { FolderUp, Upload, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { formatBytes } from "@/lib/format";

/** A file chosen for upload, with its path inside the chosen folder (or its name). */
export type PickedFile = { path: string; file: File };

/** Folder uploads carry each file's path inside the chosen folder; plain picks carry the name only. */
function pickedFrom(list: FileList | null): PickedFile[] {
  return Array.from(list ?? []).map((file) => ({ path: file.webkitRelativePath || file.name, file }));
}

/** Adds picks to a selection; a path picked again replaces the earlier file. */
export function mergePicked(current: PickedFile[], picked: PickedFile[]): PickedFile[] {
  const byPath = new Map(current.map((f) => [f.path, f]));
  for (const p of picked) byPath.set(p.path, p);
  return [...byPath.values()];
}

/** "Add files" and "Add folder" buttons and the list of what is chosen, with sizes and remove buttons. */
export function FilePicker({ files, onAdd, onRemove }: { files: PickedFile[]; onAdd: (picked: PickedFile[], isFolder: boolean) => void; onRemove: (file: PickedFile) => void }) {
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const total = files.reduce((sum, f) => sum + f.file.size, 0);
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
      <input ref={fileInput} type="file" multiple className="sr-only" aria-label="Choose files" tabIndex={-1}
        onChange={(e) => { onAdd(pickedFrom(e.target.files), false); e.target.value = ""; }} />
      <input ref={folderInput} type="file" multiple className="sr-only" aria-label="Choose a folder" tabIndex={-1}
        {...({ webkitdirectory: "" } as object)}
        onChange={(e) => { onAdd(pickedFrom(e.target.files), true); e.target.value = ""; }} />
      {files.length ? (
        <ul aria-label="Selected files" className="divide-y divide-border rounded-md border border-border bg-surface text-sm">
          {files.map((f) => (
            <li key={f.path} className="flex items-center justify-between gap-2 px-3 py-1.5">
              <span className="truncate font-mono">{f.path}</span>
              <span className="flex items-center gap-2 text-muted">
                {formatBytes(f.file.size)}
                <button type="button" aria-label={`Remove ${f.path}`} className="rounded p-0.5 hover:bg-surface-2" onClick={() => onRemove(f)}>
                  <X size={14} aria-hidden />
                </button>
              </span>
            </li>
          ))}
          <li className="flex justify-between px-3 py-1.5 font-medium">
            <span>{files.length} file{files.length === 1 ? "" : "s"}</span>
            <span>{formatBytes(total)}</span>
          </li>
        </ul>
      ) : (
        <p className="text-sm text-muted">No files chosen.</p>
      )}
    </>
  );
}
