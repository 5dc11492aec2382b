// A zero-latency OpenAI-compatible model that always streams the same text.
import { createServer } from "node:http";
import { trackServer } from "./processes.mjs";

export async function startFixedModel(reply) {
  const server = trackServer(
    createServer((req, res) => {
      if (req.method === "GET" && req.url === "/v1/models") {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ object: "list", data: [{ id: "bench", object: "model" }] }));
        return;
      }
      if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
        res.writeHead(404).end();
        return;
      }
      req.resume();
      req.on("end", () => {
        const base = { id: "chatcmpl-bench", object: "chat.completion.chunk", created: Math.floor(Date.now() / 1000), model: "bench" };
        const frame = (choices, extra = {}) => `data: ${JSON.stringify({ ...base, choices, ...extra })}\n\n`;
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
        res.write(frame([{ index: 0, delta: { role: "assistant", content: reply }, finish_reason: null }]));
        res.write(frame([{ index: 0, delta: {}, finish_reason: "stop" }], { usage: { prompt_tokens: 1000, completion_tokens: 12, total_tokens: 1012 } }));
        res.end("data: [DONE]\n\n");
      });
    }),
  );
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  return { url: `http://127.0.0.1:${server.address().port}/v1` };
}
