import type { Role } from "@clawgate/contracts";
import type { Localized } from "./i18n/strings.ts";

export type PageId =
  | "dashboard"
  | "chat"
  | "profile"
  | "connect"
  | "usage"
  | "my-skills"
  | "reminders"
  | "organization"
  | "agents"
  | "soul"
  | "playground"
  | "skills"
  | "knowledge"
  | "audit"
  | "cost"
  | "models"
  | "monitor"
  | "settings"
  | "channels"
  | "security";

export interface NavItem {
  id: PageId;
  path: string;
  label: Localized;
}

const PORTAL: NavItem[] = [
  { id: "chat", path: "/", label: { en: "Chat", zh: "对话" } },
  { id: "profile", path: "/profile", label: { en: "Profile", zh: "个人资料" } },
  { id: "connect", path: "/connect", label: { en: "Connect IM", zh: "连接 IM" } },
  { id: "usage", path: "/usage", label: { en: "My Usage", zh: "我的用量" } },
  { id: "my-skills", path: "/my-skills", label: { en: "My Skills", zh: "我的技能" } },
  { id: "reminders", path: "/reminders", label: { en: "Reminders", zh: "提醒" } },
];

const ADMIN: NavItem[] = [
  { id: "organization", path: "/organization", label: { en: "Organization", zh: "组织" } },
  { id: "agents", path: "/agents", label: { en: "Agent Factory", zh: "智能体工厂" } },
  { id: "soul", path: "/soul", label: { en: "SOUL editor", zh: "SOUL 编辑器" } },
  { id: "playground", path: "/playground", label: { en: "Playground", zh: "试验场" } },
  { id: "skills", path: "/skills", label: { en: "Skills", zh: "技能" } },
  { id: "knowledge", path: "/knowledge", label: { en: "Knowledge", zh: "知识库" } },
  { id: "audit", path: "/audit", label: { en: "Audit", zh: "审计" } },
  { id: "cost", path: "/cost", label: { en: "Usage & Cost", zh: "用量与成本" } },
  { id: "models", path: "/models", label: { en: "Models & Pricing", zh: "模型与定价" } },
  { id: "monitor", path: "/monitor", label: { en: "Monitor", zh: "运行监控" } },
];

// Staff land on the dashboard, so their chat moves from / to /chat; employees keep the chat as their home.
const DASHBOARD: NavItem = { id: "dashboard", path: "/", label: { en: "Dashboard", zh: "仪表盘" } };
const STAFF_PORTAL: NavItem[] = PORTAL.map((item) => (item.id === "chat" ? { ...item, path: "/chat" } : item));

// The platform bot settings behind this page are admin-only on the server.
// Runtimes, routing rules and guardrails are admin-only on the server, reads of guardrails included.
const ADMIN_ONLY: NavItem[] = [
  { id: "channels", path: "/channels", label: { en: "IM Channels", zh: "IM 渠道" } },
  { id: "security", path: "/security", label: { en: "Security Center", zh: "安全中心" } },
];

// Organisation settings are the admins' alone on the server (managers get 403).
const SETTINGS: NavItem = { id: "settings", path: "/settings", label: { en: "Settings", zh: "设置" } };

/** What the role's navigation shows. Hiding is a courtesy: the server refuses what the role may not do. */
export function navItemsFor(role: Role): NavItem[] {
  if (role === "employee") return PORTAL;
  return role === "admin" ? [DASHBOARD, ...STAFF_PORTAL, ...ADMIN, ...ADMIN_ONLY, SETTINGS] : [DASHBOARD, ...STAFF_PORTAL, ...ADMIN];
}

/** Pages of the admin console (not the employee's own portal pages), where admins get the IT assistant. */
export const isAdminPage = (id: PageId) => !PORTAL.some((item) => item.id === id);

/** The page for a path, falling back to the role's home (chat, or the dashboard for staff) for unknown paths and pages the role does not have. */
export function pageFor(path: string, role: Role): PageId {
  const items = navItemsFor(role);
  return (items.find((item) => item.path === path) ?? items[0])?.id ?? "chat";
}
