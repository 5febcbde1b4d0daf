// Lint rules for the whole tree. Besides the usual TypeScript and React hooks checks, the layer rules of
// the design live here, so an import that crosses a layer is an error in the editor, not only in review:
// only server/ touches Prisma, components/ never import the domain layer, and lib/ stays importable from
// the browser unless a file says it is server-only.
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";
import { serverOnlyNodeImports } from "./scripts/lib/eslint-rules.mjs";

const prismaImports = {
  group: ["@prisma/*", "@/generated/*", "**/generated/*"],
  message: "Only the domain layer (server/) imports Prisma: call a server/ function instead.",
};
const serverImports = {
  group: ["@/server/*", "**/server/*"],
  message: "Components and lib/ do not import the domain layer: take data as props, or move the type to lib/.",
};
const appImports = {
  group: ["@/app/*", "**/app/*"],
  message: "Components do not import app/: the page imports the server action and passes it down as a prop.",
};
// The browser data layer (tests/architecture.test.ts checks the same): react-query keys come from
// lib/query-keys.ts, and API calls go through components/ui/api-request.ts.
const literalQueryKeys = [
  {
    selector: "Property[key.name='queryKey'] > ArrayExpression",
    message: "Make react-query keys in lib/query-keys.ts (queryKeys.…), so invalidations reach every query.",
  },
  {
    selector:
      "CallExpression[callee.property.name=/^((get|set)Quer(y|ies)Data|(invalidate|refetch|remove|cancel|reset)Queries)$/] > ArrayExpression",
    message: "Make react-query keys in lib/query-keys.ts (queryKeys.…), so invalidations reach every query.",
  },
];
const directRequests = ["fetch", "XMLHttpRequest"].map((name) => ({
  name,
  message: "Call the API through components/ui/api-request.ts (apiRequest, apiGet, apiUpload).",
}));

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      ".next/",
      ".next-*/",
      "generated/",
      "prisma/postgres/",
      "data/",
      ".test-data*/",
      "test-results/",
      "playwright-report/",
      "bench/.data/",
      ".screenshots/",
      "next-env.d.ts",
      "examples/**/node_modules/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-console": "off",
    },
  },
  {
    files: ["**/*.tsx", "components/**/*.ts", "lib/**/*.ts"],
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // Pages under app/ are server components, rendered once per request: reading the clock there is right.
    files: ["app/**/*.tsx"],
    rules: { "react-hooks/purity": "off" },
  },
  {
    // API tests read JSON answers whose shape is exactly what they assert.
    files: ["tests/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["app/**", "lib/**", "proxy.ts"],
    ignores: ["**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [prismaImports] }] },
  },
  {
    files: ["lib/**"],
    ignores: ["**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [prismaImports, serverImports] }] },
  },
  {
    files: ["components/**"],
    ignores: ["**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [prismaImports, serverImports, appImports] }] },
  },
  {
    files: ["components/**", "app/**", "lib/**"],
    ignores: ["**/*.test.ts", "lib/query-keys.ts"],
    rules: { "no-restricted-syntax": ["error", ...literalQueryKeys] },
  },
  {
    files: ["components/**", "app/**"],
    ignores: ["**/*.test.ts", "app/api/**", "components/ui/api-request.ts"],
    rules: { "no-restricted-globals": ["error", ...directRequests] },
  },
  {
    files: ["lib/**"],
    ignores: ["**/*.test.ts"],
    plugins: { studio: { rules: { "server-only-node-imports": serverOnlyNodeImports } } },
    rules: { "studio/server-only-node-imports": "error" },
  },
);
