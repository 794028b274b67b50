/* Click-to-load embeds (templates/includes/embed.html, articles/embeds.py).
 *
 * Until the reader presses an embed's button, the page loads nothing from the
 * provider: no script, frame, image or cookie. The button swaps the facade for
 * the provider's frame, whose address the server built from the stored
 * reference (data-embed-frame) and the Content-Security-Policy's frame-src
 * allows. Without this script the facade's link still leads to the original.
 */
"use strict"
document.addEventListener("click", (event) => {
  const button = event.target.closest(".embed-load")
  const embed = button && button.closest("figure.embed")
  const address = embed && embed.dataset.embedFrame
  if (!address || !address.startsWith("https://")) return
  const frame = document.createElement("iframe")
  frame.src = address
  frame.title = embed.dataset.embedTitle || ""
  frame.className = "embed-frame"
  frame.allow = "encrypted-media; picture-in-picture; fullscreen"
  frame.allowFullscreen = true
  frame.referrerPolicy = "strict-origin-when-cross-origin"
  embed.querySelector(".embed-facade").replaceWith(frame)
  frame.focus()
})
