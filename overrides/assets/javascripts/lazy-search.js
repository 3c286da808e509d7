// Material requests its whole search index (which grows with every post) on every
// page view. Hold that one request back until the reader starts a search: focusing
// the search field (by click, tap or keyboard shortcut) or opening search on a phone.
(function () {
  "use strict";
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = [];
  var wanted = false;

  function release() {
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (go) { go(); });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.cbSearchIndex = /\/search\/search_index\.json$/.test(new URL(String(url), location.href).pathname);
    return open.apply(this, arguments);
  };

  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (!request.cbSearchIndex || wanted) return send.apply(request, args);
    held.push(function () { send.apply(request, args); });
  };

  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest("form[name=search]")) release();
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) release();
  });
})();
