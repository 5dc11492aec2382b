import type { Role } from "@clawgate/contracts";

export type PageId = "chat" | "profile" | "connect" | "usage" | "organization" | "soul" | "playground";

export interface NavItem {
  id: PageId;
  path: string;
  label: string;
}

const PORTAL: NavItem[] = [
  { id: "chat", path: "/", label: "Chat" },
  { id: "profile", path: "/profile", label: "Profile" },
  { id: "connect", path: "/connect", label: "Connect IM" },
  { id: "usage", path: "/usage", label: "My Usage" },
];

const ADMIN: NavItem[] = [
  { id: "organization", path: "/organization", label: "Organization" },
  { id: "soul", path: "/soul", label: "SOUL editor" },
  { id: "playground", path: "/playground", label: "Playground" },
];

/** What the role's navigation shows. Hiding is a courtesy: the server refuses what the role may not do. */
export function navItemsFor(role: Role): NavItem[] {
  return role === "employee" ? PORTAL : [...PORTAL, ...ADMIN];
}

/** The page for a path, falling back to chat for unknown paths and pages the role does not have. */
export function pageFor(path: string, role: Role): PageId {
  return navItemsFor(role).find((item) => item.path === path)?.id ?? "chat";
}
