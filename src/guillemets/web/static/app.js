// guillemets: small progressive enhancements; every page works without this file.
"use strict";
(function () {
  document.documentElement.classList.add("js");

  // "/" focuses the search box, as on many sites.
  document.addEventListener("keydown", function (event) {
    const target = event.target;
    const typing = target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (event.key === "/" && !typing) {
      const box = document.querySelector("input[type=search]");
      if (box) { event.preventDefault(); box.focus(); box.select(); }
    }
  });

  // Changing "search in" quotes/articles re-runs the current search.
  document.querySelectorAll("form.search input[name=type]").forEach(function (radio) {
    radio.addEventListener("change", function () {
      const form = radio.form;
      if (form && form.elements.namedItem("q") && form.elements.namedItem("q").value.trim()) { form.requestSubmit(); }
    });
  });

  // Empty filter fields are left out of the URL.
  document.querySelectorAll("form").forEach(function (form) {
    form.addEventListener("submit", function () {
      Array.from(form.elements).forEach(function (el) {
        if ((el instanceof HTMLInputElement || el instanceof HTMLSelectElement) && el.name && el.value === "") { el.disabled = true; }
      });
      window.setTimeout(function () { Array.from(form.elements).forEach(function (el) { el.disabled = false; }); }, 0);
    });
  });

  // Article page: show or hide the entity highlights.
  const toggle = document.getElementById("toggle-entities");
  if (toggle) {
    toggle.addEventListener("change", function () {
      document.body.classList.toggle("hide-entities", !toggle.checked);
    });
  }

  // Article page: the quote named in the URL (#quote-…) is briefly emphasised.
  function flash() {
    const id = decodeURIComponent(window.location.hash.slice(1));
    const el = id ? document.getElementById(id) : null;
    if (el && el.classList.contains("quote")) {
      el.classList.add("flash");
      window.setTimeout(function () { el.classList.remove("flash"); }, 2000);
    }
  }
  window.addEventListener("hashchange", flash);
  flash();
})();
