// Small helpers for the sentences the designer shows.

/** "a uri_file", "an integer", "an mltable": a type name as read aloud. */
export function withArticle(type: string): string {
  return /^(integer|mltable|mlflow_model|[aeio])/.test(type) ? `an ${type}` : `a ${type}`;
}

export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `a → b → c → a`: a loop of steps, back to its first; long loops show their ends and how many are left out. */
export function loopText(steps: readonly string[]): string {
  const shown = steps.length > 10 ? [...steps.slice(0, 5), `… (${steps.length - 8} more)`, ...steps.slice(-3)] : steps;
  return [...shown, steps[0]].join(" → ");
}
