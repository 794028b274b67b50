/* Share buttons (templates/articles/_share.html), a progressive enhancement: the
   WhatsApp, Facebook, X and Telegram links work without this script. Where the
   browser can, it shows "Salin tautan" (the Clipboard API) and "Bagikan lewat
   aplikasi" (the Web Share API, the phone's own share sheet). No inline code, no
   third-party script, no cookie: it runs under the site's Content-Security-Policy. */
(function () {
  "use strict";

  function reveal(button) {
    button.closest("li").hidden = false;
  }

  document.querySelectorAll("[data-share]").forEach(function (box) {
    var url = box.dataset.url;
    var title = box.dataset.title;
    var status = box.querySelector("[data-share-status]");
    var copy = box.querySelector("[data-share-copy]");
    var native = box.querySelector("[data-share-native]");

    if (copy && navigator.clipboard && window.isSecureContext) {
      reveal(copy);
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(url).then(
          function () { status.textContent = box.dataset.copied; },
          function () { status.textContent = box.dataset.copyFailed; }
        );
      });
    }

    if (native && typeof navigator.share === "function") {
      reveal(native);
      native.addEventListener("click", function () {
        status.textContent = "";
        navigator.share({ title: title, url: url }).catch(function () {
          /* The reader closed the share sheet: nothing to say. */
        });
      });
    }
  });
})();
