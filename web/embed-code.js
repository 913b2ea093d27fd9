// The embed-code page: copy buttons, choices that apply at once, and a
// preview that takes the height its embed asks for.
(function () {
  "use strict";
  var status = document.querySelector(".copy-status");
  document.querySelectorAll(".copy-button").forEach(function (button) {
    button.addEventListener("click", function () {
      var field = document.getElementById(button.dataset.copy);
      field.focus();
      field.select();
      var done = function () { status.textContent = "Copied to the clipboard."; };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(field.value).then(done, function () {
          status.textContent = "Press Ctrl+C (or ⌘C) to copy the selected code.";
        });
      } else {
        status.textContent = document.execCommand("copy") ? "Copied to the clipboard." : "Press Ctrl+C (or ⌘C) to copy the selected code.";
      }
    });
  });
  var form = document.querySelector(".embed-options");
  form.addEventListener("change", function () { form.submit(); });
  var preview = document.getElementById("preview");
  window.addEventListener("message", function (e) {
    if (e.source !== preview.contentWindow || !e.data || e.data.sentinel !== "amp") return;
    preview.style.height = e.data.height + "px";
  });
})();
