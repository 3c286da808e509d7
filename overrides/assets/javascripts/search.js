// Search with Pagefind inside Material's search box. Pagefind splits its index into
// small chunks fetched per query, so neither a page view nor a search downloads an
// index that grows with the site. Pagefind itself loads on the first focus.
(function () {
  "use strict";
  var form = document.querySelector("form[data-cb-search]");
  if (!form) return;
  var root = new URL("../../", document.currentScript.src); // this file is assets/javascripts/search.js
  var toggle = document.getElementById("__search");
  var input = form.querySelector("input");
  var meta = document.querySelector("[data-cb-search-meta]");
  var list = document.querySelector("[data-cb-search-results]");
  var idle = meta.textContent;
  var engine = null;
  var latest = 0;

  function load() {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", root).href).then(function (pagefind) {
        return pagefind.options({ baseUrl: root.pathname }).then(function () { return pagefind; });
      });
    }
    return engine;
  }

  function setOpen(open) {
    if (toggle && toggle.checked !== open) toggle.checked = open;
  }

  function isTyping(target) {
    return target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName);
  }

  function search(query) {
    var ticket = ++latest;
    if (!query) {
      list.textContent = "";
      meta.textContent = idle;
      return;
    }
    load()
      .then(function (pagefind) { return pagefind.debouncedSearch(query, {}, 120); })
      .then(function (found) {
        if (!found || ticket !== latest) return null; // overtaken by later typing
        return Promise.all(found.results.slice(0, 10).map(function (r) { return r.data(); }))
          .then(function (pages) { if (ticket === latest) show(pages, found.results.length); });
      });
  }

  function show(pages, total) {
    meta.textContent = total === 0 ? "No matching documents"
      : total === 1 ? "1 matching document" : total + " matching documents";
    list.textContent = "";
    pages.forEach(function (page) {
      var item = document.createElement("li");
      item.className = "md-search-result__item";
      var link = document.createElement("a");
      link.className = "md-search-result__link";
      link.href = page.url;
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      var title = document.createElement("h1");
      title.textContent = (page.meta && page.meta.title) || page.url;
      var excerpt = document.createElement("p");
      excerpt.innerHTML = page.excerpt; // Pagefind's excerpt: escaped page text with <mark> around hits
      article.append(title, excerpt);
      link.append(article);
      item.append(link);
      list.append(item);
    });
  }

  input.addEventListener("focus", function () { setOpen(true); load(); });
  input.addEventListener("input", function () { search(input.value.trim()); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  form.addEventListener("reset", function () { search(""); });
  if (toggle) toggle.addEventListener("change", function () { if (toggle.checked) input.focus(); });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle && toggle.checked) {
      setOpen(false);
      input.blur();
    } else if ((event.key === "/" || event.key === "s") && !isTyping(event.target)) {
      event.preventDefault();
      input.focus();
    }
  });
})();
