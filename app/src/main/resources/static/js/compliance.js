// Highlights the brand's sensitive words in the reply composer as the agent types (debounced):
// the server checks the draft with the same rules the outbox gate applies when the reply is sent.
(function () {
  'use strict';
  var timer = null;
  var last = null;

  function csrf() {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    return token && header ? [header.content, token.content] : null;
  }

  function render(box, text, matches) {
    while (box.firstChild) { box.removeChild(box.firstChild); }
    if (!matches.length) { box.hidden = true; return; }
    box.hidden = false;
    var title = document.createElement('p');
    title.className = 'gate-title';
    title.textContent = box.dataset.title;
    box.appendChild(title);
    var list = document.createElement('ul');
    var seen = {};
    matches.forEach(function (m) {
      var key = m.term + '|' + m.action;
      if (seen[key]) { return; }
      seen[key] = true;
      var li = document.createElement('li');
      li.className = 'gate-' + m.action.toLowerCase();
      li.setAttribute('data-testid', 'gate-term');
      var word = document.createElement('mark');
      word.textContent = m.term;
      li.appendChild(word);
      li.appendChild(document.createTextNode(' — ' + (box.dataset[m.action.toLowerCase()] || m.action)));
      list.appendChild(li);
    });
    box.appendChild(list);
    var preview = document.createElement('p');
    preview.className = 'gate-preview';
    var at = 0;
    matches.forEach(function (m) {
      preview.appendChild(document.createTextNode(text.substring(at, m.start)));
      var mark = document.createElement('mark');
      mark.className = 'gate-' + m.action.toLowerCase();
      mark.textContent = text.substring(m.start, m.end);
      preview.appendChild(mark);
      at = m.end;
    });
    preview.appendChild(document.createTextNode(text.substring(at)));
    box.appendChild(preview);
  }

  function check(area) {
    var box = document.getElementById('gate-matches');
    if (!box) { return; }
    var text = area.value;
    if (text === last) { return; }
    last = text;
    var body = new URLSearchParams();
    body.set('reference', box.dataset.reference);
    body.set('text', text);
    var headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
    var token = csrf();
    if (token) { headers[token[0]] = token[1]; }
    fetch('/compliance/check', { method: 'POST', headers: headers, body: body, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : { matches: [] }; })
      .then(function (data) { if (area.value === text) { render(box, text, data.matches || []); } })
      .catch(function () { /* the gate still checks on sending */ });
  }

  document.addEventListener('input', function (e) {
    if (e.target && e.target.id === 'reply-body') {
      clearTimeout(timer);
      var area = e.target;
      timer = setTimeout(function () { check(area); }, 300);
    }
  });

  document.addEventListener('click', function (e) {
    if (e.target && e.target.id === 'print-export') { window.print(); }
  });
})();
