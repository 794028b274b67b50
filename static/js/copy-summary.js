// "Salin ringkasan untuk WhatsApp" on a client's report (templates/ads/client_report.html).
// The text is rendered by the server into the textarea; this only copies it, and
// says so in the button's own words (its data-copied / data-failed attributes).
// Without JavaScript the button stays hidden and the text can be selected by hand.
document.querySelectorAll("[data-copy-target]").forEach((button) => {
  const source = document.getElementById(button.dataset.copyTarget);
  const status = document.getElementById(button.dataset.copyStatus);
  if (!source) {
    return;
  }
  button.hidden = false;
  button.addEventListener("click", async () => {
    let copied = false;
    try {
      await navigator.clipboard.writeText(source.value);
      copied = true;
    } catch (error) {
      source.focus();
      source.select();
      copied = document.execCommand("copy");
    }
    if (status) {
      status.textContent = copied ? button.dataset.copied : button.dataset.failed;
    }
  });
});
