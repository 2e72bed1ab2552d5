// The console's progressive enhancement: countdowns that tick, the queue refreshed in place,
// and the reply composer's live compliance check. Every page works without it.
"use strict";

const csrf = () => document.body.dataset.csrf || "";

function duration(seconds) {
  const left = Math.abs(Math.trunc(seconds));
  const days = Math.floor(left / 86400);
  const hours = Math.floor((left % 86400) / 3600);
  const minutes = Math.floor((left % 3600) / 60);
  const secs = left % 60;
  const pad = (n) => String(n).padStart(2, "0");
  const text = (days ? days + "d " : "") + pad(hours) + ":" + pad(minutes) + ":" + pad(secs);
  return seconds < 0 ? "overdue " + text : text;
}

// Each countdown knows the seconds left when the server rendered it; the browser's own clock
// only measures how long ago that was, so a skewed browser clock cannot move a deadline.
function tick() {
  const now = performance.now();
  for (const el of document.querySelectorAll("[data-countdown]")) {
    if (!el.dataset.seen) el.dataset.seen = String(now);
    const left = Number(el.dataset.remaining) - (now - Number(el.dataset.seen)) / 1000;
    el.textContent = duration(left);
    const due = Date.parse(el.dataset.due);
    const passed = (el.dataset.warnings || "").split(",").filter(Boolean)
      .filter((w) => (due - Date.parse(w)) / 1000 >= left).length;
    const urgency = left <= 0 ? "breached" : "w" + Math.min(passed, 3);
    for (const c of ["w0", "w1", "w2", "w3", "breached"]) el.classList.toggle(c, c === urgency);
  }
}

function pollQueue(table) {
  const refresh = async () => {
    if (table.contains(document.activeElement) && document.activeElement.tagName === "INPUT") return;
    const response = await fetch(table.dataset.poll, { credentials: "same-origin" });
    if (!response.ok) return;
    const holder = document.createElement("template");
    holder.innerHTML = (await response.text()).trim();
    const fresh = holder.content.querySelector("tbody");
    const old = table.querySelector("tbody");
    if (!fresh || !old) return;
    const before = new Map([...old.querySelectorAll("tr[data-case]")].map((r) => [r.dataset.case, r.dataset.version]));
    for (const row of fresh.querySelectorAll("tr[data-case]")) {
      if (before.get(row.dataset.case) !== row.dataset.version) row.classList.add("fresh");
    }
    old.replaceWith(fresh);
    tick();
  };
  setInterval(refresh, 5000);
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

// Offsets are the server's character offsets (code points), not UTF-16 units.
function highlighted(text, findings) {
  const chars = Array.from(text);
  const spans = findings.filter((f) => f.field === "body" && f.end > f.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let out = "", at = 0;
  for (const f of spans) {
    if (f.start < at) continue;
    out += escapeHtml(chars.slice(at, f.start).join(""));
    out += '<mark class="' + f.severity + '" title="' + escapeHtml(f.rule + ": " + f.advice) + '" data-rule="' +
      escapeHtml(f.rule) + '">' + escapeHtml(chars.slice(f.start, f.end).join("")) + "</mark>";
    at = f.end;
  }
  return out + escapeHtml(chars.slice(at).join(""));
}

function composer(box) {
  const base = "/console/cases/" + box.dataset.case;
  const body = box.querySelector("[data-body]");
  const subject = box.querySelector("[data-subject]");
  const language = box.querySelector("[data-language]");
  const override = box.querySelector("[data-override]");
  const send = box.querySelector("[data-send]");
  const state = box.querySelector("[data-send-state]");
  const list = box.querySelector("[data-findings]");
  const mirror = box.querySelector("[data-mirror]");
  let findings = [], timer = null, asked = 0;

  const post = (path, data) => fetch(base + path, {
    method: "POST", credentials: "same-origin",
    headers: { "content-type": "application/json", "x-csrf-token": csrf() },
    body: JSON.stringify(data),
  });

  const judge = () => {
    const errors = findings.filter((f) => f.severity === "error");
    const blocked = errors.length > 0 && override.value.trim() === "";
    send.disabled = blocked;
    send.setAttribute("aria-disabled", String(blocked));
    state.textContent = blocked
      ? "Sending is refused while an error stands: fix it, or give an override reason."
      : errors.length ? "Will send with an override; the reason is noted on the case." : "";
  };

  const show = () => {
    mirror.innerHTML = highlighted(body.value, findings);
    list.innerHTML = findings.length
      ? "<ul>" + findings.map((f) => '<li class="' + f.severity + '"><strong>' + escapeHtml(f.severity) + "</strong> " +
          escapeHtml(f.rule) + (f.excerpt ? ": <q>" + escapeHtml(f.excerpt) + "</q>" : "") + " – " + escapeHtml(f.advice) +
          "</li>").join("") + "</ul>"
      : body.value.trim() ? '<p class="ok">No findings.</p>' : "";
    judge();
  };

  const check = async () => {
    const mine = ++asked;
    const response = await post("/check", { subject: subject.value, body: body.value, language: language.value || null });
    if (!response.ok || mine !== asked) return;
    findings = (await response.json()).findings;
    show();
  };

  const soon = () => { clearTimeout(timer); timer = setTimeout(check, 200); };
  body.addEventListener("input", soon);
  subject.addEventListener("input", soon);
  override.addEventListener("input", judge);
  const asks = box.querySelector("[data-template-values]");
  box.querySelector("[data-insert-template]").addEventListener("click", async () => {
    const name = document.getElementById("t-name").value;
    const lang = document.getElementById("t-lang").value.trim();
    const values = {};
    for (const input of asks.querySelectorAll("input")) values[input.name] = input.value;
    const response = await post("/render", { name: name, language: lang || null, values: values });
    const answer = await response.json();
    if (!response.ok) {
      // The case does not know every placeholder's value: ask for the rest, then insert again.
      state.textContent = answer.error;
      for (const missing of answer.missing || []) {
        if (asks.querySelector('input[name="' + missing + '"]')) continue;
        const id = "tv-" + missing;
        asks.insertAdjacentHTML("beforeend", '<div><label for="' + id + '">' + escapeHtml(missing.replace(/_/g, " ")) +
          '</label><input id="' + id + '" name="' + escapeHtml(missing) + '"></div>');
      }
      const first = asks.querySelector("input");
      if (first) first.focus();
      return;
    }
    asks.innerHTML = "";
    state.textContent = "";
    subject.value = answer.subject; body.value = answer.body; language.value = answer.language;
    body.focus();
    check();
  });
  if (body.value) check();
}

document.addEventListener("DOMContentLoaded", () => {
  tick();
  setInterval(tick, 1000);
  const table = document.querySelector("table[data-poll]");
  if (table) pollQueue(table);
  for (const box of document.querySelectorAll("[data-composer]")) composer(box);
});
