// Parley console: CSRF for htmx, live updates over server-sent events, presence on a case
// (collision detection) and keyboard shortcuts.
(function () {
  "use strict";

  function csrf() {
    const token = document.querySelector('meta[name="_csrf"]');
    const header = document.querySelector('meta[name="_csrf_header"]');
    return token && header ? { header: header.content, token: token.content } : null;
  }

  document.addEventListener("htmx:configRequest", (event) => {
    const c = csrf();
    if (c) {
      event.detail.headers[c.header] = c.token;
    }
  });

  // A form that undoes work asks first (data-confirm holds the question, in the page's language).
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  }, true);

  // A macro's text lands in the composer: continue typing after it.
  document.addEventListener("htmx:afterSwap", () => {
    const body = document.getElementById("reply-body");
    if (body && document.activeElement && document.activeElement.id === "macro") {
      body.focus();
      body.setSelectionRange(body.value.length, body.value.length);
    }
  });

  function post(url, params) {
    const c = csrf();
    const headers = { "Content-Type": "application/x-www-form-urlencoded" };
    if (c) headers[c.header] = c.token;
    return fetch(url, { method: "POST", headers, body: new URLSearchParams(params || {}), keepalive: true })
      .catch(() => {});
  }

  function refresh(selector) {
    const el = document.querySelector(selector);
    if (el && window.htmx) {
      window.htmx.trigger(el, "refresh");
    }
  }

  // A ringing phone call at this agent's extension: show the caller's profile over the page.
  function showPop(call) {
    fetch("/integration/calls/" + encodeURIComponent(call) + "/pop", { headers: { "HX-Request": "true" } })
      .then((r) => (r.ok ? r.text() : null))
      .then((html) => {
        if (!html) return;
        const holder = document.createElement("div");
        holder.innerHTML = html;
        const pop = holder.querySelector(".screen-pop");
        if (!pop) return;
        document.querySelectorAll(".screen-pop").forEach((old) => old.remove());
        document.body.appendChild(pop);
        const close = pop.querySelector("[data-pop-close]");
        if (close) close.addEventListener("click", () => pop.remove());
        const first = pop.querySelector("button.primary");
        if (first) first.focus();
      })
      .catch(() => {});
  }

  function startLive() {
    const live = document.querySelector("[data-live]");
    const staff = document.body && document.body.getAttribute("data-staff") === "true";
    if ((!live && !staff) || !window.EventSource) return;
    const source = new EventSource("/cases/stream");
    const reference = live ? live.getAttribute("data-case") : null;
    source.addEventListener("screenpop", (e) => {
      const data = JSON.parse(e.data);
      showPop(data.call);
    });
    let opened = false;
    source.addEventListener("open", () => {
      // After a reconnect, events may have been missed: refresh what is on screen.
      if (opened) {
        refresh("#results");
        refresh("#timeline");
        refresh("#details");
      }
      opened = true;
    });
    source.addEventListener("case", (e) => {
      const data = JSON.parse(e.data);
      if (!live) return;
      if (live.getAttribute("data-live") === "list") {
        refresh("#results");
      } else if (data.reference === reference) {
        refresh("#timeline");
        refresh("#details");
      }
    });
    source.addEventListener("presence", (e) => {
      const data = JSON.parse(e.data);
      if (data.reference === reference) {
        const p = document.getElementById("presence");
        if (p && window.htmx) window.htmx.trigger(p, "presence");
      }
    });
    window.addEventListener("pagehide", () => source.close());
  }

  function startPresence() {
    const live = document.querySelector('[data-live="case"]');
    if (!live) return;
    const reference = live.getAttribute("data-case");
    const base = "/cases/" + encodeURIComponent(reference) + "/presence";
    const body = document.getElementById("reply-body");
    let typing = false;
    let typingTimer = null;
    const report = () => post(base, { typing: String(typing) });
    report();
    setInterval(report, 5000);
    document.addEventListener("input", (e) => {
      if (e.target && e.target.id === "reply-body") {
        if (!typing) {
          typing = true;
          report();
        }
        clearTimeout(typingTimer);
        typingTimer = setTimeout(() => {
          typing = false;
          report();
        }, 4000);
      }
    });
    window.addEventListener("pagehide", () => post(base + "/leave"));
    if (body && body.value) body.focus();
  }

  function inField(e) {
    const t = e.target;
    return t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName));
  }

  function startShortcuts() {
    let row = -1;
    document.addEventListener("keydown", (e) => {
      if (e.ctrlKey || e.metaKey || e.altKey || inField(e)) return;
      const rows = Array.from(document.querySelectorAll("table.cases tbody tr"));
      const composer = document.getElementById("reply-body");
      switch (e.key) {
        case "j":
        case "k":
          if (!rows.length) return;
          row = Math.max(0, Math.min(rows.length - 1, row + (e.key === "j" ? 1 : -1)));
          rows.forEach((r, i) => r.classList.toggle("selected", i === row));
          rows[row].querySelector("a").focus();
          e.preventDefault();
          break;
        case "x":
          if (row >= 0 && rows[row]) {
            const box = rows[row].querySelector('input[type="checkbox"]');
            if (box) box.checked = !box.checked;
          }
          break;
        case "o":
          if (row >= 0 && rows[row]) rows[row].querySelector("a").click();
          break;
        case "r":
        case "n":
          if (composer) {
            const radio = document.querySelector('input[name="kind"][value="' + (e.key === "r" ? "reply" : "note") + '"]');
            if (radio) radio.checked = true;
            composer.focus();
            e.preventDefault();
          }
          break;
        case "t": {
          const take = document.querySelector('[data-shortcut="t"]');
          if (take) take.click();
          break;
        }
        case "/": {
          const search = document.getElementById("q");
          if (search) {
            search.focus();
            e.preventDefault();
          }
          break;
        }
        default:
      }
    });
  }

  // An open console page keeps its agent's presence alive; silence turns them offline.
  function startHeartbeat() {
    if (!document.querySelector("[data-presence]")) return;
    setInterval(() => post("/presence/heartbeat"), 30000);
  }

  // The supervisor board reloads when queues or agents change.
  function startBoard() {
    const board = document.querySelector("[data-board]");
    if (!board || !window.EventSource) return;
    const source = new EventSource("/supervisor/stream");
    // One reload at a time, and one more if a change came meanwhile: the board replaces itself
    // (outerHTML), so a refresh queued on the old element while a reload was in flight was lost.
    let loading = 0; // when the reload in flight started, 0 if none
    let again = false;
    const reload = () => {
      const current = document.querySelector("[data-board]");
      if (!current || !window.htmx) return;
      if (loading && Date.now() - loading < 10000) {
        again = true;
        return;
      }
      loading = Date.now();
      window.htmx.trigger(current, "refresh");
    };
    const done = () => {
      loading = 0;
      if (again) {
        again = false;
        setTimeout(reload, 0);
      }
    };
    const isBoard = (event) => event.target.matches && event.target.matches("[data-board]");
    // The new board settles in the page; a failed reload leaves the old one where it was.
    document.body.addEventListener("htmx:afterSettle", (event) => {
      if (isBoard(event)) done();
    });
    document.body.addEventListener("htmx:afterRequest", (event) => {
      if (isBoard(event) && event.detail.failed) done();
    });
    source.addEventListener("board", reload);
    source.addEventListener("open", reload);
    window.addEventListener("pagehide", () => source.close());
  }

  document.addEventListener("DOMContentLoaded", () => {
    startLive();
    startPresence();
    startShortcuts();
    startHeartbeat();
    startBoard();
  });
})();
