const path = require("path");
const CopyPlugin = require("copy-webpack-plugin");

// Bundles src/ (never emulator/, scripts/ or tests) into the CommonJS file that
// `prism components:publish` loads: dist/index.js with the component as `default`.
module.exports = {
  mode: "production",
  target: "node",
  entry: "./src/index.ts",
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
        use: {
          loader: "ts-loader",
          options: { transpileOnly: true, configFile: "tsconfig.build.json" },
        },
      },
    ],
  },
  optimization: { usedExports: true },
  plugins: [new CopyPlugin({ patterns: [{ from: "assets/icon.png", to: "icon.png" }] })],
  // spectral's testing module pulls jest-util, whose dynamic require webpack cannot follow; harmless.
  ignoreWarnings: [/Critical dependency: the request of a dependency is an expression/],
  performance: { hints: false },
};
