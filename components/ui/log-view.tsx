"use client";
import { useMemo, useState } from "react";
import { Download, Search } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { LogPane } from "@/components/ui/log-pane";
import { logLines, logText, matchingLines, splitMatches, timeOfDay, type LogEntry } from "@/lib/log-view";

/** Saves `text` as a file the browser downloads (what is loaded, nothing is fetched again). */
function saveAs(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * A live log with the tools to read it: a search that keeps only the lines holding the text (matches
 * marked), timestamps on each line, and a download of the whole log as loaded.
 */
export function LogView({
  entries,
  streamClass,
  label,
  testId,
  status,
  fileName,
  isLoaded,
}: {
  entries: readonly LogEntry[];
  streamClass: Record<LogEntry["stream"], string>;
  label: string;
  testId: string;
  status: string;
  fileName: string;
  isLoaded: boolean;
}) {
  const [query, setQuery] = useState("");
  const [hasTimes, setHasTimes] = useState(false);
  const lines = useMemo(() => logLines(entries), [entries]);
  const shown = useMemo(() => matchingLines(lines, query), [lines, query]);
  const isSearching = query.trim() !== "";
  return (
    <>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <label className="relative min-w-0 flex-1 basis-48">
          <Search size={14} aria-hidden className="absolute left-2 top-1/2 -translate-y-1/2 text-muted" />
          <Input
            type="search"
            aria-label="Search the log"
            placeholder="Search the log"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            className="h-8 pl-7"
          />
        </label>
        {isSearching ? (
          <span className="text-muted" aria-live="polite">
            {shown.length} of {lines.length} lines
          </span>
        ) : null}
        <label className="flex items-center gap-2 text-muted">
          <input type="checkbox" checked={hasTimes} onChange={(e) => setHasTimes(e.target.checked)} /> Timestamps
        </label>
        <Button size="sm" disabled={!lines.length} onClick={() => saveAs(logText(lines, hasTimes), fileName)}>
          <Download size={14} aria-hidden /> Download
        </Button>
      </div>
      <LogPane label={label} testId={testId} count={shown.length} status={status}>
        {shown.length ? (
          shown.map((line) => (
            <span key={line.key} className={cn(streamClass[line.stream])}>
              {hasTimes ? <span className="select-none text-muted">{timeOfDay(line.at)} </span> : null}
              {splitMatches(line.text, query).map((part, i) =>
                part.isMatch ? (
                  <mark key={i} className="rounded-sm bg-warning-soft text-text">
                    {part.text}
                  </mark>
                ) : (
                  part.text
                ),
              )}
              {"\n"}
            </span>
          ))
        ) : isLoaded ? (
          <span className="text-muted">{isSearching ? "No line holds this text." : "No output yet."}</span>
        ) : null}
      </LogPane>
    </>
  );
}
