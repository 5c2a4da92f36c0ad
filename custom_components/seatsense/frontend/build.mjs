// Bundles src/main.ts (Lit included) into dist/seatsense-frontend.js: one ES module, minified,
// no source map or timestamp, so the same sources always give the same bytes.
import { build } from "esbuild";

await build({
  entryPoints: ["src/main.ts"],
  outfile: "dist/seatsense-frontend.js",
  bundle: true,
  format: "esm",
  target: "es2021",
  minify: true,
  legalComments: "eof",
  sourcemap: false,
  logLevel: "warning",
});
