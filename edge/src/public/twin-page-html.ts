import { TWIN_MESSAGE_MAX } from "@clawgate/contracts";

const escapeHtml = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#39;");

/**
 * The twin page: no framework and no third-party request; inline CSS and JS allowed only by the
 * per-response nonce of a strict CSP. The reply streams in (fetch + ReadableStream over SSE) and
 * is announced to screen readers through a polite live region.
 */
export function twinPageHtml(page: { name: string; chatPath: string; nonce: string }): string {
  const name = escapeHtml(page.name);
  const title = `${name}'s AI assistant`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<style nonce="${page.nonce}">
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { margin: 0; display: flex; justify-content: center; }
  main { width: min(44rem, 100%); padding: 1rem; box-sizing: border-box; }
  h1 { font-size: 1.4rem; margin-bottom: .25rem; }
  .intro { margin-top: 0; opacity: .8; }
  #log { list-style: none; padding: 0; display: flex; flex-direction: column; gap: .5rem; min-height: 8rem; }
  #log li { padding: .5rem .75rem; border-radius: .5rem; white-space: pre-wrap; overflow-wrap: anywhere; }
  #log .visitor { align-self: flex-end; background: #2563eb; color: #fff; }
  #log .assistant { align-self: flex-start; background: rgba(127, 127, 127, .15); }
  #log .notice { align-self: center; font-size: .9rem; opacity: .8; }
  form { display: flex; flex-direction: column; gap: .5rem; }
  textarea { font: inherit; padding: .5rem; min-height: 4rem; resize: vertical; }
  button { font: inherit; padding: .5rem 1rem; align-self: flex-end; cursor: pointer; }
  :focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
</style>
</head>
<body>
<main>
  <h1>${title}</h1>
  <p class="intro">You are talking with an AI assistant on behalf of ${name}, not with ${name} in person. Do not share secrets.</p>
  <ol id="log" aria-live="polite" aria-label="Conversation"></ol>
  <form id="chat">
    <label for="message">Your message</label>
    <textarea id="message" name="message" maxlength="${TWIN_MESSAGE_MAX}" required autofocus></textarea>
    <button type="submit">Send</button>
    <p id="status" class="sr-only" role="status"></p>
  </form>
</main>
<script nonce="${page.nonce}">
(() => {
  const chatPath = ${JSON.stringify(page.chatPath)};
  const form = document.getElementById("chat");
  const input = document.getElementById("message");
  const button = form.querySelector("button");
  const log = document.getElementById("log");
  const status = document.getElementById("status");
  const add = (kind, text) => {
    const item = document.createElement("li");
    item.className = kind;
    item.textContent = text;
    log.append(item);
    item.scrollIntoView({ block: "end" });
    return item;
  };
  const errorText = async (res) => {
    if (res.status === 429) return "Too many messages right now. Please try again in " + (res.headers.get("retry-after") || "a few") + " seconds.";
    if (res.status === 404) return "This assistant is no longer available.";
    try { return (await res.json()).error.message; } catch { return "Something went wrong (" + res.status + ")."; }
  };
  async function send(message) {
    add("visitor", message);
    const reply = add("assistant", "…");
    const res = await fetch(chatPath, { method: "POST", headers: { "content-type": "application/json", accept: "text/event-stream" }, body: JSON.stringify({ message }) });
    if (!res.ok || !res.body) { reply.className = "notice"; reply.textContent = await errorText(res); return; }
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "", text = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end;
      while ((end = buffer.indexOf("\\n\\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (!event || !data) continue;
        const payload = JSON.parse(data);
        if (event === "delta") { text += payload.text; reply.textContent = text; }
        if (event === "result") reply.textContent = payload.reply;
        if (event === "error") { reply.className = "notice"; reply.textContent = payload.error.message; }
      }
    }
  }
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const message = input.value.trim();
    if (!message) return;
    input.value = "";
    button.disabled = true;
    status.textContent = "Sending…";
    try { await send(message); } catch { add("notice", "The connection failed. Please try again."); }
    finally { button.disabled = false; status.textContent = ""; input.focus(); }
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
  });
})();
</script>
</body>
</html>`;
}
