import type { Role } from "@clawgate/contracts";

export type PageId =
  | "chat"
  | "profile"
  | "connect"
  | "usage"
  | "organization"
  | "soul"
  | "playground"
  | "skills"
  | "knowledge"
  | "audit"
  | "cost"
  | "channels";

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
  { id: "skills", path: "/skills", label: "Skills" },
  { id: "knowledge", path: "/knowledge", label: "Knowledge" },
  { id: "audit", path: "/audit", label: "Audit" },
  { id: "cost", path: "/cost", label: "Usage & Cost" },
];

// The platform bot settings behind this page are admin-only on the server.
const ADMIN_ONLY: NavItem[] = [{ id: "channels", path: "/channels", label: "IM Channels" }];

/** What the role's navigation shows. Hiding is a courtesy: the server refuses what the role may not do. */
export function navItemsFor(role: Role): NavItem[] {
  if (role === "employee") return PORTAL;
  return role === "admin" ? [...PORTAL, ...ADMIN, ...ADMIN_ONLY] : [...PORTAL, ...ADMIN];
}

/** The page for a path, falling back to chat for unknown paths and pages the role does not have. */
export function pageFor(path: string, role: Role): PageId {
  return navItemsFor(role).find((item) => item.path === path)?.id ?? "chat";
}
