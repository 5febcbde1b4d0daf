"use client";
import { Copy } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";

/** Copies a text to the clipboard and says so; `label` names what is copied for screen readers. */
export function CopyButton({ text, label, size = "sm" }: { text: string; label: string; size?: "sm" | "md" }) {
  const toast = useToast();
  return (
    <Button
      size={size}
      aria-label={`Copy ${label}`}
      onClick={() =>
        navigator.clipboard.writeText(text).then(
          () => toast(`Copied the ${label}`),
          () => toast("The browser did not allow copying; select the text instead.", "error"),
        )
      }
    >
      <Copy size={14} aria-hidden /> Copy
    </Button>
  );
}
