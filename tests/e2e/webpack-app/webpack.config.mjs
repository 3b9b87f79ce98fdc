// webpack 5 needs no plugin for wasm-bindgen's --target web output: new URL("opscore_bg.wasm", import.meta.url)
// becomes an asset. Top-level await needs module output.
import { fileURLToPath } from "node:url";

export default {
  mode: "production",
  context: fileURLToPath(new URL(".", import.meta.url)),
  entry: "./src/index.js",
  experiments: { outputModule: true, topLevelAwait: true },
  output: {
    path: fileURLToPath(new URL("./dist", import.meta.url)),
    filename: "main.js",
    module: true,
    clean: true,
  },
  devtool: false,
  performance: { hints: false },
};
