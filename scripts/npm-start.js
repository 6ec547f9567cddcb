// `npm start`. In development: compose the supergraph, then the launcher (scripts/start.ts)
// from its TypeScript sources through tsx. With NODE_ENV=production: the compiled launcher
// of `npm run build` (dist/scripts/start.js), which starts every service compiled, with
// plain node; a build older than the sources is refused rather than run.
// Plain JavaScript: it is what runs before anything is compiled or any loader is registered.
'use strict';
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

if (process.env.NODE_ENV === 'production') {
  let stamp;
  try {
    stamp = require(path.join(root, 'dist/scripts/build-stamp.js'));
  } catch {
    console.error('there is no compiled build (dist/): run `npm run build` first');
    process.exit(1);
  }
  const stale = stamp.staleBuild();
  if (stale) {
    console.error(stale);
    process.exit(1);
  }
  require(path.join(root, 'dist/scripts/start.js'));
} else {
  try {
    execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'gateway/compose.ts')], {
      cwd: root,
      stdio: 'inherit',
    });
  } catch {
    process.exit(1);
  }
  require('tsx/cjs/api').register();
  require(path.join(root, 'scripts/start.ts'));
}
