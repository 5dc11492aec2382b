// OpenClaw 2026.9.2 needs Node >=22.22.3 (<23) or >=24.15; fail early with a clear message.
export function checkNode(version = process.versions.node) {
  const [major, minor, patch] = version.split(".").map(Number);
  const ok = (major === 22 && (minor > 22 || (minor === 22 && patch >= 3))) || (major === 24 && minor >= 15) || major >= 25;
  if (!ok) {
    console.error(`ClawGate needs Node 22.22.3+ (or 24.15+); this is Node ${version}. See .nvmrc.`);
    process.exit(1);
  }
}
