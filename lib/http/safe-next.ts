// Where to go after signing in: only ever a path on our own origin. `//evil.com`, `/\evil.com`,
// `/\t/evil.com` and absolute URLs all resolve elsewhere and fall back to the home page.
export function safeNextPath(next: string | null | undefined, origin: string): string {
  if (!next) return "/";
  try {
    const url = new URL(next, origin);
    if (url.origin !== new URL(origin).origin) return "/";
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return "/";
  }
}
