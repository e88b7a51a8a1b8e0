/* CEPA enquiry assistant — embeddable chat widget. Plain JS, no build step.
 *
 * Embed on any allowed site:
 *   <div id="cepa-chat"></div>
 *   <script src="https://ASSISTANT-HOST/widget.js" data-target="cepa-chat" defer></script>
 * Without data-target the widget opens in a panel at the bottom right of the page; with
 * data-mode="launcher" it waits behind a chat bubble (with an unread count) until opened.
 * Every text from the user or the bot is inserted with textContent, never as HTML: bot replies
 * arrive as blocks (paragraphs, numbered lists, links, ticket references; bot/formatting.py),
 * which are built into elements here, and only tel:, mailto:, http(s) and /sources/ links pass.
 * No inline styles, scripts or handlers: it runs under a strict Content-Security-Policy
 * (script-src 'self'; style-src 'self').
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var api = (script && script.getAttribute("data-api")) || (script ? new URL(script.src).origin : "");
  var STORE = "cepa-chat:v1";
  var MAX_HISTORY = 100;
  var ID_PATTERN = /^[0-9a-f]{32}$/;
  var CSS_VERSION = "__CEPA_CSS_VERSION__";  // the gateway writes widget.css's content hash here
  // The cancel button every form question offers (actions/forms.py): the cancel control sends it.
  var STOP_PAYLOAD = '/deny{"answer_to":"stop"}';
  var SAFE_HREF = /^(tel:\+?[0-9]{6,15}|mailto:[^\s<>"']+@[^\s<>"']+|https?:\/\/[^\s<>"']+|\/sources\/[a-z0-9-]+\?lang=[A-Za-z-]+)$/;
  // Tells the gateway the request comes from this widget, so it scopes the conversation to the web channel.
  var CLIENT_HEADERS = { "Content-Type": "application/json", "X-CEPA-Client": "widget" };

  // The labels in every UI language, `widget.*` of the message catalogue (knowledge/messages/):
  // the gateway writes them here when it serves this file (bot/assets.py).
  var UI = /*__CEPA_UI__*/ {};
  var LANG_NAMES = {};  // each language by its own name
  Object.keys(UI).forEach(function (code) { LANG_NAMES[code] = label(code, "lang_name"); });

  /* A conversation id: 128 random bits from the platform's CSPRNG as 32 hex characters.
   * There is deliberately no fallback: without crypto.getRandomValues the widget refuses to chat. */
  function newId() {
    var c = window.crypto;
    if (!c || typeof c.getRandomValues !== "function") return null;
    var bytes = new Uint8Array(16);
    c.getRandomValues(bytes);
    var hex = "";
    for (var i = 0; i < bytes.length; i++) hex += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
    return hex;
  }

  function load() {
    var stored;
    try { stored = JSON.parse(localStorage.getItem(STORE)); } catch (e) { stored = null; }
    stored = stored && typeof stored === "object" ? stored : {};
    var history = Array.isArray(stored.history) ? stored.history.filter(function (entry) {
      return entry && typeof entry === "object" && typeof entry.text === "string" && entry.role !== "error";
    }) : [];
    return {
      // An id from an older widget ("web-<uuid>", or a time-based one) is replaced by a new random one.
      sender: typeof stored.sender === "string" && ID_PATTERN.test(stored.sender) ? stored.sender : null,
      history: history.slice(-MAX_HISTORY),
      uiLang: UI[stored.uiLang] ? stored.uiLang : "zh-Hant"
    };
  }
  var state = load();
  if (!state.sender) state.sender = newId();  // null when no CSPRNG: the widget then shows an error
  function save() {
    if (!state.sender) return;
    state.history = state.history.slice(-MAX_HISTORY);
    try { localStorage.setItem(STORE, JSON.stringify(state)); } catch (e) { /* private mode: session only */ }
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function label(lang, key) { return (UI[lang] || UI[state.uiLang])[key]; }
  function t(key) { return UI[state.uiLang][key]; }

  var cssHref = api + "/widget.css" + (/^[0-9a-f]{16}$/.test(CSS_VERSION) ? "?v=" + CSS_VERSION : "");
  var cssLink = Array.prototype.filter.call(document.querySelectorAll("link[rel=stylesheet]"), function (link) {
    return link.href.split("?")[0] === new URL(api + "/widget.css", document.baseURI).href;
  })[0];
  if (!cssLink) {
    cssLink = el("link", { rel: "stylesheet", href: cssHref });
    document.head.appendChild(cssLink);
  }

  var target = script && script.getAttribute("data-target") && document.getElementById(script.getAttribute("data-target"));
  var launcherMode = !target && script && script.getAttribute("data-mode") === "launcher";
  var host = target;
  if (!host) {
    host = el("div", { "class": "cepa-floating" });
    document.body.appendChild(host);
  }

  var root = el("section", { id: "cepa-panel", "class": "cepa-chat", "aria-labelledby": "cepa-title" });
  var header = el("header");
  var title = el("h2", { id: "cepa-title" });
  var tools = el("div", { "class": "cepa-tools" });
  var restartButton = el("button", { type: "button", "class": "cepa-restart" });
  var clearButton = el("button", { type: "button", "class": "cepa-clear", "aria-controls": "cepa-confirm", "aria-expanded": "false" });
  var langLabel = el("label", { "for": "cepa-lang", "class": "cepa-visually-hidden" });
  var langSelect = el("select", { id: "cepa-lang" });
  Object.keys(LANG_NAMES).forEach(function (code) {
    langSelect.appendChild(el("option", { value: code, lang: code }, LANG_NAMES[code]));
  });
  var minimiseButton = el("button", { type: "button", "class": "cepa-minimise", "aria-controls": "cepa-panel" }, "—");
  tools.appendChild(restartButton); tools.appendChild(clearButton); tools.appendChild(langLabel); tools.appendChild(langSelect);
  if (launcherMode) tools.appendChild(minimiseButton);
  header.appendChild(title); header.appendChild(tools);
  // The confirm step lives inside the widget (no window.confirm, which embedding pages may block).
  var confirmBox = el("div", { id: "cepa-confirm", "class": "cepa-confirm", role: "group", "aria-labelledby": "cepa-confirm-text" });
  var confirmText = el("p", { id: "cepa-confirm-text" });
  var confirmYes = el("button", { type: "button", "class": "cepa-confirm-yes" });
  var confirmNo = el("button", { type: "button", "class": "cepa-confirm-no" });
  confirmBox.appendChild(confirmText); confirmBox.appendChild(confirmYes); confirmBox.appendChild(confirmNo);
  confirmBox.hidden = true;
  var log = el("div", { "class": "cepa-log", role: "log", "aria-live": "polite", "aria-relevant": "additions", tabindex: "0" });
  var inner = el("div", { "class": "cepa-log-inner" });
  log.appendChild(inner);
  var cancelButton = el("button", { type: "button", "class": "cepa-cancel" });
  cancelButton.hidden = true;
  var form = el("form");
  var inputLabel = el("label", { "for": "cepa-input", "class": "cepa-visually-hidden" });
  var input = el("textarea", { id: "cepa-input", rows: "1", maxlength: "2000" });
  var sendButton = el("button", { type: "submit", "class": "cepa-send" });
  form.appendChild(inputLabel); form.appendChild(input); form.appendChild(sendButton);
  root.appendChild(header); root.appendChild(confirmBox); root.appendChild(log); root.appendChild(cancelButton); root.appendChild(form);
  host.appendChild(root);

  /* --- launcher: a bubble with an unread count that opens and hides the panel --- */
  var launcher = null, badge = null, unread = 0, panelOpen = true;
  if (launcherMode) {
    document.documentElement.classList.add("cepa-launcher-mode");
    launcher = el("button", { type: "button", "class": "cepa-launcher", "aria-controls": "cepa-panel", "aria-expanded": "false" });
    var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 24 24"); svg.setAttribute("aria-hidden", "true"); svg.setAttribute("focusable", "false");
    var path = document.createElementNS("http://www.w3.org/2000/svg", "path");
    path.setAttribute("d", "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z");
    svg.appendChild(path);
    badge = el("span", { "class": "cepa-badge", "aria-hidden": "true" });
    badge.hidden = true;
    launcher.appendChild(svg); launcher.appendChild(badge);
    document.body.appendChild(launcher);
    panelOpen = false;
    host.hidden = true;
    launcher.addEventListener("click", function () { setOpen(!panelOpen); });
    minimiseButton.addEventListener("click", function () { setOpen(false); });
    root.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && confirmBox.hidden) { event.preventDefault(); setOpen(false); }
    });
  }
  function setOpen(open) {
    panelOpen = open;
    host.hidden = !open;
    document.documentElement.classList.toggle("cepa-launcher-open", open);
    launcher.setAttribute("aria-expanded", String(open));
    if (open) {
      unread = 0;
      root.classList.add("cepa-panel-enter");
      scrollToEnd();
      input.focus();
    } else {
      launcher.focus();
    }
    updateLauncher();
  }
  function updateLauncher() {
    if (!launcher) return;
    badge.textContent = String(unread);
    badge.hidden = unread === 0;
    launcher.setAttribute("aria-label", t("open") + (unread ? "（" + t("unread").replace("{n}", unread) + "）" : ""));
  }

  /* --- keeping the newest message in view, also once styles and fonts have loaded --- */
  var stick = true;  // follow new content unless the reader scrolled up
  function scrollToEnd() { log.scrollTop = log.scrollHeight; }
  log.addEventListener("scroll", function () {
    stick = log.scrollTop + log.clientHeight >= log.scrollHeight - 8;
  });
  if (typeof ResizeObserver === "function") {
    new ResizeObserver(function () { if (stick) scrollToEnd(); }).observe(inner);
    new ResizeObserver(function () { if (stick) scrollToEnd(); }).observe(log);
  }
  cssLink.addEventListener("load", scrollToEnd);
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(scrollToEnd);

  /* --- the safe formatter: blocks → elements, text only through textContent --- */
  function spanNode(span, lang) {
    if (span.ticket) {
      var box = el("span", { "class": "cepa-ticket" });
      var code = el("code", {}, span.text);
      var copy = el("button", { type: "button", "class": "cepa-copy" }, label(lang, "copy"));
      copy.addEventListener("click", function () {
        var done = function () { copy.textContent = label(lang, "copied"); };
        var select = function () {
          var range = document.createRange(); range.selectNodeContents(code);
          var selection = window.getSelection(); selection.removeAllRanges(); selection.addRange(range);
        };
        if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(span.text).then(done, select);
        else select();
      });
      box.appendChild(code); box.appendChild(copy);
      return box;
    }
    if (typeof span.href === "string" && SAFE_HREF.test(span.href)) {
      var local = span.href.charAt(0) === "/";
      var link = el("a", { href: local ? api + span.href : span.href }, span.text);
      if (local || /^https?:/.test(span.href)) { link.setAttribute("target", "_blank"); link.setAttribute("rel", "noopener noreferrer"); }
      return link;
    }
    return document.createTextNode(String(span.text || ""));
  }
  function spansInto(parent, spans, lang) {
    (spans || []).forEach(function (span) { if (span && typeof span === "object") parent.appendChild(spanNode(span, lang)); });
  }
  function formatted(entry) {
    var box = el("div", { "class": "cepa-text" });
    var blocks = Array.isArray(entry.blocks) && entry.blocks.length ? entry.blocks
      : entry.text.split(/\n\s*\n/).map(function (p) { return { type: "paragraph", spans: [{ text: p }] }; });
    blocks.forEach(function (block) {
      if (block.type === "list") {
        var list = el("ol");
        (block.items || []).forEach(function (item) { var li = el("li"); spansInto(li, item, entry.lang); list.appendChild(li); });
        box.appendChild(list);
      } else {
        var p = el("p");
        spansInto(p, block.spans, entry.lang);
        if ((block.spans || []).some(function (s) { return s && typeof s.href === "string" && s.href.indexOf("/sources/") === 0; })) {
          p.className = "cepa-sources";
        }
        box.appendChild(p);
      }
    });
    return box;
  }

  /* --- the log, built once and then only appended to --- */
  var nodes = typeof Map === "function" ? new Map() : null;  // history entry → its element
  var welcome = null;

  function feedbackControl(entry) {
    var box = el("div", { "class": "cepa-feedback" });
    box.appendChild(el("span", {}, label(entry.lang, "helpful")));
    [["up", "👍"], ["down", "👎"]].forEach(function (spec) {
      var b = el("button", { type: "button", "aria-label": label(entry.lang, spec[0]), "aria-pressed": String(entry.rating === spec[0]), "data-rating": spec[0] }, spec[1]);
      b.addEventListener("click", function () { rate(entry, spec[0], box); });
      box.appendChild(b);
    });
    if (entry.rating) box.appendChild(el("span", { "class": "cepa-thanks", role: "status" }, label(entry.lang, "thanks")));
    return box;
  }

  function renderEntry(entry) {
    if (entry.role === "divider") return el("div", { "class": "cepa-divider", lang: entry.lang || state.uiLang }, entry.text);
    if (entry.role === "user") return el("div", { "class": "cepa-msg cepa-user" }, entry.text);
    var item = el("div", { "class": "cepa-msg cepa-bot" });
    if (entry.lang) item.setAttribute("lang", entry.lang);
    item.appendChild(formatted(entry));
    if (entry.buttons && entry.buttons.length) {
      var buttons = el("div", { "class": "cepa-buttons" });
      entry.buttons.forEach(function (button) {
        var b = el("button", { type: "button" }, button.title);
        b.disabled = Boolean(entry.answered);
        b.addEventListener("click", function () { send(button.payload, button.title); });
        buttons.appendChild(b);
      });
      item.appendChild(buttons);
    }
    if (entry.kind === "answer") item.appendChild(feedbackControl(entry));
    return item;
  }

  function appendNode(node) {
    inner.appendChild(node);
    stick = true;
    scrollToEnd();
  }
  function push(entry) {
    if (welcome) { welcome.remove(); welcome = null; }
    state.history.push(entry);
    save();
    var node = renderEntry(entry);
    if (nodes) nodes.set(entry, node);
    appendNode(node);
    if (entry.role === "bot" && launcherMode && !panelOpen) { unread++; updateLauncher(); }
  }

  function build() {
    inner.textContent = "";
    if (nodes) nodes.clear();
    welcome = null;
    if (!state.sender) {
      appendNode(el("div", { "class": "cepa-msg cepa-bot cepa-error" }, t("no_crypto")));
    } else if (!state.history.length) {
      welcome = el("div", { "class": "cepa-msg cepa-bot cepa-welcome" }, t("welcome"));
      appendNode(welcome);
    }
    state.history.forEach(function (entry) {
      var node = renderEntry(entry);
      if (nodes) nodes.set(entry, node);
      inner.appendChild(node);
    });
    stick = true;
    scrollToEnd();
    updateControls();
  }

  /* Once the user has answered (or started over), older buttons no longer apply. */
  function retireButtons() {
    var changed = false;
    state.history.forEach(function (entry) {
      if (entry.role === "bot" && entry.buttons && entry.buttons.length && !entry.answered) {
        entry.answered = true;
        changed = true;
        var node = nodes && nodes.get(entry);
        if (node) Array.prototype.forEach.call(node.querySelectorAll(".cepa-buttons button"), function (b) { b.disabled = true; });
      }
    });
    if (changed) save();
  }

  function formAsking() {
    for (var i = state.history.length - 1; i >= 0; i--) {
      var entry = state.history[i];
      if (entry.role === "user" || entry.role === "divider") return false;
      if (entry.role === "bot") {
        return !entry.answered && (entry.buttons || []).some(function (b) { return b.payload === STOP_PAYLOAD; });
      }
    }
    return false;
  }

  function applyLanguage() {
    root.setAttribute("lang", state.uiLang);
    title.textContent = t("title");
    restartButton.textContent = t("restart");
    clearButton.textContent = t("clear");
    confirmText.textContent = t("clear_ask");
    confirmYes.textContent = t("clear_yes");
    confirmNo.textContent = t("clear_no");
    langLabel.textContent = t("language");
    langSelect.value = state.uiLang;
    log.setAttribute("aria-label", t("log"));
    inputLabel.textContent = t("label");
    input.setAttribute("placeholder", t("placeholder"));
    sendButton.textContent = t("send");
    cancelButton.textContent = t("cancel");
    minimiseButton.setAttribute("aria-label", t("minimise"));
    if (welcome) welcome.textContent = t("welcome");
    if (typing) typingText.textContent = t("typing");
    updateLauncher();
  }

  function updateControls() {
    var usable = Boolean(state.sender);
    input.disabled = !usable;
    sendButton.disabled = busy || !usable;
    clearButton.disabled = !usable;
    restartButton.disabled = busy || !usable;
    cancelButton.hidden = busy || !formAsking();
  }

  /* A text box that grows with what is typed, up to six lines (rows, not inline styles). */
  function autoGrow() {
    var rows = 1;
    input.rows = rows;
    while (input.scrollHeight > input.clientHeight + 1 && rows < 6) { rows++; input.rows = rows; }
  }

  function post(path, body, signal) {
    return fetch(api + path, { method: "POST", headers: CLIENT_HEADERS, body: JSON.stringify(body), signal: signal })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      });
  }

  var busy = false;
  var generation = 0;     // bumped when the conversation is cleared: late replies to the old one are dropped
  var inflight = null;    // AbortController of the pending request
  var typing = null, typingText = null;

  function setBusy(value) {
    busy = value;
    if (value) {
      log.setAttribute("aria-busy", "true");
      typing = el("div", { "class": "cepa-msg cepa-bot cepa-typing" });
      typingText = el("span", { "class": "cepa-visually-hidden" }, t("typing"));
      typing.appendChild(typingText);
      for (var i = 0; i < 3; i++) typing.appendChild(el("span", { "class": "cepa-dot", "aria-hidden": "true" }));
      appendNode(typing);
    } else {
      log.removeAttribute("aria-busy");
      if (typing) typing.remove();
      typing = null; typingText = null;
    }
    updateControls();
  }

  function showError(retry) {
    // Shown, never stored: after a reload only the conversation itself is there.
    var box = el("div", { "class": "cepa-msg cepa-bot cepa-error", role: "alert" });
    box.appendChild(el("p", {}, t("error")));
    var again = el("button", { type: "button", "class": "cepa-retry" }, t("retry"));
    again.addEventListener("click", function () {
      if (busy) return;
      box.remove();
      retry();
      input.focus();
    });
    box.appendChild(again);
    appendNode(box);
  }

  function request(message) {
    var mine = ++generation;
    setBusy(true);
    inflight = typeof AbortController === "function" ? new AbortController() : null;
    post("/api/chat", { sender: state.sender, message: message, lang: state.uiLang }, inflight && inflight.signal).then(function (data) {
      if (mine !== generation) return;
      setBusy(false);
      (data.replies || []).forEach(function (reply, i) {
        push({ role: "bot", id: "r" + Date.now() + "-" + i, text: String(reply.text || ""), buttons: reply.buttons || [],
          lang: data.lang, kind: reply.kind || "message", sources: reply.sources || [], ticket: reply.ticket || null,
          blocks: reply.blocks || [] });
      });
      // The widget's own labels follow the language the conversation is in now.
      if (UI[data.lang] && data.lang !== state.uiLang) { state.uiLang = data.lang; save(); applyLanguage(); }
      updateControls();
    }).catch(function () {
      if (mine !== generation) return;
      setBusy(false);
      showError(function () { request(message); });
    }).then(function () {
      if (mine === generation) inflight = null;
    });
  }

  function send(message, shown) {
    message = (message || "").trim();
    if (!message || busy || !state.sender) return;  // while waiting, typed text stays in the box
    if (!shown && message.toLowerCase() === "/restart") {
      // Typed, as Telegram users do: the restart control (the gateway passes no typed command on).
      input.value = ""; autoGrow();
      restart();
      return;
    }
    retireButtons();
    push({ role: "user", text: shown || message });
    if (!shown) { input.value = ""; autoGrow(); }
    request(message);
  }

  function restart() {
    if (busy || !state.sender) return;
    var mine = ++generation;
    setBusy(true);
    post("/api/restart", { sender: state.sender }).then(function () {
      if (mine !== generation) return;
      setBusy(false);
      retireButtons();
      push({ role: "divider", text: t("restarted"), lang: state.uiLang });
      updateControls();
      input.focus();
    }).catch(function () {
      if (mine !== generation) return;
      setBusy(false);
      showError(restart);
    });
  }

  function rate(entry, rating, box) {
    // Only this answer's control changes; the pressed button keeps the keyboard focus.
    entry.rating = rating;
    save();
    Array.prototype.forEach.call(box.querySelectorAll("button[data-rating]"), function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-rating") === rating));
    });
    if (!box.querySelector(".cepa-thanks")) box.appendChild(el("span", { "class": "cepa-thanks", role: "status" }, label(entry.lang, "thanks")));
    post("/api/feedback", { sender: state.sender, reply_id: entry.id, rating: rating, reply_text: entry.text.slice(0, 2000) })
      .catch(function () { /* feedback is best effort; the answer itself is unaffected */ });
  }

  function openConfirm() {
    confirmBox.hidden = false;
    clearButton.setAttribute("aria-expanded", "true");
    confirmNo.focus();
  }
  function closeConfirm(focusBack) {
    confirmBox.hidden = true;
    clearButton.setAttribute("aria-expanded", "false");
    if (focusBack) clearButton.focus();
  }
  function dropPending() {
    generation++;
    if (inflight) { inflight.abort(); inflight = null; }
    if (busy) setBusy(false);
  }
  /* Forget the conversation: stored history, the log, any draft, and the id itself. */
  function clearConversation() {
    dropPending();
    try { localStorage.removeItem(STORE); } catch (e) { /* nothing stored */ }
    state = { sender: newId(), history: [], uiLang: state.uiLang };
    input.value = "";
    autoGrow();
    save();
    closeConfirm(false);
    build();
    if (state.sender) input.focus();
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); send(input.value); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) { event.preventDefault(); send(input.value); }
  });
  input.addEventListener("input", autoGrow);
  langSelect.addEventListener("change", function () { state.uiLang = langSelect.value; save(); applyLanguage(); });
  restartButton.addEventListener("click", restart);
  cancelButton.addEventListener("click", function () { send(STOP_PAYLOAD, t("cancel")); });
  clearButton.addEventListener("click", function () { if (confirmBox.hidden) openConfirm(); else closeConfirm(true); });
  confirmYes.addEventListener("click", clearConversation);
  confirmNo.addEventListener("click", function () { closeConfirm(true); });
  confirmBox.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { event.preventDefault(); event.stopPropagation(); closeConfirm(true); }
  });
  // Another tab of the same site cleared or continued the conversation: follow it, never write the old one back.
  window.addEventListener("storage", function (event) {
    if (event.key !== STORE && event.key !== null) return;
    var fresh = load();
    if (!fresh.sender) { state.history = []; build(); return; }
    if (fresh.sender !== state.sender) dropPending();
    state = fresh;
    applyLanguage();
    build();
  });
  save();
  applyLanguage();
  build();
  updateLauncher();
})();
