// Order status widget: <script src="https://parley.example.com/order-status/widget.js" data-lang="zh-CN" async></script>
// puts an iframe with the lookup form where the script tag is.
(function () {
  "use strict";
  const script = document.currentScript;
  if (!script) return;
  const base = new URL(script.src).origin;
  const lang = script.getAttribute("data-lang") === "zh-CN" ? "zh-CN" : "en";
  const frame = document.createElement("iframe");
  frame.src = base + "/order-status/widget?lang=" + lang;
  frame.title = lang === "zh-CN" ? "订单状态" : "Order status";
  frame.style.border = "0";
  frame.style.width = "100%";
  frame.style.maxWidth = "28rem";
  frame.style.height = "22rem";
  script.parentNode.insertBefore(frame, script.nextSibling);
})();
