// typescript-eslint with type-aware rules: no floating promises, no unused code, consistent type imports.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "dist/",
      "node_modules/",
      "coverage/",
      "data/",
      "migrations/",
      "eslint.config.mjs",
      "jest.config.js",
      "jest.mutation.config.js",
      "jest.runner-mutation.config.js",
      ".ci/",
      ".stryker-tmp/",
      "reports/",
      "examples/portal/generated/",
      "examples/portal/dist/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        emitDecoratorMetadata: true,
        experimentalDecorators: true,
      },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      // Apollo's plugin hooks and type-graphql's resolvers are async by contract, with or without an await.
      "@typescript-eslint/require-await": "off",
      // String enums are compared with their string values on purpose (GraphQL's operation kinds, our codes).
      "@typescript-eslint/no-unsafe-enum-comparison": "off",
      // Input rules match control characters on purpose: they are what they refuse.
      "no-control-regex": "off",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { arguments: false } }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      // With decorator metadata on, the rule keeps value imports of classes that decorated signatures name.
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { prefer: "type-imports", fixStyle: "inline-type-imports", disallowTypeAnnotations: false },
      ],
    },
  },
  {
    // Tests read loosely typed GraphQL answers.
    files: ["test/**/*.ts", "bench/**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  // The dependency rule (docs/architecture.md): core/ and i18n/ are the ground floor and import no domain;
  // domains never import start-up or wiring (db/, cli/, app, main, schema). Later blocks override earlier
  // ones for the files they match, so the ground floor's stricter patterns win there.
  {
    files: ["src/*/**/*.ts"],
    ignores: ["src/db/**", "src/cli/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(\\.\\./)+(db|cli)(/|$)|^(\\.\\./)+(app|main|schema)$",
              message:
                "A domain does not import start-up or wiring (db/, cli/, app, main, schema): see docs/architecture.md.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^\\.\\./(?!i18n/)",
              message: "core/ is the ground floor: it imports only core/ and i18n/ (docs/architecture.md).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/i18n/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^\\.\\./",
              message: "i18n/ is the ground floor: it imports nothing else of src/ (docs/architecture.md).",
            },
          ],
        },
      ],
    },
  },
  {
    // The examples' plain JavaScript modules (browser and Node): linted without type information.
    files: ["examples/**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: {
        atob: "readonly",
        console: "readonly",
        crypto: "readonly",
        process: "readonly",
        TextDecoder: "readonly",
        TextEncoder: "readonly",
      },
    },
  },
);
