import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Me, SoulHistory, SoulLayer } from "@clawgate/contracts";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LanguageProvider, type Language } from "../../i18n/language.tsx";
import { fakeFetch, json, type SentRequest } from "../portal/testing/fakeFetch.ts";
import { SoulEditorPage } from "./SoulEditorPage.tsx";

const admin: Me = { employeeId: "emp-jiade", name: "JiaDe Wang", role: "admin", position: { id: "pos-sa", name: "Solutions Architect" }, department: { id: "dept-eng", name: "Engineering" }, mustChangePassword: false };
const manager: Me = { ...admin, employeeId: "emp-mike", name: "Mike Johnson", role: "manager" };
const SHA = "a".repeat(64);

const version = (n: number) => ({ version: n, sha256: SHA, size: 10, author: "emp-jiade", authorName: "JiaDe Wang", createdAt: `2026-11-2${n}T09:00:00.000Z` });
const globalLayer = (current: number, text: string): SoulLayer => ({ layer: "global", scopeId: "*", currentVersion: current, version: version(current), text, affectedAgents: 21 });
const globalHistory = (current: number): SoulHistory => ({ layer: "global", scopeId: "*", versions: Array.from({ length: current }, (_, i) => version(current - i)) });
const change = (from: number, to: number) => ({ layer: "global", scopeId: "*", changed: true, fromVersion: from, version: to, sha256: SHA, size: 10, affectedAgents: 21 });

type Handlers = Record<string, (request: SentRequest) => { status?: number; body?: unknown }>;

/** The global layer at version 2; a write handler may move `layer.current` on (version 1 read "Be kind."). */
function routes(extra: (layer: { current: number }) => Handlers = () => ({})) {
  const layer = { current: 2 };
  return fakeFetch({
    "GET /api/admin/positions": json({ positions: [] }),
    "GET /api/admin/employees": json({ employees: [], nextCursor: null }),
    "GET /api/admin/soul/global": () => ({ body: globalLayer(layer.current, layer.current === 2 ? "Be kind. Be brief." : "Be kind.") }),
    "GET /api/admin/soul/global/versions": () => ({ body: globalHistory(layer.current) }),
    ...extra(layer),
  });
}

function renderPage(me: Me = admin, language: Language = "en") {
  return render(
    <LanguageProvider initial={language}>
      <SoulEditorPage me={me} />
    </LanguageProvider>,
  );
}

const writes = (sent: SentRequest[]) => sent.filter((r) => r.method !== "GET");

describe("SOUL editor", () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("reverts to a chosen version after warning how many agents it reaches", async () => {
    const sent = routes((layer) => ({
      "POST /api/admin/soul/global/revert": () => {
        layer.current = 3;
        return { body: change(2, 3) };
      },
    }));
    renderPage();
    const history = await screen.findByTestId("soul-history");
    expect(within(history).queryByRole("button", { name: "Revert to version 2" })).toBeNull();
    await userEvent.click(within(history).getByRole("button", { name: "Revert to version 1" }));
    expect(screen.getByTestId("soul-warning").textContent).toContain("Reverting makes version 1's text the new latest version. It reaches 21 agent(s)");
    await userEvent.click(screen.getByTestId("soul-confirm"));
    await waitFor(() => expect(writes(sent)).toEqual([{ method: "POST", path: "/api/admin/soul/global/revert", body: { version: 1, baseVersion: 2 } }]));
    expect((await screen.findByTestId("soul-message")).textContent).toBe("Reverted to version 1 as version 3; 21 agent(s) use it from their next turn.");
    expect(await screen.findByRole("heading", { name: "Version 3" })).toBeTruthy();
    expect((screen.getByTestId("soul-text") as HTMLTextAreaElement).value).toBe("Be kind.");
  });

  it("saves with the version it was edited on and explains a stale save", async () => {
    const sent = routes(() => ({
      "PUT /api/admin/soul/global": json({ error: { code: "conflict", message: "stale", currentVersion: 4 } }, 409),
    }));
    renderPage();
    const textarea = (await screen.findByTestId("soul-text")) as HTMLTextAreaElement;
    await userEvent.type(textarea, " Cite sources.");
    await userEvent.click(screen.getByTestId("soul-save"));
    expect(screen.getByTestId("soul-warning").textContent).toContain("This change reaches 21 agent(s) on their next turn.");
    await userEvent.click(screen.getByTestId("soul-confirm"));
    await waitFor(() => expect(writes(sent)).toEqual([{ method: "PUT", path: "/api/admin/soul/global", body: { text: "Be kind. Be brief. Cite sources.", baseVersion: 2 } }]));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toMatch(/Someone saved this layer while you were editing \(it is now at version 4\)/);
    expect(textarea.value).toBe("Be kind. Be brief. Cite sources.");
  });

  it("shows the server's message when it refuses the text", async () => {
    routes(() => ({
      "PUT /api/admin/soul/global": json({ error: { code: "invalid_request", message: "text: must not contain control characters other than tab and newline" } }, 400),
    }));
    renderPage();
    await userEvent.type(await screen.findByTestId("soul-text"), "!");
    await userEvent.click(screen.getByTestId("soul-save"));
    await userEvent.click(screen.getByTestId("soul-confirm"));
    expect((await screen.findByRole("alert")).textContent).toBe("text: must not contain control characters other than tab and newline");
  });

  it("lets a manager read the global layer without offering save or revert", async () => {
    routes();
    renderPage(manager);
    await userEvent.selectOptions(await screen.findByTestId("soul-layer"), "global");
    expect(await screen.findByTestId("soul-read-only")).toBeTruthy();
    expect((screen.getByTestId("soul-text") as HTMLTextAreaElement).readOnly).toBe(true);
    expect(screen.queryByTestId("soul-save")).toBeNull();
    expect(screen.queryByTestId("soul-revert")).toBeNull();
    expect(within(screen.getByTestId("soul-history")).getAllByRole("button", { name: "Diff" })).toHaveLength(2);
  });

  it("shows one agent's three layers side by side and opens a layer in the editor", async () => {
    const layer = (kind: "position" | "personal", scopeId: string, text: string): SoulLayer => ({ layer: kind, scopeId, currentVersion: 1, version: version(1), text, affectedAgents: kind === "position" ? 3 : 1 });
    const employee = (id: string, name: string, positionId: string) => ({ id, name, positionId, departmentId: "dept-eng", role: "employee", employeeNumber: id, email: `${id}@acme.example`, tags: [], language: "en", askAbout: "", mustChangePassword: false, hasPassword: true, createdAt: "" });
    routes(() => ({
      "GET /api/admin/positions": json({ positions: [{ id: "pos-sa", name: "Solutions Architect", departmentId: "dept-eng", capabilities: [], defaultSkills: [], runtimeId: null }, { id: "pos-sde", name: "Software Engineer", departmentId: "dept-eng", capabilities: [], defaultSkills: [], runtimeId: null }] }),
      "GET /api/admin/employees": json({ employees: [employee("emp-jiade", "JiaDe Wang", "pos-sa"), employee("emp-ryan", "Ryan Park", "pos-sde")], nextCursor: null }),
      "GET /api/admin/positions/pos-sa/soul": json(layer("position", "pos-sa", "Draw the architecture first.")),
      "GET /api/admin/positions/pos-sde/soul": json(layer("position", "pos-sde", "Write tests first.")),
      "GET /api/admin/positions/pos-sde/soul/versions": json({ layer: "position", scopeId: "pos-sde", versions: [version(1)] }),
      "GET /api/admin/employees/emp-jiade/soul": json(layer("personal", "emp-jiade", "I like diagrams.")),
      "GET /api/admin/employees/emp-ryan/soul": json(layer("personal", "emp-ryan", "")),
    }));
    renderPage();
    const layers = await screen.findByTestId("soul-layers");
    expect((await within(layers).findByTestId("soul-layer-global")).textContent).toContain("Be kind. Be brief.");
    expect(within(layers).getByTestId("soul-layer-position").textContent).toContain("Position: Solutions Architect v1Edit");
    expect(within(layers).getByTestId("soul-layer-personal").textContent).toContain("I like diagrams.");

    await userEvent.selectOptions(within(layers).getByTestId("soul-layers-employee"), "emp-ryan");
    await waitFor(() => expect(within(layers).getByTestId("soul-layer-position").textContent).toContain("Write tests first."));
    expect(within(layers).getByTestId("soul-layer-personal").textContent).toContain("(empty)");
    await userEvent.click(within(layers).getByRole("button", { name: "Edit the Position: Software Engineer layer" }));
    await waitFor(() => expect((screen.getByTestId("soul-text") as HTMLTextAreaElement).value).toBe("Write tests first."));
    expect((screen.getByTestId("soul-scope") as HTMLSelectElement).value).toBe("pos-sde");
    expect(document.activeElement).toBe(screen.getByTestId("soul-layer"));
  });

  it("speaks Chinese when the console does", async () => {
    routes();
    renderPage(admin, "zh");
    expect(await screen.findByRole("heading", { name: "SOUL 编辑器" })).toBeTruthy();
    expect(await screen.findByRole("button", { name: "回退到版本 1" })).toBeTruthy();
  });
});
