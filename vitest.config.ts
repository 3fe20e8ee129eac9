import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        // Tests of src/ modules, in the folders that mirror them; they spawn no processes.
        test: {
          name: "unit",
          include: ["tests/**/*.test.ts"],
          exclude: ["tests/cli/**", "tests/site/**"],
          testTimeout: 30_000,
        },
      },
      {
        // The command-line wrappers, run as a user would (child processes, no site build).
        test: { name: "cli", include: ["tests/cli/**/*.test.ts"], testTimeout: 60_000 },
      },
      {
        test: {
          name: "site",
          include: ["tests/site/**/*.test.ts"],
          globalSetup: ["tests/site/global-setup.ts"],
          // Builds and browsers are slow on two shared cores; these are not timing tests.
          testTimeout: 600_000,
          hookTimeout: 1_800_000,
          // One browser or validator at a time keeps memory and CPU predictable.
          fileParallelism: false,
        },
      },
    ],
  },
});
