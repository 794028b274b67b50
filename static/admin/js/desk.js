/* The article desk (admin/articles/article/change_form.html).
 *
 * - The live checklist: while the writer types, the form is sent (debounced) to
 *   the checklist address of the publishing box, which answers with the
 *   checklist's HTML. Nothing is saved; chosen pictures are not uploaded, only
 *   marked as chosen with an empty file of the same field name.
 * - The links of the refusal's list and of the checklist take the writer to the
 *   field, also where the field is an editor (CKEditor) or a search box (select2)
 *   that hides the original input.
 */
;(() => {
  "use strict"

  const DELAY = 600

  function editors() {
    return window.CKEDITOR ? Object.values(window.CKEDITOR.instances) : []
  }

  function formData(form) {
    for (const editor of editors()) editor.updateElement()
    const data = new FormData(form)
    for (const input of form.querySelectorAll("input[type=file][name]")) {
      data.delete(input.name)
      if (input.files.length) data.set(input.name, new Blob([]), "dipilih")
    }
    return data
  }

  function liveChecklist(form, side) {
    const url = side.dataset.checklistUrl
    const box = side.querySelector(".checklist-live")
    if (!url || !box) return
    let timer = null
    let sent = 0
    function refresh() {
      const ticket = ++sent
      fetch(url, {
        method: "POST",
        body: formData(form),
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" },
      })
        .then((response) => (response.ok ? response.json() : null))
        .then((answer) => {
          // Only the answer to the latest question counts.
          if (answer && ticket === sent) box.innerHTML = answer.html
        })
        .catch(() => undefined)
    }
    function later() {
      clearTimeout(timer)
      timer = setTimeout(refresh, DELAY)
    }
    form.addEventListener("input", later)
    form.addEventListener("change", later)
    document.addEventListener("formset:added", later)
    document.addEventListener("formset:removed", later)
    document.addEventListener("sections:reordered", later)
    if (window.CKEDITOR) {
      window.CKEDITOR.on("instanceReady", (event) => event.editor.on("change", later))
    }
    refresh()
  }

  function goTo(id) {
    const target = document.getElementById(id)
    if (!target) return false
    const editor = window.CKEDITOR && window.CKEDITOR.instances[id]
    if (editor) {
      const frame = document.getElementById(`cke_${id}`) || target
      frame.scrollIntoView({ block: "center" })
      editor.focus()
      return true
    }
    if (target.offsetParent === null) {
      // Hidden behind a widget (select2): go to its row and its visible control.
      const row = target.closest(".form-row, .inline-related") || target.parentElement
      row.scrollIntoView({ block: "center" })
      const control = row.querySelector(
        ".select2-selection, input:not([type=hidden]), select, textarea, button",
      )
      if (control) control.focus()
      return true
    }
    target.scrollIntoView({ block: "center" })
    target.focus()
    return true
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest(".desk-summary a[href^='#'], .checklist a[href^='#']")
    if (link && goTo(decodeURIComponent(link.getAttribute("href").slice(1)))) {
      event.preventDefault()
    }
  })

  document.addEventListener("DOMContentLoaded", () => {
    const side = document.querySelector(".desk-side")
    const form = side && side.closest("form")
    if (form) liveChecklist(form, side)
    const summary = document.getElementById("desk-summary")
    if (summary) summary.focus()
  })
})()
