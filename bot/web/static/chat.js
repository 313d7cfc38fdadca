// Minimal demo chat: sends to /api/chat, which issues and checks the conversation token.
(function () {
  const log = document.getElementById("log");
  const form = document.getElementById("form");
  const input = document.getElementById("message");
  const status = document.getElementById("status");
  const KEY = "puente.token";

  function add(text, who) {
    const div = document.createElement("div");
    div.className = "msg " + who;
    div.textContent = text;  // never HTML: answers and messages are shown as text
    log.appendChild(div);
    log.scrollTop = log.scrollHeight;
  }

  function addButtons(buttons) {
    const row = document.createElement("div");
    row.className = "buttons";
    buttons.forEach(function (b) {
      const btn = document.createElement("button");
      btn.type = "button";
      btn.textContent = b.title;
      btn.addEventListener("click", function () { send(b.payload, b.title); });
      row.appendChild(btn);
    });
    log.appendChild(row);
  }

  async function send(message, shown) {
    add(shown, "user");
    status.textContent = "";
    try {
      const res = await fetch("/api/chat", {
        method: "POST",
        headers: {"Content-Type": "application/json"},
        body: JSON.stringify({message: message, token: sessionStorage.getItem(KEY),
                              language: document.documentElement.lang}),
      });
      const data = await res.json();
      if (data.token) sessionStorage.setItem(KEY, data.token);
      if (!res.ok) throw new Error(data.error || "error");
      (data.messages || []).forEach(function (m) {
        if (m.text) add(m.text, "bot");
        if (m.buttons) addButtons(m.buttons);
      });
      return true;
    } catch (e) {
      status.textContent = "Puente can't be reached right now. Please try again. / No se pudo conectar con Puente. Intente de nuevo.";
      return false;
    }
  }

  form.addEventListener("submit", async function (ev) {
    ev.preventDefault();
    const text = input.value;
    if (await send(text, text)) input.value = "";
  });
})();
