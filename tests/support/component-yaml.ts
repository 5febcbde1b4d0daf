// A component YAML for the component-yaml unit tests to start from.

/** A valid component; `extra` lines are appended at line 6 onwards. */
export function component(...extra: string[]): string {
  return (
    ["name: demo", "version: 1", "type: command", "command: echo hi", "environment: azureml:env:1", ...extra].join(
      "\n",
    ) + "\n"
  );
}
