/* CEPA enquiry assistant — embeddable chat widget. Plain JS, no build step.
 *
 * Embed on any allowed site:
 *   <div id="cepa-chat"></div>
 *   <script src="https://ASSISTANT-HOST/widget.js" data-target="cepa-chat" defer></script>
 * Without data-target the widget opens in a panel at the bottom right of the page.
 * Every text from the user or the bot is inserted with textContent, never as HTML.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var api = (script && script.getAttribute("data-api")) || (script ? new URL(script.src).origin : "");
  var STORE = "cepa-chat:v1";
  var MAX_HISTORY = 200;

  var UI = {
    "zh-Hant": { title: "CEPA 查詢助手", placeholder: "請輸入你的問題…", send: "發送", label: "你的問題",
      sources: "資料來源：", helpful: "這個答案有幫助嗎？", up: "有幫助", down: "沒有幫助", thanks: "多謝你的意見",
      error: "暫時未能連線，請稍後再試。你的訊息已保留。", language: "語言", log: "對話內容",
      welcome: "你好！請輸入有關CEPA、大灣區惠澳措施或調整援助計劃還款的問題。" },
    "zh-Hans": { title: "CEPA 查询助手", placeholder: "请输入你的问题…", send: "发送", label: "你的问题",
      sources: "资料来源：", helpful: "这个答案有帮助吗？", up: "有帮助", down: "没有帮助", thanks: "谢谢你的意见",
      error: "暂时未能连线，请稍后再试。你的信息已保留。", language: "语言", log: "对话内容",
      welcome: "你好！请输入有关CEPA、大湾区惠澳措施或调整援助计划还款的问题。" },
    "en": { title: "CEPA enquiry assistant", placeholder: "Type your question…", send: "Send", label: "Your question",
      sources: "Source: ", helpful: "Was this answer helpful?", up: "Helpful", down: "Not helpful", thanks: "Thank you for your feedback",
      error: "Cannot reach the assistant right now; please try again. Your message was kept.", language: "Language", log: "Conversation",
      welcome: "Hello! Ask me about CEPA, the Greater Bay Area measures or the aid repayment adjustment." },
    "pt": { title: "Assistente CEPA", placeholder: "Escreva a sua pergunta…", send: "Enviar", label: "A sua pergunta",
      sources: "Fonte: ", helpful: "Esta resposta foi útil?", up: "Útil", down: "Não útil", thanks: "Obrigado pela sua opinião",
      error: "De momento não é possível contactar o assistente; tente novamente. A sua mensagem foi guardada.", language: "Língua", log: "Conversa",
      welcome: "Olá! Pergunte-me sobre o CEPA, as medidas da Grande Baía ou o ajustamento dos reembolsos." }
  };
  var LANG_NAMES = { "zh-Hant": "繁體", "zh-Hans": "简体", "en": "English", "pt": "Português" };

  function load() {
    try { return JSON.parse(localStorage.getItem(STORE)) || {}; } catch (e) { return {}; }
  }
  var state = load();
  if (!state.sender) {
    state.sender = "web-" + (window.crypto && crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2));
  }
  state.history = state.history || [];
  state.uiLang = UI[state.uiLang] ? state.uiLang : "zh-Hant";
  function save() {
    state.history = state.history.slice(-MAX_HISTORY);
    try { localStorage.setItem(STORE, JSON.stringify(state)); } catch (e) { /* private mode: session only */ }
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  var css = el("link", { rel: "stylesheet", href: api + "/widget.css" });
  document.head.appendChild(css);

  var host = script && script.getAttribute("data-target") && document.getElementById(script.getAttribute("data-target"));
  if (!host) {
    host = el("div", { style: "position:fixed;right:1rem;bottom:1rem;z-index:2147483000;width:min(28rem,calc(100vw - 2rem))" });
    document.body.appendChild(host);
  }

  var root = el("section", { "class": "cepa-chat", "aria-labelledby": "cepa-title" });
  var header = el("header");
  var title = el("h2", { id: "cepa-title" });
  var langLabel = el("label", { "for": "cepa-lang", "class": "cepa-visually-hidden" });
  var langSelect = el("select", { id: "cepa-lang" });
  Object.keys(LANG_NAMES).forEach(function (code) {
    var option = el("option", { value: code, lang: code }, LANG_NAMES[code]);
    langSelect.appendChild(option);
  });
  header.appendChild(title); header.appendChild(langLabel); header.appendChild(langSelect);
  var log = el("div", { "class": "cepa-log", role: "log", "aria-live": "polite", "aria-relevant": "additions", tabindex: "0" });
  var form = el("form");
  var inputLabel = el("label", { "for": "cepa-input", "class": "cepa-visually-hidden" });
  var input = el("textarea", { id: "cepa-input", rows: "1", maxlength: "2000" });
  var sendButton = el("button", { type: "submit" });
  form.appendChild(inputLabel); form.appendChild(input); form.appendChild(sendButton);
  root.appendChild(header); root.appendChild(log); root.appendChild(form);
  host.appendChild(root);

  function t(key) { return UI[state.uiLang][key]; }

  function applyLanguage() {
    root.setAttribute("lang", state.uiLang);
    title.textContent = t("title");
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
    if (!state.history.length) log.appendChild(renderEntry({ role: "welcome", text: t("welcome") }));
    state.history.forEach(function (entry) { log.appendChild(renderEntry(entry)); });
    log.scrollTop = log.scrollHeight;
  }

  function append(entry) {
    state.history.push(entry);
    save();
    if (state.history.length === 1) log.textContent = "";
    log.appendChild(renderEntry(entry));
    log.scrollTop = log.scrollHeight;
  }

  function post(path, body) {
    return fetch(api + path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      });
  }

  var busy = false;
  function send(message, shown) {
    message = (message || "").trim();
    if (!message || busy) return;
    busy = true;
    sendButton.disabled = true;
    append({ role: "user", text: shown || message });
    post("/api/chat", { sender: state.sender, message: message }).then(function (data) {
      if (!shown) input.value = "";
      data.replies.forEach(function (reply, i) {
        append({ role: "bot", id: "r" + Date.now() + "-" + i, text: reply.text, buttons: reply.buttons || [], lang: data.lang,
          sources: i === data.replies.length - 1 ? data.sources : [] });
      });
    }).catch(function () {
      append({ role: "error", text: t("error") });
      if (!shown) input.value = message;
    }).then(function () { busy = false; sendButton.disabled = false; });
  }

  function rate(entry, rating) {
    entry.rating = rating;
    save();
    render();
    post("/api/feedback", { sender: state.sender, reply_id: entry.id, rating: rating, reply_text: entry.text.slice(0, 2000) })
      .catch(function () { /* feedback is best effort; the answer itself is unaffected */ });
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); send(input.value); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) { event.preventDefault(); send(input.value); }
  });
  langSelect.addEventListener("change", function () { state.uiLang = langSelect.value; save(); applyLanguage(); });
  save();
  applyLanguage();
})();
