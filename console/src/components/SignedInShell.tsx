import { lazy, Suspense } from "react";
import type { Me } from "@clawgate/contracts";
import { isAdminPage, pageFor } from "../navigation.ts";
import { useHashPath } from "../router.ts";
import { ChatPage } from "../pages/ChatPage.tsx";
import { OrganizationPage } from "../pages/admin/OrganizationPage.tsx";
import { PlaygroundPage } from "../pages/admin/PlaygroundPage.tsx";
import { SoulEditorPage } from "../pages/admin/SoulEditorPage.tsx";
import { AuditPage } from "../pages/admin/AuditPage.tsx";
import { ChannelsPage } from "../pages/admin/ChannelsPage.tsx";
import { KnowledgePage } from "../pages/admin/KnowledgePage.tsx";
import { SkillsPage } from "../pages/admin/SkillsPage.tsx";
import { ConnectImPage } from "../pages/portal/ConnectImPage.tsx";
import { MySkillsPage } from "../pages/portal/MySkillsPage.tsx";
import { ProfilePage } from "../pages/portal/ProfilePage.tsx";
import { SchedulesPage } from "../pages/portal/SchedulesPage.tsx";
import { NavBar } from "./NavBar.tsx";
import { LoadState } from "./PageNotices.tsx";

// The chart library is most of the bundle; load it only when someone opens their usage.
const UsagePage = lazy(() => import("../pages/portal/UsagePage.tsx").then((module) => ({ default: module.UsagePage })));
const CostPage = lazy(() => import("../pages/admin/CostPage.tsx").then((module) => ({ default: module.CostPage })));
const ModelsPage = lazy(() => import("../pages/admin/ModelsPage.tsx").then((module) => ({ default: module.ModelsPage })));
// Admin configuration pages: employees never download them.
const AgentFactoryPage = lazy(() => import("../pages/admin/AgentFactoryPage.tsx").then((module) => ({ default: module.AgentFactoryPage })));
const SecurityCenterPage = lazy(() => import("../pages/admin/SecurityCenterPage.tsx").then((module) => ({ default: module.SecurityCenterPage })));
// Operations pages and the IT assistant: staff only, so employees never download them either.
const DashboardPage = lazy(() => import("../pages/admin/DashboardPage.tsx").then((module) => ({ default: module.DashboardPage })));
const MonitorPage = lazy(() => import("../pages/admin/MonitorPage.tsx").then((module) => ({ default: module.MonitorPage })));
const SettingsPage = lazy(() => import("../pages/admin/SettingsPage.tsx").then((module) => ({ default: module.SettingsPage })));
const AssistantChat = lazy(() => import("./AssistantChat.tsx").then((module) => ({ default: module.AssistantChat })));

// While a lazily loaded page arrives: "Loading…" in the UI language, as a polite status.
const PAGE_LOADING = (
  <div className="app-status">
    <LoadState error={null} loading />
  </div>
);

/** The navigation bar and the page the hash route names, limited to the pages the role has. */
export function SignedInShell({ me, onSignedOut }: { me: Me; onSignedOut: () => void }) {
  const page = pageFor(useHashPath(), me.role);
  return (
    <>
      <NavBar me={me} current={page} onSignedOut={onSignedOut} />
      {page === "dashboard" ? (
        <Suspense fallback={PAGE_LOADING}>
          <DashboardPage me={me} />
        </Suspense>
      ) : null}
      {page === "chat" ? <ChatPage key={me.employeeId} onSignedOut={onSignedOut} /> : null}
      {page === "profile" ? <ProfilePage me={me} /> : null}
      {page === "connect" ? <ConnectImPage /> : null}
      {page === "my-skills" ? <MySkillsPage /> : null}
      {page === "reminders" ? <SchedulesPage /> : null}
      {page === "usage" ? (
        <Suspense fallback={PAGE_LOADING}>
          <UsagePage />
        </Suspense>
      ) : null}
      {page === "organization" ? <OrganizationPage me={me} /> : null}
      {page === "agents" ? (
        <Suspense fallback={PAGE_LOADING}>
          <AgentFactoryPage me={me} />
        </Suspense>
      ) : null}
      {page === "soul" ? <SoulEditorPage me={me} /> : null}
      {page === "playground" ? <PlaygroundPage onSignedOut={onSignedOut} /> : null}
      {page === "skills" ? <SkillsPage me={me} /> : null}
      {page === "knowledge" ? <KnowledgePage /> : null}
      {page === "audit" ? <AuditPage /> : null}
      {page === "cost" ? (
        <Suspense fallback={PAGE_LOADING}>
          <CostPage me={me} />
        </Suspense>
      ) : null}
      {page === "models" ? (
        <Suspense fallback={PAGE_LOADING}>
          <ModelsPage me={me} />
        </Suspense>
      ) : null}
      {page === "channels" ? <ChannelsPage /> : null}
      {page === "monitor" ? (
        <Suspense fallback={PAGE_LOADING}>
          <MonitorPage />
        </Suspense>
      ) : null}
      {page === "settings" ? (
        <Suspense fallback={PAGE_LOADING}>
          <SettingsPage />
        </Suspense>
      ) : null}
      {me.role === "admin" && isAdminPage(page) ? (
        <Suspense fallback={null}>
          <AssistantChat />
        </Suspense>
      ) : null}
      {page === "security" ? (
        <Suspense fallback={PAGE_LOADING}>
          <SecurityCenterPage />
        </Suspense>
      ) : null}
    </>
  );
}
