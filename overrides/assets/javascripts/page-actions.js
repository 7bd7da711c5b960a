/* A statement's print button: shown only where this script runs (printing needs it); the
   page prints on A4 by microsite.css's print rules. */
(function () {
  "use strict";
  document.querySelectorAll(".ms-print").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
