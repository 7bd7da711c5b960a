/* Members directory: an instant filter by name and a menu of types above the list.
   The page lists every member without this script (and jumps to each type by its links);
   the script only hides what does not match. Its words come from the list's data-* attributes,
   in the page's language. Written by hand: no library does this small thing without weight. */
(function () {
  "use strict";
  var fold = function (text) {
    return (text || "").toLocaleLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/ё/g, "е").replace(/\s+/g, " ").trim();
  };
  var setUp = function (list) {
    var groups = [];
    list.querySelectorAll("h2[id]").forEach(function (heading) {
      var items = heading.nextElementSibling;
      if (!items || items.tagName !== "UL") { return; }
      groups.push({ heading: heading, type: heading.id, items: Array.prototype.map.call(
        items.children, function (li) { return { li: li, text: fold(li.textContent) }; }) });
    });
    if (!groups.length) { return; }
    var form = document.createElement("form");
    form.className = "ms-filter";
    form.setAttribute("role", "search");
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var nameLabel = document.createElement("label");
    var name = document.createElement("input");
    name.type = "search";
    name.className = "md-input ms-filter__name";
    nameLabel.textContent = list.dataset.filter;
    nameLabel.appendChild(name);
    var typeLabel = document.createElement("label");
    var type = document.createElement("select");
    type.className = "ms-filter__type";
    typeLabel.textContent = list.dataset.filterType;
    typeLabel.appendChild(type);
    var all = document.createElement("option");
    all.value = "";
    all.textContent = list.dataset.filterAll;
    type.appendChild(all);
    groups.forEach(function (group) {
      var option = document.createElement("option");
      option.value = group.type;
      option.textContent = group.heading.textContent;
      type.appendChild(option);
    });
    var none = document.createElement("p");
    none.className = "ms-filter__none";
    none.textContent = list.dataset.filterNone;
    none.hidden = true;
    none.setAttribute("role", "status");
    form.appendChild(nameLabel);
    if (groups.length > 1) { form.appendChild(typeLabel); }
    list.parentNode.insertBefore(form, list);
    list.parentNode.insertBefore(none, list);
    var apply = function () {
      var words = fold(name.value).split(" ").filter(Boolean);
      var shown = 0;
      groups.forEach(function (group) {
        var inGroup = 0;
        var typeOk = !type.value || type.value === group.type;
        group.items.forEach(function (item) {
          var ok = typeOk && words.every(function (w) { return item.text.indexOf(w) !== -1; });
          item.li.hidden = !ok;
          if (ok) { inGroup += 1; }
        });
        group.heading.hidden = !inGroup;
        group.heading.nextElementSibling.hidden = !inGroup;
        shown += inGroup;
      });
      none.hidden = shown > 0;
    };
    name.addEventListener("input", apply);
    type.addEventListener("change", apply);
  };
  document.querySelectorAll(".ms-directory").forEach(setUp);
})();
