// Vite serves and builds the planning tool in www/. The opscore package is linked from pkg/ (see package.json),
// which sits outside www/, so the dev server may read the whole repository.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root: "www",
  base: "./",
  build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
  server: { host: "127.0.0.1", port: 5173, strictPort: false, fs: { allow: [root] } },
  preview: { host: "127.0.0.1", port: 5173, strictPort: false },
  // The wasm-bindgen glue finds its .wasm with new URL(..., import.meta.url); pre-bundling would break that.
  optimizeDeps: { exclude: ["opscore"] },
});
