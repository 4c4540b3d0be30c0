// How every tool here launches Chromium: Debian's package (scripts/ensure-chromium.ts installs it),
// without a sandbox (we run as root in containers) and without anything that phones home.
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
};
