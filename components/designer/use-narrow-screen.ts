"use client";
import { useSyncExternalStore } from "react";

// Whether the window is phone-narrow (under Tailwind's `md`, 768 px): the designer is then read-only, as
// its palette, canvas and properties cannot sit side by side. The server renders the wide layout.

const QUERY = "(max-width: 767px)";

function subscribe(onChange: () => void) {
  const media = window.matchMedia(QUERY);
  media.addEventListener("change", onChange);
  return () => media.removeEventListener("change", onChange);
}

export function useNarrowScreen(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(QUERY).matches,
    () => false,
  );
}
