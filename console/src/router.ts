import { useEffect, useState } from "react";

/**
 * A hash router: `#/profile` etc. Hash routes never reach the server, so a reload or a shared link
 * works without the Worker knowing the console's pages (it serves `/` and `/twin/*` itself).
 */
function currentPath(): string {
  const path = window.location.hash.replace(/^#/, "");
  return path.startsWith("/") ? path : "/";
}

export function useHashPath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const onChange = () => setPath(currentPath());
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return path;
}

export function hrefFor(path: string): string {
  return `#${path}`;
}
