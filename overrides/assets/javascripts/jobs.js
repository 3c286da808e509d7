// The job board's filters, instant with JavaScript. Without it they are plain links
// (to a location's type sections, or to the type pages), which work as they are.
(function () {
  "use strict";
  var board = document.querySelector("[data-job-board]");
  if (!board) return;
  var filter = board.querySelector("[data-job-filter]");

  function choose(link) {
    filter.querySelectorAll("a[data-filter-type]").forEach(function (a) {
      if (a === link) a.setAttribute("aria-current", "true");
      else a.removeAttribute("aria-current");
    });
    return link.getAttribute("data-filter-type");
  }

  // A location page holding all its jobs: show only the chosen type's section.
  var sections = board.querySelector("[data-job-sections][data-complete]");
  if (filter && sections) {
    filter.addEventListener("click", function (event) {
      var link = event.target.closest("a[data-filter-type]");
      if (!link) return;
      event.preventDefault();
      var type = choose(link);
      sections.querySelectorAll("[data-section-type]").forEach(function (section) {
        section.hidden = type !== "" && section.getAttribute("data-section-type") !== type;
      });
      history.replaceState(null, "", type ? "#type-" + type : location.pathname);
    });
  }

  // /jobs/: filter the locations by job type and by what is typed, as you type.
  var list = board.querySelector("[data-locations]");
  if (!list) return;
  var box = board.querySelector("[data-place-filter-box]");
  var input = board.querySelector("[data-place-filter]");
  var empty = board.querySelector("[data-filter-empty]");
  var chosenType = "";
  function apply() {
    var words = (input ? input.value : "").toLowerCase().trim();
    var shown = 0;
    list.querySelectorAll("li[data-place]").forEach(function (item) {
      var types = " " + item.getAttribute("data-types");
      var match = item.getAttribute("data-place").indexOf(words) !== -1 &&
        (chosenType === "" || types.indexOf(" " + chosenType + " ") !== -1);
      item.hidden = !match;
      if (match) shown += 1;
    });
    if (empty) empty.hidden = shown !== 0;
  }
  if (box && input) {
    box.hidden = false;
    input.addEventListener("input", apply);
  }
  if (filter) {
    filter.addEventListener("click", function (event) {
      var link = event.target.closest("a[data-filter-type]");
      if (!link) return;
      event.preventDefault();
      chosenType = choose(link);
      apply();
    });
  }
})();
