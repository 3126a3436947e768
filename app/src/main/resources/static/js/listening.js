// Listening pages: the mentions feed refreshes on server-sent events; share of voice draws its chart.
(function () {
  "use strict";

  function startFeed() {
    const feed = document.querySelector("[data-mentions]");
    if (!feed || !window.EventSource) return;
    const source = new EventSource("/listening/mentions/stream");
    source.addEventListener("mention", (e) => {
      const data = JSON.parse(e.data);
      if (window.htmx) window.htmx.trigger(feed, "refresh");
      if (data.notify) {
        const alert = document.getElementById("mention-alert");
        if (alert) alert.hidden = false;
      }
    });
    window.addEventListener("pagehide", () => source.close());
  }

  function drawChart() {
    const canvas = document.getElementById("voice-chart");
    if (!canvas || !window.Chart) return;
    fetch(canvas.getAttribute("data-source"), { headers: { Accept: "application/json" } })
      .then((r) => r.json())
      .then((report) => {
        const datasets = Object.entries(report.perDay).map(([subject, counts]) => ({
          label: subject,
          data: counts,
          fill: false,
          tension: 0.2,
        }));
        new window.Chart(canvas, {
          type: "line",
          data: { labels: report.days, datasets },
          options: { responsive: true, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
        });
      });
  }

  document.addEventListener("DOMContentLoaded", () => {
    startFeed();
    drawChart();
  });
})();
