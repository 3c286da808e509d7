// Share links ([data-share], overrides/partials/share.html): the links work without this
// file; it adds "Copy link" and, where the browser has one (phones), the system share sheet.
// Loaded from the site itself, so no inline script needs a Content-Security-Policy exception.
(function () {
  "use strict";
  document.querySelectorAll("[data-share]").forEach(function (box) {
    var status = box.querySelector("[data-share-status]");
    var copy = box.querySelector("[data-share-copy]");
    var native = box.querySelector("[data-share-native]");
    function say(text) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    }
    if (copy && navigator.clipboard && window.isSecureContext) {
      copy.closest("li").hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(copy.dataset.url).then(
          function () { say("Link copied."); },
          function () { say("Could not copy the link; copy it from the address bar."); }
        );
      });
    }
    if (native && typeof navigator.share === "function") {
      native.closest("li").hidden = false;
      native.addEventListener("click", function () {
        navigator.share({ title: native.dataset.title, url: native.dataset.url }).catch(function () {});
      });
    }
  });
})();
