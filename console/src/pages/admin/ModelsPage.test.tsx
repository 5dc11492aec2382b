import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Me, Model, ModelPrice } from "@clawgate/contracts";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LanguageProvider, type Language } from "../../i18n/language.tsx";
import { navItemsFor } from "../../navigation.ts";
import { fakeFetch, json, type SentRequest } from "../portal/testing/fakeFetch.ts";
import { ModelsPage } from "./ModelsPage.tsx";

const admin: Me = { employeeId: "emp-jiade", name: "JiaDe Wang", role: "admin", position: { id: "pos-sa", name: "Solutions Architect" }, department: { id: "dept-eng", name: "Engineering" }, mustChangePassword: false };
const manager: Me = { ...admin, employeeId: "emp-mike", name: "Mike Johnson", role: "manager" };

const SONNET: Model = {
  id: "us.anthropic.claude-sonnet-4-20250514-v1:0",
  provider: "bedrock",
  name: "Claude Sonnet 4",
  contextWindow: 200000,
  maxOutputTokens: 8192,
  pricing: { inputPerMTokUsd: 3, outputPerMTokUsd: 15 },
  priced: true,
  priceId: "claude-sonnet-4",
};
const QWEN: Model = { id: "qwen2.5-72b-instruct", provider: "openai", name: "Qwen 2.5 72B", contextWindow: 131072, maxOutputTokens: 4096, pricing: null, priced: false, priceId: null };
const SONNET_PRICE: ModelPrice = { id: "claude-sonnet-4", name: "Claude Sonnet 4 (all regions)", pattern: "*claude-sonnet-4*", inputUsdPerMTok: 3, outputUsdPerMTok: 15, updatedAt: "2026-11-01T00:00:00.000Z", updatedBy: "emp-jiade" };

function routes(extra: Record<string, (request: SentRequest) => { status?: number; body?: unknown }> = {}) {
  return fakeFetch({
    "GET /api/admin/models": json({ models: [SONNET, QWEN] }),
    "GET /api/admin/pricing": json({ prices: [SONNET_PRICE] }),
    ...extra,
  });
}

function renderPage(me: Me = admin, language: Language = "en") {
  return render(
    <LanguageProvider initial={language}>
      <ModelsPage me={me} />
    </LanguageProvider>,
  );
}

const changes = (sent: SentRequest[]) => sent.filter((r) => r.method !== "GET");
const cells = (row: HTMLElement) => Array.from(row.querySelectorAll("th, td")).map((c) => c.textContent);

describe("Models & pricing", () => {
  beforeEach(() => vi.spyOn(window, "confirm").mockReturnValue(true));
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it("lists the catalogue with limits and prices, names the unpriced models, and the price table with what each prices", async () => {
    const sent = routes();
    renderPage();
    const catalogue = await screen.findByTestId("models-catalogue");
    const [sonnet, qwen] = within(catalogue).getAllByTestId("model-row");
    expect(cells(sonnet!).slice(0, 5)).toEqual(["Claude Sonnet 4 us.anthropic.claude-sonnet-4-20250514-v1:0", "bedrock", "200,000 tokens", "8,192 tokens", "$3.00 / $15.00 via Claude Sonnet 4 (all regions)"]);
    expect(cells(qwen!).slice(0, 5)).toEqual(["Qwen 2.5 72B qwen2.5-72b-instruct", "openai", "131,072 tokens", "4,096 tokens", "no price"]);
    expect(screen.getByTestId("models-unpriced").textContent).toBe("No price: Qwen 2.5 72B. Their usage shows as unpriced (cost unknown) until a price matches them.");
    const price = within(screen.getByTestId("models-prices")).getByTestId("price-row");
    expect(cells(price).slice(0, 4)).toEqual(["Claude Sonnet 4 (all regions)", "*claude-sonnet-4*", "$3.00 / $15.00", "Claude Sonnet 4"]);
    // Two requests however many models there are: each model says which price bills it.
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /api/admin/models", "GET /api/admin/pricing"]);
    expect(navItemsFor("admin").some((item) => item.id === "models")).toBe(true);
    expect(navItemsFor("manager").some((item) => item.id === "models")).toBe(true);
    expect(navItemsFor("employee").some((item) => item.id === "models")).toBe(false);
  });

  it("adds an OpenAI-compatible model, with the server's 400 next to the field and its 409 beside the form", async () => {
    let answer: { status: number; body: unknown } = {
      status: 400,
      body: { error: { code: "invalid_request", message: "contextWindow: Too small", issues: [{ path: "contextWindow", message: "Too small: expected number to be >=1024" }] } },
    };
    const sent = routes({ "POST /api/admin/models": () => answer });
    renderPage();
    const form = await screen.findByTestId("model-new-form");
    expect((within(form).getByLabelText("Provider") as HTMLSelectElement).value).toBe("openai");
    await userEvent.type(within(form).getByLabelText("Model id"), "gpt-4o-mini");
    await userEvent.type(within(form).getByLabelText("Display name"), "GPT-4o mini");
    await userEvent.clear(within(form).getByLabelText("Context window (tokens)"));
    await userEvent.type(within(form).getByLabelText("Context window (tokens)"), "512");
    await userEvent.click(within(form).getByRole("button", { name: "Add model" }));
    expect((await within(form).findByTestId("model-new-contextWindow-error")).textContent).toBe("Too small: expected number to be >=1024");
    expect(changes(sent)[0]).toEqual({ method: "POST", path: "/api/admin/models", body: { id: "gpt-4o-mini", provider: "openai", name: "GPT-4o mini", contextWindow: 512, maxOutputTokens: 8192 } });

    answer = { status: 409, body: { error: { code: "conflict", message: "gpt-4o-mini is already available." } } };
    await userEvent.clear(within(form).getByLabelText("Context window (tokens)"));
    await userEvent.type(within(form).getByLabelText("Context window (tokens)"), "128000");
    await userEvent.click(within(form).getByRole("button", { name: "Add model" }));
    expect((await within(form).findByRole("alert")).textContent).toBe("gpt-4o-mini is already available.");
    expect(within(form).queryByTestId("model-new-contextWindow-error")).toBeNull();
  });

  it("prices an unpriced model with a price drafted from its id, and clears a price", async () => {
    const sent = routes({
      "PUT /api/admin/pricing/qwen2.5-72b-instruct": json({ ...SONNET_PRICE, id: "qwen2.5-72b-instruct", name: "Qwen 2.5 72B", pattern: "qwen2.5-72b-instruct", inputUsdPerMTok: 0.9, outputUsdPerMTok: 0.9 }),
      "DELETE /api/admin/pricing/claude-sonnet-4": json({ deleted: "claude-sonnet-4" }),
    });
    renderPage();
    await userEvent.click(await screen.findByRole("button", { name: "Set a price for Qwen 2.5 72B" }));
    const form = screen.getByTestId("model-price-form");
    expect((within(form).getByLabelText("Model pattern") as HTMLInputElement).value).toBe("qwen2.5-72b-instruct");
    expect(document.activeElement).toBe(within(form).getByLabelText("Input, USD per 1M tokens"));
    await userEvent.type(within(form).getByLabelText("Input, USD per 1M tokens"), "0.9");
    await userEvent.type(within(form).getByLabelText("Output, USD per 1M tokens"), "0.9");
    await userEvent.click(within(form).getByRole("button", { name: "Save price" }));
    await waitFor(() =>
      expect(changes(sent)[0]).toEqual({
        method: "PUT",
        path: "/api/admin/pricing/qwen2.5-72b-instruct",
        body: { name: "Qwen 2.5 72B", pattern: "qwen2.5-72b-instruct", inputUsdPerMTok: 0.9, outputUsdPerMTok: 0.9 },
      }),
    );
    expect((await within(screen.getByTestId("models-catalogue")).findByRole("status")).textContent).toBe("Saved the price Qwen 2.5 72B. It applies to turns from now on.");

    await userEvent.click(screen.getByRole("button", { name: "Clear the price of Claude Sonnet 4" }));
    expect(window.confirm).toHaveBeenCalledWith("Delete the price Claude Sonnet 4 (all regions)? It prices Claude Sonnet 4; their next turns are unpriced unless another price matches.");
    await waitFor(() => expect(changes(sent)[1]).toEqual({ method: "DELETE", path: "/api/admin/pricing/claude-sonnet-4", body: undefined }));
  });

  it("refuses a new price whose id is taken before it can replace another, and shows a taken pattern's 409", async () => {
    const sent = routes({
      "PUT /api/admin/pricing/sonnet-eu": json({ error: { code: "conflict", message: "Another model price already has this pattern." } }, 409),
    });
    renderPage();
    const form = await screen.findByTestId("price-new-form");
    await userEvent.type(within(form).getByLabelText("Price id"), "claude-sonnet-4");
    await userEvent.type(within(form).getByLabelText("Name"), "Sonnet EU");
    await userEvent.type(within(form).getByLabelText("Model pattern"), "*claude-sonnet-4*");
    await userEvent.type(within(form).getByLabelText("Input, USD per 1M tokens"), "3.3");
    await userEvent.type(within(form).getByLabelText("Output, USD per 1M tokens"), "16.5");
    await userEvent.click(within(form).getByRole("button", { name: "Save price" }));
    expect(within(form).getByTestId("price-new-id-error").textContent).toBe("A price with this id exists: change that one instead.");
    expect(changes(sent)).toEqual([]);

    await userEvent.clear(within(form).getByLabelText("Price id"));
    await userEvent.type(within(form).getByLabelText("Price id"), "sonnet-eu");
    await userEvent.click(within(form).getByRole("button", { name: "Save price" }));
    expect((await within(form).findByRole("alert")).textContent).toBe("Another model price already has this pattern.");
    expect(changes(sent)[0]).toEqual({ method: "PUT", path: "/api/admin/pricing/sonnet-eu", body: { name: "Sonnet EU", pattern: "*claude-sonnet-4*", inputUsdPerMTok: 3.3, outputUsdPerMTok: 16.5 } });
  });

  it("explains why a model in use cannot be withdrawn", async () => {
    routes({
      "DELETE /api/admin/models/qwen2.5-72b-instruct": json(
        { error: { code: "conflict", message: "1 position(s) and 2 employee(s) are configured with qwen2.5-72b-instruct; configure them with another model first.", blockers: { positions: 1, employees: 2, departments: 0 } } },
        409,
      ),
    });
    renderPage();
    await userEvent.click(await screen.findByRole("button", { name: "Withdraw Qwen 2.5 72B" }));
    const alert = await within(screen.getByTestId("models-catalogue")).findByRole("alert");
    expect(alert.textContent).toBe(
      "Not withdrawn: 1 position(s) and 2 employee(s) are configured with qwen2.5-72b-instruct; configure them with another model first. Change their model in the Agent Factory, then withdraw it.",
    );
  });

  it("shows a manager the catalogue and prices without any admin action", async () => {
    routes();
    renderPage(manager);
    expect(await screen.findAllByTestId("model-row")).toHaveLength(2);
    expect(screen.getByTestId("price-row")).toBeTruthy();
    expect(screen.queryAllByRole("button")).toEqual([]);
    expect(screen.queryByTestId("model-new-form")).toBeNull();
    expect(screen.queryByTestId("price-new-form")).toBeNull();
  });

  it("speaks Chinese", async () => {
    routes();
    renderPage(admin, "zh");
    const catalogue = await screen.findByTestId("models-catalogue");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("模型与定价");
    expect(cells(within(catalogue).getAllByTestId("model-row")[1]!)[4]).toBe("未定价");
    expect(screen.getByTestId("models-unpriced").textContent).toContain("未定价：Qwen 2.5 72B");
    expect(screen.getByRole("button", { name: "添加模型" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "下架 Qwen 2.5 72B" })).toBeTruthy();
  });
});
