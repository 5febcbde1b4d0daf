"use client";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { parse } from "csv-parse/browser/esm/sync";
import hljs from "highlight.js/lib/core";
import bash from "highlight.js/lib/languages/bash";
import dockerfile from "highlight.js/lib/languages/dockerfile";
import ini from "highlight.js/lib/languages/ini";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import python from "highlight.js/lib/languages/python";
import typescript from "highlight.js/lib/languages/typescript";
import yaml from "highlight.js/lib/languages/yaml";
import { Eye } from "lucide-react";
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/misc";
import { apiGetHead } from "@/components/ui/api-request";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { formatBytes } from "@/lib/format";
import {
  looksBinary,
  PREVIEW_BYTES,
  PREVIEW_ROWS,
  previewKindOf,
  wholeLines,
  type PreviewKind,
} from "@/lib/file-preview";
import { queryKeys } from "@/lib/query-keys";

for (const [name, language] of Object.entries({ bash, dockerfile, ini, javascript, json, python, typescript, yaml }))
  hljs.registerLanguage(name, language);

type Preview = { text: string; isTruncated: boolean; isBinary: boolean };

/** The first PREVIEW_BYTES of a file, as text unless it is binary. */
async function fetchPreview(url: string): Promise<Preview> {
  const { bytes, isTruncated } = await apiGetHead(url, PREVIEW_BYTES);
  if (looksBinary(bytes)) return { text: "", isTruncated, isBinary: true };
  // A cut may split a UTF-8 sequence: the decoder replaces the broken tail instead of failing.
  return { text: new TextDecoder().decode(bytes), isTruncated, isBinary: false };
}

function CsvTable({ text, delimiter, path }: { text: string; delimiter: string; path: string }) {
  let rows: string[][];
  try {
    rows = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, to_line: PREVIEW_ROWS + 1 });
  } catch (error) {
    return <Alert title="Not readable as CSV">{(error as Error).message}</Alert>;
  }
  if (!rows.length) return <p className="text-sm text-muted">The file is empty.</p>;
  const [header, ...body] = rows;
  return (
    <div className="max-h-[60vh] overflow-auto rounded-md border border-border">
      <Table aria-label={`First rows of ${path}`}>
        <thead>
          <tr>
            {header.map((h, i) => (
              <Th key={i} className="whitespace-nowrap">
                {h}
              </Th>
            ))}
          </tr>
        </thead>
        <tbody>
          {body.map((row, r) => (
            <Tr key={r}>
              {row.map((cell, c) => (
                <Td key={c} className="whitespace-nowrap font-mono text-xs">
                  {cell}
                </Td>
              ))}
            </Tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}

function HighlightedText({
  text,
  kind,
  path,
}: {
  text: string;
  kind: Extract<PreviewKind, { kind: "text" }>;
  path: string;
}) {
  let shown = text;
  if (kind.isJson) {
    try {
      shown = JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      // A cut or invalid JSON file is shown as it is.
    }
  }
  // highlight.js escapes the text it is given; its output is markup of <span class="hljs-…"> only.
  const html = kind.language ? hljs.highlight(shown, { language: kind.language }).value : null;
  return (
    <pre
      tabIndex={0}
      aria-label={`Contents of ${path}`}
      className="hljs max-h-[60vh] overflow-auto rounded-md border border-border bg-surface-2 p-3 font-mono text-xs leading-5"
    >
      {html !== null ? <code dangerouslySetInnerHTML={{ __html: html }} /> : <code>{shown}</code>}
    </pre>
  );
}

function PreviewBody({ url, path }: { url: string; path: string }) {
  const kind = previewKindOf(path);
  const preview = useQuery({
    queryKey: queryKeys.files.preview(url),
    queryFn: () => fetchPreview(url),
    enabled: kind.kind !== "binary",
    staleTime: Infinity,
  });
  if (kind.kind === "binary" || preview.data?.isBinary)
    return <p className="text-sm text-muted">This is a binary file: download it to open it.</p>;
  if (preview.error) return <Alert title="Could not load the file">{preview.error.message}</Alert>;
  if (!preview.data) return <p className="text-sm text-muted">Loading…</p>;
  const { text, isTruncated } = preview.data;
  return (
    <div className="flex flex-col gap-2">
      {kind.kind === "table" ? (
        <CsvTable text={wholeLines(text, isTruncated)} delimiter={kind.delimiter} path={path} />
      ) : (
        <HighlightedText text={text} kind={kind} path={path} />
      )}
      <p className="text-xs text-muted">
        {kind.kind === "table"
          ? `The first ${PREVIEW_ROWS} rows at most.`
          : isTruncated
            ? `The first ${formatBytes(PREVIEW_BYTES)}; download the file for the rest.`
            : null}
      </p>
    </div>
  );
}

/** "View" for one stored file: text, YAML, JSON, Python and CSV (first rows) shown in place. */
export function FilePreviewButton({ url, path, size }: { url: string; path: string; size: number }) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        aria-label={`View ${path}`}
        onClick={() => setIsOpen(true)}
        className="inline-flex items-center gap-1 text-accent hover:underline"
      >
        <Eye size={14} aria-hidden /> View
      </button>
      <Dialog open={isOpen} onClose={() => setIsOpen(false)} title={path} description={formatBytes(size)} size="wide">
        {isOpen ? <PreviewBody url={url} path={path} /> : null}
      </Dialog>
    </>
  );
}
