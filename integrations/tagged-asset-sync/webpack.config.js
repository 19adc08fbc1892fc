const path = require("path");
const CopyPlugin = require("copy-webpack-plugin");

// Bundles the integration into the CommonJS file `prism integrations:import` loads:
// integrations/tagged-asset-sync/dist/index.js with the integration as `default`, and its icon.
const root = path.resolve(__dirname, "../..");
module.exports = {
  mode: "production",
  target: "node",
  context: root,
  entry: path.resolve(__dirname, "src/index.ts"),
  output: {
    filename: "index.js",
    path: path.resolve(__dirname, "dist"),
    libraryTarget: "commonjs2",
    clean: true,
  },
  resolve: { extensions: [".ts", ".js"] },
  module: {
    rules: [
      {
        test: /\.ts$/,
        exclude: /node_modules/,
        use: { loader: "ts-loader", options: { transpileOnly: true } },
      },
    ],
  },
  plugins: [new CopyPlugin({ patterns: [{ from: "assets/icon.png", to: "icon.png" }] })],
  // spectral's testing module pulls jest-util, whose dynamic require webpack cannot follow; harmless.
  ignoreWarnings: [/Critical dependency: the request of a dependency is an expression/],
  performance: { hints: false },
};
