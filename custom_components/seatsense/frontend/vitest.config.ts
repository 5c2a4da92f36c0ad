import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The unit tests live with the other tests (tests/frontend/unit), outside this package.
const testsDir = fileURLToPath(new URL("../../../tests/frontend/unit", import.meta.url));

export default defineConfig({
  test: {
    dir: testsDir,
    include: ["**/*.test.ts"],
    environment: "node",
  },
  server: { fs: { allow: [fileURLToPath(new URL("../../..", import.meta.url))] } },
});
