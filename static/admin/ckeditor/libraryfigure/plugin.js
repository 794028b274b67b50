/* CKEditor 4 plugin: a picture of the media library inside a section's text.
 *
 * The "Gambar dari pustaka" button opens a picker (a <dialog> built with DOM
 * methods: no inline handler, no HTML string) that searches the pictures this
 * user may use, through the admin's JSON answer (editor.config.libraryUrl,
 * articles/library.py). Choosing one inserts a reference, never an address:
 *
 *     <figure data-figure="12" data-caption="optional caption of this use">
 *
 * In the editor the reference is a widget showing the picture's thumbnail and
 * caption; what the editor gives back (downcast) is the empty element alone,
 * which the server's allow-list keeps (articles/richtext.py) and the page renders
 * with the template of a section's picture.
 */
;(() => {
  "use strict"

  const TEXT = {
    button: "Gambar dari pustaka",
    title: "Sisipkan gambar dari pustaka",
    search: "Cari keterangan, sumber, atau pengunggah",
    caption: "Keterangan di tempat ini (opsional)",
    captionHelp: "Kosong: keterangan gambar di pustaka yang tampil.",
    loading: "Memuat pustaka…",
    none: "Tidak ada gambar yang cocok.",
    failed: "Pustaka tidak bisa dimuat. Coba lagi.",
    close: "Tutup",
    choose: "Pilih",
    missing: "Gambar ini tidak ada lagi di pustaka: hapus rujukan ini.",
    credit: "sumber",
  }

  function ask(url, params) {
    const query = new URLSearchParams(params).toString()
    return fetch(`${url}?${query}`, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    }).then((response) =>
      response.ok ? response.json() : Promise.reject(response.status),
    )
  }

  function element(tag, attributes = {}, text = "") {
    const node = document.createElement(tag)
    for (const [name, value] of Object.entries(attributes)) {
      node.setAttribute(name, value)
    }
    if (text) node.textContent = text
    return node
  }

  function captionLine(caption, source) {
    let line = caption || ""
    if (source) line += `${line ? " " : ""}(${TEXT.credit}: ${source})`
    return line
  }

  // The widget's face in the editor: thumbnail and caption, or a warning.
  function showFigure(widget, url) {
    const box = widget.element.$
    const id = widget.data.id
    box.replaceChildren(element("span", { class: "library-figure-note" }, "…"))
    ask(url, { id })
      .then((data) => {
        const figure = data.results[0]
        const image = element("img", { src: figure.thumbnail, alt: figure.alt })
        const line = captionLine(widget.data.caption || figure.caption, figure.source)
        box.replaceChildren(image, element("span", { class: "library-figure-note" }, line))
        box.classList.remove("library-figure-missing")
      })
      .catch(() => {
        box.replaceChildren(element("span", { class: "library-figure-note" }, TEXT.missing))
        box.classList.add("library-figure-missing")
      })
  }

  function openPicker(editor, url) {
    // Where to insert: the editor loses focus to the picker.
    const selection = editor.getSelection()
    if (selection) selection.lock()
    const dialog = element("dialog", {
      class: "library-picker",
      "aria-labelledby": `${editor.name}-library-title`,
    })
    const heading = element("h2", { id: `${editor.name}-library-title` }, TEXT.title)
    const searchId = `${editor.name}-library-search`
    const captionId = `${editor.name}-library-caption`
    const search = element("input", { type: "search", id: searchId, autocomplete: "off" })
    const caption = element("input", { type: "text", id: captionId, maxlength: "300" })
    const status = element("p", { class: "library-picker-status", role: "status" })
    const results = element("ul", { class: "library-picker-results" })
    const close = element("button", { type: "button", class: "library-picker-close" }, TEXT.close)
    dialog.append(
      heading,
      element("label", { for: searchId }, TEXT.search),
      search,
      element("label", { for: captionId }, TEXT.caption),
      caption,
      element("p", { class: "help" }, TEXT.captionHelp),
      status,
      results,
      close,
    )

    function finish() {
      dialog.close()
      dialog.remove()
      editor.focus()
      if (selection) selection.unlock(true)
    }

    function insert(figure) {
      const reference = editor.document.createElement("figure")
      reference.setAttribute("data-figure", String(figure.id))
      const text = caption.value.trim()
      if (text) reference.setAttribute("data-caption", text)
      finish()
      editor.insertElement(reference)
      editor.widgets.initOn(reference, "libraryfigure")
    }

    function list(figures) {
      results.replaceChildren()
      status.textContent = figures.length ? "" : TEXT.none
      for (const figure of figures) {
        const button = element("button", { type: "button", class: "library-picker-choice" })
        const line = captionLine(figure.caption || figure.alt, figure.source)
        button.append(
          element("img", { src: figure.thumbnail, alt: "" }),
          element("span", {}, line),
        )
        button.setAttribute("aria-label", `${TEXT.choose}: ${line}`)
        button.addEventListener("click", () => insert(figure))
        const item = element("li")
        item.append(button)
        results.append(item)
      }
    }

    let timer = null
    let asked = 0
    function load() {
      const number = ++asked
      status.textContent = TEXT.loading
      ask(url, { q: search.value })
        .then((data) => number === asked && list(data.results))
        .catch(() => {
          if (number === asked) status.textContent = TEXT.failed
        })
    }
    search.addEventListener("input", () => {
      clearTimeout(timer)
      timer = setTimeout(load, 250)
    })
    search.addEventListener("keydown", (event) => {
      if (event.key === "Enter") event.preventDefault()
    })
    close.addEventListener("click", finish)
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault()
      finish()
    })
    document.body.append(dialog)
    dialog.showModal()
    search.focus()
    load()
  }

  CKEDITOR.plugins.add("libraryfigure", {
    requires: "widget",
    init(editor) {
      const url = editor.config.libraryUrl
      editor.widgets.add("libraryfigure", {
        allowedContent: "figure[!data-figure,data-caption]",
        requiredContent: "figure[data-figure]",
        // The drag handle is a data: image, which the policy refuses; a picture
        // moves with cut and paste.
        draggable: false,
        upcast(element) {
          return element.name === "figure" && "data-figure" in element.attributes
        },
        downcast() {
          const attributes = { "data-figure": String(this.data.id) }
          if (this.data.caption) attributes["data-caption"] = this.data.caption
          return new CKEDITOR.htmlParser.element("figure", attributes)
        },
        init() {
          this.element.addClass("library-figure")
          this.setData("id", this.element.getAttribute("data-figure"))
          this.setData("caption", this.element.getAttribute("data-caption") || "")
        },
        data() {
          showFigure(this, url)
        },
      })
      editor.addCommand("libraryfigure", {
        exec: () => openPicker(editor, url),
        allowedContent: "figure[!data-figure,data-caption]",
        requiredContent: "figure[data-figure]",
      })
      editor.ui.addButton("LibraryFigure", {
        label: TEXT.button,
        command: "libraryfigure",
        toolbar: "insert",
        icon: "image",
      })
    },
  })
})()
