/**
 * GET /: a page where a person plays the customer on SMS or WhatsApp. It
 * posts to /control/{sms|whatsapp}/inbound and polls
 * /control/conversation every 2 s for the agent's replies. Static HTML,
 * no external assets; everything shown is set with textContent.
 */
export const CUSTOMER_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Parley stand-in · play the customer</title>
<style>
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.4 system-ui, sans-serif; background: #f3f4f6; color: #111827; }
  main { max-width: 640px; margin: 0 auto; padding: 16px; display: flex; flex-direction: column; gap: 12px; min-height: 100vh; }
  h1 { font-size: 18px; margin: 0; }
  .hint { color: #6b7280; font-size: 13px; margin: 0; }
  .row { display: flex; gap: 12px; flex-wrap: wrap; align-items: end; }
  label { display: flex; flex-direction: column; gap: 4px; font-size: 13px; color: #374151; flex: 1 1 160px; }
  input, textarea { font: inherit; padding: 8px; border: 1px solid #d1d5db; border-radius: 6px; background: #fff; }
  .channels { display: flex; gap: 8px; }
  .channels button { flex: none; }
  button { font: inherit; padding: 8px 14px; border-radius: 6px; border: 1px solid #2563eb; background: #2563eb; color: #fff; cursor: pointer; }
  button.off { background: #fff; color: #2563eb; }
  button:disabled { opacity: .6; cursor: default; }
  #log { flex: 1; background: #fff; border: 1px solid #e5e7eb; border-radius: 8px; padding: 12px; display: flex; flex-direction: column; gap: 8px; overflow-y: auto; min-height: 240px; }
  .msg { max-width: 80%; padding: 8px 10px; border-radius: 10px; white-space: pre-wrap; word-break: break-word; }
  .you { align-self: flex-end; background: #dbeafe; }
  .agent { align-self: flex-start; background: #f3f4f6; }
  .meta { display: block; font-size: 11px; color: #6b7280; margin-top: 2px; }
  .empty { color: #9ca3af; text-align: center; margin: auto; }
  form { display: flex; gap: 8px; }
  form textarea { flex: 1; resize: vertical; min-height: 44px; }
  #status { min-height: 1.4em; font-size: 13px; color: #6b7280; margin: 0; }
  #status.error { color: #b91c1c; }
</style>
</head>
<body>
<main>
  <h1>Play the customer</h1>
  <p class="hint">Messages go to Parley through its SMS / WhatsApp webhooks, signed like the real providers. The agent's replies to your number appear below.</p>
  <div class="channels" role="group" aria-label="Channel">
    <button type="button" id="ch-sms" data-provider="sms">SMS</button>
    <button type="button" id="ch-whatsapp" data-provider="whatsapp">WhatsApp</button>
  </div>
  <div class="row">
    <label>Your number <input id="me" autocomplete="off" value="+15555550123"></label>
    <label>Parley number <input id="them" autocomplete="off"></label>
    <label id="name-label">Your name (WhatsApp profile) <input id="name" autocomplete="off" value="Casey Customer"></label>
  </div>
  <div id="log" aria-live="polite"></div>
  <form id="compose">
    <textarea id="text" placeholder="Type a message" required></textarea>
    <button type="submit" id="send">Send</button>
  </form>
  <p id="status"></p>
</main>
<script>
(function () {
  "use strict";
  var DEFAULTS = { sms: "+15550100100", whatsapp: "+15550100200" };
  var $ = function (id) { return document.getElementById(id); };
  var me = $("me"), them = $("them"), nameInput = $("name"), log = $("log"), text = $("text"), statusLine = $("status");
  var provider = sessionStorage.getItem("standin.provider") === "whatsapp" ? "whatsapp" : "sms";
  var sent = [];
  try { sent = JSON.parse(sessionStorage.getItem("standin.sent") || "[]"); } catch (e) { sent = []; }
  var replies = [];
  var digits = function (value) { return String(value).replace(/\\D/g, ""); };

  me.value = sessionStorage.getItem("standin.me") || me.value;
  them.value = DEFAULTS[provider];

  function setStatus(message, isError) {
    statusLine.textContent = message;
    statusLine.className = isError ? "error" : "";
  }

  function choose(next) {
    if (them.value.trim() === "" || them.value === DEFAULTS[provider]) them.value = DEFAULTS[next];
    provider = next;
    sessionStorage.setItem("standin.provider", next);
    $("ch-sms").className = next === "sms" ? "" : "off";
    $("ch-whatsapp").className = next === "whatsapp" ? "" : "off";
    $("name-label").style.display = next === "whatsapp" ? "" : "none";
    replies = [];
    render();
    poll();
  }

  function bubble(item) {
    var div = document.createElement("div");
    div.className = "msg " + item.who;
    div.appendChild(document.createTextNode(item.text));
    (item.media || []).forEach(function (url) {
      var line = document.createElement("span");
      line.className = "meta";
      line.textContent = "attachment: " + url;
      div.appendChild(line);
    });
    var meta = document.createElement("span");
    meta.className = "meta";
    meta.textContent = new Date(item.at).toLocaleTimeString() + (item.note ? " · " + item.note : "");
    div.appendChild(meta);
    return div;
  }

  function render() {
    var mine = sent.filter(function (m) { return m.provider === provider && digits(m.me) === digits(me.value); })
      .map(function (m) { return { who: "you", at: m.at, text: m.text, note: m.note }; });
    var theirs = replies.map(function (r) { return { who: "agent", at: r.at, text: r.text, media: r.mediaUrls, note: r.status }; });
    var items = mine.concat(theirs).sort(function (a, b) { return a.at < b.at ? -1 : a.at > b.at ? 1 : 0; });
    if (items.length === 0) {
      var empty = document.createElement("p");
      empty.className = "empty";
      empty.textContent = "No messages yet.";
      log.replaceChildren(empty);
      return;
    }
    var atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    log.replaceChildren.apply(log, items.map(bubble));
    if (atBottom) log.scrollTop = log.scrollHeight;
  }

  function poll() {
    if (digits(me.value) === "") return;
    var asked = provider + " " + me.value;
    fetch("/control/conversation?provider=" + provider + "&number=" + encodeURIComponent(me.value))
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (list) { if (asked === provider + " " + me.value) { replies = list; render(); } })
      .catch(function () { setStatus("The stand-in is not reachable.", true); });
  }

  function reason(result, parley) {
    var error = result.error;
    if (typeof error === "string") return error;
    if (error && error.issues && error.issues[0]) return error.issues[0].path + " " + error.issues[0].message;
    if (error && error.message) return error.message;
    return "Parley answered HTTP " + parley;
  }

  $("compose").addEventListener("submit", function (event) {
    event.preventDefault();
    var body = text.value.trim();
    if (body === "") return;
    var payload = { from: me.value.trim(), to: them.value.trim(), body: body };
    if (provider === "whatsapp" && nameInput.value.trim() !== "") payload.name = nameInput.value.trim();
    $("send").disabled = true;
    sessionStorage.setItem("standin.me", me.value.trim());
    fetch("/control/" + provider + "/inbound", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload) })
      .then(function (response) { return response.json().then(function (result) { return { ok: response.ok, result: result }; }); })
      .then(function (answer) {
        var parley = answer.result.status;
        var delivered = answer.ok && parley >= 200 && parley < 300;
        sent.push({ provider: provider, me: me.value.trim(), at: new Date().toISOString(), text: body, note: delivered ? "sent" : "not accepted (" + (parley || "no answer") + ")" });
        sessionStorage.setItem("standin.sent", JSON.stringify(sent.slice(-200)));
        if (delivered) { text.value = ""; setStatus("Parley accepted the message (HTTP " + parley + ")."); }
        else setStatus("Not accepted: " + reason(answer.result, parley), true);
        render();
      })
      .catch(function (error) { setStatus("Could not send: " + error, true); })
      .finally(function () { $("send").disabled = false; text.focus(); });
  });

  text.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); $("compose").requestSubmit(); }
  });
  $("ch-sms").addEventListener("click", function () { choose("sms"); });
  $("ch-whatsapp").addEventListener("click", function () { choose("whatsapp"); });
  me.addEventListener("change", function () { replies = []; render(); poll(); });

  choose(provider);
  setInterval(poll, 2000);
})();
</script>
</body>
</html>
`;
