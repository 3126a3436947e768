/* The chat inside the widget's frame: start or resume the visitor's chat, write, receive live. */
(function () {
  "use strict";
  var root = document.getElementById("chat");
  var base = root.getAttribute("data-base");
  var t = JSON.parse(root.getAttribute("data-texts"));
  var params = new URLSearchParams(location.hash.slice(1));
  var parentOrigin = params.get("o") || "*";
  var identity = params.get("id") || "";
  var log = document.getElementById("chat-log");
  var form = document.getElementById("chat-form");
  var text = document.getElementById("chat-text");
  var send = document.getElementById("chat-send");
  var contact = document.getElementById("chat-contact");
  var email = document.getElementById("chat-email");
  var name = document.getElementById("chat-name");
  var status = document.getElementById("chat-status");
  var error = document.getElementById("chat-error");
  var ended = document.getElementById("chat-ended");
  var restart = document.getElementById("chat-restart");
  var session = null;
  var source = null;
  var lastId = 0;
  var seen = {};
  var online = true;
  var emailKnown = false;

  function visitorId() {
    var id = params.get("v");
    if (id) return id;
    try {
      id = localStorage.getItem("parley-chat-visitor");
      if (!id) {
        id = "v-" + crypto.randomUUID();
        localStorage.setItem("parley-chat-visitor", id);
      }
    } catch (e) {
      id = "v-" + crypto.randomUUID();
    }
    return id;
  }

  function showError(message) {
    error.textContent = message || "";
    error.hidden = !message;
  }

  function add(from, who, body, id) {
    var li = document.createElement("li");
    li.className = from;
    if (id) li.setAttribute("data-line", id);
    var author = document.createElement("span");
    author.className = "who";
    author.textContent = who;
    li.appendChild(author);
    li.appendChild(document.createTextNode(body));
    log.appendChild(li);
    log.scrollTop = log.scrollHeight;
  }

  function show(line) {
    if (seen[line.id]) return;
    seen[line.id] = true;
    lastId = Math.max(lastId, line.id);
    var greeting = log.querySelector("li.greeting");
    if (greeting) greeting.remove();
    add(line.from, line.from === "visitor" ? t.you : line.author, line.text, line.id);
  }

  function availability(isOnline, known) {
    online = isOnline;
    emailKnown = known;
    var ask = !online && !emailKnown;
    contact.hidden = online;
    email.required = ask;
    document.getElementById("chat-offline").hidden = online;
    status.textContent = "";
  }

  function post(path, body) {
    return fetch(base + path, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
      credentials: "omit"
    });
  }

  function refused(response) {
    return response.json().catch(function () { return {}; }).then(function (body) {
      var code = body.error;
      if (response.status === 429) return t.rateLimited;
      if (code === "email_required") { availability(false, false); email.focus(); return t.emailRequired; }
      if (code === "email_invalid") { email.focus(); return t.emailInvalid; }
      if (code === "identity_invalid") return t.identityInvalid;
      if (code === "chat_ended") { end(); return ""; }
      return t.failed;
    });
  }

  function catchUp() {
    if (!session) return;
    fetch(base + "/sessions/" + encodeURIComponent(session) + "/lines?after=" + lastId, {
      headers: { Accept: "application/json" }, credentials: "omit"
    }).then(function (r) {
      if (r.status === 410) end();
      return r.ok ? r.json() : null;
    }).then(function (body) {
      if (body) { body.lines.forEach(show); availability(body.online, emailKnown); }
    }).catch(function () { /* the stream retries */ });
  }

  function listen() {
    source = new EventSource(base + "/sessions/" + encodeURIComponent(session) + "/events");
    var opened = false;
    source.addEventListener("open", function () {
      // After a reconnect, replies may have come meanwhile.
      if (opened) catchUp();
      opened = true;
    });
    source.addEventListener("ended", end);
    source.addEventListener("line", function (e) {
      typing.hidden = true;
      show(JSON.parse(e.data));
    });
    source.addEventListener("typing", function (e) {
      var signal = JSON.parse(e.data);
      clearTimeout(typingTimer);
      typing.hidden = !signal.typing;
      if (signal.typing) {
        typing.textContent = t.agentTyping.replace("%s", signal.name);
        typingTimer = setTimeout(function () { typing.hidden = true; }, 6000);
      }
    });
  }

  // Tell the agent the visitor is writing, at most every two seconds.
  var typing = document.getElementById("chat-typing");
  var typingTimer;
  var lastTypingSignal = 0;
  var pendingTypingSignal = null;
  function signalTyping() {
    pendingTypingSignal = null;
    if (!session || !text.value.trim()) return;
    lastTypingSignal = Date.now();
    fetch(base + "/sessions/" + encodeURIComponent(session) + "/typing", {
      method: "POST", credentials: "omit"
    }).then(function (r) { if (r.status === 410) end(); })
      .catch(function () { /* only a hint */ });
  }
  text.addEventListener("input", function () {
    var wait = 2000 - (Date.now() - lastTypingSignal);
    if (wait <= 0) signalTyping();
    else if (!pendingTypingSignal) pendingTypingSignal = setTimeout(signalTyping, wait);
  });

  // The chat was erased: its lines go from the page too, and the visitor may start a new one.
  function end() {
    if (source) source.close();
    source = null;
    session = null;
    root.removeAttribute("data-session");
    log.textContent = "";
    seen = {};
    lastId = 0;
    typing.hidden = true;
    status.textContent = "";
    showError("");
    form.hidden = true;
    ended.hidden = false;
    restart.focus();
  }

  restart.addEventListener("click", function () {
    ended.hidden = true;
    form.hidden = false;
    status.textContent = t.connecting;
    start();
    text.focus();
  });

  function start() {
    post("/sessions", { visitor: visitorId(), identity: identity }).then(function (response) {
      if (!response.ok) {
        return refused(response).then(function (message) { status.textContent = ""; showError(message); });
      }
      return response.json().then(function (body) {
        session = body.session;
        availability(body.online, body.emailKnown);
        if (body.lines.length === 0) add("greeting", "", t.greeting);
        body.lines.forEach(show);
        root.setAttribute("data-session", session);
        listen();
      });
    }).catch(function () { showError(t.failed); });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    if (!session || !text.value.trim()) return;
    if (!online && !emailKnown && !email.checkValidity()) {
      showError(email.value ? t.emailInvalid : t.emailRequired);
      email.focus();
      return;
    }
    send.disabled = true;
    showError("");
    post("/sessions/" + encodeURIComponent(session) + "/messages", {
      text: text.value, email: email.value, name: name.value
    }).then(function (response) {
      if (!response.ok) return refused(response).then(showError);
      return response.json().then(function (body) {
        show(body.line);
        text.value = "";
        if (!body.online) {
          if (email.value) emailKnown = true;
          availability(false, emailKnown);
          status.textContent = t.offlineSent;
        }
      });
    }).catch(function () { showError(t.failed); })
      .then(function () { send.disabled = false; if (session) text.focus(); });
  });

  text.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      form.requestSubmit();
    }
  });

  function closeWidget() {
    if (window.parent !== window) window.parent.postMessage({ parleyChat: "close" }, parentOrigin);
  }
  document.getElementById("chat-close").addEventListener("click", closeWidget);
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") closeWidget();
  });
  window.addEventListener("message", function (e) {
    if (e.data && e.data.parleyChat === "focus") text.focus();
  });

  start();
})();
