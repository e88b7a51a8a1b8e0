/* CEPA enquiry assistant — embeddable chat widget. Plain JS, no build step.
 *
 * Embed on any allowed site:
 *   <div id="cepa-chat"></div>
 *   <script src="https://ASSISTANT-HOST/widget.js" data-target="cepa-chat" defer></script>
 * Without data-target the widget opens in a panel at the bottom right of the page.
 * Every text from the user or the bot is inserted with textContent, never as HTML.
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
  // Tells the gateway the request comes from this widget, so it scopes the conversation to the web channel.
  var CLIENT_HEADERS = { "Content-Type": "application/json", "X-CEPA-Client": "widget" };

  var UI = {
    "zh-Hant": { title: "CEPA 查詢助手", placeholder: "請輸入你的問題…", send: "發送", label: "你的問題",
      sources: "資料來源：", helpful: "這個答案有幫助嗎？", up: "有幫助", down: "沒有幫助", thanks: "多謝你的意見",
      error: "暫時未能連線，請稍後再試。你的訊息已保留。", language: "語言", log: "對話內容",
      clear: "清除對話", clearAsk: "清除整段對話？這個瀏覽器內的對話記錄會被刪除。", clearYes: "清除", clearNo: "取消",
      noCrypto: "這個瀏覽器未能產生安全的對話編號，所以無法使用查詢助手。請改用較新的瀏覽器。",
      welcome: "你好！請輸入有關CEPA、大灣區惠澳措施或調整援助計劃還款的問題。" },
    "zh-Hans": { title: "CEPA 查询助手", placeholder: "请输入你的问题…", send: "发送", label: "你的问题",
      sources: "资料来源：", helpful: "这个答案有帮助吗？", up: "有帮助", down: "没有帮助", thanks: "谢谢你的意见",
      error: "暂时未能连线，请稍后再试。你的信息已保留。", language: "语言", log: "对话内容",
      clear: "清除对话", clearAsk: "清除整段对话？这个浏览器内的对话记录会被删除。", clearYes: "清除", clearNo: "取消",
      noCrypto: "这个浏览器未能产生安全的对话编号，所以无法使用查询助手。请改用较新的浏览器。",
      welcome: "你好！请输入有关CEPA、大湾区惠澳措施或调整援助计划还款的问题。" },
    "en": { title: "CEPA enquiry assistant", placeholder: "Type your question…", send: "Send", label: "Your question",
      sources: "Source: ", helpful: "Was this answer helpful?", up: "Helpful", down: "Not helpful", thanks: "Thank you for your feedback",
      error: "Cannot reach the assistant right now; please try again. Your message was kept.", language: "Language", log: "Conversation",
      clear: "Clear conversation", clearAsk: "Clear the whole conversation? Its record in this browser will be deleted.",
      clearYes: "Clear", clearNo: "Cancel",
      noCrypto: "This browser cannot create a secure conversation id, so the assistant cannot be used here. Please use an up-to-date browser.",
      welcome: "Hello! Ask me about CEPA, the Greater Bay Area measures or the aid repayment adjustment." },
    "pt": { title: "Assistente CEPA", placeholder: "Escreva a sua pergunta…", send: "Enviar", label: "A sua pergunta",
      sources: "Fonte: ", helpful: "Esta resposta foi útil?", up: "Útil", down: "Não útil", thanks: "Obrigado pela sua opinião",
      error: "De momento não é possível contactar o assistente; tente novamente. A sua mensagem foi guardada.", language: "Língua", log: "Conversa",
      clear: "Limpar conversa", clearAsk: "Limpar toda a conversa? O seu registo neste navegador será apagado.",
      clearYes: "Limpar", clearNo: "Cancelar",
      noCrypto: "Este navegador não consegue criar um identificador seguro da conversa; o assistente não pode ser usado aqui. Use um navegador atualizado.",
      welcome: "Olá! Pergunte-me sobre o CEPA, as medidas da Grande Baía ou o ajustamento dos reembolsos." }
  };
  var LANG_NAMES = { "zh-Hant": "繁體", "zh-Hans": "简体", "en": "English", "pt": "Português" };

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
      return entry && typeof entry === "object" && typeof entry.text === "string";
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

  var cssHref = api + "/widget.css";
  var cssPresent = Array.prototype.some.call(document.querySelectorAll("link[rel=stylesheet]"), function (link) {
    return link.href === new URL(cssHref, document.baseURI).href;
  });
  if (!cssPresent) document.head.appendChild(el("link", { rel: "stylesheet", href: cssHref }));

  var host = script && script.getAttribute("data-target") && document.getElementById(script.getAttribute("data-target"));
  if (!host) {
    host = el("div", { "class": "cepa-floating" });
    document.body.appendChild(host);
  }

  var root = el("section", { "class": "cepa-chat", "aria-labelledby": "cepa-title" });
  var header = el("header");
  var title = el("h2", { id: "cepa-title" });
  var tools = el("div", { "class": "cepa-tools" });
  var clearButton = el("button", { type: "button", "class": "cepa-clear", "aria-controls": "cepa-confirm", "aria-expanded": "false" });
  var langLabel = el("label", { "for": "cepa-lang", "class": "cepa-visually-hidden" });
  var langSelect = el("select", { id: "cepa-lang" });
  Object.keys(LANG_NAMES).forEach(function (code) {
    var option = el("option", { value: code, lang: code }, LANG_NAMES[code]);
    langSelect.appendChild(option);
  });
  tools.appendChild(clearButton); tools.appendChild(langLabel); tools.appendChild(langSelect);
  header.appendChild(title); header.appendChild(tools);
  // The confirm step lives inside the widget (no window.confirm, which embedding pages may block).
  var confirmBox = el("div", { id: "cepa-confirm", "class": "cepa-confirm", role: "group", "aria-labelledby": "cepa-confirm-text" });
  var confirmText = el("p", { id: "cepa-confirm-text" });
  var confirmYes = el("button", { type: "button", "class": "cepa-confirm-yes" });
  var confirmNo = el("button", { type: "button", "class": "cepa-confirm-no" });
  confirmBox.appendChild(confirmText); confirmBox.appendChild(confirmYes); confirmBox.appendChild(confirmNo);
  confirmBox.hidden = true;
  var log = el("div", { "class": "cepa-log", role: "log", "aria-live": "polite", "aria-relevant": "additions", tabindex: "0" });
  var form = el("form");
  var inputLabel = el("label", { "for": "cepa-input", "class": "cepa-visually-hidden" });
  var input = el("textarea", { id: "cepa-input", rows: "1", maxlength: "2000" });
  var sendButton = el("button", { type: "submit" });
  form.appendChild(inputLabel); form.appendChild(input); form.appendChild(sendButton);
  root.appendChild(header); root.appendChild(confirmBox); root.appendChild(log); root.appendChild(form);
  host.appendChild(root);

  function t(key) { return UI[state.uiLang][key]; }

  function applyLanguage() {
    root.setAttribute("lang", state.uiLang);
    title.textContent = t("title");
    clearButton.textContent = t("clear");
    confirmText.textContent = t("clearAsk");
    confirmYes.textContent = t("clearYes");
    confirmNo.textContent = t("clearNo");
    langLabel.textContent = t("language");
    langSelect.value = state.uiLang;
    log.setAttribute("aria-label", t("log"));
    inputLabel.textContent = t("label");
    input.setAttribute("placeholder", t("placeholder"));
    sendButton.textContent = t("send");
    render();
  }

  function feedbackControl(entry) {
    var box = el("div", { "class": "cepa-feedback" });
    box.appendChild(el("span", {}, t("helpful")));
    [["up", "👍", t("up")], ["down", "👎", t("down")]].forEach(function (spec) {
      var b = el("button", { type: "button", "aria-label": spec[2], "aria-pressed": String(entry.rating === spec[0]), "data-rating": spec[0] }, spec[1]);
      b.addEventListener("click", function () { rate(entry, spec[0]); });
      box.appendChild(b);
    });
    if (entry.rating) box.appendChild(el("span", { "class": "cepa-thanks" }, t("thanks")));
    return box;
  }

  function renderEntry(entry) {
    var item = el("div", { "class": "cepa-msg " + (entry.role === "user" ? "cepa-user" : entry.role === "error" ? "cepa-bot cepa-error" : "cepa-bot") });
    if (entry.lang) item.setAttribute("lang", entry.lang);
    item.appendChild(el("div", { "class": "cepa-text" }, entry.text));
    if (entry.buttons && entry.buttons.length) {
      var buttons = el("div", { "class": "cepa-buttons" });
      entry.buttons.forEach(function (button) {
        var b = el("button", { type: "button" }, button.title);
        b.addEventListener("click", function () { send(button.payload, button.title); });
        buttons.appendChild(b);
      });
      item.appendChild(buttons);
    }
    if (entry.sources && entry.sources.length) {
      item.appendChild(el("div", { "class": "cepa-sources" }, t("sources") + entry.sources.map(function (s) { return s.title; }).join("；")));
    }
    if (entry.role === "bot") item.appendChild(feedbackControl(entry));
    return item;
  }

  function render() {
    log.textContent = "";
    if (!state.history.length && state.sender) log.appendChild(renderEntry({ role: "welcome", text: t("welcome") }));
    state.history.forEach(function (entry) { log.appendChild(renderEntry(entry)); });
    if (!state.sender) log.appendChild(renderEntry({ role: "error", text: t("noCrypto") }));
    var usable = Boolean(state.sender);
    input.disabled = !usable;
    sendButton.disabled = busy || !usable;
    clearButton.disabled = !usable;
    log.scrollTop = log.scrollHeight;
  }

  function append(entry) {
    state.history.push(entry);
    save();
    if (state.history.length === 1) log.textContent = "";
    log.appendChild(renderEntry(entry));
    log.scrollTop = log.scrollHeight;
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
  var inflight = null;    // AbortController of the pending chat request
  function send(message, shown) {
    message = (message || "").trim();
    if (!message || busy || !state.sender) return;
    var mine = ++generation;
    busy = true;
    sendButton.disabled = true;
    append({ role: "user", text: shown || message });
    inflight = typeof AbortController === "function" ? new AbortController() : null;
    post("/api/chat", { sender: state.sender, message: message, lang: state.uiLang }, inflight && inflight.signal).then(function (data) {
      if (mine !== generation) return;
      if (!shown) input.value = "";
      data.replies.forEach(function (reply, i) {
        append({ role: "bot", id: "r" + Date.now() + "-" + i, text: reply.text, buttons: reply.buttons || [], lang: data.lang,
          sources: i === data.replies.length - 1 ? data.sources : [] });
      });
    }).catch(function () {
      if (mine !== generation) return;
      append({ role: "error", text: t("error") });
      if (!shown) input.value = message;
    }).then(function () {
      if (mine !== generation) return;
      busy = false; inflight = null; sendButton.disabled = false;
    });
  }

  function rate(entry, rating) {
    entry.rating = rating;
    save();
    render();
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
  /* Forget the conversation: stored history, the log, any draft, and the id itself. */
  function clearConversation() {
    generation++;
    if (inflight) { inflight.abort(); inflight = null; }
    busy = false;
    try { localStorage.removeItem(STORE); } catch (e) { /* nothing stored */ }
    state = { sender: newId(), history: [], uiLang: state.uiLang };
    input.value = "";
    save();
    closeConfirm(false);
    render();
    if (state.sender) input.focus();
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); send(input.value); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) { event.preventDefault(); send(input.value); }
  });
  langSelect.addEventListener("change", function () { state.uiLang = langSelect.value; save(); applyLanguage(); });
  clearButton.addEventListener("click", function () { if (confirmBox.hidden) openConfirm(); else closeConfirm(true); });
  confirmYes.addEventListener("click", clearConversation);
  confirmNo.addEventListener("click", function () { closeConfirm(true); });
  confirmBox.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { event.preventDefault(); closeConfirm(true); }
  });
  // Another tab of the same site cleared or continued the conversation: follow it, never write the old one back.
  window.addEventListener("storage", function (event) {
    if (event.key !== STORE && event.key !== null) return;
    var fresh = load();
    if (!fresh.sender) { state.history = []; render(); return; }
    if (fresh.sender !== state.sender) {
      generation++;
      if (inflight) { inflight.abort(); inflight = null; }
      busy = false;
    }
    state = fresh;
    applyLanguage();
  });
  save();
  applyLanguage();
})();
