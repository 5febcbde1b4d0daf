"use client";
import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * A tall, scrollable log that follows its end while the reader is at the end (scrolling up stops that,
 * scrolling back down resumes it). `status` is announced politely; `count` changes when lines arrive.
 */
export function LogPane({
  label,
  testId,
  status,
  count,
  children,
}: {
  label: string;
  testId: string;
  status: ReactNode;
  count: number;
  children: ReactNode;
}) {
  const [isFollowing, setFollowing] = useState(true);
  const box = useRef<HTMLPreElement>(null);
  useEffect(() => {
    if (isFollowing && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [count, isFollowing]);
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-muted">
        <span aria-live="polite">{status}</span>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={isFollowing} onChange={(e) => setFollowing(e.target.checked)} /> Follow the
          end
        </label>
      </div>
      <pre
        ref={box}
        data-testid={testId}
        tabIndex={0}
        aria-label={label}
        onScroll={(e) => {
          const el = e.currentTarget;
          const atEnd = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
          if (atEnd !== isFollowing) setFollowing(atEnd);
        }}
        className="h-[28rem] overflow-auto whitespace-pre-wrap break-words rounded-md border border-border bg-surface-2 p-3 font-mono text-xs leading-5"
      >
        {children}
      </pre>
    </>
  );
}
