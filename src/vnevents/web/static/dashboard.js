// Dashboard charts (Chart.js, vendored): data comes from the page's JSON block.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("dashboard-data").textContent);
  const typeLabels = JSON.parse(document.getElementById("type-labels").textContent);
  const strings = JSON.parse(document.getElementById("strings").textContent);
  const red = "#b3261e", blue = "#1a56a6";
  const common = { responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } } };
  const link = (key, value) => `/search?${new URLSearchParams({ [key]: value })}`;

  function chart(id, type, rows, color, options, facet, label = (key) => key) {
    const el = document.getElementById(id);
    if (!el || !rows.length) { if (el) el.parentElement.textContent = strings.no_data; return; }
    new Chart(el, {
      type,
      data: { labels: rows.map((r) => label(r.key)), datasets: [{ data: rows.map((r) => r.count), backgroundColor: color, borderColor: color }] },
      options: Object.assign({}, common, options, facet ? {
        onClick: (_, els) => { if (els.length) window.location = link(facet, rows[els[0].index].key); },
      } : {}),
    });
  }

  // Every month between the first and the last, so quiet months show as gaps.
  function fillMonths(rows) {
    if (!rows.length) return rows;
    const counts = new Map(rows.map((r) => [r.key, r.count]));
    const out = [];
    let [y, m] = rows[0].key.split("-").map(Number);
    const last = rows[rows.length - 1].key;
    for (let guard = 0; guard < 1200; guard++) {
      const key = `${y}-${String(m).padStart(2, "0")}`;
      out.push({ key, count: counts.get(key) || 0 });
      if (key >= last) break;
      m += 1; if (m > 12) { m = 1; y += 1; }
    }
    return out;
  }

  // "2022-12" → "12/2022", as Vietnamese readers write a month.
  const monthLabel = (key) => { const [y, m] = key.split("-"); return `${m}/${y}`; };
  chart("by-month", "bar", fillMonths(data.by_month), blue, { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    null, monthLabel);
  // A taller box when every province is charted, so each bar keeps its label.
  const provinceBox = document.getElementById("by-province");
  if (provinceBox && data.by_province.length > 20) provinceBox.parentElement.style.height = `${data.by_province.length * 18 + 40}px`;
  chart("by-province", "bar", data.by_province, red,
    { indexAxis: "y", scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } }, "province");
  chart("by-type", "bar", data.by_type.filter((r) => r.key !== "unknown"), "#6a4fb3",
    { indexAxis: "y", scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } }, "type",
    (key) => typeLabels[key] || key);
})();
