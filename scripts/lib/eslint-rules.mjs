// The studio's own lint rules (used by eslint.config.mjs).
import { builtinModules } from "node:module";

const builtins = new Set(builtinModules);
const isNodeModule = (source) => source.startsWith("node:") || builtins.has(source.split("/")[0]);

/**
 * lib/ is shared with the browser, so a file there may import a Node.js module only when it declares itself
 * server-only (`import "server-only"`), which makes Next refuse to bundle it for the client.
 */
export const serverOnlyNodeImports = {
  meta: {
    type: "problem",
    docs: { description: "lib/ files import Node.js modules only when they are marked server-only" },
    messages: {
      unmarked:
        'lib/ is shared with the browser: "{{source}}" is a Node.js module, so mark this file with `import "server-only";` or move the code to server/.',
    },
    schema: [],
  },
  create(context) {
    const nodeImports = [];
    let isServerOnly = false;
    return {
      ImportDeclaration(node) {
        const source = String(node.source.value);
        if (source === "server-only") isServerOnly = true;
        else if (isNodeModule(source) && node.importKind !== "type") nodeImports.push(node);
      },
      "Program:exit"() {
        if (isServerOnly) return;
        for (const node of nodeImports)
          context.report({ node, messageId: "unmarked", data: { source: node.source.value } });
      },
    };
  },
};
