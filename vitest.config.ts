import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], testTimeout: 30_000 },
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
