import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/dist/**", ".wrangler/**", ".clawgate/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: "readonly", process: "readonly", fetch: "readonly", crypto: "readonly", URL: "readonly", Response: "readonly",
        Request: "readonly", TextEncoder: "readonly", TextDecoder: "readonly", setTimeout: "readonly", clearTimeout: "readonly",
        AbortSignal: "readonly", AbortController: "readonly", Buffer: "readonly", performance: "readonly", setInterval: "readonly", clearInterval: "readonly", ReadableStream: "readonly", TransformStream: "readonly", btoa: "readonly", atob: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-empty": ["error", { allowEmptyCatch: true }],
    },
  },
);
