"use client";
import { Handle, Position } from "@xyflow/react";
import { isDataType } from "@/lib/pipeline/port-types";
import type { Port } from "@/lib/pipeline/types";
import { cn } from "@/components/ui/cn";

// A node's ports as a row of labelled chips, each with its handle on the node's top edge (inputs, where
// edges end) or bottom edge (outputs, where they start). Data ports are round, value ports square.

export function PortRow({
  ports,
  side,
  isConnectable = true,
}: {
  ports: readonly Port[];
  side: "in" | "out";
  isConnectable?: boolean;
}) {
  if (!ports.length) return null;
  return (
    <div className={cn("flex gap-1 px-1", side === "in" ? "-mt-px pb-1" : "-mb-px pt-1")}>
      {ports.map((port) => (
        <div
          key={port.name}
          className="relative min-w-0 flex-1 truncate rounded bg-surface-2 px-1 py-0.5 text-center text-[10px] leading-tight text-muted"
          title={`${port.name}: ${port.type}${port.optional ? " (optional)" : ""}${port.description ? ` — ${port.description}` : ""}`}
        >
          {port.name}
          <Handle
            id={port.name}
            type={side === "in" ? "target" : "source"}
            position={side === "in" ? Position.Top : Position.Bottom}
            isConnectable={isConnectable}
            aria-label={`${side === "in" ? "Input" : "Output"} ${port.name} (${port.type})`}
            data-port-type={port.type}
            className={cn(
              "!size-2.5 !border-2 !border-surface",
              isDataType(port.type) ? "!rounded-full !bg-accent" : "!rounded-[2px] !bg-warning",
              side === "in" ? "!-top-[7px]" : "!-bottom-[7px]",
            )}
          />
        </div>
      ))}
    </div>
  );
}
