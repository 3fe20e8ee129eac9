// ESLint with type information for TypeScript and Astro files (docs/decisions/007-eslint-with-types-and-knip.md).
import js from "@eslint/js";
import astro from "eslint-plugin-astro";
import globals from "globals";
import tseslint from "typescript-eslint";

const unsafeAnyRules = {
  "@typescript-eslint/no-unsafe-argument": "off",
  "@typescript-eslint/no-unsafe-assignment": "off",
  "@typescript-eslint/no-unsafe-call": "off",
  "@typescript-eslint/no-unsafe-member-access": "off",
  "@typescript-eslint/no-unsafe-return": "off",
};

export default tseslint.config(
  { ignores: ["dist/", "dist-preview/", ".dist-new*/", ".dist-old-*/", ".astro/", "test-output/", "content/"] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname, extraFileExtensions: [".astro"] },
    },
    rules: {
      // Matching control characters is the point of these patterns (refusing them in input, stripping terminal codes).
      "no-control-regex": "off",
      // `async` without `await` is how a method returns the promise an interface asks for (Astro's markdown processor).
      "@typescript-eslint/require-await": "off",
    },
  },
  astro.configs.recommended,
  {
    files: ["**/*.astro"],
    // Its Astro parser takes a tsconfig rather than the project service.
    languageOptions: { parserOptions: { projectService: false, project: "./tsconfig.json" } },
    // The linter's Astro parser cannot resolve astro:* modules, so their values type as errors; astro check types these files.
    rules: unsafeAnyRules,
  },
  {
    files: ["tests/**"],
    rules: {
      // Tests parse JSON and XML into `any` and check it with expect().
      ...unsafeAnyRules,
      // A rejected async callback is an unhandled rejection, which fails the test run or stops the bench: as wanted.
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { arguments: false } }],
    },
  },
  { files: ["**/*.js", "**/*.mjs"], extends: [tseslint.configs.disableTypeChecked] },
);
