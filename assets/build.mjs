// Builds the front end into assets/build/, which Django serves as static files.
//
//   npm ci && npm run build
//
// - assets/scss/main.scss      -> assets/build/css/main.css (compressed)
// - govuk-frontend.min.js (+map) -> assets/build/js/govuk-frontend.min.js
// - assets/js (our own)         -> assets/build/js/ (application.js starts GOV.UK Frontend)
// - govuk-frontend images       -> assets/build/images/ (the footer CSS refers to one)
// - assets/images (our own)     -> assets/build/images/
//
// Every url() in the CSS is relative ("../images/..."), so Django's manifest
// storage can rewrite it to the hashed file name at collectstatic time.

import { cp, mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import * as sass from "sass";

const assetsDir = dirname(fileURLToPath(import.meta.url));
const rootDir = dirname(assetsDir);
const buildDir = join(assetsDir, "build");
const govukDir = join(rootDir, "node_modules", "govuk-frontend", "dist", "govuk");

async function buildCss() {
  const result = await sass.compileAsync(join(assetsDir, "scss", "main.scss"), {
    loadPaths: [join(rootDir, "node_modules")],
    style: "compressed",
    sourceMap: false,
    // Deprecation warnings from govuk-frontend are for its maintainers, not for us.
    quietDeps: true,
  });
  await mkdir(join(buildDir, "css"), { recursive: true });
  await writeFile(join(buildDir, "css", "main.css"), result.css + "\n");
}

async function copyAssets() {
  await mkdir(join(buildDir, "js"), { recursive: true });
  for (const name of ["govuk-frontend.min.js", "govuk-frontend.min.js.map"]) {
    await cp(join(govukDir, name), join(buildDir, "js", name));
  }
  await cp(join(assetsDir, "js"), join(buildDir, "js"), { recursive: true });
  await cp(join(govukDir, "assets", "images"), join(buildDir, "images"), { recursive: true });
  await cp(join(assetsDir, "images"), join(buildDir, "images"), { recursive: true });
}

await rm(buildDir, { recursive: true, force: true });
await Promise.all([buildCss(), copyAssets()]);
console.log(`Built ${buildDir.slice(rootDir.length + 1)}/ (css/main.css, js/application.js and govuk-frontend.min.js, images/)`);
