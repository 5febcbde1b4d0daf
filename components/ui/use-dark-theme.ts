"use client";
import { useEffect, useState } from "react";

/** Whether the studio's dark theme is on (the `dark` class on <html>), kept up to date as it is toggled. */
export function useDarkTheme(): boolean {
  const [isDark, setIsDark] = useState(false);
  useEffect(() => {
    const html = document.documentElement;
    const read = () => setIsDark(html.classList.contains("dark"));
    read();
    const observer = new MutationObserver(read);
    observer.observe(html, { attributes: true, attributeFilter: ["class"] });
    return () => observer.disconnect();
  }, []);
  return isDark;
}
