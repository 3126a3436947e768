/*
 * Parley web chat widget. Embed with one tag:
 *   <script src="https://parley.example/chat/widget.js" data-account="12" async></script>
 * Optional: data-lang="zh-CN" (else the browser's language), data-identity="<token>" (a visitor
 * identity signed by the company's server with the account's identity secret).
 * It adds a launcher button that opens the chat, served by Parley in a frame.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.getAttribute("data-account")) return;
  var account = script.getAttribute("data-account");
  var identity = script.getAttribute("data-identity") || "";
  var src = new URL(script.src, location.href);
  var base = src.href.replace(/\/chat\/widget\.js([?#].*)?$/, "");
  var zh = /^zh/i.test(script.getAttribute("data-lang") || navigator.language || "en");
  var T = zh
    ? { open: "在线咨询", frame: "在线客服" }
    : { open: "Chat with us", frame: "Customer chat" };

  function visitorId() {
    var key = "parley-chat-visitor-" + account;
    var id = null;
    try { id = window.localStorage.getItem(key); } catch (e) { /* storage blocked */ }
    if (!id) {
      var random = window.crypto && window.crypto.randomUUID
        ? window.crypto.randomUUID()
        : String(Date.now()) + "-" + Math.random().toString(36).slice(2);
      id = "v-" + random;
      try { window.localStorage.setItem(key, id); } catch (e) { /* kept for this page only */ }
    }
    return id;
  }

  function mount() {
    var host = document.createElement("div");
    host.setAttribute("data-parley-chat", account);
    var shadow = host.attachShadow({ mode: "open" });
    var style = document.createElement("style");
    style.textContent =
      ":host{all:initial}" +
      ".launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;padding:12px 18px;" +
      "border:0;border-radius:24px;background:#1d4ed8;color:#fff;font:600 15px system-ui,sans-serif;" +
      "box-shadow:0 4px 14px rgba(0,0,0,.25);cursor:pointer}" +
      ".launcher:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}" +
      ".panel{position:fixed;right:20px;bottom:76px;z-index:2147483000;width:360px;height:520px;" +
      "max-width:calc(100vw - 40px);max-height:calc(100vh - 100px);border-radius:12px;overflow:hidden;" +
      "box-shadow:0 8px 30px rgba(0,0,0,.3);background:#fff}" +
      ".panel[hidden]{display:none}" +
      "iframe{border:0;width:100%;height:100%}";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "launcher";
    button.textContent = T.open;
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", "parley-chat-panel");
    var panel = document.createElement("div");
    panel.id = "parley-chat-panel";
    panel.className = "panel";
    panel.hidden = true;
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", T.frame);
    var frame = null;
    var loaded = false;

    function focusFrame() {
      if (loaded && frame.contentWindow) {
        frame.contentWindow.postMessage({ parleyChat: "focus" }, src.origin);
      }
    }
    function open() {
      if (!frame) {
        frame = document.createElement("iframe");
        frame.title = T.frame;
        // The visitor id and identity travel in the fragment: never sent to servers or logged.
        frame.src = base + "/chat/" + encodeURIComponent(account) + "/frame?lang=" +
          (zh ? "zh-CN" : "en") + "#v=" + encodeURIComponent(visitorId()) +
          "&id=" + encodeURIComponent(identity) + "&o=" + encodeURIComponent(location.origin);
        frame.addEventListener("load", function () {
          loaded = true;
          focusFrame();
        });
        panel.appendChild(frame);
      }
      panel.hidden = false;
      // The label stays; aria-expanded tells whether the chat is open.
      button.setAttribute("aria-expanded", "true");
      focusFrame();
    }
    function close() {
      panel.hidden = true;
      button.setAttribute("aria-expanded", "false");
      button.focus();
    }
    button.addEventListener("click", function () {
      if (panel.hidden) open(); else close();
    });
    window.addEventListener("message", function (e) {
      if (e.origin === src.origin && e.data && e.data.parleyChat === "close") close();
    });
    shadow.appendChild(style);
    shadow.appendChild(panel);
    shadow.appendChild(button);
    document.body.appendChild(host);
  }

  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
})();
