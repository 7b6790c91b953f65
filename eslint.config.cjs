// ESLint over the kennisbank's own browser scripts, with ESLint's recommended rules.
// scripts/run test installs ESLint, @eslint/js and globals (pinned) in .tools/; tests/test_lint.py runs
// it with NODE_PATH=.tools/node_modules, which is why this file is CommonJS (require honours NODE_PATH).
const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  js.configs.recommended,
  {
    files: ["scripts/kennisbank/assets/*.js", "docs/assets/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: { ...globals.browser, lunr: "readonly" },
    },
  },
];
