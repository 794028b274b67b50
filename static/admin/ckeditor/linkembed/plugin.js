/* CKEditor 4 plugin: an embed (YouTube, Instagram, TikTok, X, Google Maps) in a
 * section's text, from a pasted link.
 *
 * The "Sematkan tautan" button opens a small form (a <dialog> built with DOM
 * methods: no inline handler, no HTML string) for the link and an optional
 * title. The server decides what the link may become (editor.config.embedUrl,
 * articles/references.py and articles/embeds.py): a reference, provider and id,
 * or a reason to refuse it, shown in the form. The reference is stored as
 *
 *     <div data-embed="youtube:dQw4w9WgXcQ" data-title="optional title"></div>
 *
 * and shown in the editor as a widget naming the provider and the title; the
 * page renders it as a click-to-load facade. A link pasted on its own paragraph
 * becomes an embed on save too.
 */
;(() => {
  "use strict"

  const TEXT = {
    button: "Sematkan tautan (YouTube, Instagram, TikTok, X, Google Maps)",
    title: "Sematkan tautan",
    url: "Tautan",
    urlHelp: "Salin dari tombol “Bagikan” YouTube, Instagram, TikTok, X, atau Google Maps.",
    name: "Judul (opsional)",
    insert: "Sematkan",
    cancel: "Batal",
    checking: "Memeriksa tautan…",
    failed: "Tautan tidak bisa diperiksa. Coba lagi.",
  }

  function element(tag, attributes = {}, text = "") {
    const node = document.createElement(tag)
    for (const [name, value] of Object.entries(attributes)) {
      node.setAttribute(name, value)
    }
    if (text) node.textContent = text
    return node
  }

  function openForm(editor, url) {
    const selection = editor.getSelection()
    if (selection) selection.lock()
    const prefix = `${editor.name}-embed`
    const dialog = element("dialog", {
      class: "library-picker embed-picker",
      "aria-labelledby": `${prefix}-title`,
    })
    const form = element("form", { method: "dialog" })
    const link = element("input", { type: "url", id: `${prefix}-url`, required: "" })
    const name = element("input", { type: "text", id: `${prefix}-name`, maxlength: "200" })
    const status = element("p", { class: "embed-picker-status", role: "alert" })
    const insert = element("button", { type: "submit", class: "default" }, TEXT.insert)
    const cancel = element("button", { type: "button" }, TEXT.cancel)
    const buttons = element("p", { class: "embed-picker-buttons" })
    buttons.append(insert, cancel)
    form.append(
      element("h2", { id: `${prefix}-title` }, TEXT.title),
      element("label", { for: link.id }, TEXT.url),
      link,
      element("p", { class: "help" }, TEXT.urlHelp),
      element("label", { for: name.id }, TEXT.name),
      name,
      status,
      buttons,
    )
    dialog.append(form)

    function finish() {
      dialog.close()
      dialog.remove()
      editor.focus()
      if (selection) selection.unlock(true)
    }

    form.addEventListener("submit", (event) => {
      event.preventDefault()
      status.textContent = TEXT.checking
      const query = new URLSearchParams({ url: link.value, title: name.value })
      fetch(`${url}?${query}`, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then((response) => response.json().then((data) => [response.ok, data]))
        .then(([ok, data]) => {
          if (!ok) {
            status.textContent = data.error || TEXT.failed
            return
          }
          const reference = editor.document.createElement("div")
          reference.setAttribute("data-embed", data.reference)
          if (data.title) reference.setAttribute("data-title", data.title)
          finish()
          editor.insertElement(reference)
          editor.widgets.initOn(reference, "linkembed")
        })
        .catch(() => {
          status.textContent = TEXT.failed
        })
    })
    cancel.addEventListener("click", finish)
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault()
      finish()
    })
    document.body.append(dialog)
    dialog.showModal()
    link.focus()
  }

  const LABELS = {
    youtube: "YouTube",
    instagram: "Instagram",
    tiktok: "TikTok",
    x: "X",
    maps: "Google Maps",
  }

  CKEDITOR.plugins.add("linkembed", {
    requires: "widget",
    init(editor) {
      const url = editor.config.embedUrl
      editor.widgets.add("linkembed", {
        allowedContent: "div[!data-embed,data-title]",
        requiredContent: "div[data-embed]",
        // The drag handle is a data: image, which the policy refuses.
        draggable: false,
        upcast(element) {
          return element.name === "div" && "data-embed" in element.attributes
        },
        downcast() {
          const attributes = { "data-embed": this.data.reference }
          if (this.data.title) attributes["data-title"] = this.data.title
          return new CKEDITOR.htmlParser.element("div", attributes)
        },
        init() {
          this.element.addClass("link-embed")
          this.setData("reference", this.element.getAttribute("data-embed"))
          this.setData("title", this.element.getAttribute("data-title") || "")
        },
        data() {
          const [provider, id] = this.data.reference.split(/:(.*)/s)
          const label = LABELS[provider] || provider
          const box = this.element.$
          box.replaceChildren(
            element("strong", {}, `▶ ${label}`),
            element("span", {}, this.data.title || id),
          )
        },
      })
      editor.addCommand("linkembed", {
        exec: () => openForm(editor, url),
        allowedContent: "div[!data-embed,data-title]",
        requiredContent: "div[data-embed]",
      })
      editor.ui.addButton("LinkEmbed", {
        label: TEXT.button,
        command: "linkembed",
        toolbar: "insert",
        icon: "iframe",
      })
    },
  })
})()
