"use client";
import { createContext, useContext } from "react";
import { useStore } from "zustand";
import type { DesignerState, DesignerStore } from "@/components/designer/store";

// One store per opened designer (made by PipelineDesigner), reached through context: a module-wide store
// would outlive a navigation to another pipeline.

export const DesignerStoreContext = createContext<DesignerStore | null>(null);

/** The designer's store itself: for event handlers that read the latest state without subscribing. */
export function useDesignerStore(): DesignerStore {
  const store = useContext(DesignerStoreContext);
  if (!store) throw new Error("The designer's parts render inside PipelineDesigner.");
  return store;
}

/** A slice of the designer's state; the component renders again when the slice changes (by Object.is). */
export function useDesigner<T>(selector: (state: DesignerState) => T): T {
  return useStore(useDesignerStore(), selector);
}

/** The designer's actions (they keep their identity). */
export function useDesignerActions(): DesignerState["actions"] {
  return useDesigner((s) => s.actions);
}
