import { beforeAll, describe, expect, it } from "vitest";
import { apiRoutes } from "./api-routes.ts";
import { client, request, signInAs } from "./org-client.ts";
import { seedAcme } from "./seeded.ts";

describe("OpenAPI", () => {
  beforeAll(seedAcme);

  it("documents every /api route, generated from the same zod schemas", async () => {
    const res = await client(null).get("/api/openapi.json");
    expect(res.status).toBe(200);
    const doc = res.body as { openapi: string; paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toBe("3.1.0");
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)));
    const routes = apiRoutes()
      .filter((r) => r.path !== "/api/openapi.json")
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}")}`);
    expect(routes.length).toBeGreaterThan(15);
    expect(routes.filter((r) => !documented.has(r))).toEqual([]);
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(["Department", "DepartmentNode", "Position", "Employee", "Capability", "ApiError"]));
  });

  it("describes request bodies with their constraints", async () => {
    const doc = (await client(null).get("/api/openapi.json")).body;
    const create = doc.paths["/api/admin/positions"].post;
    const schema = create.requestBody.content["application/json"].schema;
    expect(schema.required).toEqual(expect.arrayContaining(["name", "departmentId"]));
    expect(JSON.stringify(schema.properties.capabilities)).toContain("Capability");
    expect(doc.components.schemas.Capability.enum).toEqual(["web_search", "shell", "browser", "file", "file_write", "code_execution"]);
  });

  it("answers invalid input with 400, the API error shape and every offending field", async () => {
    const admin = client(await signInAs("emp-jiade"));
    const res = await admin.post("/api/admin/positions", { name: "", departmentId: "dept-eng", capabilities: ["shell", "teleport"] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(res.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["capabilities.1", "name"]);
    expect(res.body.error.message).toMatch(/^(name|capabilities\.1): /);
  });

  it("answers a malformed JSON body with 400 invalid_request", async () => {
    const cookie = await signInAs("emp-jiade");
    const res = await request("/api/admin/departments", { method: "POST", headers: { cookie, "content-type": "application/json" }, body: "{not json" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_request");
  });
});
