/** Text shown exactly as stored, in a scrollable monospace block with an accessible name. */
export function CodeBlock({ label, text }: { label: string; text: string }) {
  return (
    <pre
      aria-label={label}
      tabIndex={0}
      className="max-h-[28rem] overflow-auto rounded-md border border-border bg-surface-2 p-3 font-mono text-xs leading-relaxed"
    >
      <code>{text}</code>
    </pre>
  );
}
