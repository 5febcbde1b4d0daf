"use client";
import { Handle, Position } from "@xyflow/react";
import { portKey } from "@/lib/pipeline/compatible-ports";
import { isDataType } from "@/lib/pipeline/port-types";
import type { Port } from "@/lib/pipeline/types";
import { cn } from "@/components/ui/cn";
import { useDesigner } from "@/components/designer/store-context";

// A node's ports as a row of labelled chips, each with its handle on the node's top edge (inputs, where
// edges end) or bottom edge (outputs, where they start). Data ports are round, value ports square. While
// a connection is drawn, the ports it may end on light up and the others on that side fade.

export function PortRow({
  nodeId,
  ports,
  side,
  isConnectable = true,
}: {
  nodeId: string;
  ports: readonly Port[];
  side: "in" | "out";
  isConnectable?: boolean;
}) {
  const handleType = side === "in" ? "target" : "source";
  // The same object for the whole of a connection: the row renders when one starts and when it ends.
  const connecting = useDesigner((s) => (s.connecting && s.connecting.from.side !== handleType ? s.connecting : null));
  if (!ports.length) return null;
  return (
    <div className={cn("flex gap-1 px-1", side === "in" ? "-mt-px pb-1" : "-mb-px pt-1")}>
      {ports.map((port) => {
        const fits = connecting ? connecting.compatible.has(portKey(nodeId, port.name)) : null;
        return (
          <div
            key={port.name}
            className={cn(
              "relative min-w-0 flex-1 truncate rounded bg-surface-2 px-1 py-0.5 text-center text-xs leading-tight text-muted",
              fits && "bg-success-soft font-medium text-success ring-1 ring-success",
              fits === false && "opacity-40",
            )}
            title={`${port.name}: ${port.type}${port.optional ? " (optional)" : ""}${port.description ? ` — ${port.description}` : ""}`}
          >
            {port.name}
            <Handle
              id={port.name}
              type={handleType}
              position={side === "in" ? Position.Top : Position.Bottom}
              isConnectable={isConnectable}
              aria-label={`${side === "in" ? "Input" : "Output"} ${port.name} (${port.type})`}
              data-port-type={port.type}
              data-compatible={fits === null ? undefined : String(fits)}
              className={cn(
                "!size-2.5 !border-2 !border-surface",
                isDataType(port.type) ? "!rounded-full !bg-accent" : "!rounded-[2px] !bg-warning",
                side === "in" ? "!-top-[7px]" : "!-bottom-[7px]",
                fits && "is-compatible !bg-success ring-4 ring-success/40",
              )}
            />
          </div>
        );
      })}
    </div>
  );
}
