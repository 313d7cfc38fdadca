/* Puente chat widget: one <script> tag adds a chat button to any page.
 *
 *   <script>window.PuenteWidget = {server: "https://puente.example.org",
 *     language: "es", title: "Puente", colors: {primary: "#0b5394"}};</script>
 *   <script src="https://puente.example.org/static/widget.js" defer></script>
 *
 * The same settings can be given as data-server, data-language, data-title and
 * data-primary-color attributes on the script tag. Plain JavaScript, no build
 * step. Every text from the bot is inserted as text, never as HTML: the answers'
 * WhatsApp-style *bold* becomes <strong>, web addresses and phone numbers become
 * links (tel: for phones), all built here as elements.
 */
(function () {
  "use strict";

  // Every widget string, in both languages: language is data, the code never
  // branches on it. {days} is filled from the server's retention setting.
  var STRINGS = {
    en: {
      launcher: "Questions? Chat with us",
      dialog: "Chat with Puente about tutoring",
      close: "Close chat",
      switchTo: "Español",
      switchLabel: "Cambiar a español",
      notice: "Puente is an automatic assistant, not a person. It answers questions " +
        "about tutoring for your child.",
      kept: "We keep this chat for {days} days to improve the answers, then delete it.",
      keptUnknown: "We keep this chat for a limited time, then delete it.",
      noChildInfo: "Please do not share your child's name, student ID number or " +
        "other personal details.",
      privacy: "How we use your information",
      log: "Conversation",
      you: "You said:",
      bot: "Puente said:",
      placeholder: "Type your question",
      inputLabel: "Your message",
      send: "Send",
      typing: "Puente is writing…",
      choices: "Choose an answer",
      unreachable: "Puente can't be reached right now. Your message is still here.",
      retry: "Try again",
      copy: "Copy message",
      copied: "Copied",
      newTab: "(opens in a new tab)"
    },
    es: {
      launcher: "¿Preguntas? Chatee con nosotros",
      dialog: "Chat con Puente sobre tutoría",
      close: "Cerrar el chat",
      switchTo: "English",
      switchLabel: "Switch to English",
      notice: "Puente es un asistente automático, no una persona. Responde " +
        "preguntas sobre la tutoría para su hijo o hija.",
      kept: "Guardamos este chat por {days} días para mejorar las respuestas y " +
        "después lo borramos.",
      keptUnknown: "Guardamos este chat por un tiempo limitado y después lo borramos.",
      noChildInfo: "Por favor, no comparta el nombre de su hijo o hija, su número " +
        "de estudiante ni otros datos personales.",
      privacy: "Cómo usamos su información",
      log: "Conversación",
      you: "Usted dijo:",
      bot: "Puente dijo:",
      placeholder: "Escriba su pregunta",
      inputLabel: "Su mensaje",
      send: "Enviar",
      typing: "Puente está escribiendo…",
      choices: "Elija una respuesta",
      unreachable: "No se puede conectar con Puente ahora. Su mensaje sigue aquí.",
      retry: "Intentar de nuevo",
      copy: "Copiar mensaje",
      copied: "Copiado",
      newTab: "(se abre en otra pestaña)"
    }
  };
  var KEY = "puente.widget.";
  // Web addresses, with or without http(s):// (answers cite "example.org/page"),
  // and US phone numbers ("(323) 555-0100", "1-800-422-4453", 911, 988).
  var URL_PATTERN = /(?<![\w@.\/-])((?:https?:\/\/)?(?:[a-z0-9-]+\.)+(?:org|com|gov|edu|net|us|info)\b(?:\/[^\s<>"']*[^\s<>"'.,;:!?)\]])?)/;
  var PHONE_PATTERN = /(?<![\w$.,\/-])((?:\+?1[ .-]?)?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}|911|988)(?![\w-]|[.,]\d)/;
  var LINK_PATTERN = new RegExp(URL_PATTERN.source + "|" + PHONE_PATTERN.source, "gi");
  // WhatsApp's bold: *Program name*.
  var BOLD_PATTERN = /\*(\S(?:[^*\n]*\S)?)\*/;

  var script = document.currentScript;
  var data = script ? script.dataset : {};
  var config = window.PuenteWidget || {};
  var server = (config.server || data.server ||
    (script ? new URL(script.src, location.href).origin : location.origin)).replace(/\/$/, "");
  var colors = config.colors || {};
  var state = {
    language: pickLanguage(stored("language") || config.language || data.language ||
      document.documentElement.lang || navigator.language),
    token: stored("token"),
    days: null,
    loaded: false,
    sending: false
  };

  function pickLanguage(value) {
    return String(value || "").toLowerCase().indexOf("es") === 0 ? "es" : "en";
  }
  function stored(name) {
    try { return sessionStorage.getItem(KEY + name); } catch (e) { return null; }
  }
  function store(name, value) {
    try { sessionStorage.setItem(KEY + name, value); } catch (e) { /* private mode */ }
  }
  function t(name) { return STRINGS[state.language][name]; }

  // Small DOM helper: el("button", {class: "x", type: "button"}, "text").
  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text) node.textContent = text;
    return node;
  }

  // ---- the elements (labels are filled by render(), so a switch redraws them)
  var stylesheet = el("link", {rel: "stylesheet", href: server + "/static/widget.css"});
  document.head.appendChild(stylesheet);
  var root = el("div", {"class": "puente-widget"});
  if (colors.primary) root.style.setProperty("--puente-primary", colors.primary);
  if (colors.onPrimary) root.style.setProperty("--puente-on-primary", colors.onPrimary);
  var launcher = el("button", {type: "button", "class": "puente-launcher",
    "aria-expanded": "false", "aria-controls": "puente-panel"});
  var panel = el("div", {id: "puente-panel", "class": "puente-panel", role: "dialog",
    "aria-modal": "true", hidden: ""});
  var header = el("div", {"class": "puente-header"});
  var title = el("h2", {id: "puente-title", "class": "puente-title"});
  var switcher = el("button", {type: "button", "class": "puente-switch"});
  var closer = el("button", {type: "button", "class": "puente-close"}, "×");
  var log = el("div", {"class": "puente-log", role: "log", "aria-live": "polite",
    tabindex: "0"});
  var notice = el("div", {"class": "puente-notice"});
  var messages = el("div", {"class": "puente-messages"});
  var typing = el("div", {"class": "puente-msg puente-bot puente-typing", hidden: ""});
  var status = el("div", {"class": "puente-status", role: "alert"});
  var form = el("form", {"class": "puente-composer"});
  var label = el("label", {"for": "puente-input", "class": "puente-hidden"});
  var input = el("input", {id: "puente-input", type: "text", autocomplete: "off",
    maxlength: "2000"});
  var send = el("button", {type: "submit", "class": "puente-send"});
  header.append(title, switcher, closer);
  log.append(notice, messages, typing);
  form.append(label, input, send);
  panel.append(header, log, status, form);
  root.append(launcher, panel);

  function render() {
    root.setAttribute("lang", state.language);
    launcher.textContent = t("launcher");
    panel.setAttribute("aria-label", t("dialog"));
    title.textContent = config.title || data.title || "Puente";
    switcher.textContent = t("switchTo");
    switcher.setAttribute("aria-label", t("switchLabel"));
    switcher.setAttribute("lang", pickLanguage(t("switchTo")));
    closer.setAttribute("aria-label", t("close"));
    log.setAttribute("aria-label", t("log"));
    label.textContent = t("inputLabel");
    input.placeholder = t("placeholder");
    send.textContent = t("send");
    typing.textContent = t("typing");
    notice.replaceChildren(
      el("p", {}, t("notice")),
      el("p", {}, state.days ? t("kept").replace("{days}", state.days) : t("keptUnknown")),
      el("p", {}, t("noChildInfo")));
    var privacy = el("a", {href: server + "/privacy", target: "_blank",
      rel: "noopener"}, t("privacy"));
    privacy.append(el("span", {"class": "puente-hidden"}, " " + t("newTab")));
    notice.append(privacy);
    messages.querySelectorAll("[data-speaker]").forEach(function (node) {
      node.textContent = t(node.getAttribute("data-speaker")) + " ";
    });
    messages.querySelectorAll(".puente-copy").forEach(function (node) {
      node.textContent = t("copy");
    });
    messages.querySelectorAll(".puente-choices").forEach(function (node) {
      node.setAttribute("aria-label", t("choices"));
    });
  }

  // Text with its web addresses and phone numbers as links, built node by node
  // (never innerHTML).
  function linkified(text) {
    var fragment = document.createDocumentFragment();
    var last = 0;
    text.replace(LINK_PATTERN, function (found, url, phone, offset) {
      fragment.append(document.createTextNode(text.slice(last, offset)));
      var link;
      if (url) {
        var href = /^https?:\/\//i.test(url) ? url : "https://" + url;
        link = el("a", {href: href, target: "_blank", rel: "noopener noreferrer"}, url);
      } else {
        link = el("a", {href: "tel:" + phone.replace(/[^\d+]/g, "")}, phone);
      }
      fragment.append(link);
      last = offset + found.length;
      return found;
    });
    fragment.append(document.createTextNode(text.slice(last)));
    return fragment;
  }

  // The answers are written for WhatsApp, where *this* is bold: on the web the
  // asterisks become <strong>, the rest is linkified text.
  function formatted(text) {
    var fragment = document.createDocumentFragment();
    text.split(BOLD_PATTERN).forEach(function (part, index) {
      if (index % 2) {
        var strong = el("strong", {});
        strong.append(linkified(part));
        fragment.append(strong);
      } else {
        fragment.append(linkified(part));
      }
    });
    return fragment;
  }

  function addMessage(from, text, custom) {
    var bubble = el("div", {"class": "puente-msg puente-" + from});
    bubble.append(el("span", {"class": "puente-hidden", "data-speaker": from === "user" ? "you" : "bot"},
      t(from === "user" ? "you" : "bot") + " "));
    var body = el("span", {"class": "puente-text"});
    body.append(from === "user" ? linkified(text) : formatted(text));
    bubble.append(body);
    if (custom && custom.type === "draft") {
      var copy = el("button", {type: "button", "class": "puente-copy"}, t("copy"));
      copy.addEventListener("click", function () { copyText(text, copy); });
      bubble.append(copy);
    }
    messages.append(bubble);
    log.scrollTop = log.scrollHeight;
    return bubble;
  }

  function copyText(text, button) {
    var done = function () {
      button.textContent = t("copied");
      setTimeout(function () { button.textContent = t("copy"); }, 2000);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text, done); });
    } else {
      fallbackCopy(text, done);
    }
  }
  function fallbackCopy(text, done) {
    var area = el("textarea", {"class": "puente-hidden", "aria-hidden": "true"});
    area.value = text;
    root.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
    done();
  }

  function addChoices(buttons) {
    var group = el("div", {"class": "puente-choices", role: "group",
      "aria-label": t("choices")});
    buttons.forEach(function (choice) {
      var button = el("button", {type: "button", "class": "puente-choice"}, choice.title);
      button.addEventListener("click", function () {
        deliver(choice.payload, choice.title);
        input.focus();  // the choices are removed when the answer comes
      });
      group.append(button);
    });
    messages.append(group);
  }

  // A long answer is shown from its first line (under the question it answers),
  // not scrolled to its end: on a phone the parent reads down from the top.
  function showBotMessages(list) {
    messages.querySelectorAll(".puente-choices").forEach(function (g) { g.remove(); });
    var first = null;
    list.forEach(function (m) {
      var custom = m.custom || null;
      var text = m.text || (custom && custom.text) || "";
      var bubble = text ? addMessage("bot", text, custom) : null;
      first = first || bubble;
      if (m.buttons && m.buttons.length) addChoices(m.buttons);
    });
    var asked = first && first.previousElementSibling;
    var top = asked && asked.classList.contains("puente-user") ? asked : first;
    log.scrollTop = top ? top.offsetTop - 8 : log.scrollHeight;
  }

  function setStatus(text, retry) {
    status.replaceChildren();
    if (!text) return;
    status.append(el("p", {}, text));
    if (retry) {
      var again = el("button", {type: "button", "class": "puente-retry"}, t("retry"));
      again.addEventListener("click", retry);
      status.append(again);
    }
  }

  // Each message carries an id of its own. Sent again with "Try again", it keeps
  // that id and says so: if Puente had answered it after all (slowly), the server
  // gives that answer back instead of answering the message twice.
  function newMessageId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  // Send one message; on failure, give the text back and offer to retry.
  function deliver(message, shown, sentBefore) {
    if (state.sending) return;
    var messageId = sentBefore || newMessageId();
    state.sending = true;
    setStatus("");
    var bubble = shown ? addMessage("user", shown) : null;
    if (shown && input.value === shown) input.value = "";
    typing.hidden = false;
    log.scrollTop = log.scrollHeight;
    fetch(server + "/api/chat", {
      method: "POST",
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify({message: message, token: state.token, language: state.language,
                            message_id: messageId, retry: Boolean(sentBefore)})
    }).then(function (res) {
      return res.json().then(function (body) { return {ok: res.ok, body: body}; });
    }).then(function (answer) {
      if (answer.body.token) {
        state.token = answer.body.token;
        store("token", state.token);
      }
      if (!answer.ok) throw answer.body;
      follow(answer.body.language);
      showBotMessages(answer.body.messages || []);
    }).catch(function (problem) {
      if (bubble) bubble.remove();
      if (shown && !input.value && message === shown) input.value = shown;
      // A refusal from the server carries its own kind words; anything else
      // (no network, server down) is "can't be reached".
      var said = problem && problem.error && problem.message;
      setStatus(said || t("unreachable"), function () {
        setStatus("");
        if (message === shown) {
          var text = input.value || shown;  // edited meanwhile: a new message
          deliver(text, text, text === message ? messageId : null);
        } else {
          deliver(message, shown, messageId);
        }
      });
    }).then(function () {
      state.sending = false;
      typing.hidden = true;
    });
  }

  // The widget speaks the conversation's language: when the parent writes in
  // Spanish on an English page, the labels switch too.
  function follow(language) {
    if (!STRINGS[language] || language === state.language) return;
    state.language = language;
    store("language", language);
    render();
  }

  function loadHistory() {
    if (state.loaded) return;
    var headers = state.token ? {Authorization: "Bearer " + state.token} : {};
    fetch(server + "/api/history?language=" + state.language, {headers: headers})
      .then(function (res) { return res.json().then(function (b) { return {ok: res.ok, body: b}; }); })
      .then(function (answer) {
        state.loaded = true;
        state.days = answer.body.retention_days || null;
        follow(answer.body.language);
        if (!answer.ok) {
          state.token = null;
          try { sessionStorage.removeItem(KEY + "token"); } catch (e) { /* ignore */ }
        }
        (answer.body.messages || []).forEach(function (m) {
          if (m.from === "user") addMessage("user", m.text);
          else showBotMessages([m]);
        });
        render();
      })
      .catch(function () { /* offline: the first message will say so */ });
  }

  function focusable() {
    return Array.prototype.filter.call(
      panel.querySelectorAll("button, a[href], input, [tabindex='0']"),
      function (node) { return !node.disabled && node.offsetParent !== null; });
  }

  function open() {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    root.classList.add("puente-open");
    store("open", "1");
    loadHistory();
    input.focus();
  }
  function close() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    root.classList.remove("puente-open");
    store("open", "");
    launcher.focus();
  }

  launcher.addEventListener("click", function () { panel.hidden ? open() : close(); });
  closer.addEventListener("click", close);
  switcher.addEventListener("click", function () {
    state.language = state.language === "en" ? "es" : "en";
    store("language", state.language);
    render();
    deliver('/change_language{"language": "' + state.language + '"}', null);
    switcher.focus();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (text) deliver(text, text);
  });
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "Tab") {
      var nodes = focusable();
      var first = nodes[0];
      var last = nodes[nodes.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }
  });

  render();
  document.body.append(root);
  if (stored("open")) open();
})();
