// Article page: link the item list and the highlights both ways.
(function () {
  "use strict";
  const items = JSON.parse(document.getElementById("items-data").textContent);
  const byRef = new Map(items.map((it) => [it.ref, it]));
  const detail = document.getElementById("detail");
  const strings = JSON.parse(document.getElementById("strings").textContent);

  function marksFor(ref) {
    return Array.from(document.querySelectorAll("mark.hl")).filter((m) =>
      m.dataset.refs.split(" ").includes(ref));
  }

  function show(refs) {
    document.querySelectorAll(".active").forEach((el) => el.classList.remove("active"));
    detail.replaceChildren();
    detail.classList.remove("muted");
    refs.forEach((ref, i) => {
      const it = byRef.get(ref);
      if (!it) return;
      marksFor(ref).forEach((m) => m.classList.add("active"));
      const btn = document.querySelector(`button.item[data-ref="${ref}"]`);
      if (btn) btn.classList.add("active");
      const line = document.createElement("div");
      const tag = document.createElement("span");
      tag.className = "tag k-" + it.kind;
      tag.textContent = it.kind_label || it.kind;
      const quote = document.createElement("q");
      quote.textContent = it.text;
      line.append(tag, ` ${it.label} — ${strings.read_from} `, quote,
        ` (${strings.characters} ${it.start}–${it.end})`);
      detail.append(line);
      if (i === 0) {
        const first = marksFor(ref)[0];
        if (first) first.scrollIntoView({ block: "center", behavior: "smooth" });
      }
    });
  }

  document.querySelectorAll("button.item").forEach((btn) =>
    btn.addEventListener("click", () => show([btn.dataset.ref])));
  document.querySelectorAll("mark.hl").forEach((m) =>
    m.addEventListener("click", () => show(m.dataset.refs.split(" "))));
})();
