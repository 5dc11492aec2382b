import { describe, expect, it } from "vitest";
import { onRequest as api } from "./api/[[path]].ts";
import { onRequest as twin } from "./twin/[[path]].ts";

/** The EDGE service binding, faked at its boundary: records what reached "the Worker" and answers. */
function fakeEdge(answer: (request: Request) => Promise<Response>) {
  const seen: { method: string; url: string; headers: Headers; body: string }[] = [];
  return {
    seen,
    binding: {
      fetch: async (request: Request) => {
        seen.push({ method: request.method, url: request.url, headers: new Headers(request.headers), body: await request.text() });
        return answer(request);
      },
    },
  };
}

describe("the Pages Function in front of the edge Worker", () => {
  it("forwards method, path, query, headers and body unchanged, and returns the Worker's answer with every Set-Cookie", async () => {
    const edge = fakeEdge(async () => {
      const headers = new Headers({ "Content-Type": "application/json", "X-Request-Id": "r-1" });
      headers.append("Set-Cookie", "clawgate_session=abc; Path=/; HttpOnly; Secure; SameSite=Lax");
      headers.append("Set-Cookie", "clawgate_csrf=def; Path=/; Secure; SameSite=Strict");
      return new Response(JSON.stringify({ employeeId: "emp-carol" }), { status: 201, headers });
    });
    const request = new Request("https://console.acme.example/api/auth/login?next=%2Fprofile&x=1", {
      method: "POST",
      headers: { "Content-Type": "application/json", Cookie: "clawgate_session=old", Origin: "https://console.acme.example", "X-Custom": "kept" },
      body: JSON.stringify({ employeeId: "emp-carol", password: "acme-demo" }),
    });

    const response = await api({ request, env: { EDGE: edge.binding } });

    expect(edge.seen).toHaveLength(1);
    const forwarded = edge.seen[0]!;
    expect(forwarded.method).toBe("POST");
    expect(forwarded.url).toBe("https://console.acme.example/api/auth/login?next=%2Fprofile&x=1");
    expect(forwarded.headers.get("cookie")).toBe("clawgate_session=old");
    expect(forwarded.headers.get("origin")).toBe("https://console.acme.example");
    expect(forwarded.headers.get("x-custom")).toBe("kept");
    expect(forwarded.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(forwarded.body)).toEqual({ employeeId: "emp-carol", password: "acme-demo" });

    expect(response.status).toBe(201);
    expect(response.headers.get("x-request-id")).toBe("r-1");
    expect(response.headers.getSetCookie()).toEqual([
      "clawgate_session=abc; Path=/; HttpOnly; Secure; SameSite=Lax",
      "clawgate_csrf=def; Path=/; Secure; SameSite=Strict",
    ]);
    expect(await response.json()).toEqual({ employeeId: "emp-carol" });
  });

  it("passes a streamed reply through as it comes (the chat's server-sent events)", async () => {
    const edge = fakeEdge(async () => new Response("event: delta\ndata: {\"text\":\"Hi\"}\n\n", { headers: { "Content-Type": "text/event-stream" } }));
    const response = await api({ request: new Request("https://console.acme.example/api/portal/chat", { method: "POST", body: "{}" }), env: { EDGE: edge.binding } });
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    expect(await response.text()).toContain('data: {"text":"Hi"}');
  });

  it("forwards twin pages, whose links the Worker builds on the console's origin", async () => {
    const edge = fakeEdge(async () => new Response("<!doctype html><title>Twin</title>", { headers: { "Content-Type": "text/html" } }));
    const response = await twin({ request: new Request("https://console.acme.example/twin/AbCdEfGhIjKlMnOpQrStUv"), env: { EDGE: edge.binding } });
    expect(edge.seen.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual(["GET /twin/AbCdEfGhIjKlMnOpQrStUv"]);
    expect(await response.text()).toContain("<title>Twin</title>");
  });

  it("answers 502 with a clear message when the Worker cannot be reached", async () => {
    const edge = fakeEdge(async () => {
      throw new Error("Network connection lost.");
    });
    const response = await api({ request: new Request("https://console.acme.example/api/auth/me"), env: { EDGE: edge.binding } });
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({
      error: { code: "edge_unavailable", message: "The console could not reach the ClawGate Worker (Network connection lost.). Try again in a moment." },
    });
  });

  it("answers 502 naming the missing binding when the Pages project has no EDGE service", async () => {
    const response = await api({ request: new Request("https://console.acme.example/api/auth/me"), env: {} });
    expect(response.status).toBe(502);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/EDGE service binding is missing/);
  });
});
