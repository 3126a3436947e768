// Order status widget (inside its iframe): posts the order number with the buyer's email or phone.
(function () {
  "use strict";
  const main = document.getElementById("order-status");
  const form = document.getElementById("order-form");
  const result = document.getElementById("order-result");
  function show(text) {
    result.textContent = text;
  }
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const number = document.getElementById("order-number").value.trim();
    const contact = document.getElementById("order-contact").value.trim();
    if (!number || !contact) {
      show(result.dataset.invalid);
      return;
    }
    const body = { orderNumber: number };
    if (contact.includes("@")) body.email = contact;
    else body.phone = contact;
    fetch(main.dataset.api, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
    })
      .then((r) => r.json().then((json) => ({ status: r.status, json })))
      .then(({ status, json }) => {
        if (status === 200) {
          result.textContent = "";
          const p = document.createElement("p");
          p.textContent = result.dataset.status + ": " + (json.status || "?");
          result.appendChild(p);
          if (json.placedAt) {
            const d = document.createElement("p");
            d.textContent = result.dataset.placed + ": " + json.placedAt;
            result.appendChild(d);
          }
          if (json.items && json.items.length) {
            const ul = document.createElement("ul");
            json.items.forEach((i) => {
              const li = document.createElement("li");
              li.textContent = i;
              ul.appendChild(li);
            });
            result.appendChild(ul);
          }
        } else if (status === 404) show(result.dataset.notFound);
        else if (status === 429) show(result.dataset.limited);
        else if (status === 400) show(result.dataset.invalid);
        else show(result.dataset.unavailable);
      })
      .catch(() => show(result.dataset.unavailable));
  });
})();
