// Progressive enhancement for survey pages; every page works without it.
// 1. Questions, and grid rows, that depend on an answer on the same page are hidden
//    until they apply (the server ignores their answers when they do not, with or
//    without this script); the notes that tell readers without it when to answer go.
// 2. An exclusive option ("None of these") clears the others, and the others clear it.
// 3. Pages without an upload save themselves a moment after each change.
// 4. A page shown again with problems puts the focus on their summary, so the
//    next Tab reaches the first link to a field that needs an answer.
(function () {
  "use strict";
  var form = document.querySelector("form.survey-form");
  if (!form) return;

  function valuesOf(code) {
    var name = "q_" + code;
    var out = [];
    var fields = form.querySelectorAll('[name="' + name + '"]');
    for (var i = 0; i < fields.length; i++) {
      var f = fields[i];
      if ((f.type === "radio" || f.type === "checkbox") && !f.checked) continue;
      if (f.value !== "") out.push(f.value);
    }
    return out;
  }

  function holds(condition) {
    if (condition.all) return condition.all.every(holds);
    if (condition.any) return condition.any.some(holds);
    if (condition.not) return !holds(condition.not);
    var values = valuesOf(condition.question);
    if ("equals" in condition) return values.length === 1 && values[0] === condition.equals;
    if ("in" in condition) return values.length === 1 && condition.in.indexOf(values[0]) >= 0;
    if ("includes" in condition) return values.indexOf(condition.includes) >= 0;
    if ("answered" in condition) return values.length > 0 === condition.answered;
    var n = values.length === 1 ? Number(values[0].replace(/,/g, "")) : NaN;
    if (isNaN(n)) return false;
    return (!("gte" in condition) || n >= condition.gte) && (!("lte" in condition) || n <= condition.lte);
  }

  var dependent = form.querySelectorAll("[data-show-if]");
  var notes = form.querySelectorAll(".condition-note");
  for (var n = 0; n < notes.length; n++) notes[n].classList.add("is-hidden");
  function refresh() {
    for (var i = 0; i < dependent.length; i++) {
      var el = dependent[i];
      el.classList.toggle("is-hidden", !holds(JSON.parse(el.getAttribute("data-show-if"))));
    }
  }

  function exclusive(event) {
    var box = event.target;
    if (box.type !== "checkbox" || !box.checked) return;
    var group = form.querySelectorAll('input[type="checkbox"][name="' + box.name + '"]');
    for (var i = 0; i < group.length; i++) {
      var other = group[i];
      if (other === box) continue;
      if (box.hasAttribute("data-exclusive") || other.hasAttribute("data-exclusive")) other.checked = false;
    }
  }

  var status = form.querySelector(".autosave-status");
  var timer = null;
  var inFlight = null;
  function autosave() {
    if (!form.hasAttribute("data-autosave") || !window.fetch) return;
    window.clearTimeout(timer);
    // "Saved" no longer holds once something changed; clearing it also lets the
    // next "Saved" be announced again.
    if (status) status.textContent = "";
    timer = window.setTimeout(function () {
      var data = new URLSearchParams(new FormData(form));
      data.set("_action", "autosave");
      inFlight = fetch(form.action, {
        method: "POST",
        body: data,
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (res) {
          return res.json().then(function (body) {
            if (res.ok && body.saved) {
              form.querySelector('input[name="_baseline"]').value = body.baseline;
              if (status) status.textContent = "Saved";
            } else if (body.stale && status) {
              status.textContent = "This page was changed in another window. Reload it before going on.";
            }
          });
        })
        .catch(function () {
          if (status)
            status.textContent = "Not saved yet: check your connection. Your answers will be saved when you continue.";
        })
        .then(function () {
          inFlight = null;
        });
    }, 1500);
  }

  form.addEventListener("change", function (event) {
    exclusive(event);
    refresh();
    autosave();
  });
  form.addEventListener("input", function (event) {
    if (event.target.type === "text" || event.target.tagName === "TEXTAREA") autosave();
  });
  form.addEventListener("submit", function (event) {
    window.clearTimeout(timer);
    // An autosave still on its way changes the page's baseline after this form
    // was read, and the server would refuse the submission as a stale page:
    // send the form once the autosave has answered, with the button pressed.
    if (inFlight && form.requestSubmit) {
      event.preventDefault();
      var submitter = event.submitter || null;
      inFlight.then(function () {
        form.requestSubmit(submitter);
      });
    }
  });
  refresh();

  var summary = document.querySelector(".error-summary");
  if (summary) summary.focus();
})();
